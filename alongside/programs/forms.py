from typing import Any

from django import forms

from alongside.lib.forms import AccessibleForm
from alongside.people.models import CAPACITY_MAX
from alongside.programs.models import (
    DESCRIPTION_MAX,
    PROGRAM_NAME_MAX,
    EnrollmentMode,
    EnrollmentStatus,
    MatchingMode,
    Program,
    Role,
)


class ImportForm(AccessibleForm):
    file = forms.FileField(
        required=False,
        label="CSV file",
        help_text="Columns: email, name, role (mentor or mentee), capacity, skills_wanted, "
        "skills_offered, goals, bio, timezone, languages, seniority (0-10), department. "
        "Separate the entries of a list with ';'.",
    )
    text = forms.CharField(
        required=False,
        label="Or paste the rows here",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The first line names the columns.",
    )
    skip_bad_rows = forms.BooleanField(
        required=False, label="Import the good rows even if some are bad"
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("text"):
            raise forms.ValidationError("Choose a CSV file, or paste its rows.")
        return data


class ParticipantFilter(forms.Form):
    role = forms.ChoiceField(required=False, choices=[("", "Any role"), *Role.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *EnrollmentStatus.choices]
    )
    matched = forms.ChoiceField(
        required=False,
        choices=[("", "Matched or not"), ("yes", "Matched"), ("no", "Not matched")],
    )
    q = forms.CharField(required=False, max_length=200, label="Name or email")


class EnrollForm(AccessibleForm):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect, label="Take part as")
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=CAPACITY_MAX,
        label="Mentees at once (mentors)",
        help_text="How many mentees you take at once in this program.",
    )


class ProgramForm(AccessibleForm):
    name = forms.CharField(max_length=PROGRAM_NAME_MAX)
    description = forms.CharField(
        required=False, max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_on = forms.DateField(
        required=False, label="Starts on", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        required=False, label="Ends on", widget=forms.DateInput(attrs={"type": "date"})
    )
    enrollment = forms.ChoiceField(
        choices=EnrollmentMode.choices, widget=forms.RadioSelect, label="Who may join"
    )
    matching = forms.ChoiceField(
        choices=MatchingMode.choices, widget=forms.RadioSelect, label="Who makes the pairs"
    )
    require_shared_language = forms.BooleanField(
        required=False, label="A pair must share a language"
    )
    avoid_same_department = forms.BooleanField(
        required=False, label="Never pair two people of the same department"
    )

    @classmethod
    def for_program(cls, program: Program, data: Any = None) -> "ProgramForm":
        initial = {field: getattr(program, field) for field in cls.base_fields}
        return cls(data=data, initial=initial)


class AdminForm(AccessibleForm):
    email = forms.EmailField(label="Email of the new admin", max_length=254)
