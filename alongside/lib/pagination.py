"""The one way a list answers: `{items, count}`, a slice of the rows and how many there are."""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from alongside.lib.schemas import PageQuery


def paginate(found: QuerySet[Any] | Sequence[Any], q: PageQuery | None) -> dict[str, Any]:
    """One page of `found` as `{items, count}`. Without a query, every row: for an answer
    that is bounded by its request (the milestones just reordered), not for a read."""
    items = list(found) if q is None else list(found[q.offset : q.offset + q.limit])
    count = found.count() if isinstance(found, QuerySet) else len(found)
    return {"items": items, "count": count}
