"""How the pair's timeline shows meetings, shared notes and action items done."""

from typing import Any

from django.db.models import OuterRef, Q, QuerySet

from alongside.lib.counts import count_of
from alongside.meetings.models import ActionItem, Meeting, Note, NoteKind, Visibility
from alongside.mentorships.models import Kind
from alongside.mentorships.timeline import link, register


def _with_series(found: QuerySet[Any]) -> QuerySet[Any]:
    # A count per meeting on the series' index, not every meeting of the series joined to
    # each and grouped again (a third of the timeline's render queries in PostgreSQL).
    return found.annotate(in_series=count_of(Meeting.objects.filter(series=OuterRef("series"))))


def _scheduled(meeting: Meeting) -> str:
    more = getattr(meeting, "in_series", 0) - 1
    return f"Meeting scheduled: {meeting.display_title}" + (
        f" and {more} more in a series" if more > 0 else ""
    )


def _note(note: Note) -> str:
    label = "What I heard" if note.kind == NoteKind.HEARD else "Shared note"
    return f"{label}: {note.body[:200]}"


_meeting_url = link("meeting")
register(
    Kind.MEETING, Meeting, "mentorship", text=_scheduled, url=_meeting_url, annotate=_with_series
)
register(
    Kind.MEETING_CANCELLED,
    Meeting,
    "mentorship",
    text=lambda m: f"Meeting cancelled: {m.display_title}",
    url=_meeting_url,
    annotate=_with_series,
)
register(
    Kind.NOTE,
    Note,
    "meeting__mentorship",
    # A note made private later leaves the timeline: it was never the other's to read.
    visible=Q(visibility=Visibility.SHARED),
    text=_note,
    url=link("meeting", "meeting"),
    related=["meeting"],
)
register(
    Kind.ACTION,
    ActionItem,
    "mentorship",
    # An item reopened is not done: it leaves the timeline until it is done again.
    visible=Q(done_at__isnull=False),
    text=lambda item: f"Action item done: {item.text[:200]}",
    url=link("meeting", "meeting"),
    related=["meeting"],
)
