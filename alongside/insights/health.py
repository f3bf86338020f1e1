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
    if fading_at is None or at_risk_at is None:
        anchor = started_at or now
        cadence = dt.timedelta(days=default_days)
    else:
        cadence = (at_risk_at - fading_at) / 1.5
        anchor = fading_at - cadence * 1.5
    days = max(1, round(cadence.total_seconds() / 86400))
    return days, max(0.0, (now - anchor) / cadence) if cadence else 0.0
