"""The one shape of every access helper: the thing, if this person may see it, else 404."""

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from alongside.lib.errors import Forbidden
from alongside.lib.inputs import parse_public_id

M = TypeVar("M", bound=Model)


def pair_members(person: Any, prefix: str = "") -> Q:
    """Rows of a pair this person is in; `prefix` leads from the row to its mentorship."""
    return Q(**{f"{prefix}mentor": person}) | Q(**{f"{prefix}mentee": person})


def visible_one(person: Any, found: QuerySet[M], public_id: Any, *, what: str) -> M:
    """The row with this public id among `found` (already narrowed to what the person may
    see); a 404 for anyone not signed in, for a malformed id and for anything else."""
    if not person.is_authenticated:
        raise Http404
    row = found.filter(public_id=parse_public_id(public_id)).first()
    if row is None:
        raise Http404(f"No such {what}.")
    return row


def visible_in_pair(
    person: Any, rows: QuerySet[M], public_id: Any, *, what: str, via: str = "mentorship"
) -> M:
    """The row with this public id among `rows` if it belongs to a pair this person is in
    (`via` leads from the row to its mentorship, which is fetched with it); else a 404."""
    found = rows.select_related(via).filter(pair_members(person, f"{via}__"))
    return visible_one(person, found, public_id, what=what)


def require_author(author_id: Any, person: Any, *, what: str) -> None:
    """Only the one who wrote a thing changes or deletes it; the other member, who may
    read it, gets a 403 (anyone who may not read it got a 404 from the access helper)."""
    if author_id is None or author_id != getattr(person, "pk", None):
        raise Forbidden(f"Only the person who wrote this {what} can change it.", code="not_author")
