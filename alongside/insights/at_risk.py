"""The pairs at risk: every active pair of a program with its signals (no meeting for a
while, overdue action items, low feedback, a member who cannot reach the other) and its
health score (health.py), from counts and dates only, never a word a pair wrote."""

import datetime as dt
import uuid
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Aggregate, BigIntegerField, Count, Func, Max, QuerySet
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
    started_at: dt.datetime | None = None  # filled by with_details, as the rest below
    last_activity: dt.datetime | None = None
    pair: Mentorship | None = None

    @property
    def labels(self) -> list[str]:
        return health.signal_labels(self.signals)


def _unreachable_pairs(program: Program, now: dt.datetime) -> set[str]:
    keys = Notification.objects.filter(
        person__administered_programs=program,
        kind="unreachable",
        created_at__gte=now - dt.timedelta(days=health.UNREACHABLE_DAYS),
    ).values_list("key", flat=True)
    return {key.split(":")[1] for key in keys if key.count(":") >= 2}


# Feedback "of the last 90 days" has no end: a moment no feedback reaches.
END = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)


class Micros(Func):
    """A moment as whole microseconds since 1970, computed by the database: an integer the
    driver hands over as it is, where a date costs Python a conversion per row."""

    arity = 1
    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # Django keeps a moment as UTC text, "YYYY-MM-DD HH:MM:SS[.ffffff]".
        sql, params = compiler.compile(self.source_expressions[0])
        # The whole seconds apart (SQLite reads a fraction to the millisecond, so .9996
        # would round up a second), then the fraction padded to six digits (none: 0).
        text = (
            f"(CAST(strftime(%s, substr({sql}, 1, 19)) AS INTEGER) * 1000000 "
            f"+ CAST(substr({sql} || '000000', 21, 6) AS INTEGER))"
        )
        return text, ["%s", *params, *params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(EXTRACT(EPOCH FROM {sql}) * 1000000)::bigint", params


def _plain_rows(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows as the database driver gives them: Django's converters, run on thousands
    of ids, cost more than the query."""
    sql, params = rows.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _stored_uuid(text: str) -> Any:
    """A public id as the driver hands it back: hex text on SQLite, a UUID on PostgreSQL."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    return value if connection.vendor == "postgresql" else value.hex


def per_pair(rows: QuerySet[Any], value: Aggregate) -> dict[int, Any]:
    """{pair id: `value`} over `rows` (things of a pair), in one grouped query."""
    grouped = rows.values("mentorship_id").annotate(per_pair=value).order_by()
    return dict(grouped.values_list("mentorship_id", "per_pair"))


def _scored(
    program: Program, now: dt.datetime, *, signalled_only: bool
) -> list[tuple[int, int, health.Signals]]:
    """(score, pair id, signals) of every active pair of the program (only those with a
    signal when `signalled_only`), lowest score first. Four queries, whatever the number
    of pairs: the pairs' clocks (as integers: a program has thousands), the overdue action
    items, the pairs with low recent feedback, the "cannot reach" reports."""
    today = tz.localdate(now)
    active = Mentorship.objects.filter(program=program, status=Status.ACTIVE)
    overdue = per_pair(
        ActionItem.objects.filter(mentorship__in=active, done_at__isnull=True, due_on__lt=today),
        Count("pk"),
    )
    # The feedback of the last FEEDBACK_DAYS, from the monthly rollups (rollups.py).
    sql, params = active.order_by().values("id").query.sql_with_params()
    recent = reading.Period(
        program.pk, sql, tuple(params), now - dt.timedelta(days=health.FEEDBACK_DAYS), END, now
    )
    low = reading.low_feedback_pairs(recent, at_least=2, below=health.LOW_FEEDBACK_BELOW)
    unreachable = {_stored_uuid(key) for key in _unreachable_pairs(program, now)}
    clocks = active.values_list(
        "pk", "public_id", Micros("started_at"), Micros("fading_at"), Micros("at_risk_at")
    )
    now_us, gap_of, score_of = health.micros(now), health.clock_gap_us, health.health_score
    out = []
    for pk, public_id, started_at, fading_at, at_risk_at in _plain_rows(clocks):
        days, gap = gap_of(
            now=now_us,
            fading_at=fading_at,
            at_risk_at=at_risk_at,
            started_at=started_at,
            default_days=DEFAULT_CADENCE_DAYS,
        )
        n, is_low, cut_off = overdue.get(pk, 0), pk in low, public_id in unreachable
        if signalled_only and gap < health.GAP_SIGNAL and not (n or is_low or cut_off):
            continue  # no signal: health.signal_labels would be empty
        signals = health.Signals(days, gap, n, is_low, cut_off)
        out.append((score_of(signals), pk, signals))
    out.sort(key=itemgetter(0, 1))
    return out


def pair_health(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """Every active pair of the program with its signals and score, lowest score first.
    Four queries, whatever the number of pairs (_scored)."""
    rows = _scored(program, now or tz.now(), signalled_only=False)
    return [PairHealth(pk, None, signals, score) for score, pk, signals in rows]


def at_risk(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """The active pairs with at least one signal, lowest score first."""
    rows = _scored(program, now or tz.now(), signalled_only=True)
    return [PairHealth(pk, None, signals, score) for score, pk, signals in rows]


def with_details(rows: list[PairHealth]) -> list[PairHealth]:
    """Fill the rows shown (a page of them) with their pair and its two members, and the
    last activity: the latest event on the pair's timeline (its date, never its text).
    Two queries for the rows given."""
    ids = [h.pair_pk for h in rows]
    pairs = Mentorship.objects.filter(pk__in=ids).select_related("mentor", "mentee").in_bulk()
    latest = per_pair(TimelineItem.objects.filter(mentorship_id__in=ids), Max("at"))
    for h in rows:
        h.pair = pairs.get(h.pair_pk)
        if h.pair is not None:
            h.public_id, h.started_at = h.pair.public_id, h.pair.started_at
        h.last_activity = latest.get(h.pair_pk) or h.started_at
    return [h for h in rows if h.pair is not None]
