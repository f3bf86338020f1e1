"""Monthly rollups of what each pair did (PairMonth), so that the dashboard of a program with
10,000 pairs reads about one row per pair and month instead of every meeting.

Kept current by the database: triggers (migration 0003) note every pair whose meetings,
feedback, check-ins, goals, milestones or messages change (PairChange), and
`rollups_refresh` (a step of the sweep, and `alongside manage insights_rollups`) recounts
those pairs. Until it has, the dashboard counts a noted pair from its rows, so a figure is
never behind: each aggregate below is one SQL statement that adds

- the rollup rows of the pairs not noted, for a month wholly inside the period, or a month
  the period cuts in which all of the pair's rows fall on one side of the cut (the first
  and the last moment of each count say so);
- the rows themselves for the noted pairs, and for the pairs whose rows a cut splits (a
  meeting before and one after today, in this month).

Months are UTC months ("YYYY-MM", as the dashboard's charts); the period's ends are exact
moments in the viewer's time zone. Counts and moments only, never a word of the pair's.
"""

# Every query here is built from this module's own table and column names; values go in as
# parameters only.
# ruff: noqa: S608

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from alongside.goals.models import Goal, GoalStatus, Milestone
from alongside.growth.models import CheckIn
from alongside.insights.models import PairChange, PairMonth
from alongside.meetings.models import Feedback, Meeting, MeetingStatus
from alongside.mentorships.models import Mentorship
from alongside.threads.models import Message

ROLLUP = PairMonth._meta.db_table
CHANGES = PairChange._meta.db_table
PAIRS = Mentorship._meta.db_table


@dataclass(frozen=True)
class Source:
    """Where one count of PairMonth comes from: `tables` (a chain of CROSS JOINs, so that
    SQLite reads them in the order written, starting from the pair), `link` joining them,
    `pair` the pair's id, `at` the moment counted, `where` what else a row must be."""

    name: str
    tables: str
    pair: str
    at: str
    link: str = ""
    where: str = ""
    params: tuple[Any, ...] = ()
    until_now: bool = False  # only what has already happened counts (meetings held)
    value: str = ""  # a value summed as well (the feedback's rating)

    def conditions(self) -> tuple[str, list[Any]]:
        parts = [f"{self.at} IS NOT NULL"] + [c for c in (self.link, self.where) if c]
        return " AND ".join(parts), list(self.params)


def _t(model: Any) -> str:
    return str(model._meta.db_table)


SOURCES = [
    Source(
        "meetings",
        f"{_t(Meeting)} s",
        "s.mentorship_id",
        "s.starts_at",
        where="s.status = %s",
        params=(MeetingStatus.SCHEDULED.value,),
        until_now=True,
    ),
    Source("checkins", f"{_t(CheckIn)} s", "s.mentorship_id", "s.created_at"),
    Source("goals_set", f"{_t(Goal)} s", "s.mentorship_id", "s.created_at"),
    Source(
        "goals_achieved",
        f"{_t(Goal)} s",
        "s.mentorship_id",
        "s.closed_at",
        where="s.status = %s",
        params=(GoalStatus.ACHIEVED.value,),
    ),
    Source(
        "milestones",
        f"{_t(Goal)} g CROSS JOIN {_t(Milestone)} s",
        "g.mentorship_id",
        "s.done_at",
        link="s.goal_id = g.id",
    ),
    Source("messages", f"{_t(Message)} s", "s.mentorship_id", "s.created_at"),
    Source(
        "feedback",
        f"{_t(Meeting)} g CROSS JOIN {_t(Feedback)} s",
        "g.mentorship_id",
        "s.created_at",
        link="s.meeting_id = g.id",
        value="s.rating",
    ),
]
BY_NAME = {s.name: s for s in SOURCES}
PER_MONTH = ("meetings", "checkins", "goals_set", "goals_achieved", "milestones", "messages")


def _month(expression: str) -> str:
    # The UTC month from the stored text of the moment: the same on SQLite and PostgreSQL
    # (whose connections Django keeps in UTC).
    kind = "VARCHAR" if connection.vendor == "postgresql" else "TEXT"
    return f"SUBSTR(CAST({expression} AS {kind}), 1, 7)"


def _at(moment: dt.datetime) -> Any:
    """A moment as the database stores it (on SQLite: the UTC text), for a raw query."""
    return connection.ops.adapt_datetimefield_value(moment)


