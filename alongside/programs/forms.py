from typing import Any

from django import forms

from alongside.lib.forms import AccessibleForm, date_field, split_list, text_area
from alongside.people.models import CAPACITY_MAX
from alongside.people.services import TIMEZONES
from alongside.programs.answers import DEPARTMENT_MAX, TEXT_MAX, questions_for
from alongside.programs.models import (
    DESCRIPTION_MAX,
    PROGRAM_NAME_MAX,
    QUESTION_ROLES,
    EnrollmentMode,
    EnrollmentStatus,
    MatchingMode,
    Program,
    Question,
    Role,
)

TIMEZONE_CHOICES = [("", "Choose your time zone"), *((z, z) for z in sorted(TIMEZONES))]


class ImportForm(AccessibleForm):
    file = forms.FileField(
        required=False,
        label="CSV file",
        help_text="Columns: email, name, role (mentor or mentee), capacity, skills_wanted, "
        "skills_offered, goals, bio, timezone, languages, seniority (0-10), department. "
        "Separate the entries of a list with ';'.",
    )
    text = text_area(
        required=False,
        label="Or paste the rows here",
        rows=6,
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
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Name or email",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(required=False, choices=[("", "Any role"), *Role.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *EnrollmentStatus.choices]
    )
    matched = forms.ChoiceField(
        required=False,
        label="Matched",
        choices=[("", "Matched or not"), ("yes", "Matched"), ("no", "Not matched")],
    )


def _question_field(question: str) -> forms.Field:
    roles = QUESTION_ROLES.get(question, ("mentor", "mentee"))
    who = "" if len(roles) == 2 else f" ({roles[0]}s)"
    label = f"{Question(question).label}{who}"
    if question in (Question.SKILLS_WANTED, Question.SKILLS_OFFERED, Question.LANGUAGES):
        return forms.CharField(
            required=False, max_length=2000, label=label, help_text="Separate them with commas."
        )
    if question in (Question.GOALS, Question.MENTOR_TRAITS):
        return text_area(required=False, max_length=TEXT_MAX, label=label, rows=3)
    if question == Question.TIMEZONE:
        return forms.ChoiceField(required=False, choices=TIMEZONE_CHOICES, label=label)
    if question == Question.SENIORITY:
        return forms.IntegerField(required=False, min_value=0, max_value=10, label=label)
    return forms.CharField(required=False, max_length=DEPARTMENT_MAX, label=label)


class EnrollForm(AccessibleForm):
    """Take part in a program: the role, a mentor's capacity in this program, and the
    answers to the questions the program asks (each role's own)."""

    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect, label="Take part as")
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=CAPACITY_MAX,
        label="Mentees at once (mentors)",
        help_text=f"How many mentees you take at once in this program, 0 to {CAPACITY_MAX}.",
    )

    def __init__(
        self,
        *args: Any,
        program: Program | None = None,
        roles: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        roles = list(Role.values) if roles is None else roles
        if roles and Role.MENTOR not in roles:
            del self.fields["capacity"]  # a mentee states no capacity
        asked: set[str] = set()
        if program is not None:
            for role in roles or Role.values:
                asked.update(questions_for(program, role))
        # In the program's order of questions.
        self.questions = [q for q in (program.questions if program else []) if q in asked]
        for question in self.questions:
            self.fields[question] = _question_field(question)
        from alongside.lib.text import apply_text_rules

        apply_text_rules(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if (
            role == Role.MENTOR
            and data.get("capacity") is None
            and "capacity" in self.fields
            and "capacity" not in self.errors
        ):
            self.add_error(
                "capacity", f"Say how many mentees you take at once (0 to {CAPACITY_MAX})."
            )
        if role == Role.MENTEE or "capacity" not in self.fields:
            data["capacity"] = None  # a mentee's form may carry anything there
        return data

    def answers(self) -> dict[str, Any]:
        """The answers to the questions asked of the chosen role, left-out ones omitted."""
        if self.program is None:
            return {}
        out: dict[str, Any] = {}
        for question in questions_for(self.program, self.cleaned_data["role"]):
            value = self.cleaned_data.get(question)
            if value in (None, ""):
                continue
            if question in (Question.SKILLS_WANTED, Question.SKILLS_OFFERED, Question.LANGUAGES):
                value = split_list(str(value))
            out[question] = value
        return out


class ProgramForm(AccessibleForm):
    name = forms.CharField(max_length=PROGRAM_NAME_MAX)
    description = text_area(required=False, max_length=DESCRIPTION_MAX, rows=4)
    starts_on = date_field(label="Starts on")
    ends_on = date_field(label="Ends on")
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
    questions = forms.MultipleChoiceField(
        required=False,
        choices=Question.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Questions asked when people enroll",
        initial=list(Question.values),
    )

    @classmethod
    def for_program(cls, program: Program, data: Any = None) -> "ProgramForm":
        initial = {field: getattr(program, field) for field in cls.base_fields}
        return cls(data=data, initial=initial)


class AdminForm(AccessibleForm):
    email = forms.EmailField(label="Email of the new admin", max_length=254)


class InvitationForm(AccessibleForm):
    emails = text_area(
        label="Email addresses",
        max_length=20000,
        rows=4,
        help_text="One per line, up to 200. People new to Alongside get an account and "
        "choose their password from the email.",
    )
    role = forms.ChoiceField(
        choices=Role.choices, widget=forms.RadioSelect, label="Invite them to take part as"
    )
