import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone as tz

from alongside.lib.forms import AccessibleForm, date_field, text_area
from alongside.mentorships.models import (
    AGREEMENT_TEXT_MAX,
    MESSAGE_MAX,
    REASON_MAX,
    REFLECTION_MAX,
    AgreementVersion,
)
from alongside.people.models import Channel


class RequestForm(AccessibleForm):
    message = text_area(
        max_length=MESSAGE_MAX,
        required=False,
        rows=4,
        label="What do you hope for?",
        help_text="A few lines on what you would like to work on together.",
    )


class ReasonForm(AccessibleForm):
    reason = text_area(max_length=REASON_MAX, required=False, rows=3)


class EndForm(AccessibleForm):
    reason = text_area(
        max_length=REASON_MAX,
        rows=4,
        label="Your reason",
        help_text="Your partner reads it. Share what you are comfortable sharing.",
    )


class CompleteForm(AccessibleForm):
    reflection = text_area(
        max_length=REFLECTION_MAX,
        rows=5,
        label="Your closing reflection",
        help_text="What changed for you, and what comes next? Both of you read it.",
    )

    def __init__(self, *args: Any, confirming: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if confirming:
            self.fields["reflection"].required = False
            self.fields[
                "reflection"
            ].help_text = "Optional: what changed for you, and what comes next?"


class AgreementForm(AccessibleForm):
    mentee_hopes = text_area(
        max_length=AGREEMENT_TEXT_MAX, rows=4, label="What the mentee hopes to get"
    )
    mentor_offers = text_area(max_length=AGREEMENT_TEXT_MAX, rows=4, label="What the mentor offers")
    meeting_every_days = forms.IntegerField(min_value=1, max_value=365, label="Meet every … days")
    channel = forms.ChoiceField(choices=Channel.choices)
    meeting_minutes = forms.IntegerField(min_value=5, max_value=480, label="Minutes per meeting")
    ends_on = date_field(
        label="Planned end date",
        required=True,
        help_text="You can change it later with a new version.",
    )
    confidentiality = forms.BooleanField(
        required=False,
        label="We keep what we share in our conversations confidential",
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        required=False,
        label="Reason for this version",
        help_text="Required when changing an existing agreement, e.g. “we need more time”.",
    )

    @classmethod
    def for_version(
        cls,
        latest: AgreementVersion | None,
        defaults: dict[str, Any],
        data: Any = None,
        *,
        mentee_name: str = "the mentee",
        mentor_name: str = "the mentor",
    ) -> "AgreementForm":
        if latest is not None:
            initial = {f: getattr(latest, f) for f in AgreementVersion.TERMS}
        else:
            initial = {**defaults, "ends_on": tz.localdate() + dt.timedelta(days=180)}
        form = cls(data=data, initial=initial)
        form.fields["mentee_hopes"].label = f"What {mentee_name} hopes to get"
        form.fields["mentor_offers"].label = f"What {mentor_name} offers"
        if latest is None:
            # The first version needs no reason; it is recorded as "First version".
            del form.fields["reason"]
        else:
            form.fields["reason"].required = True
            form.fields["reason"].help_text = "Why change it? Both of you see this in the history."
        return form