def _no_moment() -> str:
    return "CAST(NULL AS TIMESTAMP WITH TIME ZONE)" if connection.vendor == "postgresql" else "NULL"


# --- Counting: the rows of some pairs, into their PairMonth rows ----------------------------


def _recount_sql(pair_ids: list[int]) -> tuple[str, list[Any]]:
    """The PairMonth rows of the given pairs, counted from their rows: one SELECT whose
    columns are those of the INSERT below."""
    marks = ", ".join(["%s"] * len(pair_ids))
    branches, params = [], []
    for source in SOURCES:
        columns = []
        for other in SOURCES:
            if other is source:
                columns += ["COUNT(*)", f"MIN({source.at})", f"MAX({source.at})"]
            else:
                columns += ["0", _no_moment(), _no_moment()]
        columns.append(f"SUM({source.value})" if source.value else "0")
        columns += [f"MIN({source.at})", f"MAX({source.at})"]
        columns = [f"{c} AS c{i}" for i, c in enumerate(columns)]
        where, where_params = source.conditions()
        branches.append(
            f"SELECT {source.pair} AS pair, {_month(source.at)} AS month, {', '.join(columns)} "
            f"FROM {source.tables} WHERE {where} AND {source.pair} IN ({marks}) "
            f"GROUP BY {source.pair}, {_month(source.at)}"
        )
        params += [*where_params, *pair_ids]
    outer = []
    for i in range(len(SOURCES)):
        outer += [f"SUM(u.c{3 * i})", f"MIN(u.c{3 * i + 1})", f"MAX(u.c{3 * i + 2})"]
    extra = 3 * len(SOURCES)
    outer += [f"SUM(u.c{extra})", f"MIN(u.c{extra + 1})", f"MAX(u.c{extra + 2})"]
    sql = (
        f"SELECT u.pair, p.program_id, u.month, {', '.join(outer)} "
        f"FROM ({' UNION ALL '.join(branches)}) u "
        f"JOIN {PAIRS} p ON p.id = u.pair GROUP BY u.pair, p.program_id, u.month"
    )
    return sql, params


def _columns() -> list[str]:
    columns = ["mentorship_id", "program_id", "month"]
    for source in SOURCES:
        columns += [source.name, f"{source.name}_first", f"{source.name}_last"]
    return [*columns, "feedback_ratings", "first_any", "last_any"]


def rollups_recount(pair_ids: list[int]) -> None:
    """Count the given pairs' PairMonth rows again from their rows."""
    if not pair_ids:
        return
    select, params = _recount_sql(pair_ids)
    marks = ", ".join(["%s"] * len(pair_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ROLLUP} WHERE mentorship_id IN ({marks})", pair_ids)
        cursor.execute(f"INSERT INTO {ROLLUP} ({', '.join(_columns())}) {select}", params)


BATCH = 500


def rollups_refresh(*, limit: int = 5000) -> int:
    """Recount the pairs the triggers noted (at most `limit`, the longest waiting first),
    in batches of BATCH pairs each in its own transaction; answers how many.

    A batch claims its pairs by deleting their notes first, then counts: a change committed
    before the claim is in the count (each statement sees what is committed when it
    starts); one committed later leaves a new note, counted next time. Two sweeps that
    claim the same pair take turns on the notes' row locks, and the second one recounts
    after the first has committed."""
    done = 0
    if not PairChange.objects.exists():  # the usual minute: one query, no transaction
        return done
    while done < limit:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT mentorship_id FROM {CHANGES} GROUP BY mentorship_id "
                "ORDER BY MIN(id) LIMIT %s",
                [min(BATCH, limit - done)],
            )
            chosen = [row[0] for row in cursor.fetchall()]
            if not chosen:
                break
            marks = ", ".join(["%s"] * len(chosen))
            cursor.execute(
                f"DELETE FROM {CHANGES} WHERE mentorship_id IN ({marks}) RETURNING mentorship_id",
                chosen,
            )
            claimed = sorted({row[0] for row in cursor.fetchall()})
            rollups_recount(claimed)
        done += len(chosen)
    return done


def rollups_mark(*, program_id: int | None = None) -> int:
    """Note every pair (of one program) as changed, so that the next refresh recounts them
    all: the rebuild. Answers how many."""
    where, params = ("WHERE program_id = %s", [program_id]) if program_id else ("", [])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CHANGES} (mentorship_id) SELECT id FROM {PAIRS} {where}",
            params,
        )
        return int(cursor.rowcount)


