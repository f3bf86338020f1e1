from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError

from alongside.lib.errors import ServiceError
from alongside.lib.text import apply_text_rules

T = TypeVar("T")


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's validation errors beside the matching fields of a form."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def split_list(text: str) -> list[str]:
    """'Python, public speaking ; SQL' -> ['Python', 'public speaking', 'SQL']."""
    return [part for chunk in text.split(";") for part in chunk.split(",")]


def text_area(
    *,
    rows: int,
    label: str | None = None,
    max_length: int | None = None,
    required: bool = True,
    help_text: str = "",
) -> forms.CharField:
    """Several lines of text in a box `rows` lines high (lib.text gives it the several-lines
    rule: line breaks kept)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


# Dates are typed the one way nobody misreads: a browser's date picker shows its own
# locale's order (03/04/2026 to a Berlin user with an English browser, which is 4 March to
# them and 3 April to the picker), and a plain text box shows what the site wrote.
DATE_FORMAT = "%Y-%m-%d"
DATE_HINT = "As YYYY-MM-DD, for example 2026-03-14."
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATETIME_HINT = "As YYYY-MM-DD HH:MM on a 24-hour clock, for example 2026-03-14 17:30."


def date_field(*, label: str, required: bool = False, help_text: str = "") -> forms.DateField:
    """A date typed as 2026-03-14, with that hint under it, for everyone alike."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(
            format=DATE_FORMAT,
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "date"},
        ),
        help_text=f"{help_text} {DATE_HINT}".strip(),
        error_messages={"invalid": f"Write the date {DATE_HINT[0].lower()}{DATE_HINT[1:]}"},
    )


def datetime_field(*, label: str, help_text: str = "") -> forms.DateTimeField:
    """A time typed as 2026-03-14 17:30 (the 'T' of ISO 8601 is taken too)."""
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(
            format=DATETIME_FORMAT, attrs={"autocomplete": "off", "class": "datetime"}
        ),
        help_text=f"{help_text} {DATETIME_HINT}".strip(),
        error_messages={
            "invalid": f"Write the date and time {DATETIME_HINT[0].lower()}{DATETIME_HINT[1:]}"
        },
    )


class AccessibleForm(forms.Form):
    """Ties each field's error message to its input for screen readers, puts the focus on
    the first field in error when the page comes back (so a failed submit on a long page
    lands on the problem, announced with its message, not at the top), and gives each text
    field the one-line or several-lines rule of lib.text (by its widget)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_text_rules(self)

    def add_error(self, field: str | None, error: ValidationError | str | list[str]) -> None:  # type: ignore[override]
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = self[name].auto_id or f"id_{name}"
                ids = [f"{base}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{base}_helptext")
                widget.attrs["aria-describedby"] = " ".join(ids)
                widget.attrs["aria-invalid"] = "true"
        # The first field in error takes the focus; with none, the error summary does
        # (form_fields.html), so no field may keep an autofocus of its own.
        first = next((name for name in self.fields if name in self.errors), None)
        for name, f in self.fields.items():
            if name == first:
                f.widget.attrs["autofocus"] = True
            else:
                f.widget.attrs.pop("autofocus", None)


def run_service(form: forms.Form, service: Callable[..., T], **kwargs: Any) -> tuple[T | None, int]:
    """Call a service for a valid form. Answers (result, 200), or (None, status) with the
    service's complaint put on the form: beside the field, or at the top."""
    try:
        return service(**kwargs), 200
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None, 400
    except ServiceError as exc:
        form.add_error(None, exc.detail)
        return None, exc.status


def submit(form: forms.Form, service: Callable[..., T], **kwargs: Any) -> tuple[T | None, int]:
    """Validate a bound form, then call the service with its cleaned data as keywords
    (plus `kwargs`). Answers (result, 200), or (None, 4xx) with the errors on the form."""
    if not form.is_valid():
        return None, 400
    return run_service(form, service, **form.cleaned_data, **kwargs)
