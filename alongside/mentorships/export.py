"""What a person's data export holds of their mentorships: each pair (requests and answers
too), its changes of state, its agreement versions and its celebrations. All of it is
shared by the two members."""

from typing import Any

from pydantic import BaseModel

from alongside.lib.access import pair_members
from alongside.mentorships.models import Mentorship
from alongside.mentorships.schemas import AgreementTerms
from alongside.people.export import Author, author_of, iso, register
from alongside.people.models import Person


class TransitionRow(BaseModel):
    by: Author | None
    from_status: str
    to_status: str
    reason: str
    at: str


class AgreementRow(AgreementTerms):
    ends_on: str
    confidentiality: bool
    reason: str
    author: Author | None
    created_at: str
    mentee_acknowledged_at: str | None
    mentor_acknowledged_at: str | None


class CelebrationRow(BaseModel):
    kind: str
    title: str
    author: Author | None
    created_at: str


class MentorshipRow(BaseModel):
    id: str
    program: str
    my_role: str
    partner: Author
    status: str
    requested_by: Author | None
    message: str
    decline_reason: str
    end_reason: str
    created_at: str
    started_at: str | None
    closed_at: str | None
    transitions: list[TransitionRow]
    agreement_versions: list[AgreementRow]
    celebrations: list[CelebrationRow]


def mentorships_of(person: Person) -> Any:
    """Every mentorship the person is a member of, whatever its state."""
    return Mentorship.objects.filter(pair_members(person)).order_by("created_at", "pk")


def _mentorships(person: Person) -> list[dict[str, Any]]:
    found = mentorships_of(person).select_related("program", "mentor", "mentee", "requested_by")
    found = found.prefetch_related(
        "transitions__actor", "agreement_versions__author", "celebrations__author"
    )
    rows = []
    for m in found:
        rows.append(
            {
                "id": str(m.public_id),
                "program": m.program.name,
                "my_role": m.role_of(person),
                "partner": author_of(m.other(person), person),
                "status": m.status,
                "requested_by": author_of(m.requested_by, person),
                "message": m.message,
                "decline_reason": m.decline_reason,
                "end_reason": m.end_reason,
                "created_at": iso(m.created_at),
                "started_at": iso(m.started_at),
                "closed_at": iso(m.closed_at),
                "transitions": [
                    {
                        "by": author_of(t.actor, person),
                        "from_status": t.from_status,
                        "to_status": t.to_status,
                        "reason": t.reason,
                        "at": iso(t.at),
                    }
                    for t in m.transitions.all()
                ],
                "agreement_versions": [
                    {
                        **{term: getattr(v, term) for term in v.TERMS if term != "ends_on"},
                        "ends_on": v.ends_on.isoformat(),
                        "number": v.number,
                        "reason": v.reason,
                        "author": author_of(v.author, person),
                        "created_at": iso(v.created_at),
                        "mentee_acknowledged_at": iso(v.mentee_acknowledged_at),
                        "mentor_acknowledged_at": iso(v.mentor_acknowledged_at),
                    }
                    for v in sorted(m.agreement_versions.all(), key=lambda v: v.number)
                ],
                "celebrations": [
                    {
                        "kind": c.kind,
                        "title": c.title,
                        "author": author_of(c.author, person),
                        "created_at": iso(c.created_at),
                    }
                    for c in m.celebrations.all()
                ],
            }
        )
    return rows


register(
    "mentorships",
    MentorshipRow,
    collect=_mentorships,
    title="Mentorships",
    about="Your mentorships and requests, their changes, agreements and celebrations "
    "(shared with your partner in each).",
    count=lambda person: mentorships_of(person).count(),
)
