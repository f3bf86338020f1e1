"""The pair's clocks: when a check-in is due, when the pair fades, when it is at risk.

Kept up to date whenever something that moves them happens (a start, a meeting, a
check-in, a new cadence), so that the reminder sweep finds due pairs with an index
instead of walking every pair.
"""

import datetime as dt

from django.utils import timezone as tz

from alongside.mentorships.models import AgreementVersion, Mentorship, Status

DEFAULT_CADENCE_DAYS = 14
CHECKIN_EVERY_DAYS = 30


def pair_clock_update(mentorship: Mentorship) -> None:
    # Meetings and check-ins sit in apps above the pair core: their rows are read through
    # the reverse relations of their foreign keys to the pair, not by importing them.
    if mentorship.status != Status.ACTIVE or mentorship.started_at is None:
        Mentorship.objects.filter(pk=mentorship.pk).update(
            checkin_due_on=None, fading_at=None, at_risk_at=None
        )
        return
    versions = AgreementVersion.objects.filter(mentorship=mentorship).order_by("-number")
    in_force = next((v for v in versions if v.in_force), None)
    cadence = dt.timedelta(days=in_force.meeting_every_days if in_force else DEFAULT_CADENCE_DAYS)
    last_meeting = (
        mentorship.meetings.filter(status="scheduled")
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    anchor = max(filter(None, [last_meeting, mentorship.started_at]))
    last_checkin = (
        mentorship.checkins.all()
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    base = last_checkin or mentorship.started_at
    fields: dict[str, object] = {
        "checkin_due_on": tz.localtime(base).date() + dt.timedelta(days=CHECKIN_EVERY_DAYS),
        "fading_at": anchor + cadence * 1.5,
        "at_risk_at": anchor + cadence * 3,
    }
    if mentorship.at_risk_since and anchor + cadence * 3 > tz.now():
        fields["at_risk_since"] = None  # they met again: no longer at risk
    Mentorship.objects.filter(pk=mentorship.pk).update(**fields)
    for name, value in fields.items():
        setattr(mentorship, name, value)
