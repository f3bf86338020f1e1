"""The one way a list answers: `{items, count}`, a slice of the rows and how many there are."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet

from alongside.lib.counts import count_of
from alongside.lib.schemas import PAGE_OFFSET_MAX, PageQuery

M = TypeVar("M", bound=Model)


def paginate(found: QuerySet[Any] | Sequence[Any], q: PageQuery | None) -> dict[str, Any]:
    """One page of `found` as `{items, count}`. Without a query, every row: for an answer
    that is bounded by its request (the milestones just reordered), not for a read."""
    items = list(found) if q is None else list(found[q.offset : q.offset + q.limit])
    count = found.count() if isinstance(found, QuerySet) else len(found)
    return {"items": items, "count": count}


def rows_and_count(found: QuerySet[M], offset: int, limit: int) -> tuple[list[M], int]:
    """The rows `offset` to `offset + limit` of `found` and how many it has, in one query:
    the count is a subquery of the rows' own, not correlated with them (run once). Only
    a slice with no rows (past the end) counts on its own. For rows filtered, not
    grouped or distinct: the count is of the rows that match."""
    rows = list(found.annotate(counted=count_of(found))[offset : offset + limit])
    return rows, (rows[0].counted if rows else found.count())


def counted_page(found: QuerySet[M], number: Any, per_page: int) -> Page:
    """`Paginator(found, per_page).get_page(number)` with its rows and count read in one
    query (`rows_and_count`); a page past the end, or not a number, as get_page has it."""
    paginator = Paginator(found, per_page)
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    # A page whose rows lie beyond any offset a database takes is past the end: get_page
    # answers it (the last page) without sending the offset.
    if wanted >= 1 and (wanted - 1) * per_page <= PAGE_OFFSET_MAX:
        rows, count = rows_and_count(found, (wanted - 1) * per_page, per_page)
        if rows:
            paginator.__dict__["count"] = count  # Paginator.count is a cached_property
            return Page(rows, wanted, paginator)
    return paginator.get_page(number)
