"""Correcting what someone wrote, the same way for every kind of thing: only its author
may, fields the kind does not allow are refused by name, and only a real change is
saved and marked edited (so the other member sees "edited" only when words moved)."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone as tz

from alongside.lib.access import require_author
from alongside.lib.inputs import clean_text

M = TypeVar("M", bound=Model)


def refuse_unknown(changes: dict[str, Any], known: set[str]) -> None:
    """A field that cannot be changed here is named, not silently dropped."""
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be changed here."))


def clean_change(
    changes: dict[str, Any], field: str, *, limit: int, required: bool = False
) -> None:
    """The new words of `field`, cleaned in place, when `changes` has them (None is none)."""
    if field in changes:
        changes[field] = clean_text(
            changes[field] or "", field=field, limit=limit, required=required
        )


def save_changes(thing: M, changes: dict[str, Any], *, stamp: str = "edited_at") -> M:
    """Save the fields that changed, marked edited (`stamp`); nothing changed is no edit."""
    changed = {f: v for f, v in changes.items() if getattr(thing, f) != v}
    if changed:
        for field, value in changed.items():
            setattr(thing, field, value)
        setattr(thing, stamp, tz.now())
        thing.save(update_fields=[*changed, stamp])
    return thing


def text_edit(
    thing: M,
    change: dict[str, Any],
    *,
    actor: Any,
    what: str,
    limit: int,
    author: str = "author_id",
) -> M:
    """Its author (the field named `author`) rewrites one required text field of a thing:
    `change` is {field: new words}."""
    require_author(getattr(thing, author), actor, what=what)
    ((field, value),) = change.items()
    text = clean_text(value or "", field=field, limit=limit, required=True)
    return save_changes(thing, {field: text})
