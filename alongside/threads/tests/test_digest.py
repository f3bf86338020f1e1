"""Messages by email: a batched digest, at most one per 15 minutes per thread, none while
the person is on the site, per-person settings, and never the words of a message."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone as tz

from alongside.home.sweep import sweep
from alongside.notifications import services as notifications
from alongside.people.models import Person
from alongside.threads import services
from conftest import deliver_mail

SECRET = "my salary is 51,234 and I am scared"


@pytest.fixture
def clock():
    with time_machine.travel(tz.now(), tick=False) as traveller:
        yield traveller


def away(person, minutes=60):
    Person.objects.filter(pk=person.pk).update(last_active=tz.now() - dt.timedelta(minutes=minutes))


def run_sweep():
    mail.outbox.clear()
    count = sweep(tz.now())
    deliver_mail()
    return count


def digests_to(person):
    return [m for m in mail.outbox if m.to == [person.email] and "sent you" in m.subject]


def test_messages_wait_a_moment_then_come_as_one_email_that_quotes_nothing(
    pair, mentee, mentor, clock
):
    away(mentor)
    services.message_post(mentorship=pair, author=mentee, body=SECRET)
    services.message_post(mentorship=pair, author=mentee, body="Can we talk?")
    assert digests_to(mentor) == [] and run_sweep()["message_digest"] == 0  # a moment first
    clock.shift(dt.timedelta(minutes=3))
    run_sweep()
    (email,) = digests_to(mentor)
    assert email.subject == "Ada Mentee sent you 2 messages"
    html = email.alternatives[0][0]
    for text in (email.subject, email.body, html):
        assert SECRET not in text and "Can we talk" not in text
    assert f"/mentorships/{pair.public_id}/messages/" in email.body
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert digests_to(mentee) == []  # nobody is told of their own messages


def test_at_most_one_email_per_15_minutes_per_thread(pair, mentee, mentor, clock):
    away(mentor)
    services.message_post(mentorship=pair, author=mentee, body="One")
    clock.shift(dt.timedelta(minutes=3))
    assert len(digests_to_after_sweep(mentor)) == 1
    services.message_post(mentorship=pair, author=mentee, body="Two")
    clock.shift(dt.timedelta(minutes=5))
    assert digests_to_after_sweep(mentor) == []  # within 15 minutes of the last
    services.message_post(mentorship=pair, author=mentee, body="Three")
    clock.shift(dt.timedelta(minutes=11))  # 16 minutes after the first email
    away(mentor)
    (email,) = digests_to_after_sweep(mentor)
    assert email.subject == "Ada Mentee sent you 2 messages"  # Two and Three, batched
    clock.shift(dt.timedelta(minutes=20))
    assert digests_to_after_sweep(mentor) == []  # nothing new since


def digests_to_after_sweep(person):
    run_sweep()
    return digests_to(person)


def test_no_email_while_the_person_is_on_the_site_or_after_reading(pair, mentee, mentor, clock):
    services.message_post(mentorship=pair, author=mentee, body="Quick question")
    clock.shift(dt.timedelta(minutes=3))
    away(mentor, minutes=4)  # active a few minutes ago
    assert digests_to_after_sweep(mentor) == []
    services.thread_mark_read(mentorship=pair, person=mentor)
    clock.shift(dt.timedelta(minutes=30))
    away(mentor)
    assert digests_to_after_sweep(mentor) == []  # read in the meantime


def test_deleted_messages_are_not_announced(pair, mentee, mentor, clock):
    away(mentor)
    sent = services.message_post(mentorship=pair, author=mentee, body="Wrong person, sorry")
    services.message_delete(message=sent, actor=mentee)
    clock.shift(dt.timedelta(minutes=3))
    assert digests_to_after_sweep(mentor) == []


def test_a_person_turns_message_emails_off_and_the_in_app_notice_stays(pair, mentee, mentor, clock):
    notifications.preferences_update(person=mentor, email_off=["message"])
    away(mentor)
    services.message_post(mentorship=pair, author=mentee, body="Hello")
    clock.shift(dt.timedelta(minutes=3))
    assert digests_to_after_sweep(mentor) == []
    assert mentor.notifications.filter(kind="message").count() == 1


def test_the_weekly_digest_lists_the_notice_not_the_words(pair, mentee, mentor, clock):
    notifications.preferences_update(person=mentor, weekly_digest=True)
    away(mentor)
    services.message_post(mentorship=pair, author=mentee, body=SECRET)
    clock.shift(dt.timedelta(minutes=3))
    run_sweep()
    assert digests_to(mentor) == []
    weekly = [m for m in mail.outbox if m.to == [mentor.email]]
    assert weekly and "Ada Mentee sent you a message" in weekly[0].body
    assert all(SECRET not in m.body and SECRET not in m.alternatives[0][0] for m in weekly)


def test_two_sweeps_at_once_send_one_email(pair, mentee, mentor, clock):
    away(mentor)
    services.message_post(mentorship=pair, author=mentee, body="Once")
    clock.shift(dt.timedelta(minutes=3))
    mail.outbox.clear()
    sweep(tz.now())
    sweep(tz.now())
    deliver_mail()
    assert len(digests_to(mentor)) == 1
