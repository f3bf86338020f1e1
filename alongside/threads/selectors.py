"""Reads of the thread, shared by the page, its poll and the API."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from alongside.mentorships.models import Mentorship
from alongside.people.models import Person
from alongside.threads import refs
from alongside.threads.models import Message, ReadMark, Thread
from alongside.threads.search import found_places

SEARCH_MAX = 200


def messages_for(mentorship: Mentorship) -> QuerySet[Message]:
    """The thread in its one order (its places), oldest first, with their authors (not
    the words search reads: a second copy of the text that no page shows)."""
    found = Message.objects.filter(mentorship=mentorship).select_related("author")
    return found.defer("words").order_by("seq")


def at_places(mentorship: Mentorship, places: list[int]) -> list[Message]:
    return list(messages_for(mentorship).filter(seq__in=places))


@dataclass
class ThreadPage:
    items: list[Message]  # oldest first: the newest is last, as in the thread
    count: int  # of the whole thread, or of what the search found


def page_of(
    mentorship: Mentorship, *, limit: int, offset: int = 0, q: str = "", last: int | None = None
) -> ThreadPage:
    """One page, counted from the newest: offset 0 is the newest `limit` messages; shown
    oldest first. Places are handed out one by one and a deleted message keeps its
    place, so the thread's counter is its count and an offset is a range of places: the
    page is an index range, however deep (no OFFSET walking past 50,000 rows). `last`:
    the thread's last place, when the caller has read it already."""
    q = " ".join(q.split())[:SEARCH_MAX]
    if q:
        places = found_places(mentorship, q)
        chosen = list(places[offset : offset + limit])
        return ThreadPage(items=at_places(mentorship, chosen), count=places.count())
    total = last_seq(mentorship) if last is None else last
    newest = list(messages_for(mentorship).filter(seq__lte=total - offset).order_by("-seq")[:limit])
    return ThreadPage(items=newest[::-1], count=total)


def before(mentorship: Mentorship, seq: int, *, limit: int) -> list[Message]:
    """The `limit` messages just before place `seq`, oldest first (the page's history)."""
    rows = list(messages_for(mentorship).filter(seq__lt=seq).order_by("-seq")[:limit])
    return rows[::-1]


def after(mentorship: Mentorship, seq: int, *, limit: int) -> list[Message]:
    """The messages after place `seq`, oldest first (what a poll has not seen yet)."""
    return list(messages_for(mentorship).filter(seq__gt=seq)[:limit])


def changed_since(mentorship: Mentorship, since: dt.datetime, *, upto: int) -> list[Message]:
    """Messages up to place `upto` edited or deleted since `since` (a poll's changes)."""
    return list(messages_for(mentorship).filter(changed_at__gte=since, seq__lte=upto)[:200])


def last_seq(mentorship: Mentorship) -> int:
    found = Thread.objects.filter(mentorship=mentorship).values_list("last_seq", flat=True)
    return found.first() or 0


@dataclass
class Reads:
    """How far each member has read: person id -> (place, when)."""

    marks: dict[int, ReadMark] = field(default_factory=dict)

    def seq_of(self, person: Person | int) -> int:
        pk = person if isinstance(person, int) else person.pk
        mark = self.marks.get(pk)
        return mark.last_read_seq if mark else 0

    def read_by(self, message: Message, mentorship: Mentorship) -> list[Person]:
        """The members, other than its author, who have read this message."""
        return [
            p
            for p in (mentorship.mentee, mentorship.mentor)
            if p.pk != message.author_id and self.seq_of(p) >= message.seq
        ]


def reads_for(mentorship: Mentorship) -> Reads:
    return Reads({m.person_id: m for m in ReadMark.objects.filter(mentorship=mentorship)})


UNREAD_MAX = 1000


def unread_count(mentorship: Mentorship, person: Person, reads: Reads | None = None) -> int:
    """Messages from the other member after the person's read mark; counted up to
    UNREAD_MAX, so a long thread never read costs no scan of all of it."""
    seq = (reads or reads_for(mentorship)).seq_of(person)
    return (
        Message.objects.filter(mentorship=mentorship, seq__gt=seq, deleted_at__isnull=True)
        .exclude(author=person)
        .order_by()[:UNREAD_MAX]
        .count()
    )


def with_cards(mentorship: Mentorship, messages: list[Message]) -> list[Message]:
    """Sets `card` on each message: what it refers to, as it reads now (or None)."""
    cards = refs.cards_for(mentorship, ((m.ref_kind, m.ref_id) for m in messages))
    for m in messages:
        m.mentorship = mentorship  # the one already read: no query per message
        m.card = cards.get((m.ref_kind, m.ref_id))  # type: ignore[attr-defined]
    return messages


def annotate(mentorship: Mentorship, messages: list[Message], reads: Reads) -> list[Any]:
    with_cards(mentorship, messages)
    for m in messages:
        m.read_by = reads.read_by(m, mentorship)  # type: ignore[attr-defined]
    return messages


def monthly_counts(mentorships: QuerySet[Mentorship]) -> dict[str, int]:
    """Messages sent per month ("2026-11" -> n) in these pairs: all a program admin may
    know of their threads (counts, never words). For the program's insights."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    rows = (
        Message.objects.filter(mentorship__in=mentorships)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return {f"{row['month']:%Y-%m}": row["n"] for row in rows}


def export_rows(person: Person) -> list[dict[str, Any]]:
    """The person's own messages, for their data export: never the other member's words
    (those are in the other member's export)."""
    found = (
        Message.objects.filter(author=person, deleted_at__isnull=True)
        .select_related("mentorship")
        .order_by("mentorship_id", "seq")
    )
    return [
        {
            "mentorship_id": str(m.mentorship.public_id),
            "id": str(m.public_id),
            "seq": m.seq,
            "body": m.body,
            "created_at": m.created_at.isoformat(),
            "edited_at": m.edited_at.isoformat() if m.edited_at else None,
            "ref_kind": m.ref_kind or None,
            "ref_id": str(m.ref_id) if m.ref_id else None,
        }
        for m in found
    ]
