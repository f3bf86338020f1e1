"""What a person's data export holds of growth: the check-ins, appreciations, resources
and shared journal entries of their pairs, and their own private journal (theirs alone:
never anyone else's)."""

from typing import Any

from pydantic import BaseModel

from alongside.growth.models import Appreciation, CheckIn, JournalEntry, Resource, SharedEntry
from alongside.lib.access import pair_members
from alongside.people.export import Author, author_of, iso, register
from alongside.people.models import Person

IN_MY_PAIRS = "mentorship__"


class RatingRow(BaseModel):
    skill: str
    level: int


class CheckInRow(BaseModel):
    mentorship: str
    author: Author
    wins: str
    challenges: str
    feeling: int
    ratings: list[RatingRow]
    reply: str
    replied_at: str | None
    created_at: str


class AppreciationRow(BaseModel):
    mentorship: str
    author: Author
    message: str
    created_at: str


class ResponseRow(BaseModel):
    author: Author
    reaction: str
    body: str
    created_at: str


class ResourceRow(BaseModel):
    mentorship: str
    author: Author
    url: str
    title: str
    note: str
    created_at: str
    responses: list[ResponseRow]


class JournalRow(BaseModel):
    body: str
    mentorship: str | None
    created_at: str
    shared_at: str | None


class SharedEntryRow(BaseModel):
    mentorship: str
    author: Author
    body: str
    created_at: str


def _in_pairs(model: Any, person: Person) -> Any:
    return model.objects.filter(pair_members(person, IN_MY_PAIRS)).select_related(
        "mentorship", "author"
    )


def _checkins(person: Person) -> list[dict[str, Any]]:
    found = _in_pairs(CheckIn, person).prefetch_related("ratings").order_by("created_at", "pk")
    return [
        {
            "mentorship": str(c.mentorship.public_id),
            "author": author_of(c.author, person),
            "wins": c.wins,
            "challenges": c.challenges,
            "feeling": c.feeling,
            "ratings": [{"skill": r.skill, "level": r.level} for r in c.ratings.all()],
            "reply": c.reply,
            "replied_at": iso(c.replied_at),
            "created_at": iso(c.created_at),
        }
        for c in found
    ]


def _written(model: Any, words: str, person: Person) -> list[dict[str, Any]]:
    """Rows of a thing one member wrote to the pair and nothing more: its `words` field,
    who wrote them, when (a thank-you note, a shared journal entry)."""
    return [
        {
            "mentorship": str(x.mentorship.public_id),
            "author": author_of(x.author, person),
            words: getattr(x, words),
            "created_at": iso(x.created_at),
        }
        for x in _in_pairs(model, person).order_by("created_at", "pk")
    ]


def _appreciations(person: Person) -> list[dict[str, Any]]:
    return _written(Appreciation, "message", person)


def _resources(person: Person) -> list[dict[str, Any]]:
    found = _in_pairs(Resource, person).prefetch_related("responses__author")
    return [
        {
            "mentorship": str(r.mentorship.public_id),
            "author": author_of(r.author, person),
            "url": r.url,
            "title": r.title,
            "note": r.note,
            "created_at": iso(r.created_at),
            "responses": [
                {
                    "author": author_of(x.author, person),
                    "reaction": x.reaction,
                    "body": x.body,
                    "created_at": iso(x.created_at),
                }
                for x in r.responses.all()
            ],
        }
        for r in found.order_by("created_at", "pk")
    ]


def _journal(person: Person) -> list[dict[str, Any]]:
    # The author's own entries, and nobody else's: the one rule of the journal.
    found = JournalEntry.objects.filter(author=person).select_related("mentorship")
    return [
        {
            "body": e.body,
            "mentorship": str(e.mentorship.public_id) if e.mentorship else None,
            "created_at": iso(e.created_at),
            "shared_at": iso(e.shared_at),
        }
        for e in found.order_by("created_at", "pk")
    ]


def _shared_entries(person: Person) -> list[dict[str, Any]]:
    return _written(SharedEntry, "body", person)


def _count(model: Any) -> Any:
    return lambda person: model.objects.filter(pair_members(person, IN_MY_PAIRS)).count()


register(
    "checkins",
    CheckInRow,
    collect=_checkins,
    title="Check-ins",
    about="The monthly check-ins of your mentorships and their replies (shared with your partner).",
    count=_count(CheckIn),
)
register(
    "appreciations",
    AppreciationRow,
    collect=_appreciations,
    title="Appreciations",
    about="Thank-you notes sent and received in your mentorships.",
    count=_count(Appreciation),
)
register(
    "resources",
    ResourceRow,
    collect=_resources,
    title="Resources",
    about="Links and ideas shared in your mentorships, with the reactions to them.",
    count=_count(Resource),
)
register(
    "journal",
    JournalRow,
    collect=_journal,
    title="My journal",
    about="Your private journal: only you could ever read it.",
    count=lambda person: JournalEntry.objects.filter(author=person).count(),
)
register(
    "shared_entries",
    SharedEntryRow,
    collect=_shared_entries,
    title="Shared journal entries",
    about="Journal entries you or your partner chose to share in a mentorship.",
    count=_count(SharedEntry),
)
