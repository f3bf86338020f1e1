"""A count as a value inside another query."""

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(found: QuerySet[Any]) -> Subquery:
    """How many rows `found` has, as a scalar subquery (correlated with OuterRef, or not:
    then the database runs it once). A COUNT without GROUP BY: 0 when nothing matches,
    never NULL, and no grouping of the outer query's rows."""
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return Subquery(found.order_by().values(n=count), output_field=IntegerField())
