"""Reading a period's counts for the dashboard: from the program's monthly totals
(ProgramMonth, see groups.py) for the months wholly inside the period when no cohort is
chosen, from the pairs' monthly rollups (PairMonth, see rollups.py) for the months it cuts
and for a cohort, and from the rows themselves for the pairs waiting for a refresh, so
that a figure is never behind. Counts and moments only, never a word of the pair's."""

# Every query here is built from the rollups' own table and column names; values go in as
# parameters only.
# ruff: noqa: S608

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from alongside.insights import groups
from alongside.insights.rollups import (
    BY_NAME,
    CHANGES,
    PER_MONTH,
    ROLLUP,
    Source,
    stored_at,
    utc_month,
)


@dataclass(frozen=True)
class Period:
    """The filtered pairs (a subquery of their ids) and the moments [lo, hi) of the period."""

    program_id: int
    pairs_sql: str
    pairs_params: tuple[Any, ...]
    lo: dt.datetime
    hi: dt.datetime
    now: dt.datetime
    # The pairs are the program's started pairs of this department ('': every one), so the
    # months wholly inside the period come from the program's totals; None: they do not
    # (a cohort, or other pairs), and every month comes from the pairs' rows.
    department: str | None = None

    def cut(self, source: Source) -> dt.datetime:
        return min(self.hi, self.now) if source.until_now else self.hi

    def statement(self, body: str, params: list[Any]) -> tuple[str, list[Any]]:
        """The filtered pairs, as `chosen` (id): SQLite chooses them once per statement;
        PostgreSQL plans each use with the subquery itself (a materialized one hides from
        its planner how many pairs there are, and it then walks them once per row)."""
        how = "NOT MATERIALIZED" if connection.vendor == "postgresql" else "MATERIALIZED"
        return (
            f"WITH chosen AS {how} ({self.pairs_sql}) {body}",
            [*self.pairs_params, *params],
        )


def _month_start(moment: dt.datetime) -> dt.datetime:
    moment = moment.astimezone(dt.UTC)
    return dt.datetime(moment.year, moment.month, 1, tzinfo=dt.UTC)


def _next_month(start: dt.datetime) -> dt.datetime:
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


