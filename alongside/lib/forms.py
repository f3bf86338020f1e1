from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError

from alongside.lib.errors import ServiceError
from alongside.lib.text import apply_text_rules

T = TypeVar("T")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's validation errors beside the matching fields of a form."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def split_list(text: str) -> list[str]:
    """'Python, public speaking ; SQL' -> ['Python', 'public speaking', 'SQL']."""
    return [part for chunk in text.split(";") for part in chunk.split(",")]


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
        first = next((name for name in self.fields if name in self.errors), None)
        if first is not None:
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
