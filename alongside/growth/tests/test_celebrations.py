import datetime as dt

from django.utils import timezone as tz

from alongside.growth.services import celebrate_due
from alongside.meetings.models import Meeting
from alongside.mentorships.models import Celebration, Mentorship
from conftest import agreement


def titles(pair):
    return sorted(Celebration.objects.filter(mentorship=pair).values_list("title", flat=True))


def test_meetings_held_and_months_together_are_celebrated_once(pair, mentor):
    now = tz.now()
    Mentorship.objects.filter(pk=pair.pk).update(started_at=now - dt.timedelta(days=100))
    pair.refresh_from_db()
    for days in range(5, 0, -1):
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=days * 20)
        )
    celebrate_due(mentorship=pair, now=now)
    celebrate_due(mentorship=pair, now=now)
    assert titles(pair) == ["3 months together", "5 meetings held together"]
    later = now + dt.timedelta(days=90)
    for days in range(5):
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now + dt.timedelta(days=days)
        )
    celebrate_due(mentorship=pair, now=later)
    assert titles(pair) == [
        "10 meetings held together",
        "3 months together",
        "5 meetings held together",
        "6 months together",
    ]


def test_a_quarter_of_kept_cadence_is_celebrated(pair, mentee, mentor):
    agreement(pair, ends_on=tz.localdate() + dt.timedelta(days=300))
    now = tz.now()
    for k in range(7):  # every 14 days for 98 days
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=1 + 14 * k)
        )
    celebrate_due(mentorship=pair, now=now)
    assert "Cadence kept for a quarter" in titles(pair)


def test_nothing_is_celebrated_for_a_closed_pair(pair, mentee):
    from alongside.mentorships.services import mentorship_end

    mentorship_end(mentorship=pair, actor=mentee, reason="Moving on")
    pair.refresh_from_db()
    assert celebrate_due(mentorship=pair) == []
