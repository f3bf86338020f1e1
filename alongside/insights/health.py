"""A pair's health score, 0-100, from its signals. Plain arithmetic, so the page can state
the formula and the tests can check it by hand."""

import datetime as dt
from dataclasses import dataclass, field

# Past this many cadences without a meeting the pair shows the signal (the reminder sweep
# nudges both at 1.5x and tells the admins at 3x).
GAP_SIGNAL = 2.0
GAP_PENALTY = 40  # reached at 3x the cadence, from 0 at 1x
OVERDUE_PENALTY = 10  # per overdue action item
OVERDUE_PENALTY_MAX = 20
LOW_FEEDBACK_PENALTY = 20
UNREACHABLE_PENALTY = 20
LOW_FEEDBACK_BELOW = 3.0  # the average rating of the last 90 days' meeting feedback
FEEDBACK_DAYS = 90
UNREACHABLE_DAYS = 30

FORMULA = (
    f"100, less {GAP_PENALTY} x (cadences since the last meeting - 1) / 2 (nothing up to one "
    f"cadence, all {GAP_PENALTY} from three), less {OVERDUE_PENALTY} per overdue action item "
    f"(at most {OVERDUE_PENALTY_MAX}), less {LOW_FEEDBACK_PENALTY} when the meeting feedback "
    f"of the last {FEEDBACK_DAYS} days averages under {LOW_FEEDBACK_BELOW:g} of 5, less "
    f"{UNREACHABLE_PENALTY} when a member reported in the last {UNREACHABLE_DAYS} days that "
    "they cannot reach their partner; never below 0."
)


@dataclass
class Signals:
    cadence_days: int
    gap: float  # cadences since the last meeting (or the start)
    overdue_actions: int = 0
    low_feedback: bool = False
    unreachable: bool = False
    labels: list[str] = field(default_factory=list)


def health_score(s: Signals) -> int:
    gap_part = GAP_PENALTY * min(1.0, max(0.0, (s.gap - 1) / 2))
    overdue_part = min(OVERDUE_PENALTY_MAX, OVERDUE_PENALTY * s.overdue_actions)
    score = (
        100
        - gap_part
        - overdue_part
        - (LOW_FEEDBACK_PENALTY if s.low_feedback else 0)
        - (UNREACHABLE_PENALTY if s.unreachable else 0)
    )
    return max(0, round(score))


def signal_labels(s: Signals) -> list[str]:
    labels = []
    if s.gap >= GAP_SIGNAL:
        labels.append(f"No meeting for {s.gap:.1f}x the agreed cadence ({s.cadence_days} days)")
    if s.overdue_actions:
        plural = "s" if s.overdue_actions != 1 else ""
        labels.append(f"{s.overdue_actions} overdue action item{plural}")
    if s.low_feedback:
        labels.append("Low meeting feedback")
    if s.unreachable:
        labels.append("A member cannot reach their partner")
    return labels


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
DAY_US = 86_400_000_000


def micros(moment: dt.datetime) -> int:
    """An aware moment as whole microseconds since 1970."""
    return (moment - EPOCH) // MICROSECOND


def _halves_even(a: int, b: int) -> int:
    """a / b rounded to the nearest integer, halves to even: timedelta's own rounding."""
    q, r = divmod(a, b)
    if not r:  # the clock's cadences are whole seconds: no rounding, mostly
        return q
    r *= 2
    if r > b or (r == b and q % 2 == 1):
        q += 1
    return q


def clock_gap(
    *,
    now: dt.datetime,
    fading_at: dt.datetime | None,
    at_risk_at: dt.datetime | None,
    started_at: dt.datetime | None,
    default_days: int,
) -> tuple[int, float]:
    """The cadence in days and the cadences since the last meeting, read from the pair's
    clock (mentorships.clock keeps fading_at = last + 1.5 cadences, at_risk_at = + 3), so
    that no meeting is read: a planned meeting counts as the last one, as for the sweep."""
    return clock_gap_us(
        now=micros(now),
        fading_at=None if fading_at is None else micros(fading_at),
        at_risk_at=None if at_risk_at is None else micros(at_risk_at),
        started_at=None if started_at is None else micros(started_at),
        default_days=default_days,
    )


def clock_gap_us(
    *,
    now: int,
    fading_at: int | None,
    at_risk_at: int | None,
    started_at: int | None,
    default_days: int,
) -> tuple[int, float]:
    """clock_gap with the moments as microseconds since 1970 (as the database can give
    them, no date to build), computed as timedelta computes it: the cadence is
    (at_risk_at - fading_at) / 1.5 and the last meeting fading_at - 1.5 cadences, each
    rounded to the microsecond."""
    if fading_at is None or at_risk_at is None:
        anchor = now if started_at is None else started_at
        cadence = default_days * DAY_US
    else:
        cadence = _halves_even(2 * (at_risk_at - fading_at), 3)
        anchor = fading_at - _halves_even(3 * cadence, 2)
    days = max(1, round(cadence / 10**6 / 86400))
    return days, max(0.0, (now - anchor) / cadence) if cadence else 0.0
