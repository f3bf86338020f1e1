"""What a person's data export holds of goals: every goal of their pairs, with its
milestones, revisions, comments and suggestions (all shared by the pair)."""

from typing import Any

from pydantic import BaseModel

from alongside.goals.models import Goal
from alongside.lib.access import pair_members
from alongside.people.export import Author, author_of, iso, register
from alongside.people.models import Person


class MilestoneRow(BaseModel):
    title: str
    due_on: str | None
    done_at: str | None


class RevisionRow(BaseModel):
    author: Author | None
    reason: str
    changes: dict[str, Any]
    at: str


class CommentRow(BaseModel):
    author: Author | None
    body: str
    created_at: str


class SuggestionRow(BaseModel):
    author: Author | None
    proposed: dict[str, Any]
    note: str
    status: str
    created_at: str


class GoalRow(BaseModel):
    id: str
    mentorship: str
    title: str
    objective: str
    measure: str
    target_date: str | None
    status: str
    created_by: Author | None
    created_at: str
    closed_at: str | None
    milestones: list[MilestoneRow]
    revisions: list[RevisionRow]
    comments: list[CommentRow]
    suggestions: list[SuggestionRow]


def _goals_of(person: Person) -> Any:
    return Goal.objects.filter(pair_members(person, "mentorship__")).order_by("created_at", "pk")


def _goals(person: Person) -> list[dict[str, Any]]:
    found = _goals_of(person).select_related("mentorship", "created_by")
    found = found.prefetch_related(
        "milestones", "revisions__author", "comments__author", "suggestions__author"
    )
    return [
        {
            "id": str(g.public_id),
            "mentorship": str(g.mentorship.public_id),
            "title": g.title,
            "objective": g.objective,
            "measure": g.measure,
            "target_date": iso(g.target_date),
            "status": g.status,
            "created_by": author_of(g.created_by, person),
            "created_at": iso(g.created_at),
            "closed_at": iso(g.closed_at),
            "milestones": [
                {"title": m.title, "due_on": iso(m.due_on), "done_at": iso(m.done_at)}
                for m in g.milestones.all()
            ],
            "revisions": [
                {
                    "author": author_of(r.author, person),
                    "reason": r.reason,
                    "changes": r.changes,
                    "at": iso(r.at),
                }
                for r in g.revisions.all()
            ],
            "comments": [
                {
                    "author": author_of(c.author, person),
                    "body": c.body,
                    "created_at": iso(c.created_at),
                }
                for c in g.comments.all()
            ],
            "suggestions": [
                {
                    "author": author_of(s.author, person),
                    "proposed": s.proposed,
                    "note": s.note,
                    "status": s.status,
                    "created_at": iso(s.created_at),
                }
                for s in g.suggestions.all()
            ],
        }
        for g in found
    ]


register(
    "goals",
    GoalRow,
    collect=_goals,
    title="Goals",
    about="The goals of your mentorships, with milestones, revisions, comments and "
    "suggestions (shared with your partner).",
    count=lambda person: _goals_of(person).count(),
)
