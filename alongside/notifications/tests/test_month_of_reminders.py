"""A month of a pair's life, swept every hour: the exact reminders, in the right time
zone, none twice; a worker that was down for a day catches up without flooding."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.growth import services as growth
from alongside.home.sweep import sweep
from alongside.meetings import services as meetings
from alongside.meetings.models import Meeting
from alongside.mentorships.clock import pair_clock_update
from alongside.mentorships.models import Mentorship
from alongside.notifications.models import Notification
from conftest import agreement, deliver_mail

pytestmark = pytest.mark.sweep  # hundreds of sweeps a test

UTC = dt.UTC
NY = zoneinfo.ZoneInfo("America/New_York")
START = dt.datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday; no clock change for 4 weeks


def keys(person):
    return sorted(
        n.key.split(":")[0] for n in Notification.objects.filter(person=person).order_by("pk")
    )


@pytest.fixture
def month(pair, mentee, mentor):
    """The pair started on START, agreed to meet every 14 days, and meets on day 3 at
    14:00 UTC; nothing else happens unless a test does it."""
    Mentorship.objects.filter(pk=pair.pk).update(started_at=START)
    pair.refresh_from_db()
    # Saved today (an end date must be ahead of the day it is saved), far past the month.
    version = agreement(pair, ends_on=tz.localdate() + dt.timedelta(days=365))
    from alongside.mentorships.models import AgreementVersion

    AgreementVersion.objects.filter(pk=version.pk).update(created_at=START)
    meeting = Meeting.objects.create(
        mentorship=pair,
        organizer=mentor,
        starts_at=START + dt.timedelta(days=3, hours=2),
        minutes=45,
        title="Kick-off",
        timezone="Europe/Berlin",
    )
    pair_clock_update(pair)
    deliver_mail()
    mail.outbox.clear()
    Notification.objects.all().delete()
    return pair, meeting


def run(start, hours, step=1):
    made = []
    for h in range(0, hours, step):
        made.append(sweep(start + dt.timedelta(hours=h)))
    return made


def test_the_meeting_reminder_comes_24_hours_before_in_each_persons_time(month, mentee, mentor):
    pair, meeting = month
    run(START, 24 * 3)
    reminders = Notification.objects.filter(kind="meeting_tomorrow").order_by("person__email")
    assert [(n.person.email, n.created_at) for n in reminders] == [
        (mentee.email, START + dt.timedelta(days=2, hours=2)),
        (mentor.email, START + dt.timedelta(days=2, hours=2)),
    ]
    # Ada lives in New York: 14:00 UTC is 09:00 her time; Grace in Berlin sees 15:00.
    ada = reminders.get(person=mentee)
    grace = reminders.get(person=mentor)
    assert "at 09:00" in ada.title and "Thursday 5 March" in ada.title
    assert "at 15:00" in grace.title
    deliver_mail()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, mentor.email])
    ics = [a for a in mail.outbox[0].attachments if a[0] == "meeting.ics"]
    assert ics and b"BEGIN:VEVENT" in (
        ics[0][1] if isinstance(ics[0][1], bytes) else ics[0][1].encode()
    )


def test_a_month_of_hourly_sweeps_sends_exactly_the_due_reminders(month, mentee, mentor):
    pair, meeting = month
    items = meetings.action_item_add(
        meeting=meeting,
        author=mentor,
        owner=mentee,
        text="Draft the outline",
        due_on=None,
    )
    from alongside.meetings.models import ActionItem

    ActionItem.objects.filter(pk=items.pk).update(due_on=dt.date(2026, 3, 10))
    run(START, 24 * 31)
    # The mentee: meeting tomorrow, feedback missing (2 days after), action due
    # tomorrow, then overdue, the fading nudge (21 days after the meeting) and the
    # monthly check-in (30 days after the start); and, the moment it was given, the news
    # that Grace gave her the action item (shared).
    assert keys(mentee) == sorted(
        [
            "shared",
            "meeting_tomorrow",
            "feedback_missing",
            "action_due",
            "action_overdue",
            "fading",
            "checkin_due",
        ]
    )
    assert keys(mentor) == sorted(["meeting_tomorrow", "feedback_missing", "fading"])
    overdue = Notification.objects.get(key__startswith="action_overdue")
    # Due on the 10th in New York: overdue from the 11th there (05:00 UTC at the earliest).
    assert overdue.created_at.astimezone(NY).date() == dt.date(2026, 3, 11)
    fading = Notification.objects.get(person=mentee, kind="fading")
    assert fading.created_at == meeting.starts_at + dt.timedelta(days=21)


def test_sweeping_again_sends_nothing_twice(month):
    first = run(START, 24 * 10)
    assert sum(sum(c.values()) for c in first) > 0
    again = run(START, 24 * 10)
    assert sum(sum(c.values()) for c in again) == 0


def test_a_worker_down_for_a_day_catches_up_with_one_reminder_a_kind(month, mentee):
    pair, meeting = month
    # Two more meetings on the same day as the first.
    for hours in (4, 6):
        Meeting.objects.create(
            mentorship=pair,
            organizer=mentee,
            starts_at=meeting.starts_at + dt.timedelta(hours=hours),
        )
    # Down from day 1 to day 2 22:00; the first sweep after it sees three meetings due.
    sweep(START + dt.timedelta(days=2, hours=20))
    assert Notification.objects.filter(person=mentee, kind="meeting_tomorrow").count() == 1


def test_a_done_item_or_given_feedback_is_not_reminded(month, mentee, mentor):
    pair, meeting = month
    meetings.feedback_give(meeting=meeting, author=mentee, rating=4)
    run(START + dt.timedelta(days=4), 24 * 4)
    assert "feedback_missing" not in keys(mentee)
    assert "feedback_missing" in keys(mentor)


def test_a_check_in_moves_the_due_date(month, mentee):
    pair, _ = month
    growth.checkin_create(mentorship=pair, author=mentee, wins="x", feeling=3)
    pair.refresh_from_db()
    # Written "now" (2026-11), so the next one is due a month from now, not in March.
    run(START + dt.timedelta(days=29), 48)
    assert "checkin_due" not in keys(mentee)


def test_three_times_the_cadence_flags_the_pair_for_the_admins_without_words(month, program_admin):
    pair, meeting = month
    run(meeting.starts_at + dt.timedelta(days=42, hours=1), 1)
    pair.refresh_from_db()
    assert pair.at_risk_since is not None
    (alert,) = Notification.objects.filter(person=program_admin)
    assert alert.kind == "at_risk"
    assert "Kick-off" not in alert.title and pair.mentee.name not in alert.title
    # Meeting again clears it.
    meetings.meeting_schedule(
        mentorship=pair,
        organizer=pair.mentor,
        starts_at=dt.datetime.now(UTC) + dt.timedelta(days=1),
    )
    pair.refresh_from_db()
    assert pair.at_risk_since is None


def test_turned_off_emails_still_notify_in_the_app(month, mentee):
    from alongside.notifications.services import preferences_update

    preferences_update(person=mentee, email_off=["meeting_tomorrow"])
    run(START + dt.timedelta(days=2), 4)
    assert Notification.objects.filter(person=mentee, kind="meeting_tomorrow").exists()
    deliver_mail()
    assert mentee.email not in [m.to[0] for m in mail.outbox]


def test_a_crash_mid_sweep_loses_nothing_and_doubles_nothing(month, mentee, mentor, monkeypatch):
    """The worker dies while making the second reminder: the first is kept, the second is
    rolled back whole (notification and email), and the next sweep makes it once."""
    from alongside.notifications import services as notifications

    pair, meeting = month
    at = meeting.starts_at - dt.timedelta(hours=23)
    real = notifications.send_email
    calls = {"n": 0}

    def dies_on_the_second(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("the worker was killed")
        return real(**kwargs)

    monkeypatch.setattr(notifications, "send_email", dies_on_the_second)
    with pytest.raises(SystemExit):
        sweep(at)
    assert Notification.objects.filter(kind="meeting_tomorrow").count() == 1
    monkeypatch.setattr(notifications, "send_email", real)
    sweep(at)
    sweep(at)
    reminders = Notification.objects.filter(kind="meeting_tomorrow")
    assert sorted(n.person_id for n in reminders) == sorted([mentee.pk, mentor.pk])
    deliver_mail()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, mentor.email])
