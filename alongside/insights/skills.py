"""The change of confidence per skill on the dashboard: per pair, from its first check-in of
the period to its latest, the change of each skill both rate; per skill, the pairs and the
mean change.

A pair whose check-ins all fall inside the period has its change stored (PairSkill, counted
by the refresh with its PairMonth rows), so the dashboard reads a row per pair and skill
instead of finding each pair's two check-ins and their ratings. Only the pairs a period's
ends cut through, and the pairs waiting for a refresh, are paired from their check-ins."""

# Every query here is built from this module's own table and column names; values go in as
# parameters only.
# ruff: noqa: S608

from typing import TYPE_CHECKING, Any

from django.db import connection

from alongside.growth.models import CheckIn, SkillRating
from alongside.insights.models import PairChange, PairSkill
from alongside.mentorships.models import Mentorship

if TYPE_CHECKING:
    from alongside.insights.reading import Period

SKILLS = PairSkill._meta.db_table
CHANGES = PairChange._meta.db_table
PAIRS = Mentorship._meta.db_table
CHECKINS = CheckIn._meta.db_table
RATINGS = SkillRating._meta.db_table

# Per pair of `{ends}` (mentorship_id, first_at, last_at), the skills rated at both ends:
# (skill, label, first_level, last_level), one row each way they pair.
SKILL_ROWS = f"""
    SELECT LOWER(a.skill) AS skill, a.skill AS label, a.level AS first_level,
        b.level AS last_level
    FROM ({{ends}}) ends
    JOIN {CHECKINS} c1
        ON c1.mentorship_id = ends.mentorship_id AND c1.created_at = ends.first_at
    JOIN {RATINGS} a ON a.checkin_id = c1.id
    JOIN {CHECKINS} c2
        ON c2.mentorship_id = ends.mentorship_id AND c2.created_at = ends.last_at
    JOIN {RATINGS} b ON b.checkin_id = c2.id AND LOWER(b.skill) = LOWER(a.skill)
"""
# Per skill: the pairs and the mean change, from rows of SKILL_ROWS' columns in `{rows}`.
PER_SKILL = """
    SELECT skill, MIN(label), COUNT(*), AVG(CAST(last_level - first_level AS REAL))
    FROM ({rows}) x GROUP BY skill ORDER BY skill
"""
# The two together: what the dashboard shows, counted from the check-ins of `{ends}`.
SKILL_CHANGE = PER_SKILL.replace("{rows}", SKILL_ROWS)


def _all_ends(marks: str) -> str:
    return (
        "SELECT mentorship_id, MIN(created_at) AS first_at, MAX(created_at) AS last_at, "
        f"COUNT(*) AS n FROM {CHECKINS} WHERE mentorship_id IN ({marks}) "
        "AND created_at IS NOT NULL GROUP BY mentorship_id"
    )


def skills_recount_sql(pair_ids: list[int]) -> tuple[str, list[Any]]:
    """The PairSkill rows of the given pairs, from all their check-ins: a SELECT of
    COLUMNS."""
    marks = ", ".join(["%s"] * len(pair_ids))
    ends = _all_ends(marks)
    rows = SKILL_ROWS.replace("{ends}", "SELECT mentorship_id, first_at, last_at FROM e")
    sql = (
        f"WITH e AS ({ends}) "
        "SELECT e.mentorship_id, p.program_id, e.first_at, e.last_at, e.n, "
        "NULL, NULL, NULL, NULL "
        f"FROM e JOIN {PAIRS} p ON p.id = e.mentorship_id "
        "UNION ALL SELECT e.mentorship_id, p.program_id, e.first_at, e.last_at, e.n, "
        "s.skill, s.label, s.first_level, s.last_level "
        f"FROM e JOIN {PAIRS} p ON p.id = e.mentorship_id JOIN "
        f"({rows.replace('SELECT LOWER', 'SELECT ends.mentorship_id AS pair, LOWER', 1)}) s "
        "ON s.pair = e.mentorship_id"
    )
    return sql, list(pair_ids)


COLUMNS = [
    "mentorship_id",
    "program_id",
    "first_at",
    "last_at",
    "checkins",
    "skill",
    "label",
    "first_level",
    "last_level",
]


def skills_recount(pair_ids: list[int]) -> None:
    """Count the given pairs' PairSkill rows again (in the refresh's transaction)."""
    select, params = skills_recount_sql(pair_ids)
    marks = ", ".join(["%s"] * len(pair_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SKILLS} WHERE mentorship_id IN ({marks})", pair_ids)
        cursor.execute(f"INSERT INTO {SKILLS} ({', '.join(COLUMNS)}) {select}", params)


def skills(period: "Period") -> list[tuple[str, str, int, float]]:
    """Per skill (key, label, pairs, mean change): one query. The pairs whose check-ins all
    fall inside the period from their stored change; the pairs with a check-in outside it
    (found by the indexes on the span), and the pairs waiting for a refresh, paired from
    their check-ins as the rollups give them."""
    from alongside.insights.reading import checkin_ends  # reading needs rollups, which need us

    lo, hi = (connection.ops.adapt_datetimefield_value(m) for m in (period.lo, period.hi))
    pair = "s.mentorship_id" if connection.vendor == "postgresql" else "+s.mentorship_id"
    mine = (
        f"s.program_id = %s AND {pair} IN (SELECT id FROM chosen) "
        f"AND {pair} NOT IN (SELECT mentorship_id FROM {CHANGES})"
    )
    whole = (
        "SELECT s.skill, s.label, s.first_level, s.last_level "
        f"FROM {SKILLS} s WHERE {mine} AND s.first_at >= %s AND s.last_at < %s "
        "AND s.checkins >= 2 AND s.skill IS NOT NULL"
    )
    split = (
        f"SELECT s.mentorship_id FROM {SKILLS} s WHERE {mine} AND s.skill IS NULL "
        "AND s.first_at < %s AND s.last_at >= %s "
        f"UNION SELECT s.mentorship_id FROM {SKILLS} s WHERE {mine} AND s.skill IS NULL "
        "AND s.last_at >= %s AND s.first_at < %s"
    )
    split_params = [period.program_id, lo, lo, period.program_id, hi, hi]
    rows = f"{whole} UNION ALL {SKILL_ROWS}"
    sql, params = checkin_ends(
        period,
        PER_SKILL.replace("{rows}", rows),
        (period.program_id, lo, hi),
        (split, split_params),
    )
    return [(key, label, int(n), float(change)) for key, label, n, change in _run(sql, params)]


def _run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def skills_verify(pair_ids: list[int]) -> list[str]:
    """The given pairs' PairSkill rows that differ from a count made now."""
    from collections import Counter

    from alongside.insights.rollups import moment

    def rows(sql: str, params: list[Any]) -> Counter[tuple[Any, ...]]:
        found = _run(sql, params)
        return Counter(
            tuple(moment(v) if i in (2, 3) else v for i, v in enumerate(r)) for r in found
        )

    marks = ", ".join(["%s"] * len(pair_ids))
    counted = rows(*skills_recount_sql(pair_ids))
    stored = rows(
        f"SELECT {', '.join(COLUMNS)} FROM {SKILLS} WHERE mentorship_id IN ({marks})", pair_ids
    )
    return [
        f"pair {row[0]}, skill {row[5]!r}: {stored[row]} stored, {counted[row]} counted now"
        for row in sorted(set(counted) | set(stored), key=repr)
        if counted[row] != stored[row]
    ]
