"""What its author deletes is gone everywhere: from the database, the pair's timeline (page
and API), the API, the other member's notifications, and any email about it not sent yet
or made after the deletion. The words are looked for, not only the rows."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone as tz
from django_tasks_db.models import DBTaskResult

from alongside.growth import services as growth
from alongside.growth.models import Appreciation, JournalEntry, SharedEntry
from alongside.home.sweep import sweep
from alongside.meetings import services as meetings
from alongside.meetings.models import ActionItem, Note
from alongside.mentorships.models import TimelineItem
from alongside.notifications.models import Notification
from alongside.notifications.services import notify, preferences_update
from conftest import deliver_mail, page_client

THANKS = "Thank you for the rehearsal, it changed my talk"
NOTE = "We agreed she leads the next review"
ENTRY = "I finally said no to the extra project"


def read(api, path):
    """A GET through the API that leaves the email queue alone (Api.get runs the worker)."""
    return api.client.get("/api/v1" + path, headers=api.headers).content.decode()


def everything_the_mentor_can_read(api, pair):
    """The timeline and thank-you notes of the API, the notifications, as one text."""
    paths = [
        f"/mentorships/{pair.public_id}/timeline",
        f"/mentorships/{pair.public_id}/appreciations",
        "/notifications",
    ]
    return "\n".join(read(api, path) for path in paths)


def queued_email_text():
    return "\n".join(str(r.args_kwargs) for r in DBTaskResult.objects.all())


def sent_email_text():
    return "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)


def test_a_deleted_thank_you_is_gone_with_the_email_not_sent_yet(pair, mentee, mentor, api_as):
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message=THANKS)
    # The email to the mentor waits in the queue; the worker has not sent it yet.
    assert THANKS in queued_email_text()
    assert Notification.objects.filter(person=mentor, key__contains=thanks.public_id).exists()
    mentor_api = api_as(mentor)
    assert THANKS in everything_the_mentor_can_read(mentor_api, pair)

    assert api_as(mentee).delete(f"/appreciations/{thanks.public_id}").status_code == 204

    assert not Appreciation.objects.filter(pk=thanks.pk).exists()
    assert not TimelineItem.objects.filter(ref=thanks.public_id).exists()
    assert not Notification.objects.filter(key__contains=thanks.public_id).exists()
    assert THANKS not in queued_email_text()
    deliver_mail()
    assert THANKS not in sent_email_text()
    assert THANKS not in everything_the_mentor_can_read(mentor_api, pair)
    page = page_client(mentor).get(f"/mentorships/{pair.public_id}/timeline/")
    assert page.status_code == 200 and THANKS not in page.content.decode()


def test_an_email_already_sent_stays_sent_but_the_notification_goes(pair, mentee, mentor, api_as):
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message=THANKS)
    deliver_mail()
    assert THANKS in sent_email_text()  # out of our hands once sent
    api_as(mentee).delete(f"/appreciations/{thanks.public_id}")
    assert not Notification.objects.filter(person=mentor, kind="appreciation").exists()


def test_a_weekly_digest_made_after_the_deletion_does_not_tell_of_it(pair, mentee, mentor, api_as):
    preferences_update(person=mentor, weekly_digest=True)
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message=THANKS)
    notify(person=mentor, kind="appreciation", key="another", title="Another update")
    api_as(mentee).delete(f"/appreciations/{thanks.public_id}")

    assert sweep(tz.now() + dt.timedelta(minutes=1))["digest"] == 1
    deliver_mail()
    (digest,) = [m for m in mail.outbox if m.to == [mentor.email]]
    assert "1 update" in digest.subject
    assert "Another update" in digest.body
    assert "thank-you" not in digest.body


def test_a_digest_not_sent_yet_is_dropped_and_its_other_updates_wait_for_the_next(
    pair, mentee, mentor, api_as
):
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=1)
    )
    secret_task = "Ask HR about the salary bands"
    item = meetings.action_item_add(
        meeting=meeting,
        author=mentee,
        text=secret_task,
        owner=mentee,
        # "Due tomorrow" on the mentee's own calendar (their zone, not UTC's).
        due_on=tz.localdate(timezone=ZoneInfo(mentee.timezone)) + dt.timedelta(days=1),
    )
    deliver_mail()
    mail.outbox.clear()
    preferences_update(person=mentee, weekly_digest=True)
    notify(person=mentee, kind="meeting", key="other-update", title="Another update")
    now = tz.now()
    sweep(now)  # the reminder ("Due tomorrow: ...") and the digest that quotes it
    assert secret_task in queued_email_text()

    api_as(mentee).delete(f"/action-items/{item.public_id}")

    assert not ActionItem.objects.filter(pk=item.pk).exists()
    assert secret_task not in queued_email_text()
    assert secret_task not in sent_email_text()
    other = Notification.objects.get(person=mentee, key="other-update")
    assert other.emailed_at is None  # it goes out with the next digest
    assert not Notification.objects.filter(key__contains=item.public_id).exists()


def test_a_deleted_shared_note_is_gone_from_the_timeline_and_the_api(pair, mentee, mentor, api_as):
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=1)
    )
    note = meetings.note_add(meeting=meeting, author=mentor, body=NOTE, visibility="shared")
    mentee_api = api_as(mentee)
    assert NOTE in mentee_api.get(f"/mentorships/{pair.public_id}/timeline").content.decode()

    assert api_as(mentor).delete(f"/notes/{note.public_id}").status_code == 204

    assert not Note.objects.filter(pk=note.pk).exists()
    assert not TimelineItem.objects.filter(ref=note.public_id).exists()
    for path in (
        f"/mentorships/{pair.public_id}/timeline",
        f"/meetings/{meeting.public_id}/notes",
        f"/meetings/{meeting.public_id}",
    ):
        assert NOTE not in mentee_api.get(path).content.decode(), path
    page = page_client(mentee).get(f"/meetings/{meeting.public_id}/")
    assert NOTE not in page.content.decode()
    assert mentee_api.delete(f"/notes/{note.public_id}").status_code == 404


def test_a_deleted_shared_journal_entry_and_its_copy_are_gone(pair, mentee, mentor, api_as):
    entry = growth.journal_write(author=mentee, body=ENTRY, mentorship=pair)
    shared = growth.journal_share(entry=entry, author=mentee)
    mentor_api = api_as(mentor)
    assert ENTRY in mentor_api.get(f"/mentorships/{pair.public_id}/timeline").content.decode()

    assert api_as(mentee).delete(f"/journal/{entry.public_id}").status_code == 204

    assert not JournalEntry.objects.filter(pk=entry.pk).exists()
    assert not SharedEntry.objects.filter(pk=shared.pk).exists()
    assert not TimelineItem.objects.filter(ref=shared.public_id).exists()
    assert ENTRY not in mentor_api.get(f"/mentorships/{pair.public_id}/timeline").content.decode()
    assert api_as(mentee).get(f"/journal/{entry.public_id}").status_code == 404
    assert ENTRY not in api_as(mentee).get("/journal").content.decode()
    page = page_client(mentor).get(f"/mentorships/{pair.public_id}/timeline/")
    assert ENTRY not in page.content.decode()
    assert ENTRY not in queued_email_text() + sent_email_text()


def test_the_timeline_keeps_no_words_of_its_own():
    """A timeline row refers to its thing; it has no column that could hold a copy."""
    columns = {f.name for f in TimelineItem._meta.concrete_fields}
    assert columns == {"id", "mentorship", "kind", "at", "actor", "ref"}


def test_a_reply_taken_back_takes_its_notice_and_unsent_email_but_not_the_check_ins(
    pair, mentee, mentor, api_as
):
    reply = "You handled the review very well"
    checkin = growth.checkin_create(mentorship=pair, author=mentee, wins="Won", feeling=4)
    growth.checkin_reply(checkin=checkin, author=mentor, reply=reply)
    # Notices as a later feature may send them: each names the check-in in its key.
    notify(
        person=mentee,
        kind="appreciation",
        key=f"checkin_reply:{checkin.public_id}",
        template="growth/email/appreciation",
        context={"mentorship": pair, "actor": mentor, "appreciation": {"message": reply}},
    )
    notify(person=mentor, kind="appreciation", key=f"checkin:{checkin.public_id}", title="In")
    assert reply in queued_email_text()

    assert api_as(mentor).delete(f"/checkins/{checkin.public_id}/reply").status_code == 200

    assert reply not in queued_email_text() + sent_email_text()
    assert not Notification.objects.filter(person=mentee, key__contains=checkin.public_id)
    assert Notification.objects.filter(person=mentor, key__contains=checkin.public_id).exists()
    assert TimelineItem.objects.filter(ref=checkin.public_id).exists()  # the check-in stays