def rollups_verify(*, program_id: int) -> list[str]:
    """The program's PairMonth rows that differ from a count made now, for the pairs not
    waiting for a refresh; empty when every row is right."""
    ids = list(
        Mentorship.objects.filter(program_id=program_id)
        .exclude(pk__in=PairChange.objects.values("mentorship_id"))
        .values_list("pk", flat=True)
    )
    wrong: list[str] = []
    names = _columns()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        select, params = _recount_sql(chunk)
        with connection.cursor() as cursor:
            cursor.execute(select, params)
            counted = {(row[0], row[2]): _comparable(row) for row in cursor.fetchall()}
        stored = {
            (row[0], row[2]): _comparable(row)
            for row in PairMonth.objects.filter(mentorship_id__in=chunk).values_list(*names)
        }
        for key in sorted(set(counted) | set(stored)):
            if counted.get(key) != stored.get(key):
                wrong.append(f"pair {key[0]}, {key[1]}: {stored.get(key)} != {counted.get(key)}")
    return wrong


def _comparable(row: tuple[Any, ...]) -> tuple[Any, ...]:
    from django.utils.dateparse import parse_datetime

    def moment(value: Any) -> Any:
        if isinstance(value, str):  # SQLite hands back the stored text of a raw SELECT
            value = parse_datetime(value)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    return tuple(moment(v) if v is not None else None for v in row[1:])


# --- Reading: a period's counts, from the rollups and the rows they miss --------------------


@dataclass(frozen=True)
class Period:
    """The filtered pairs (a subquery of their ids) and the moments [lo, hi) of the period."""

    program_id: int
    pairs_sql: str
    pairs_params: tuple[Any, ...]
    lo: dt.datetime
    hi: dt.datetime
    now: dt.datetime

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


def _rollup_where(period: Period) -> tuple[str, list[Any]]:
    """The rollup rows of the filtered pairs not waiting for a refresh, in the months the
    period touches. Read by program and month, the pair only looked up (on SQLite the unary
    + keeps it from walking the pairs' index instead, one seek per pair)."""
    first = _month_start(period.lo)
    last = _month_start(max(period.lo, period.hi - dt.timedelta(microseconds=1)))
    pair = "r.mentorship_id" if connection.vendor == "postgresql" else "+r.mentorship_id"
    sql = (
        "r.program_id = %s AND r.month >= %s AND r.month <= %s "
        f"AND {pair} IN (SELECT id FROM chosen) "
        f"AND {pair} NOT IN (SELECT mentorship_id FROM {CHANGES})"
    )
    return sql, [period.program_id, _ym(first), _ym(last)]


