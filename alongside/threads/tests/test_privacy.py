"""A pair's words reach its two members only: never a program admin's pages or API
answers, never the notifications or emails of anyone, never an outsider."""

import datetime as dt

import time_machine
from django.core import mail
from django.utils import timezone as tz

from alongside.home.sweep import sweep
from alongside.notifications.models import Notification
from alongside.people.models import Person
from alongside.programs.selectors import community_program
from alongside.threads import services
from conftest import deliver_mail, page_client

SECRET = "thinking-of-quitting-do-not-tell-anyone-41"


def test_a_program_admin_reads_no_message_anywhere_they_can_go(
    pair, mentee, mentor, program_admin, api_as
):
    services.message_post(mentorship=pair, author=mentee, body=SECRET)
    program = community_program()
    client = page_client(program_admin)
    api = api_as(program_admin)
    seen = [
        client.get("/").content,
        client.get("/programs/").content,
        client.get(f"/programs/{program.public_id}/").content,
        client.get(f"/programs/{program.public_id}/settings/").content,
        client.get("/notifications/").content,
        api.get(f"/programs/{program.public_id}").content,
        api.get(f"/programs/{program.public_id}/participants").content,
        api.get("/notifications").content,
        api.get(f"/mentorships/{pair.public_id}/messages?q=quitting").content,
        client.get(f"/mentorships/{pair.public_id}/messages/?q=quitting").content,
    ]
    assert not [body for body in seen if SECRET.encode() in body]


def test_no_notification_or_email_anywhere_carries_the_words(pair, mentee, mentor, program_admin):
    with time_machine.travel(tz.now(), tick=False) as clock:
        Person.objects.update(last_active=None)
        mail.outbox.clear()
        services.message_post(mentorship=pair, author=mentee, body=SECRET)
        services.message_post(mentorship=pair, author=mentee, body=SECRET + " really")
        clock.shift(dt.timedelta(minutes=5))
        sweep(tz.now())
        deliver_mail()
    assert [m.to[0] for m in mail.outbox] == [mentor.email]  # the digest, to the pair only
    for email in mail.outbox:
        assert SECRET not in email.subject + email.body + email.alternatives[0][0]
    assert not Notification.objects.filter(title__contains="quitting").exists()
    assert not Notification.objects.filter(person=program_admin).exists()


def test_insights_get_counts_per_month_and_never_words(pair, mentee, mentor):
    from alongside.mentorships.models import Mentorship
    from alongside.threads.selectors import monthly_counts

    with time_machine.travel(dt.datetime(2026, 10, 30, 12, tzinfo=dt.UTC), tick=False) as clock:
        services.message_post(mentorship=pair, author=mentee, body=SECRET)
        clock.move_to(dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC))
        services.message_post(mentorship=pair, author=mentor, body="Noted")
        services.message_post(mentorship=pair, author=mentee, body="Thanks")
    counts = monthly_counts(Mentorship.objects.filter(pk=pair.pk))
    assert counts == {"2026-10": 1, "2026-11": 2}


def test_an_export_holds_ones_own_messages_only(pair, mentee, mentor):
    from alongside.threads.selectors import export_rows

    services.message_post(mentorship=pair, author=mentee, body="Mine to take with me")
    services.message_post(mentorship=pair, author=mentor, body=SECRET)
    gone = services.message_post(mentorship=pair, author=mentee, body="Deleted one")
    services.message_delete(message=gone, actor=mentee)
    assert [row["body"] for row in export_rows(mentee)] == ["Mine to take with me"]
    assert [row["body"] for row in export_rows(mentor)] == [SECRET]
