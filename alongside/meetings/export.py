"""What a person's data export holds of meetings: every meeting of their pairs, its
agenda, the shared notes and their own private ones, the action items, their own
feedback and their partner's once it is open to them (never while it is still blind)."""

from typing import Any

from django.db.models import Prefetch, Q
from pydantic import BaseModel

from alongside.lib.access import pair_members
from alongside.meetings.models import Feedback, Meeting, Note, Visibility
from alongside.meetings.selectors import feedback_for
from alongside.people.export import Author, author_of, iso, register
from alongside.people.models import Person


class AgendaRow(BaseModel):
    author: Author | None
    text: str
    covered_at: str | None


class NoteRow(BaseModel):
    author: Author
    visibility: str
    kind: str
    body: str
    created_at: str


class ActionItemRow(BaseModel):
    text: str
    owner: Author
    due_on: str | None
    done_at: str | None


class FeedbackRow(BaseModel):
    author: Author
    rating: int
    went_well: str
    do_differently: str
    created_at: str


class MeetingRow(BaseModel):
    id: str
    mentorship: str
    title: str
    starts_at: str
    minutes: int
    timezone: str
    place: str
    status: str
    cancel_note: str
    agenda: list[AgendaRow]
    notes: list[NoteRow]
    action_items: list[ActionItemRow]
    feedback: list[FeedbackRow]


def _meetings_of(person: Person) -> Any:
    return Meeting.objects.filter(pair_members(person, "mentorship__")).order_by("starts_at", "pk")


def _feedback(feedback: Feedback, person: Person) -> dict[str, Any]:
    return {
        "author": author_of(feedback.author, person),
        "rating": feedback.rating,
        "went_well": feedback.went_well,
        "do_differently": feedback.do_differently,
        "created_at": iso(feedback.created_at),
    }


def _meetings(person: Person) -> list[dict[str, Any]]:
    # The same rule as meetings.selectors.notes_visible_to: shared notes, and my own.
    notes = Note.objects.filter(Q(visibility=Visibility.SHARED) | Q(author=person))
    found = _meetings_of(person).select_related("mentorship")
    found = found.prefetch_related(
        "agenda__author",
        Prefetch("notes", queryset=notes.select_related("author")),
        "action_items__owner",
    )
    rows = []
    for m in found:
        # The blind rule in one place: meetings.selectors.feedback_for.
        view = feedback_for(m, person)
        answers = [f for f in (view.mine, view.theirs) if f is not None]
        rows.append(
            {
                "id": str(m.public_id),
                "mentorship": str(m.mentorship.public_id),
                "title": m.display_title,
                "starts_at": iso(m.starts_at),
                "minutes": m.minutes,
                "timezone": m.timezone,
                "place": m.place,
                "status": m.status,
                "cancel_note": m.cancel_note,
                "agenda": [
                    {
                        "author": author_of(a.author, person),
                        "text": a.text,
                        "covered_at": iso(a.covered_at),
                    }
                    for a in m.agenda.all()
                ],
                "notes": [
                    {
                        "author": author_of(n.author, person),
                        "visibility": n.visibility,
                        "kind": n.kind,
                        "body": n.body,
                        "created_at": iso(n.created_at),
                    }
                    for n in m.notes.all()
                ],
                "action_items": [
                    {
                        "text": i.text,
                        "owner": author_of(i.owner, person),
                        "due_on": iso(i.due_on),
                        "done_at": iso(i.done_at),
                    }
                    for i in m.action_items.all()
                ],
                "feedback": [_feedback(f, person) for f in answers],
            }
        )
    return rows


register(
    "meetings",
    MeetingRow,
    collect=_meetings,
    title="Meetings",
    about="The meetings of your mentorships: agendas, shared notes and your private ones, "
    "action items, your feedback and your partner's once it is open to you.",
    count=lambda person: _meetings_of(person).count(),
)
