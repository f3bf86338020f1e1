"""Monthly rollups of what each pair did (PairMonth), so that the dashboard of a program with
10,000 pairs reads about one row per pair and month instead of every meeting.

Kept current by the database: triggers (insights/triggers.py) note every pair whose meetings,
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
from alongside.insights import groups, skills
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


def utc_month(expression: str) -> str:
    # The UTC month from the stored text of the moment: the same on SQLite and PostgreSQL
    # (whose connections Django keeps in UTC).
    kind = "VARCHAR" if connection.vendor == "postgresql" else "TEXT"
    return f"SUBSTR(CAST({expression} AS {kind}), 1, 7)"


def stored_at(moment: dt.datetime) -> Any:
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
            f"SELECT {source.pair} AS pair, {utc_month(source.at)} AS month, {', '.join(columns)} "
            f"FROM {source.tables} WHERE {where} AND {source.pair} IN ({marks}) "
            f"GROUP BY {source.pair}, {utc_month(source.at)}"
        )
        params += [*where_params, *pair_ids]
    outer = []
    for i in range(len(SOURCES)):
        outer += [f"SUM(u.c{3 * i})", f"MIN(u.c{3 * i + 1})", f"MAX(u.c{3 * i + 2})"]
    extra = 3 * len(SOURCES)
    outer += [f"SUM(u.c{extra})", f"MIN(u.c{extra + 1})", f"MAX(u.c{extra + 2})"]
    started, started_params = groups.started_sql("p")
    join, department, join_params = groups.department_sql("p")
    sql = (
        f"SELECT u.pair, p.program_id, u.month, {', '.join(outer)}, "
        f"{started} AS started, {department} AS department "
        f"FROM ({' UNION ALL '.join(branches)}) u "
        f"JOIN {PAIRS} p ON p.id = u.pair {join} "
        "GROUP BY u.pair, p.id, u.month, e.id"  # the pair's and enrollment's columns with them
    )
    return sql, [*started_params, *params, *join_params]


def _columns() -> list[str]:
    columns = ["mentorship_id", "program_id", "month"]
    for source in SOURCES:
        columns += [source.name, f"{source.name}_first", f"{source.name}_last"]
    return [*columns, "feedback_ratings", "first_any", "last_any", "started", "department"]


def rollups_recount(pair_ids: list[int]) -> None:
    """Count the given pairs' PairMonth rows again from their rows, and move their
    programs' totals (ProgramMonth) from the old rows to the new ones."""
    if not pair_ids:
        return
    select, params = _recount_sql(pair_ids)
    marks = ", ".join(["%s"] * len(pair_ids))
    with transaction.atomic(), connection.cursor() as cursor:
        groups.groups_lock()
        groups.groups_add(pair_ids, -1)
        cursor.execute(f"DELETE FROM {ROLLUP} WHERE mentorship_id IN ({marks})", pair_ids)
        cursor.execute(f"INSERT INTO {ROLLUP} ({', '.join(_columns())}) {select}", params)
        groups.groups_add(pair_ids, 1)
        skills.skills_recount(pair_ids)


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
    all, and make the program's totals again from the rows they will be recounted from:
    the rebuild. Answers how many."""
    where, params = ("WHERE program_id = %s", [program_id]) if program_id else ("", [])
    with transaction.atomic(), connection.cursor() as cursor:
        groups.groups_lock()
        groups.groups_rebuild(program_id=program_id)
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
            counted = {(row[0], row[2]): _comparable(names, row) for row in cursor.fetchall()}
        stored = {
            (row[0], row[2]): _comparable(names, row)
            for row in PairMonth.objects.filter(mentorship_id__in=chunk).values_list(*names)
        }
        for key in sorted(set(counted) | set(stored)):
            if counted.get(key) != stored.get(key):
                wrong.append(f"pair {key[0]}, {key[1]}: {stored.get(key)} != {counted.get(key)}")
        wrong += skills.skills_verify(chunk)
    return wrong + groups.groups_verify(program_id=program_id)


def moment(value: Any) -> Any:
    """A moment read back by a raw SELECT, comparable on both databases."""
    from django.utils.dateparse import parse_datetime

    if isinstance(value, str):  # SQLite hands back the stored text of a raw SELECT
        value = parse_datetime(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _comparable(names: list[str], row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        moment(v) if v is not None and name.endswith(("_first", "_last", "_any")) else v
        for name, v in zip(names[1:], row[1:], strict=True)
    )
