from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from alongside.lib.forms import AccessibleForm, split_list, text_area
from alongside.people.models import (
    BIO_MAX,
    CAPACITY_MAX,
    EMAIL_MAX,
    HEADLINE_MAX,
    NAME_MAX,
    Channel,
    Person,
)
from alongside.people.services import HERE_TO, timezone_choices

_LIST_HELP = "Separate with commas. Duplicates are removed."


class SignupForm(AccessibleForm):
    name = forms.CharField(max_length=NAME_MAX, label="Your name")
    email = forms.EmailField(max_length=EMAIL_MAX)
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=256,
        help_text="At least 8 characters; not only numbers, not a common password.",
    )
    here_to = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in HERE_TO.items()],
        initial="find",
        widget=forms.RadioSelect,
        label="You are here to",
    )
    timezone = forms.ChoiceField(
        choices=timezone_choices,
        initial="UTC",
        label="Time zone",
        help_text="Meetings are shown in this time zone. Your browser's is chosen for you.",
        widget=forms.Select(attrs={"data-browser-timezone": ""}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out (an older client of the page), they take the API's defaults.
        self.fields["here_to"].required = self.fields["timezone"].required = False
        if self.is_bound:  # the person's own choice comes back: the browser's does not replace it
            self.fields["timezone"].widget.attrs["data-chosen"] = "1"

    def clean_here_to(self) -> str:
        return self.cleaned_data["here_to"] or "find"

    def clean_timezone(self) -> str:
        return self.cleaned_data["timezone"] or "UTC"


class SigninForm(AccessibleForm):
    email = forms.EmailField(
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        max_length=256, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ProfileForm(AccessibleForm):
    name = forms.CharField(max_length=NAME_MAX)
    headline = forms.CharField(
        max_length=HEADLINE_MAX,
        required=False,
        help_text="One line: what you do, what you care about.",
    )
    bio = text_area(max_length=BIO_MAX, required=False, rows=5)
    timezone = forms.ChoiceField(
        choices=timezone_choices,
        label="Time zone",
        help_text="Meetings are shown in this time zone.",
    )
    skills = forms.CharField(max_length=2000, required=False, help_text=_LIST_HELP)
    interests = forms.CharField(max_length=2000, required=False, help_text=_LIST_HELP)
    languages = forms.CharField(max_length=1000, required=False, help_text=_LIST_HELP)
    open_to_mentor = forms.BooleanField(required=False, label="I am open to mentoring")
    mentor_capacity = forms.IntegerField(
        min_value=0,
        max_value=CAPACITY_MAX,
        label="How many mentees at once",
        help_text=f"From 0 to {CAPACITY_MAX}.",
    )
    seeking_mentor = forms.BooleanField(required=False, label="I am looking for a mentor")
    channel = forms.ChoiceField(choices=Channel.choices, label="Preferred channel")
    meeting_every_days = forms.IntegerField(min_value=1, max_value=365, label="Meet every … days")
    meeting_minutes = forms.IntegerField(min_value=5, max_value=480, label="Minutes per meeting")

    @classmethod
    def for_person(cls, person: Person, data: Any = None) -> "ProfileForm":
        initial = {field: getattr(person, field) for field in cls.base_fields}
        for field in ("skills", "interests", "languages"):
            initial[field] = ", ".join(initial[field])
        form = cls(data=data, initial=initial)
        # A zone saved under an older name ("US/Eastern") stays theirs to keep.
        listed = {name for _, zones in timezone_choices() for name, _ in zones}
        if person.timezone not in listed:
            zones = form.fields["timezone"]
            zones.choices = [("", [(person.timezone, person.timezone)]), *zones.choices]  # type: ignore[attr-defined]
        return form

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for field in ("skills", "interests", "languages"):
            data[field] = split_list(data[field])
        return data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The emailed link starts with SITE_URL, never with the request's Host header: a
    forged Host would otherwise send the victim's reset token to someone else's site."""

    def get_users(self, email: str) -> Iterator[Any]:
        """Django leaves out accounts without a usable password; an imported participant
        has none until they follow their invitation, and asks here when it has expired."""
        yield from super().get_users(email)
        yield from Person.objects.filter(
            email__iexact=email,
            is_active=True,
            last_login=None,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc + site.path
        kwargs["use_https"] = site.scheme == "https"
        kwargs["extra_email_context"] = {
            **(kwargs.get("extra_email_context") or {}),
            "site_url": settings.SITE_URL,
        }
        super().save(*args, **kwargs)


def _code_field(label: str, help_text: str, **attrs: Any) -> forms.CharField:
    """A two-factor code: six digits from the app, or a recovery code where `attrs` allow
    (the browser offers a code it received; no spelling fixes)."""
    attrs = {"autocomplete": "one-time-code", **attrs, "spellcheck": "false"}
    widget = forms.TextInput(attrs=attrs)
    return forms.CharField(max_length=32, label=label, help_text=help_text, widget=widget)


class CodeForm(AccessibleForm):
    code = _code_field(
        "Code",
        "The 6-digit code your authenticator app shows, or one of your recovery codes.",
        autofocus=True,
    )


class SetupCodeForm(AccessibleForm):
    code = _code_field(
        "Code from the app", "The 6-digit code the app shows for Alongside.", inputmode="numeric"
    )


class TwoFactorDisableForm(AccessibleForm):
    password = forms.CharField(
        max_length=256,
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = _code_field("Code", "From your authenticator app, or a recovery code.")
