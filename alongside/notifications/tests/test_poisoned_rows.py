"""Issue 11, finding 1: one bad item stopped the reminder sweep for the whole site.

A meeting title saved with a line break made its .ics raise; the sweep attaches the .ics
to every "meeting tomorrow" reminder, so every sweep failed at that meeting and the later
steps (other pairs' reminders, check-ins, digests, pruning) never ran. Rows are planted
straight in the database here, as rows written before the one-line rule would be.
"""

import datetime as dt
import logging
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone as tz
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from alongside.home.sweep import sweep
from alongside.lib.email import deliver
from alongside.meetings.models import Meeting
from alongside.meetings.services import meeting_schedule
from alongside.mentorships.models import Mentorship
from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.notifications.models import Notification
from alongside.notifications.services import preferences_for
from alongside.programs.selectors import community_program
from conftest import deliver_mail, make_person


@pytest.fixture
def now(db: None) -> dt.datetime:
    """Whatever the hour: the sweep is told the time, and every row is placed relative to
    it. Read in the test, not at import, so it follows the test's clock."""
    return tz.now()


@pytest.fixture
def second_pair(db: None) -> Mentorship:
    mentee = make_person("lin@example.org", "Lin Mentee")
    mentor = make_person("sam@example.org", "Sam Mentor", open_to_mentor=True, mentor_capacity=1)
    requested = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    return mentorship_accept(mentorship=requested, actor=mentor)


def _meeting_in_three_hours(m: Mentorship, title: str, now: dt.datetime) -> Meeting:
    (meeting,) = meeting_schedule(
        mentorship=m, organizer=m.mentor, starts_at=now + dt.timedelta(hours=3), title=title
    )
    return meeting


def _reminders_sent() -> dict[str, list[Any]]:
    """Who got a "meeting tomorrow" email, with the .ics files attached to it."""
    deliver_mail()
    out: dict[str, list[Any]] = {}
    for message in mail.outbox:
        for name, content, _ in message.attachments:
            if name == "meeting.ics":
                out.setdefault(message.to[0], []).append(Calendar.from_ical(content))
    return out


def _later_steps_are_due(m: Mentorship, now: dt.datetime) -> None:
    """A check-in due for the pair (step 2 of the sweep) and a delivered email older than a
    day (the last step prunes it)."""
    Mentorship.objects.filter(pk=m.pk).update(checkin_due_on=now.date())
    deliver_mail()
    DBTaskResult.objects.update(finished_at=now - dt.timedelta(days=2))
    mail.outbox.clear()


def test_one_bad_item_does_not_stop_the_reminder_sweep(pair, second_pair, now):
    poisoned = _meeting_in_three_hours(pair, "Planning", now)
    _meeting_in_three_hours(second_pair, "Fine", now)
    Meeting.objects.filter(pk=poisoned.pk).update(title="Poison\nline", place="Room\r\n4")
    _later_steps_are_due(second_pair, now)

    count = sweep(now)

    sent = _reminders_sent()
    people = [pair.mentor, pair.mentee, second_pair.mentor, second_pair.mentee]
    assert sorted(sent) == sorted(p.email for p in people)
    (cal,) = sent[pair.mentee.email]
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Poison\nline")  # escaped, so it parses back
    assert str(event["LOCATION"]) == "Room\n4"
    assert count["meeting_tomorrow"] == 4
    assert count["checkin_due"] == 1  # the steps after the meeting reminders ran
    assert count["pruned_tasks"] >= 2
    assert "failed" not in count


def test_a_row_that_makes_one_reminder_raise_is_logged_and_skipped(pair, second_pair, caplog, now):
    poisoned = _meeting_in_three_hours(pair, "Planning", now)
    fine = _meeting_in_three_hours(second_pair, "Fine", now)
    # A value nobody foresaw (here, settings no form could save): every reminder to this
    # person raises, whatever the step.
    prefs = preferences_for(pair.mentee)
    type(prefs).objects.filter(pk=prefs.pk).update(email_off=5)
    _later_steps_are_due(second_pair, now)

    with caplog.at_level(logging.ERROR, logger="alongside.home.sweep"):
        count = sweep(now)

    sent = _reminders_sent()
    # Everyone else got theirs, the poisoned person's partner included.
    assert sorted(sent) == sorted(
        [pair.mentor.email, second_pair.mentor.email, second_pair.mentee.email]
    )
    assert count["meeting_tomorrow"] == 3
    assert count["failed"] == 1
    assert count["checkin_due"] == 1
    assert count["pruned_tasks"] >= 2
    # Logged with the ids of what was skipped, and nothing half-made for it.
    assert f"meeting_tomorrow:{poisoned.public_id}" in caplog.text
    assert str(fine.public_id) not in caplog.text
    assert not Notification.objects.filter(person=pair.mentee, kind="meeting_tomorrow").exists()
    # The next sweep, once the row is mended, sends what was skipped.
    type(prefs).objects.filter(pk=prefs.pk).update(email_off=[])
    mail.outbox.clear()
    assert sweep(now + dt.timedelta(minutes=1))["meeting_tomorrow"] == 1
    assert list(_reminders_sent()) == [pair.mentee.email]


def test_a_digest_that_raises_is_skipped_and_the_later_steps_still_run(
    pair, second_pair, caplog, now
):
    # A digest is due for someone whose settings are broken: building it raises.
    prefs = preferences_for(pair.mentee)
    type(prefs).objects.filter(pk=prefs.pk).update(weekly_digest=True, email_off=5)
    _later_steps_are_due(second_pair, now)
    with caplog.at_level(logging.ERROR, logger="alongside.home.sweep"):
        count = sweep(now)
    assert count["failed"] == 1
    assert count["checkin_due"] == 1
    assert count["pruned_tasks"] >= 2
    assert "weekly_digests" in caplog.text


def test_a_failing_email_task_does_not_stop_the_ones_after_it(db):
    # A recipient with a line break makes Django refuse the header: that task fails alone.
    for to in ["bad@example.org\nBcc: eve@example.org", "good@example.org"]:
        deliver.enqueue(
            to=to, subject="Hi", text="Hi", html="<p>Hi</p>", headers={}, attachments=[]
        )
    deliver_mail()
    assert [m.to for m in mail.outbox] == [["good@example.org"]]
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
