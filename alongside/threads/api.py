"""The thread over the API: the same services and selectors as the page."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from alongside.mentorships.access import me_and_pair
from alongside.mentorships.models import Mentorship
from alongside.people.api import me
from alongside.people.models import Person
from alongside.threads import selectors, services
from alongside.threads.access import get_message_for
from alongside.threads.models import Message
from alongside.threads.schemas import (
    MessageIn,
    MessageOut,
    MessagePage,
    MessagePatch,
    MessageQuery,
    ReadAnswer,
    ReadIn,
)

mentorship_messages = Router()
router = Router()


def _reads_out(mentorship: Mentorship, reads: selectors.Reads) -> list[dict[str, Any]]:
    return [
        {
            "person": p,
            "last_read_seq": reads.seq_of(p),
            "read_at": getattr(reads.marks.get(p.pk), "read_at", None),
        }
        for p in (mentorship.mentee, mentorship.mentor)
    ]


def _one(message: Message) -> Message:
    reads = selectors.reads_for(message.mentorship)
    return selectors.annotate(message.mentorship, [message], reads)[0]


@mentorship_messages.get("/{mentorship_id}/messages", response=MessagePage)
def list_messages(
    request: HttpRequest, mentorship_id: str, filters: Query[MessageQuery]
) -> dict[str, Any]:
    """The thread, a page at a time, counted from the newest (offset 0 is the newest
    `limit` messages), each page oldest first. `q` searches; `after` polls."""
    person, mentorship = me_and_pair(request, mentorship_id)
    reads = selectors.reads_for(mentorship)
    last = selectors.last_seq(mentorship)
    if filters.after is not None:
        items = selectors.after(mentorship, filters.after, limit=filters.limit)
        count = len(items)
    else:
        page = selectors.page_of(
            mentorship, limit=filters.limit, offset=filters.offset, q=filters.q, last=last
        )
        items, count = page.items, page.count
    # A message may have committed since `last` was read: never name a place below one shown.
    last = max([last, *(m.seq for m in items)])
    return {
        "items": selectors.annotate(mentorship, items, reads),
        "count": count,
        "last_seq": last,
        "unread": selectors.unread_count(mentorship, person, reads),
        "reads": _reads_out(mentorship, reads),
    }


@mentorship_messages.post("/{mentorship_id}/messages", response={201: MessageOut})
def post_message(request: HttpRequest, mentorship_id: str, payload: MessageIn) -> Status:
    """Send a message to the other member: plain text, optionally about a resource, goal,
    meeting or action item of the pair."""
    person, mentorship = me_and_pair(request, mentorship_id)
    message = services.message_post(
        mentorship=mentorship,
        author=person,
        body=payload.body,
        ref_kind=payload.ref_kind or "",
        ref_id=payload.ref_id,
    )
    return Status(201, _one(message))


@mentorship_messages.post("/{mentorship_id}/messages/read", response=ReadAnswer)
def mark_read(
    request: HttpRequest, mentorship_id: str, payload: ReadIn | None = None
) -> dict[str, Any]:
    """You have read the thread up to `up_to` (default: all of it). A mark never moves
    back; the other member sees it as a read receipt."""
    person, mentorship = me_and_pair(request, mentorship_id)
    up_to = None
    if payload is not None and payload.up_to is not None:
        up_to = _in_thread(person, mentorship, str(payload.up_to))
    mark = services.thread_mark_read(mentorship=mentorship, person=person, up_to=up_to)
    return {
        "person": person,
        "last_read_seq": mark.last_read_seq,
        "read_at": mark.read_at,
        "unread": selectors.unread_count(mentorship, person),
    }


def _in_thread(person: Person, mentorship: Mentorship, public_id: str) -> Message:
    from django.core.exceptions import ValidationError
    from django.http import Http404

    try:
        message = get_message_for(person, public_id)
    except Http404:
        message = None
    if message is None or message.mentorship_id != mentorship.pk:
        raise ValidationError({"up_to": "No such message in this mentorship."})
    return message


@router.patch("/messages/{message_id}", response=MessageOut)
def edit_message(request: HttpRequest, message_id: str, payload: MessagePatch) -> Message:
    """The author changes the words, within 15 minutes of sending; shown as edited."""
    person = me(request)
    message = get_message_for(person, message_id)
    return _one(services.message_edit(message=message, actor=person, body=payload.body))


@router.delete("/messages/{message_id}", response={204: None})
def delete_message(request: HttpRequest, message_id: str) -> Status:
    """The author deletes their message: its words are gone, its place says so."""
    person = me(request)
    services.message_delete(message=get_message_for(person, message_id), actor=person)
    return Status(204, None)
