"""Input helpers every app shares: text cleaned the same way everywhere, public ids parsed
the same way everywhere (a malformed id is a 404, like an id that names nothing)."""

import re
import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

# Control characters other than tab, newline and carriage return: never meant, sometimes
# pasted, and they break emails, calendar files and terminals.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    value = CONTROL.sub("", value).strip()
    if required and not value:
        raise ValidationError({field: "This field is required."})
    if len(value) > limit:
        raise ValidationError(
            {field: f"Keep it to {limit} characters or fewer (this has {len(value)})."}
        )
    return value


def parse_public_id(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise Http404("No such id.") from None


def clean_fields(changes: dict[str, Any], clean: Callable[[str, Any], Any]) -> dict[str, Any]:
    """Each field of `changes` through `clean(field, value)`; the errors of every field are
    raised together, so one answer lists all a person must fix."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        try:
            cleaned[field] = clean(field, value)
        except ValidationError as exc:
            for f, messages in exc.message_dict.items():
                errors.setdefault(f, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned
