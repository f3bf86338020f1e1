"""The one way a list answers: `{items, count}`, a slice of the rows and how many there are."""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from alongside.lib.schemas import PageQuery


def paginate(found: QuerySet[Any] | Sequence[Any], q: PageQuery) -> dict[str, Any]:
    """One page of `found` as `{items, count}`; `found` may be a list when it is small and
    already in memory (the rows of one goal or one meeting)."""
    items = list(found[q.offset : q.offset + q.limit])
    count = found.count() if isinstance(found, QuerySet) else len(found)
    return {"items": items, "count": count}
