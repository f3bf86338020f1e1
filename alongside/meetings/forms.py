import datetime as dt
from typing import Any

from django import forms

from alongside.lib.forms import AccessibleForm, date_field, datetime_field, text_area
from alongside.meetings.models import (
    ITEM_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    NoteKind,
    Prompt,
    Visibility,
)
from alongside.mentorships.models import Mentorship


class MeetingForm(AccessibleForm):
    starts_at = datetime_field(
        label="Starts", help_text="In your time zone; each of you sees it in their own."
    )
    minutes = forms.IntegerField(min_value=5, max_value=480, label="Minutes")
    title = forms.CharField(max_length=TITLE_MAX, required=False)
    place = forms.CharField(max_length=PLACE_MAX, required=False, label="Place or video link")


class ScheduleForm(MeetingForm):
    repeat = forms.BooleanField(required=False, label="Repeat as a series")
    repeat_every_days = forms.IntegerField(
        min_value=1, max_value=365, required=False, label="Every … days"
    )
    repeat_until = date_field(label="Until")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat"):
            for field in ("repeat_every_days", "repeat_until"):
                if not data.get(field):
                    self.add_error(field, "Needed for a series.")
        return data

    def schedule_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        repeat = data.pop("repeat")
        if not repeat:
            data["repeat_every_days"] = data["repeat_until"] = None
        return data


class CancelForm(AccessibleForm):
    note = text_area(
        max_length=ITEM_MAX, required=False, rows=2, label="A note for the other person (optional)"
    )


class AgendaForm(AccessibleForm):
    text = forms.CharField(max_length=ITEM_MAX, required=False, label="Add to the agenda")
    prompt = forms.ChoiceField(required=False, label="…or pull an open-ended question")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for prompt in Prompt.objects.all():
            groups.setdefault(prompt.topic, []).append((str(prompt.public_id), prompt.text))
        self.fields["prompt"].choices = [("", "Choose a question…"), *groups.items()]  # type: ignore[attr-defined]


class NoteForm(AccessibleForm):
    body = text_area(max_length=TEXT_MAX, rows=3, label="Note")
    kind = forms.ChoiceField(
        choices=NoteKind.choices, initial=NoteKind.NOTE, label="Kind", widget=forms.RadioSelect
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.SHARED,
        label="Who sees it",
        widget=forms.RadioSelect,
    )


class ActionItemForm(AccessibleForm):
    text = forms.CharField(max_length=ITEM_MAX, label="Action")
    owner = forms.ChoiceField(label="Who")
    due_on = date_field(label="Due")

    # The meeting page also holds the agenda form, whose `text` would share the id `id_text`
    # (the "Action" label then pointed at the agenda's input): this form's ids are its own.
    ID_PREFIX = "id_action_"

    def __init__(self, *args: Any, mentorship: Mentorship, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.ID_PREFIX + "%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            (str(mentorship.mentee.public_id), mentorship.mentee.name),
            (str(mentorship.mentor.public_id), mentorship.mentor.name),
        ]


class FeedbackForm(AccessibleForm):
    rating = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        label="How useful was it? (1 = not at all, 5 = very)",
        widget=forms.RadioSelect,
    )
    went_well = text_area(max_length=TEXT_MAX, required=False, label="What went well", rows=2)
    do_differently = text_area(
        max_length=TEXT_MAX, required=False, label="What could I have done differently", rows=2
    )


def local_start_default(now: dt.datetime) -> dt.datetime:
    """Tomorrow at 09:00 local time: a sensible first suggestion."""
    return (now + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
