"""The pairs at risk: every active pair of a program with its signals (no meeting for a
while, overdue action items, low feedback, a member who cannot reach the other) and its
health score (health.py), from counts and dates only, never a word a pair wrote."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Max
from django.utils import timezone as tz

from alongside.insights import health
from alongside.meetings.models import ActionItem, Feedback
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
    low = {
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
    unreachable = _unreachable_pairs(program, now)
    out = []
    for pk, public_id, started_at, fading_at, at_risk_at in active.values_list(
        "pk", "public_id", "started_at", "fading_at", "at_risk_at"
    ).order_by():
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
            unreachable=str(public_id) in unreachable,
        )
        out.append(
            PairHealth(
                pair_pk=pk,
                public_id=public_id,
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
        h.last_activity = latest.get(h.pair_pk) or h.started_at
    return [h for h in rows if h.pair is not None]
