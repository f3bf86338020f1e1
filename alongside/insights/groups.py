"""The programs' monthly totals (ProgramMonth): per program, UTC month and department, the
sums of the PairMonth rows of the pairs that had started when they were counted. The
refresh keeps them so (`groups_add` takes a pair's old rows out and puts its new ones in,
in the same transaction), and the dashboard reads a whole month of a program of 10,000
pairs in a row or two per department.

A pair whose status or department changes is noted like one whose meetings change
(triggers.py), so a total never counts a pair under a key it no longer has once the pair
is refreshed; until then the dashboard takes the noted pair's rows back out (they stay
until the refresh, even when the pair is deleted) and counts it from its rows."""

# Every query here is built from this module's own table and column names; values go in as
# parameters only.
# ruff: noqa: S608

from typing import Any

from django.db import connection

from alongside.insights.models import PairMonth, ProgramMonth
from alongside.mentorships.models import Status
from alongside.programs.models import Enrollment, Role

GROUPS = ProgramMonth._meta.db_table
ROLLUP = PairMonth._meta.db_table
ENROLLMENTS = Enrollment._meta.db_table
# Pairs that have started: the ones the dashboard's outcomes are about.
STARTED = (Status.ACTIVE, Status.COMPLETED, Status.ENDED)
# The totals' counts, summed from the PairMonth columns of the same names.
SUMMED = tuple(
    f.name
    for f in ProgramMonth._meta.get_fields()
    if f.name not in ("id", "program", "month", "department", "feedback_pairs")
)
LOCK = 815_015  # the advisory lock the refreshes take turns on (PostgreSQL)


def started_sql(pair: str) -> tuple[str, list[Any]]:
    """Whether the pair `pair` (an alias of mentorships_mentorship) has started."""
    return f"{pair}.status IN ({', '.join(['%s'] * len(STARTED))})", [s.value for s in STARTED]


def department_sql(pair: str) -> tuple[str, str, list[Any]]:
    """The join to the pair's mentee enrollment and the department as text ('' when none):
    the value the dashboard's department filter compares, as Django's JSON lookup reads it."""
    join = (
        f"LEFT JOIN {ENROLLMENTS} e ON e.program_id = {pair}.program_id "
        f"AND e.person_id = {pair}.mentee_id AND e.role = %s"
    )
    if connection.vendor == "postgresql":
        value = "(e.answers ->> 'department')::text"
    else:
        kind = "JSON_TYPE(e.answers, '$.\"department\"')"
        value = (
            f"CAST(CASE WHEN {kind} IN ('true', 'null', 'false') THEN {kind} "
            "ELSE JSON_EXTRACT(e.answers, '$.\"department\"') END AS TEXT)"
        )
    return join, f"COALESCE({value}, '')", [Role.MENTEE.value]


def department_matches(column: str, department: str) -> tuple[str, list[Any]]:
    """`column` equals the department, case aside, as Django's iexact compares."""
    if connection.vendor == "postgresql":
        return f"UPPER({column}) = UPPER(%s)", [department]
    return f"{column} LIKE %s ESCAPE '\\'", [connection.ops.prep_for_like_query(department)]


def groups_add(pair_ids: list[int], sign: int) -> None:
    """Add (sign 1) or take out (sign -1) the given pairs' PairMonth rows of started pairs
    to or from their programs' totals: one statement."""
    marks = ", ".join(["%s"] * len(pair_ids))
    minus = "-" if sign < 0 else ""
    sums = [f"{minus}SUM({name})" for name in SUMMED]
    sums.append(f"{minus}SUM(CASE WHEN feedback > 0 THEN 1 ELSE 0 END)")
    columns = [*SUMMED, "feedback_pairs"]
    updates = ", ".join(f"{c} = {GROUPS}.{c} + excluded.{c}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {GROUPS} (program_id, month, department, {', '.join(columns)}) "
            f"SELECT program_id, month, department, {', '.join(sums)} FROM {ROLLUP} "
            f"WHERE mentorship_id IN ({marks}) AND started = %s "
            "GROUP BY program_id, month, department "
            f"ON CONFLICT (program_id, month, department) DO UPDATE SET {updates}",
            [*pair_ids, True],
        )


def groups_rebuild(*, program_id: int | None = None) -> None:
    """Make the totals (of one program) again from the PairMonth rows: the rebuild."""
    where, params = ("program_id = %s AND ", [program_id]) if program_id else ("", [])
    columns = [*SUMMED, "feedback_pairs"]
    sums = [f"SUM({name})" for name in SUMMED]
    sums.append("SUM(CASE WHEN feedback > 0 THEN 1 ELSE 0 END)")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {GROUPS} WHERE {where}1 = 1", params)
        cursor.execute(
            f"INSERT INTO {GROUPS} (program_id, month, department, {', '.join(columns)}) "
            f"SELECT program_id, month, department, {', '.join(sums)} FROM {ROLLUP} "
            f"WHERE {where}started = %s GROUP BY program_id, month, department",
            [*params, True],
        )


def groups_lock() -> None:
    """Refreshes take turns on the totals (PostgreSQL: an advisory lock until the commit;
    SQLite writes one at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])


def groups_verify(*, program_id: int) -> list[str]:
    """The program's totals that differ from the sums of its PairMonth rows now."""
    names = [*SUMMED, "feedback_pairs"]
    sums = [f"SUM({name})" for name in SUMMED]
    sums.append("SUM(CASE WHEN feedback > 0 THEN 1 ELSE 0 END)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT month, department, {', '.join(sums)} FROM {ROLLUP} "
            "WHERE program_id = %s AND started = %s GROUP BY month, department",
            [program_id, True],
        )
        summed = {(row[0], row[1]): tuple(row[2:]) for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT month, department, {', '.join(names)} FROM {GROUPS} WHERE program_id = %s",
            [program_id],
        )
        stored = {(row[0], row[1]): tuple(row[2:]) for row in cursor.fetchall()}
    zero = (0,) * len(names)
    wrong = []
    for key in sorted(set(summed) | set(stored)):
        if summed.get(key, zero) != stored.get(key, zero):
            wrong.append(
                f"program {program_id}, {key[0]}, department {key[1]!r}: "
                f"{stored.get(key, zero)} != {summed.get(key, zero)}"
            )
    return wrong
