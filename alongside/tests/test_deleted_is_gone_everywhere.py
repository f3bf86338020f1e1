"""A deleted note, journal entry or thank-you, each the same way: gone from the database,
the timeline (page and API), the API, and any email: the one queued when it was written
and not sent yet, and the weekly digest made after the deletion. The words are looked for."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone as tz
from django_tasks_db.models import DBTaskResult

from alongside.growth import services as growth
from alongside.growth.models import Appreciation, JournalEntry, SharedEntry
from alongside.home.sweep import sweep
from alongside.meetings import services as meetings
from alongside.meetings.models import Note
from alongside.mentorships.models import TimelineItem
from alongside.notifications.services import notify, preferences_update
from conftest import deliver_mail, page_client

WORDS = "Zanzibar is where I want to lead the offsite"


def write_note(pair: Any, author: Any) -> tuple[Any, str, Callable[[], bool]]:
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=pair.mentor, starts_at=tz.now() + dt.timedelta(days=1)
    )
    note = meetings.note_add(meeting=meeting, author=author, body=WORDS, visibility="shared")
    return note, f"/notes/{note.public_id}", lambda: Note.objects.filter(pk=note.pk).exists()


def write_entry(pair: Any, author: Any) -> tuple[Any, str, Callable[[], bool]]:
    entry = growth.journal_write(author=author, body=WORDS, mentorship=pair)
    growth.journal_share(entry=entry, author=author)
    return (
        entry,
        f"/journal/{entry.public_id}",
        lambda: JournalEntry.objects.filter(pk=entry.pk).exists() or SharedEntry.objects.exists(),
    )


def write_thanks(pair: Any, author: Any) -> tuple[Any, str, Callable[[], bool]]:
    thanks = growth.appreciation_send(mentorship=pair, author=author, message=WORDS)
    return (
        thanks,
        f"/appreciations/{thanks.public_id}",
        lambda: Appreciation.objects.filter(pk=thanks.pk).exists(),
    )


KINDS = {"note": write_note, "journal entry": write_entry, "thank-you": write_thanks}


def queued_and_sent() -> str:
    queued = [str(r.args_kwargs) for r in DBTaskResult.objects.all()]
    sent = [f"{m.subject}\n{m.body}\n{m.alternatives}" for m in mail.outbox]
    return "\n".join(queued + sent)


def partner_reads(api: Any, pair: Any, mentor: Any) -> str:
    """Everything of the pair the partner reads through the API and on the pages."""
    m = f"/mentorships/{pair.public_id}"
    paths = [f"{m}/timeline", f"{m}/appreciations", "/notifications"]
    api_text = [api.client.get("/api/v1" + p, headers=api.headers).content.decode() for p in paths]
    client = page_client(mentor)
    pages = [client.get(p).content.decode() for p in (f"{m}/timeline/", f"{m}/", "/")]
    return "\n".join(api_text + pages)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_deleted_thing_is_gone_from_everywhere_the_partner_could_find_it(
    pair, mentee, mentor, api_as, kind
):
    preferences_update(person=mentor, weekly_digest=True)
    thing, path, still_there = KINDS[kind](pair, mentee)
    notify(person=mentor, kind="appreciation", key="another", title="Another update")
    assert WORDS in partner_reads(api_as(mentor), pair, mentor)
    assert still_there()

    assert api_as(mentee).delete(path).status_code == 204

    assert not still_there()
    assert not TimelineItem.objects.filter(ref=thing.public_id).exists()
    assert WORDS not in partner_reads(api_as(mentor), pair, mentor)
    assert api_as(mentee).get(path).status_code in (404, 405)  # a note has no GET of its own
    assert api_as(mentee).delete(path).status_code == 404
    # The digest made after the deletion tells of the other update only.
    assert sweep(tz.now() + dt.timedelta(minutes=1))["digest"] == 1
    deliver_mail()
    (digest,) = [m for m in mail.outbox if m.to == [mentor.email] and "update" in m.subject]
    assert "Another update" in digest.body
    assert WORDS not in queued_and_sent()


# What the partner's email says when the thing is kept (a shared note sends none).
TOLD = {"journal entry": "shared a journal entry with you", "thank-you": "sent you a thank-you"}


@pytest.mark.parametrize("kind", sorted(TOLD))
def test_the_email_queued_when_it_was_written_goes_with_it(pair, mentee, mentor, api_as, kind):
    """The partner gets emails one by one (the default): the one not sent yet is dropped."""
    deliver_mail()
    mail.outbox.clear()
    thing, path, _ = KINDS[kind](pair, mentee)
    assert TOLD[kind] in queued_and_sent()  # queued, not sent yet
    assert api_as(mentee).delete(path).status_code == 204
    deliver_mail()
    assert WORDS not in queued_and_sent()
    told = [m.subject for m in mail.outbox if m.to == [mentor.email]]
    assert not any(TOLD[kind] in subject for subject in told), told


def test_kept_the_email_goes_out(pair, mentee, mentor):
    """The control of the test above: without the deletion, the partner is told."""
    deliver_mail()
    mail.outbox.clear()
    write_thanks(pair, mentee)
    deliver_mail()
    assert [m.subject for m in mail.outbox if m.to == [mentor.email]] == [
        "Ada Mentee sent you a thank-you note"
    ]
