"""Every write of the thread: post, edit (15 minutes), delete one's own, mark read."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone as tz

from alongside.lib.errors import Conflict, Forbidden
from alongside.lib.text import text_problem
from alongside.mentorships.access import require_active
from alongside.mentorships.events import Notice, pair_event
from alongside.mentorships.models import Kind, Mentorship
from alongside.notifications.models import Kind as NotificationKind
from alongside.notifications.services import mark_read_where, unread_exists
from alongside.people.models import Person
from alongside.threads import refs
from alongside.threads.models import BODY_MAX, Message, ReadMark, RefKind, Thread
from alongside.threads.search import index_words, words_text


def clean_body(body: Any) -> str:
    """The words of a message: any characters a person types, line breaks included; NUL,
    other control characters and text-direction overrides refused, not dropped, so the
    sender sees what was wrong; at most BODY_MAX characters."""
    if not isinstance(body, str):
        raise ValidationError({"body": "Write the message as text."})
    problem = text_problem(body, field="body")
    if problem:
        raise ValidationError({"body": f"The message {problem.removeprefix('The body ')}"})
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > BODY_MAX:
        raise ValidationError(
            {
                "body": f"A message holds at most {BODY_MAX:,} characters (this one has "
                f"{len(body):,}): split it, or share a long text as a resource."
            }
        )
    return body


def _clean_ref(mentorship: Mentorship, kind: str, ref_id: Any) -> tuple[str, uuid.UUID | None]:
    if not kind and not ref_id:
        return "", None
    if kind not in RefKind.values:
        raise ValidationError({"ref_kind": "Choose one of: " + ", ".join(RefKind.values) + "."})
    try:
        public_id = ref_id if isinstance(ref_id, uuid.UUID) else uuid.UUID(str(ref_id))
    except ValueError:
        raise ValidationError({"ref_id": "This must be an id (a UUID)."}) from None
    if refs.resolve(mentorship, kind, public_id) is None:
        label = RefKind(kind).label.lower()
        raise ValidationError({"ref_id": f"No such {label} in this mentorship."})
    return kind, public_id


def thread_url(mentorship: Mentorship) -> str:
    return reverse("thread", args=[mentorship.public_id])


def _read_mark(mentorship: Mentorship, person: Person) -> ReadMark:
    mark, _ = ReadMark.objects.get_or_create(mentorship=mentorship, person=person)
    return mark


@transaction.atomic
def message_post(
    *,
    mentorship: Mentorship,
    author: Person,
    body: Any,
    ref_kind: str = "",
    ref_id: Any = None,
) -> Message:
    """Add a message at the end of the pair's thread and tell the other member in the app
    at once (one unread notification per thread, not one per message); the email comes
    later, batched, from the digest step of the sweep (threads/digest.py)."""
    require_active(mentorship, only="messages can be sent")
    body = clean_body(body)
    ref_kind, ref_uuid = _clean_ref(mentorship, ref_kind or "", ref_id)
    thread, _ = Thread.objects.get_or_create(mentorship=mentorship)
    # The thread's row lock orders the messages: the next place is handed out while it is
    # held, and it is held until this message commits, so "after place N" misses nothing.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    Thread.objects.filter(pk=thread.pk).update(last_seq=F("last_seq") + 1)
    seq = thread.last_seq + 1
    message = Message.objects.create(
        mentorship=mentorship,
        author=author,
        seq=seq,
        body=body,
        words=words_text(body),
        ref_kind=ref_kind,
        ref_id=ref_uuid,
    )
    index_words([message])
    # Writing is reading what came before.
    _advance(_read_mark(mentorship, author), seq)
    other = mentorship.other(author)
    _read_mark(mentorship, other)  # the digest step looks for unread messages by this row
    url = thread_url(mentorship)
    notice = None
    if not unread_exists(person=other, kind=NotificationKind.MESSAGE, url=url):
        notice = Notice(
            person=other,
            kind=NotificationKind.MESSAGE,
            key=f"message:{message.public_id}",
            url=url,
            template="threads/email/digest",
            context={"sender": author, "count": 1, "mentorship": mentorship},
            email=False,
        )
    pair_event(mentorship=mentorship, kind=Kind.MESSAGE, actor=author, ref=message, notice=notice)
    return message


def _mine(message: Message, actor: Person, *, doing: str) -> Message:
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.author_id != actor.pk:
        raise Forbidden(f"Only its author can {doing} a message.", code="author_only")
    return locked


@transaction.atomic
def message_edit(*, message: Message, actor: Person, body: Any) -> Message:
    """The author changes the words within 15 minutes of sending; shown as edited."""
    locked = _mine(message, actor, doing="edit")
    if locked.deleted:
        raise Conflict("This message was deleted.", code="deleted")
    now = tz.now()
    if now > locked.editable_until():
        raise Conflict(
            "A message can be edited for 15 minutes after it is sent; send a new one instead.",
            code="edit_window_over",
        )
    body = clean_body(body)
    if body != locked.body:
        locked.body, locked.words = body, words_text(body)
        locked.edited_at = locked.changed_at = now
        locked.save(update_fields=["body", "words", "edited_at", "changed_at"])
        index_words([locked])
    return locked


@transaction.atomic
def message_delete(*, message: Message, actor: Person) -> Message:
    """The author deletes their message: its words leave the database, its place stays
    ("Message deleted"), so the thread reads the same to both. Twice is once."""
    locked = _mine(message, actor, doing="delete")
    if not locked.deleted:
        now = tz.now()
        locked.body = locked.words = ""
        locked.ref_kind, locked.ref_id = "", None
        locked.deleted_at = locked.changed_at = now
        fields = ["body", "words", "ref_kind", "ref_id", "deleted_at", "changed_at"]
        locked.save(update_fields=fields)
        index_words([locked])  # nothing left to find
    return locked


def _advance(mark: ReadMark, seq: int) -> bool:
    """Move the mark forward to `seq`, never back (two tabs may report out of order)."""
    moved = ReadMark.objects.filter(pk=mark.pk, last_read_seq__lt=seq).update(
        last_read_seq=seq, read_at=tz.now()
    )
    return bool(moved)


@transaction.atomic
def thread_mark_read(
    *, mentorship: Mentorship, person: Person, up_to: Message | None = None
) -> ReadMark:
    """The person has read the thread up to `up_to` (default: its newest message)."""
    if up_to is not None and up_to.mentorship_id != mentorship.pk:
        raise ValidationError({"up_to": "No such message in this mentorship."})
    if up_to is None:
        last = Thread.objects.filter(mentorship=mentorship).values_list("last_seq", flat=True)
        seq = last.first() or 0
    else:
        seq = up_to.seq
    mark = _read_mark(mentorship, person)
    if seq and _advance(mark, seq):
        mark.refresh_from_db()
    if (
        up_to is None
        or not Message.objects.filter(mentorship=mentorship, seq__gt=mark.last_read_seq)
        .exclude(author=person)
        .exists()
    ):
        mark_read_where(person=person, kind=NotificationKind.MESSAGE, url=thread_url(mentorship))
    return mark
