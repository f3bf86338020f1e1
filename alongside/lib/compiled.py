"""Reads whose SQL is built once per database connection and run with new values.

Django builds a queryset and compiles it to SQL anew on every evaluation. For a read
with many correlated subqueries that costs far more than running it: the home page's
pair rows (eight subqueries) took 7 ms of Python to build and compile, and 1 ms in the
database. A `Compiled` read builds its queryset once per connection from stand-in
values, notes where each stand-in lands among the SQL's parameters, and on each call
runs the same SQL with the call's values in those places (adapted to the database as
the ORM adapts them), converting the rows as the ORM converts them. The SQL, and so the
number of queries, is the queryset's own.

Every value the queryset depends on must be a named parameter: the queryset is built
twice from two sets of stand-ins, and a parameter that differs between the two without
being one of the stand-ins (a value derived inside `build`, say `now - 14 days`) is
refused when the read is first run.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone as tz

# Stand-ins no real row or value matches: far in the future, a key no table reaches, or
# text no column holds (never sent to the database: the SQL is only compiled with them).
_BASES: dict[type, Any] = {
    int: 7_346_581_000,
    dt.datetime: dt.datetime(2931, 3, 7, 5, 11, 13, 170_001, tzinfo=dt.UTC),
    dt.date: dt.date(2931, 3, 7),
    str: "~compiled stand-in~",
}


def _stand_in(kind: type, index: int, build: int) -> Any:
    """The stand-in of the index-th parameter in the first or second build: each
    parameter's own, and different between the two builds."""
    step = 2 * index + build
    if kind is int:
        return _BASES[int] + step
    if kind is str:
        return f"{_BASES[str]}{step}"
    return _BASES[kind] + dt.timedelta(days=step)


_PLANS = "_alongside_compiled_plans"


@dataclass
class _Plan:
    sql: str
    params: list[Any]  # the constants; the named places are filled per call
    places: dict[str, list[int]]  # parameter name -> its positions in params
    names: list[str]  # the columns of a row, as values() names them
    compiler: Any
    converters: Any


class Compiled:
    """`build(**params)` returns a `.values()` queryset; `rows(**params)` its rows, as
    dicts. `kinds` names each parameter's type: int, str, datetime.datetime or
    datetime.date."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        unknown = {name: kind for name, kind in kinds.items() if kind not in _BASES}
        if unknown:
            raise TypeError(f"No stand-in for {unknown}")
        self.build = build
        self.kinds = kinds

    def rows(self, using: str = "default", **values: Any) -> list[dict[str, Any]]:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Expected {sorted(self.kinds)}, got {sorted(values)}")
        connection = connections[using]
        # Kept on the connection (one per thread and database), so a plan goes when its
        # connection goes: the plan's converters refer to the connection.
        # And per time zone: a lookup such as `__date` compiles the active zone into the SQL.
        plans: dict[tuple[Compiled, str], _Plan] = connection.__dict__.setdefault(_PLANS, {})
        key = (self, tz.get_current_timezone_name())
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = self._plan(using)
        params = list(plan.params)
        for name, places in plan.places.items():
            adapted = _adapt(connection, values[name])
            for place in places:
                params[place] = adapted
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            found = cursor.fetchall()
        if plan.converters:
            found = plan.compiler.apply_converters(found, plan.converters)
        return [dict(zip(plan.names, row, strict=True)) for row in found]

    def _plan(self, using: str) -> _Plan:
        connection = connections[using]
        first, second = (
            {name: _stand_in(kind, i, build) for i, (name, kind) in enumerate(self.kinds.items())}
            for build in (0, 1)
        )
        query = self.build(**first).query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        other_sql, other_params = self.build(**second).query.get_compiler(using).as_sql()
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("The SQL's shape depends on the parameters' values")
        places: dict[str, list[int]] = {name: [] for name in self.kinds}
        for i, (one, two) in enumerate(zip(params, other_params, strict=True)):
            named = [
                name
                for name in self.kinds
                if one == _adapt(connection, first[name])
                and two == _adapt(connection, second[name])
            ]
            if len(named) > 1:
                raise ValueError(f"Parameters {named} share a stand-in")
            if named:
                places[named[0]].append(i)
            elif one != two:
                raise ValueError(f"SQL parameter {i} depends on a value that is not a parameter")
        missing = [name for name, found in places.items() if not found]
        if missing:
            raise ValueError(f"Parameters {missing} do not reach the SQL")
        selected = [column[0] for column in compiler.select[: compiler.col_count]]
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        if len(names) != len(selected):
            raise ValueError("A Compiled read needs a .values() queryset")
        return _Plan(
            sql=sql,
            params=list(params),
            places=places,
            names=names,
            compiler=compiler,
            converters=compiler.get_converters(selected),
        )


def _adapt(connection: Any, value: Any) -> Any:
    """A value as the ORM passes it to this database (DateTimeField, DateField)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value