def _ym(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m")


def _cut_months(lo: dt.datetime, cut: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The months that the period [lo, cut) covers only in part, as [start, end) moments."""
    if cut <= lo:
        return []
    first = _month_start(lo)
    last = _month_start(cut - dt.timedelta(microseconds=1))
    cut_months = []
    if lo > first:
        cut_months.append(first)
    if cut < _next_month(last) and last not in cut_months:
        cut_months.append(last)
    return [(m, _next_month(m)) for m in cut_months]


def _months(period: Period) -> tuple[tuple[str, str] | None, list[str]]:
    """The first and the last month that lie wholly inside the period for every count (up
    to now for the meetings), or None; and the other months the period touches."""
    month = _month_start(period.lo)
    last = _month_start(max(period.lo, period.hi - dt.timedelta(microseconds=1)))
    end = min(period.hi, period.now)
    inner: list[str] = []
    others: list[str] = []
    while month <= last:
        following = _next_month(month)
        (inner if period.lo <= month and following <= end else others).append(_ym(month))
        month = following
    return ((inner[0], inner[-1]) if inner else None), others


def _rollup_where(period: Period, months: list[str] | None = None) -> tuple[str, list[Any]]:
    """The rollup rows of the filtered pairs not waiting for a refresh, in the months the
    period touches (or in `months`). Read by program and month, the pair only looked up (on
    SQLite the unary + keeps it from walking the pairs' index instead, one seek per pair)."""
    if months is None:
        first = _month_start(period.lo)
        last = _month_start(max(period.lo, period.hi - dt.timedelta(microseconds=1)))
        when, when_params = "r.month >= %s AND r.month <= %s", [_ym(first), _ym(last)]
    else:
        when, when_params = f"r.month IN ({', '.join(['%s'] * len(months)) or 'NULL'})", months
    pair = "r.mentorship_id" if connection.vendor == "postgresql" else "+r.mentorship_id"
    sql = (
        f"r.program_id = %s AND {when} "
        f"AND {pair} IN (SELECT id FROM chosen) "
        f"AND {pair} NOT IN (SELECT mentorship_id FROM {CHANGES})"
    )
    return sql, [period.program_id, *when_params]


def _indexed_by(index: str) -> str:
    """On SQLite, read the rollup rows by this index: the few rows of a month that a cut
    through it may split, by their first or last moment (its planner would rather walk
    the whole month by another index)."""
    return "" if connection.vendor == "postgresql" else f" INDEXED BY {index}"


def _whole(source: Source, period: Period) -> tuple[str, list[Any]]:
    """True for a rollup row whose counted rows all fall inside the period."""
    n = source.name
    return f"r.{n}_first >= %s AND r.{n}_last < %s", [
        stored_at(period.lo),
        stored_at(period.cut(source)),
    ]


def _direct(source: Source, period: Period, select: str, group: str) -> tuple[str, list[Any]]:
    """The branches that count rows themselves: the noted pairs over the whole period, and
    in each month the period cuts, the pairs whose rows the cut splits (found by the
    indexes on first_any and last_any). Each starts from its few pairs, then reads their
    rows by the (pair, moment) indexes."""
    n, cut = source.name, period.cut(source)
    where, where_params = source.conditions()
    branches: list[tuple[str, list[Any]]] = []

    def branch(pairs: str, pairs_params: list[Any], lo: dt.datetime, hi: dt.datetime) -> None:
        branches.append(
            (
                f"SELECT {select} FROM ({pairs}) c CROSS JOIN {source.tables} "
                f"WHERE {source.pair} = c.pair AND {where} "
                f"AND {source.at} >= %s AND {source.at} < %s GROUP BY {group}",
                [*pairs_params, *where_params, stored_at(lo), stored_at(hi)],
            )
        )

    branch(
        f"SELECT DISTINCT mentorship_id AS pair FROM {CHANGES} "
        "WHERE mentorship_id IN (SELECT id FROM chosen)",
        [],
        period.lo,
        cut,
    )
    for start, end in _cut_months(period.lo, cut):
        rollup_where, rollup_params = _rollup_where(period, [_ym(start)])
        lower, upper = period.lo > start, cut < end
        candidates, candidate_params, index = "", [], ""
        if lower and not upper:
            candidates, candidate_params = "AND r.first_any < %s ", [stored_at(period.lo)]
            index = _indexed_by("pair_month_first")
        elif upper and not lower:
            candidates, candidate_params = "AND r.last_any >= %s ", [stored_at(cut)]
            index = _indexed_by("pair_month_last")
        branch(
            f"SELECT r.mentorship_id AS pair FROM {ROLLUP} r{index} WHERE {rollup_where} "
            f"{candidates}AND r.{n}_first < %s AND r.{n}_last >= %s "
            f"AND (r.{n}_first < %s OR r.{n}_last >= %s)",
            [
                *rollup_params,
                *candidate_params,
                *map(stored_at, (cut, period.lo, period.lo, cut)),
            ],
            max(period.lo, start),
            min(cut, end),
        )
    sql = " UNION ALL ".join(b[0] for b in branches)
    return sql, [p for b in branches for p in b[1]]


def _run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _totals_where(period: Period, inner: tuple[str, str]) -> tuple[str, list[Any]]:
    where, params = "program_id = %s AND month >= %s AND month <= %s", [period.program_id, *inner]
    if period.department:
        matches, match_params = groups.department_matches("department", period.department)
        where, params = f"{where} AND {matches}", [*params, *match_params]
    return where, params


def _totals(
    period: Period, inner: tuple[str, str], sums: list[str], less: list[str] | None = None
) -> tuple[str, list[Any]]:
    """The program's totals (`sums` of ProgramMonth columns, per month) over the months
    `inner`, of the period's department if any, less the rows of the noted pairs that they
    were made from (`less` of their PairMonth rows, by default the same sums negated; those
    pairs are counted from their rows): a UNION ALL of two SELECTs of (month, *sums)."""
    where, params = _totals_where(period, inner)
    taken = ", ".join(less if less is not None else [f"-{s}" for s in sums])
    sql = (
        f"SELECT month, {', '.join(sums)} FROM {groups.GROUPS} WHERE {where} GROUP BY month "
        f"UNION ALL SELECT month, {taken} FROM {ROLLUP} WHERE mentorship_id IN "
        f"(SELECT mentorship_id FROM {CHANGES}) AND started = %s AND {where} GROUP BY month"
    )
    return sql, [*params, True, *params]


def _all_months(period: Period) -> tuple[str, str]:
    last = _month_start(max(period.lo, period.hi - dt.timedelta(microseconds=1)))
    return _ym(_month_start(period.lo)), _ym(last)


def _outside(
    period: Period, others: list[str], columns: list[tuple[str, str]]
) -> list[tuple[str, list[Any]]]:
    """For each month the period cuts, the rollup rows of the chosen pairs not waiting for
    a refresh that may not lie wholly inside it, found by the indexes on first_any and
    last_any: a SELECT of `columns`, each (SQL, count) with `{whole}` standing for "this
    row's rows of that count all fall inside the period". The program's totals hold these
    rows whole; the period holds only their part inside, counted from the rows."""
    cut = min(period.hi, period.now)  # the earliest cut of any count
    select, select_params = [], []
    for sql, name in columns:
        whole, whole_params = _whole(BY_NAME[name], period)
        select.append(sql.replace("{whole}", whole))
        select_params += whole_params
    out = []
    for month in others:
        start = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=dt.UTC)
        lower, upper = period.lo > start, cut < _next_month(start)
        where, params = _rollup_where(period, [month])
        index = ""
        if lower and not upper:
            where, params = f"{where} AND r.first_any < %s", [*params, stored_at(period.lo)]
            index = _indexed_by("pair_month_first")
        elif upper and not lower:
            where, params = f"{where} AND r.last_any >= %s", [*params, stored_at(cut)]
            index = _indexed_by("pair_month_last")
        sql = f"SELECT r.month AS month, {', '.join(select)} FROM {ROLLUP} r{index} WHERE {where}"
        out.append((sql, [*select_params, *params]))
    return out


def per_month(period: Period) -> dict[str, dict[str, int]]:
    """Per count of PER_MONTH, its number in each UTC month of the period. One query: the
    months wholly inside the period from the program's totals (or, for a cohort, from the
    counts' index alone), the months it cuts with the first and last moments, and the rows
    the rollups miss."""
    inner, others = _months(period)
    branches: list[str] = []
    params: list[Any] = []
    if period.department is not None:
        # The program's totals of every month, less what the months the period cuts hold
        # outside it; the pairs a cut splits are counted from their rows below.
        totals, totals_params = _totals(
            period, _all_months(period), [f"SUM({n}) AS n{i}" for i, n in enumerate(PER_MONTH)]
        )
        branches.append(totals)
        params += totals_params
        less = [(f"-SUM(CASE WHEN {{whole}} THEN 0 ELSE r.{n} END)", n) for n in PER_MONTH]
        for sql, outside_params in _outside(period, others, less):
            branches.append(f"{sql} GROUP BY r.month")
            params += outside_params
    else:
        rollup_where, rollup_params = _rollup_where(period, others)
        columns: list[str] = []
        for name in PER_MONTH:
            whole, whole_params = _whole(BY_NAME[name], period)
            columns.append(f"SUM(CASE WHEN {whole} THEN r.{name} ELSE 0 END) AS n{len(columns)}")
            params += whole_params
        branches.append(
            f"SELECT r.month AS month, {', '.join(columns)} FROM {ROLLUP} r "
            f"WHERE {rollup_where} GROUP BY r.month"
        )
        params += rollup_params
        if inner:
            rollup_where, rollup_params = _rollup_where(period)
            sums = ", ".join(f"SUM(r.{name})" for name in PER_MONTH)
            branches.append(
                f"SELECT r.month, {sums} FROM {ROLLUP} r WHERE {rollup_where} "
                "AND r.month >= %s AND r.month <= %s GROUP BY r.month"
            )
            params += [*rollup_params, *inner]
    for name in PER_MONTH:
        source = BY_NAME[name]
        zeros = ", ".join("COUNT(*)" if other == name else "0" for other in PER_MONTH)
        month = utc_month(source.at)
        direct, direct_params = _direct(source, period, f"{month}, {zeros}", month)
        branches.append(direct)
        params += direct_params
    sums = ", ".join(f"SUM(n{i})" for i in range(len(PER_MONTH)))
    sql, params = period.statement(
        f"SELECT month, {sums} FROM ({' UNION ALL '.join(branches)}) u GROUP BY month", params
    )
    out: dict[str, dict[str, int]] = {name: {} for name in PER_MONTH}
    for month, *counts in _run(sql, params):
        for name, n in zip(PER_MONTH, counts, strict=True):
            if n:
                out[name][month] = int(n)
    return out


def _per_pair(
    source: Source,
    period: Period,
    rollup: str,
    direct: str,
    months: list[str] | None = None,
    among: tuple[str, list[Any]] | None = None,
) -> tuple[str, list[Any]]:
    """A UNION of the rollup rows inside the period that have some of `source` (their
    columns `rollup`; only those of `months` when given; only those of the pairs `among`
    selects, as `mentorship_id`, looked up pair by pair, when given) and the rows counted
    directly, grouped by pair (`direct`)."""
    rollup_where, rollup_params = _rollup_where(period, months)
    whole, whole_params = _whole(source, period)
    rows, rows_params = _direct(source, period, direct, "c.pair")
    tables = f"{ROLLUP} r"
    if among is not None:
        tables = f"({among[0]}) a CROSS JOIN {ROLLUP} r"
        rollup_where = f"r.mentorship_id = a.mentorship_id AND {rollup_where}"
        rollup_params = [*among[1], *rollup_params]
    sql = (
        f"SELECT {rollup} FROM {tables} WHERE {rollup_where} AND r.{source.name} > 0 "
        f"AND {whole} UNION ALL {rows}"
    )
    return sql, [*rollup_params, *whole_params, *rows_params]


def _feedback_rows(
    period: Period,
    outer: str,
    months: list[str] | None = None,
    before: tuple[Any, ...] = (),
    after: tuple[Any, ...] = (),
) -> list[tuple[Any, ...]]:
    """`outer` run over (pair, n, total): the feedback given in the period, per rollup row
    (of `months` when given) and per pair counted from its rows; `before` and `after`, the
    parameters of what `outer` has before and after `{feedback}`."""
    source = BY_NAME["feedback"]
    union, params = _per_pair(
        source,
        period,
        "r.mentorship_id AS pair, r.feedback AS n, r.feedback_ratings AS total",
        f"c.pair, COUNT(*), SUM({source.value})",
        months,
    )
    statement = period.statement(outer.replace("{feedback}", union), [*before, *params, *after])
    return _run(*statement)


def feedback(period: Period, *, at_least: int) -> tuple[float | None, int]:
    """The mean rating of the feedback given in the period, and how many pairs it covers,
    counted up to `at_least` (all the dashboard needs to know). One query, from the
    program's totals for the months wholly inside the period when it can (and a second,
    over every pair's rows, only when they leave open whether `at_least` pairs gave
    feedback); else one, over every pair's rows."""
    inner, others = _months(period)
    if period.department is None:
        pairs, n, total = _feedback_rows(
            period, "SELECT COUNT(DISTINCT pair), SUM(n), SUM(total) FROM ({feedback}) u"
        )[0]
        return (float(total) / float(n) if n else None), min(int(pairs or 0), at_least)
    source = BY_NAME["feedback"]
    totals, params = _totals(
        period,
        _all_months(period),
        ["SUM(feedback) AS n", "SUM(feedback_ratings) AS total", "SUM(feedback_pairs) AS fp"],
        ["-SUM(feedback)", "-SUM(feedback_ratings)", "0"],
    )
    branches = [f"SELECT CAST(NULL AS BIGINT) AS pair, t.* FROM ({totals}) t"]
    less = [
        ("-SUM(CASE WHEN {whole} THEN 0 ELSE r.feedback END) AS n", "feedback"),
        ("-SUM(CASE WHEN {whole} THEN 0 ELSE r.feedback_ratings END) AS total", "feedback"),
        ("-SUM(CASE WHEN {whole} OR r.feedback = 0 THEN 0 ELSE 1 END) AS fp", "feedback"),
    ]
    for sql, outside_params in _outside(period, others, less):
        branches.append(f"SELECT CAST(NULL AS BIGINT), o.* FROM ({sql} GROUP BY r.month) o")
        params += outside_params
    direct, direct_params = _direct(
        source, period, f"c.pair, NULL, COUNT(*), SUM({source.value}), 0", "c.pair"
    )
    branches.append(direct)
    params += direct_params
    # A month's total counts once each pair whose feedback of that month is all inside the
    # period; the noted pairs among them may have gone: at least that many gave feedback.
    outer = (
        f", u AS ({' UNION ALL '.join(branches)}) "
        "SELECT COUNT(DISTINCT pair), SUM(n), SUM(total), "
        "(SELECT MAX(fp) FROM (SELECT SUM(fp) AS fp FROM u GROUP BY month) m), "
        f"(SELECT COUNT(DISTINCT mentorship_id) FROM {CHANGES}) FROM u"
    )
    pairs, n, total, month_pairs, noted = _run(*period.statement(outer, params))[0]
    pairs = max(int(pairs or 0), int(month_pairs or 0) - int(noted or 0))
    if pairs < at_least:
        pairs = _feedback_rows(period, "SELECT COUNT(DISTINCT pair) FROM ({feedback}) u")[0][0]
    return (float(total) / float(n) if n else None), min(int(pairs or 0), at_least)


def low_feedback_pairs(period: Period, *, at_least: int, below: float) -> set[int]:
    """The pairs given at least `at_least` ratings in the period whose mean is under
    `below`, chosen by the database (the others never leave it). One query."""
    rows = _feedback_rows(
        period,
        "SELECT pair FROM ({feedback}) u GROUP BY pair "
        "HAVING SUM(n) >= %s AND SUM(total) < %s * SUM(n)",
        after=(at_least, below),
    )
    return {pair for (pair,) in rows}


def checkin_ends(
    period: Period,
    outer: str,
    before: tuple[Any, ...] = (),
    among: tuple[str, list[Any]] | None = None,
) -> tuple[str, list[Any]]:
    """The statement `outer` (`before`, the parameters of what it has before `{ends}`), in
    which `{ends}` stands for the pairs with at least two check-ins in the period (of the
    pairs `among` selects and those waiting for a refresh, when given), with the moments of
    their first and their latest one: (mentorship_id, first_at, last_at)."""
    source = BY_NAME["checkins"]
    union, params = _per_pair(
        source,
        period,
        "r.mentorship_id AS pair, r.checkins AS n, r.checkins_first AS first_at, "
        "r.checkins_last AS last_at",
        f"c.pair, COUNT(*), MIN({source.at}), MAX({source.at})",
        among=among,
    )
    ends = (
        "SELECT pair AS mentorship_id, MIN(first_at) AS first_at, MAX(last_at) AS last_at "
        f"FROM ({union}) u GROUP BY pair HAVING SUM(n) >= 2"
    )
    return period.statement(outer.replace("{ends}", ends), [*before, *params])
