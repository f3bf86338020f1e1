"""The dashboard's figures counted straight from the pairs' rows, as the dashboard did before
it read the monthly rollups: the oracle that test_rollups compares the rollups with.

The one change from that code: the raw queries hand the database its own form of a moment
(on SQLite, UTC text), so that a viewer outside UTC compares like with like."""

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, QuerySet
from django.db.models.functions import Cast, Substr

from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CheckIn
from alongside.insights.filters import Filters, months_between
from alongside.insights.selectors import K, bounds, pairs_of
from alongside.insights.skills import SKILL_CHANGE
from alongside.meetings.models import Meeting, MeetingStatus
from alongside.programs.models import Program
from alongside.threads.models import Message


def _month_of(field_name: str) -> Substr:
    return Substr(Cast(field_name, CharField()), 1, 7)


def _per_month(rows: QuerySet[Any], field_name: str, months: list[str]) -> list[tuple[str, int]]:
    counts = dict(
        rows.annotate(month=_month_of(field_name))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by()
    )
    return [(m, counts.get(m, 0)) for m in months]


def _at(moment: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(moment)


def _skills(pairs: QuerySet[Any], lo: dt.datetime, hi: dt.datetime) -> list[dict[str, Any]]:
    pair_sql, pair_params = pairs.values("id").query.sql_with_params()
    ends = f"""
        SELECT mentorship_id, MIN(created_at) AS first_at, MAX(created_at) AS last_at
        FROM growth_checkin
        WHERE mentorship_id IN ({pair_sql}) AND created_at >= %s AND created_at < %s
        GROUP BY mentorship_id
        HAVING COUNT(*) >= 2
    """  # noqa: S608
    sql = SKILL_CHANGE.replace("{ends}", ends)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pair_params, _at(lo), _at(hi)])
        rows = cursor.fetchall()
    return [
        {"skill": label, "pairs": n, "change": round(float(change), 2) if n >= K else None}
        for _, label, n, change in rows
    ]


def _feedback(pairs: QuerySet[Any], lo: dt.datetime, hi: dt.datetime) -> tuple[Any, int]:
    pair_sql, pair_params = pairs.values("id").query.sql_with_params()
    sql = f"""
        SELECT AVG(CAST(f.rating AS REAL)), COUNT(DISTINCT m.mentorship_id)
        FROM meetings_feedback f CROSS JOIN meetings_meeting m
        WHERE m.id = f.meeting_id AND f.created_at >= %s AND f.created_at < %s
            AND m.mentorship_id IN ({pair_sql})
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [_at(lo), _at(hi), *pair_params])
        avg, count = cursor.fetchone()
    return avg, count


def direct_figures(program: Program, filters: Filters, now: dt.datetime) -> dict[str, Any]:
    """The figures the rollups serve, for every pair whatever its number."""
    lo, hi = bounds(filters)
    months = months_between(filters.since, filters.until)
    pairs = pairs_of(program, filters)
    held = Meeting.objects.filter(
        mentorship__in=pairs,
        status=MeetingStatus.SCHEDULED,
        starts_at__gte=lo,
        starts_at__lt=min(hi, now),
    )
    avg, feedback_pairs = _feedback(pairs, lo, hi)
    return {
        "meetings_per_month": _per_month(held, "starts_at", months),
        "checkins_per_month": _per_month(
            CheckIn.objects.filter(mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi),
            "created_at",
            months,
        ),
        "milestones_per_month": _per_month(
            Milestone.objects.filter(goal__mentorship__in=pairs, done_at__gte=lo, done_at__lt=hi),
            "done_at",
            months,
        ),
        "goals_per_month": _per_month(
            Goal.objects.filter(
                mentorship__in=pairs, status="achieved", closed_at__gte=lo, closed_at__lt=hi
            ),
            "closed_at",
            months,
        ),
        "messages_per_month": _per_month(
            Message.objects.filter(mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi),
            "created_at",
            months,
        ),
        "goals_set": Goal.objects.filter(
            mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi
        ).count(),
        "feedback_average": (
            round(float(avg), 2) if feedback_pairs >= K and avg is not None else None
        ),
        "feedback_pairs": feedback_pairs,
        "skills": _skills(pairs, lo, hi),
    }


def direct_low_feedback(program: Program, now: dt.datetime) -> set[int]:
    """The active pairs whose feedback of the last FEEDBACK_DAYS averages under the bar, as
    the pairs at risk counted it from the feedback rows."""
    from django.db.models import Avg

    from alongside.insights import health
    from alongside.meetings.models import Feedback
    from alongside.mentorships.models import Mentorship, Status

    active = Mentorship.objects.filter(program=program, status=Status.ACTIVE)
    return {
        m
        for m, avg, n in Feedback.objects.filter(
            meeting__mentorship__in=active,
            created_at__gte=now - dt.timedelta(days=health.FEEDBACK_DAYS),
        )
        .values("meeting__mentorship_id")
        .annotate(avg=Avg("rating"), n=Count("pk"))
        .values_list("meeting__mentorship_id", "avg", "n")
        .order_by()
        if n >= 2 and avg is not None and avg < health.LOW_FEEDBACK_BELOW
    }
