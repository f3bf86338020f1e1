"""The pairs at risk: every active pair of a program with its signals (no meeting for a
while, overdue action items, low feedback, a member who cannot reach the other) and its
health score (health.py), from counts and dates only, never a word a pair wrote."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.utils import timezone as tz

from alongside.insights import health, reading
from alongside.meetings.models import ActionItem
from alongside.mentorships.clock import DEFAULT_CADENCE_DAYS
from alongside.mentorships.models import Mentorship, Status, TimelineItem
from alongside.notifications.models import Notification
from alongside.programs.models import Program


@dataclass
class PairHealth:
    pair_pk: int
    public_id: Any
    signals: health.Signals
    score: int
    labels: list[str]
    started_at: dt.datetime | None = None
    last_activity: dt.datetime | None = None
    pair: Mentorship | None = None  # filled by with_details, for the rows shown


def _unreachable_pairs(program: Program, now: dt.datetime) -> set[str]:
    keys = Notification.objects.filter(
        person__administered_programs=program,
        kind="unreachable",
        created_at__gte=now - dt.timedelta(days=health.UNREACHABLE_DAYS),
    ).values_list("key", flat=True)
    return {key.split(":")[1] for key in keys if key.count(":") >= 2}


# Feedback "of the last 90 days" has no end: a moment no feedback reaches.
END = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)


def _plain_rows(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows as the database driver gives them: Django's converters, run on thousands
    of dates and ids, cost more than the query."""
    sql, params = rows.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, str):  # SQLite: the stored UTC text
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:  # SQLite's parsed UTC
        value = value.replace(tzinfo=dt.UTC)
    return value


def _stored_uuid(text: str) -> Any:
    """A public id as the driver hands it back: hex text on SQLite, a UUID on PostgreSQL."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    return value if connection.vendor == "postgresql" else value.hex


def pair_health(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """Every active pair of the program with its signals and score, lowest score first.
    Four queries, whatever the number of pairs: the pairs' clocks (plain values, no
    models: a program has thousands), the overdue action items, the recent feedback
    averages, the "cannot reach" reports."""
    now = now or tz.now()
    today = tz.localdate(now)
    active = Mentorship.objects.filter(program=program, status=Status.ACTIVE)
    overdue = dict(
        ActionItem.objects.filter(mentorship__in=active, done_at__isnull=True, due_on__lt=today)
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
        .order_by()
    )
    # The feedback of the last FEEDBACK_DAYS, from the monthly rollups (rollups.py).
    sql, params = active.order_by().values("id").query.sql_with_params()
    recent = reading.Period(
        program.pk, sql, tuple(params), now - dt.timedelta(days=health.FEEDBACK_DAYS), END, now
    )
    low = {
        pair
        for pair, (n, total) in reading.feedback_by_pair(recent).items()
        if n >= 2 and total / n < health.LOW_FEEDBACK_BELOW
    }
    unreachable = {_stored_uuid(key) for key in _unreachable_pairs(program, now)}
    out = []
    for pk, public_id, started_at, fading_at, at_risk_at in _plain_rows(
        active.values_list("pk", "public_id", "started_at", "fading_at", "at_risk_at")
    ):
        started_at, fading_at, at_risk_at = map(_moment, (started_at, fading_at, at_risk_at))
        days, gap = health.clock_gap(
            now=now,
            fading_at=fading_at,
            at_risk_at=at_risk_at,
            started_at=started_at,
            default_days=DEFAULT_CADENCE_DAYS,
        )
        signals = health.Signals(
            cadence_days=days,
            gap=gap,
            overdue_actions=overdue.get(pk, 0),
            low_feedback=pk in low,
            unreachable=public_id in unreachable,
        )
        out.append(
            PairHealth(
                pair_pk=pk,
                public_id=None,  # filled with the pair, for the rows shown
                signals=signals,
                score=health.health_score(signals),
                labels=health.signal_labels(signals),
                started_at=started_at,
            )
        )
    out.sort(key=lambda h: (h.score, h.pair_pk))
    return out


def at_risk(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """The active pairs with at least one signal, lowest score first."""
    return [h for h in pair_health(program, now=now) if h.labels]


def with_details(rows: list[PairHealth]) -> list[PairHealth]:
    """Fill the rows shown (a page of them) with their pair and its two members, and the
    last activity: the latest event on the pair's timeline (its date, never its text).
    Two queries for the rows given."""
    ids = [h.pair_pk for h in rows]
    pairs = Mentorship.objects.filter(pk__in=ids).select_related("mentor", "mentee").in_bulk()
    latest = dict(
        TimelineItem.objects.filter(mentorship_id__in=ids)
        .values("mentorship_id")
        .annotate(at=Max("at"))
        .values_list("mentorship_id", "at")
        .order_by()
    )
    for h in rows:
        h.pair = pairs.get(h.pair_pk)
        h.public_id = h.pair.public_id if h.pair else None
        h.last_activity = latest.get(h.pair_pk) or h.started_at
    return [h for h in rows if h.pair is not None]
