from typing import Any

from django import forms

from alongside.growth.models import SHORT_MAX, TEXT_MAX, Reaction
from alongside.growth.skills import Tracked
from alongside.lib.forms import AccessibleForm, split_list, text_area
from alongside.mentorships.models import TIMELINE_KINDS

_LEVELS = [("", "—"), *[(str(i), str(i)) for i in range(1, 6)]]


class CheckInForm(AccessibleForm):
    wins = text_area(max_length=TEXT_MAX, required=False, label="Wins since last time", rows=3)
    challenges = text_area(max_length=TEXT_MAX, required=False, label="Challenges", rows=3)
    feeling = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        label="How do you feel about your progress? (1 low, 5 high)",
    )

    def __init__(self, *args: Any, skills: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skills = skills[:12]
        for i, skill in enumerate(self.skills):
            self.fields[f"skill_{i}"] = forms.TypedChoiceField(
                choices=_LEVELS,
                coerce=int,
                required=False,
                empty_value=None,
                label=f"Confidence in {skill} (1-5)",
            )

    def ratings(self) -> list[dict[str, Any]]:
        return [
            {"skill": skill, "level": self.cleaned_data[f"skill_{i}"]}
            for i, skill in enumerate(self.skills)
            if self.cleaned_data.get(f"skill_{i}") is not None
        ]


class SkillsForm(AccessibleForm):
    """Tick the skills to rate in each check-in; add more by name."""

    track = forms.MultipleChoiceField(
        required=False,
        label="Skills your check-ins ask about",
        widget=forms.CheckboxSelectMultiple,
    )
    more = forms.CharField(
        max_length=SHORT_MAX,
        required=False,
        label="Add skills",
        help_text="Separate them with commas, for example: Giving feedback, SQL.",
    )

    def __init__(self, *args: Any, tracked: Tracked, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = [*tracked.skills, *tracked.suggestions]
        self.fields["track"].choices = [(n, n) for n in names]  # type: ignore[attr-defined]
        self.fields["track"].initial = list(tracked.skills)

    def clean(self) -> dict[str, Any]:
        """What the service takes: the names ticked, then those typed."""
        data = super().clean() or {}
        return {"skills": [*data.get("track", []), *split_list(data.get("more", ""))]}

    def add_error(self, field: str | None, error: Any) -> None:
        # The service names "skills" (the whole list) or "skills.N": both are typed here.
        super().add_error("more" if field is None else field, error)


class ReplyForm(AccessibleForm):
    reply = text_area(max_length=TEXT_MAX, label="Your reply", rows=2)


class AppreciationForm(AccessibleForm):
    message = text_area(max_length=SHORT_MAX, label="Say thank you", rows=2)


class CelebrationForm(AccessibleForm):
    title = forms.CharField(max_length=300, label="Celebrate something")


class ResourceForm(AccessibleForm):
    title = forms.CharField(max_length=200)
    url = forms.CharField(max_length=SHORT_MAX, required=False, label="Link (optional)")
    note = text_area(max_length=SHORT_MAX, required=False, label="A note about it", rows=2)


class ResponseForm(AccessibleForm):
    reaction = forms.ChoiceField(choices=[("", "No reaction"), *Reaction.choices], required=False)
    body = forms.CharField(max_length=SHORT_MAX, required=False, label="Reply")


class JournalForm(AccessibleForm):
    body = text_area(
        max_length=TEXT_MAX,
        label="Write for yourself",
        rows=5,
        help_text="Only you can ever read this. You may share one entry later.",
    )
    mentorship = forms.ChoiceField(required=False, label="About (optional)")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentorship"].choices = [("", "Nobody in particular"), *choices]  # type: ignore[attr-defined]


class JournalEditForm(AccessibleForm):
    body = text_area(
        max_length=TEXT_MAX,
        label="Your entry",
        rows=8,
        help_text="If you shared it, the other person reads the new words.",
    )


KIND_CHOICES = [("", "Everything"), *((k.value, k.label) for k in TIMELINE_KINDS)]