def _whole(source: Source, period: Period) -> tuple[str, list[Any]]:
    """True for a rollup row whose counted rows all fall inside the period."""
    n = source.name
    return f"r.{n}_first >= %s AND r.{n}_last < %s", [_at(period.lo), _at(period.cut(source))]


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
                [*pairs_params, *where_params, _at(lo), _at(hi)],
            )
        )

    branch(
        f"SELECT DISTINCT mentorship_id AS pair FROM {CHANGES} "
        "WHERE mentorship_id IN (SELECT id FROM chosen)",
        [],
        period.lo,
        cut,
    )
    rollup_where, rollup_params = _rollup_where(period)
    for start, end in _cut_months(period.lo, cut):
        lower, upper = period.lo > start, cut < end
        candidates, candidate_params = "", []
        if lower and not upper:
            candidates, candidate_params = "AND r.first_any < %s ", [_at(period.lo)]
        elif upper and not lower:
            candidates, candidate_params = "AND r.last_any >= %s ", [_at(cut)]
        branch(
            f"SELECT r.mentorship_id AS pair FROM {ROLLUP} r WHERE {rollup_where} "
            f"AND r.month = %s {candidates}AND r.{n}_first < %s AND r.{n}_last >= %s "
            f"AND (r.{n}_first < %s OR r.{n}_last >= %s)",
            [
                *rollup_params,
                _ym(start),
                *candidate_params,
                *map(_at, (cut, period.lo, period.lo, cut)),
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


def per_month(period: Period) -> dict[str, dict[str, int]]:
    """Per count of PER_MONTH, its number in each UTC month of the period. One query: the
    months wholly inside the period from the counts' index alone, the months it cuts with
    the first and last moments, and the rows the rollups miss."""
    rollup_where, rollup_params = _rollup_where(period)
    inner, others = _months(period)
    branches: list[str] = []
    params: list[Any] = []
    columns: list[str] = []
    for name in PER_MONTH:
        whole, whole_params = _whole(BY_NAME[name], period)
        columns.append(f"SUM(CASE WHEN {whole} THEN r.{name} ELSE 0 END) AS n{len(columns)}")
        params += whole_params
    branches.append(
        f"SELECT r.month AS month, {', '.join(columns)} FROM {ROLLUP} r WHERE {rollup_where} "
        f"AND r.month IN ({', '.join(['%s'] * len(others)) or 'NULL'}) GROUP BY r.month"
    )
    params += [*rollup_params, *others]
    if inner:
        sums = ", ".join(f"SUM(r.{name})" for name in PER_MONTH)
        branches.append(
            f"SELECT r.month, {sums} FROM {ROLLUP} r WHERE {rollup_where} "
            "AND r.month >= %s AND r.month <= %s GROUP BY r.month"
        )
        params += [*rollup_params, *inner]
    for name in PER_MONTH:
        source = BY_NAME[name]
        zeros = ", ".join("COUNT(*)" if other == name else "0" for other in PER_MONTH)
        month = _month(source.at)
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


def _per_pair(source: Source, period: Period, rollup: str, direct: str) -> tuple[str, list[Any]]:
    """A UNION of the rollup rows inside the period that have some of `source` (their
    columns `rollup`) and the rows counted directly, grouped by pair (`direct`)."""
    rollup_where, rollup_params = _rollup_where(period)
    whole, whole_params = _whole(source, period)
    rows, rows_params = _direct(source, period, direct, "c.pair")
    sql = (
        f"SELECT {rollup} FROM {ROLLUP} r WHERE {rollup_where} AND r.{source.name} > 0 "
        f"AND {whole} UNION ALL {rows}"
    )
    return sql, [*rollup_params, *whole_params, *rows_params]


def _feedback_rows(period: Period, outer: str) -> list[tuple[Any, ...]]:
    """`outer` run over (pair, n, total): the feedback given in the period, per rollup row
    and per pair counted from its rows."""
    source = BY_NAME["feedback"]
    union, params = _per_pair(
        source,
        period,
        "r.mentorship_id AS pair, r.feedback AS n, r.feedback_ratings AS total",
        f"c.pair, COUNT(*), SUM({source.value})",
    )
    return _run(*period.statement(outer.replace("{feedback}", union), params))


def feedback(period: Period) -> tuple[float | None, int]:
    """The mean rating of the feedback given in the period, and how many pairs it covers.
    One query."""
    pairs, n, total = _feedback_rows(
        period, "SELECT COUNT(DISTINCT pair), SUM(n), SUM(total) FROM ({feedback}) u"
    )[0]
    return (float(total) / float(n) if n else None), int(pairs or 0)


def feedback_by_pair(period: Period) -> dict[int, tuple[int, int]]:
    """Per pair with feedback given in the period: how many, and the sum of the ratings.
    One query."""
    rows = _feedback_rows(
        period, "SELECT pair, SUM(n), SUM(total) FROM ({feedback}) u GROUP BY pair"
    )
    return {pair: (int(n), int(total)) for pair, n, total in rows}


def checkin_ends(period: Period, outer: str) -> tuple[str, list[Any]]:
    """The statement `outer`, in which `{ends}` stands for the pairs with at least two
    check-ins in the period, with the moments of their first and their latest one:
    (mentorship_id, first_at, last_at)."""
    source = BY_NAME["checkins"]
    union, params = _per_pair(
        source,
        period,
        "r.mentorship_id AS pair, r.checkins AS n, r.checkins_first AS first_at, "
        "r.checkins_last AS last_at",
        f"c.pair, COUNT(*), MIN({source.at}), MAX({source.at})",
    )
    ends = (
        "SELECT pair AS mentorship_id, MIN(first_at) AS first_at, MAX(last_at) AS last_at "
        f"FROM ({union}) u GROUP BY pair HAVING SUM(n) >= 2"
    )
    return period.statement(outer.replace("{ends}", ends), params)
