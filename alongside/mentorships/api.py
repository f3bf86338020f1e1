from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from alongside.lib.schemas import EmptyIn
from alongside.mentorships import agreements, services
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import Mentorship
from alongside.mentorships.models import Status as MentorshipStatus
from alongside.mentorships.schemas import (
    AcknowledgeIn,
    AgreementIn,
    AgreementOut,
    MentorshipDetail,
    MentorshipIn,
    MentorshipList,
    ReasonIn,
)
from alongside.mentorships.selectors import mentorships_for
from alongside.people.access import get_person_for
from alongside.people.api import me
from alongside.programs.access import get_program_for

router = Router()


class ListQuery(Schema):
    status: MentorshipStatus | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.post("", response={201: MentorshipDetail})
def create(request: HttpRequest, payload: MentorshipIn) -> Status:
    """Ask a mentor (`mentor_id`) or offer to mentor someone (`mentee_id`).

    In a program whose enrollment is not open, both must be enrolled in it in their roles
    (409 `not_enrolled_mentor` / `not_enrolled_mentee`; the program itself is a 404 to
    anyone neither invited, enrolled nor its admin); in a program where the admins match,
    members do not ask (409 `admin_matching`); no new pair starts in an ended program
    (409 `program_ended`)."""
    person = me(request)
    program = get_program_for(person, payload.program_id)
    mentor = get_person_for(person, payload.mentor_id) if payload.mentor_id else None
    mentee = get_person_for(person, payload.mentee_id) if payload.mentee_id else None
    mentorship = services.mentorship_request(
        requester=person, mentor=mentor, mentee=mentee, program=program, message=payload.message
    )
    return Status(201, mentorship)


@router.get("", response=MentorshipList)
def list_mine(request: HttpRequest, filters: Query[ListQuery]) -> dict[str, Any]:
    """Your mentorships, newest first; filter by `status`."""
    # Each item names who asked: one join, not a query per item.
    found = mentorships_for(me(request), status=filters.status).select_related("requested_by")
    items = list(found[filters.offset : filters.offset + filters.limit])
    return {"items": items, "count": found.count()}


@router.get("/{mentorship_id}", response=MentorshipDetail)
def read(request: HttpRequest, mentorship_id: str) -> Mentorship:
    return get_mentorship_for(me(request), mentorship_id)


def _transition(name: str, with_reason: bool) -> None:
    def view(request: HttpRequest, mentorship_id: str, payload: Any) -> Mentorship:
        person = me(request)
        mentorship = get_mentorship_for(person, mentorship_id)
        extra = {"reason": payload.reason} if with_reason else {}
        return services.TRANSITIONS[name](mentorship=mentorship, actor=person, **extra)

    view.__name__ = name
    view.__annotations__["payload"] = ReasonIn if with_reason else EmptyIn
    view.__doc__ = {
        "accept": "Accept a request addressed to you (409 when the mentor is at capacity).",
        "decline": "Decline a request addressed to you, with an optional `reason`.",
        "withdraw": "Withdraw your own request before it is answered.",
        "confirm": "Confirm a pair proposed by the program; active once both confirmed.",
        "end": "End an active mentorship early; `reason` is required.",
        "complete": "Mark an active mentorship as completed.",
    }[name]
    router.post(f"/{{mentorship_id}}/{name}", response=MentorshipDetail)(view)


for _name, _reason in (
    ("accept", False),
    ("decline", True),
    ("withdraw", False),
    ("confirm", False),
    ("end", True),
    ("complete", False),
):
    _transition(_name, _reason)


def _agreement(mentorship: Mentorship) -> dict[str, Any]:
    view = agreements.agreement_for(mentorship)
    for version, changes in view.versions:
        version.changes = changes  # type: ignore[attr-defined]  # read by HistoryEntry
    return {
        "in_force": view.in_force,
        "latest": view.latest,
        "versions": [version for version, _ in view.versions],
    }


@router.get("/{mentorship_id}/agreement", response=AgreementOut)
def read_agreement(request: HttpRequest, mentorship_id: str) -> dict[str, Any]:
    """The version in force, the latest, and every version with what changed and why."""
    return _agreement(get_mentorship_for(me(request), mentorship_id))


@router.put("/{mentorship_id}/agreement", response=AgreementOut)
def write_agreement(
    request: HttpRequest, mentorship_id: str, payload: AgreementIn
) -> dict[str, Any]:
    """Save a new version (you acknowledge it by saving). `reason` is required after v1."""
    person = me(request)
    mentorship = get_mentorship_for(person, mentorship_id)
    agreements.agreement_save(mentorship=mentorship, author=person, **payload.dict())
    return _agreement(mentorship)


@router.post("/{mentorship_id}/agreement/acknowledge", response=AgreementOut)
def acknowledge(
    request: HttpRequest, mentorship_id: str, payload: AcknowledgeIn | None = None
) -> dict[str, Any]:
    """Acknowledge the latest version (send its `number` to be sure it is the one you read);
    it is in force once both of you did."""
    person = me(request)
    mentorship = get_mentorship_for(person, mentorship_id)
    number = payload.number if payload else None
    agreements.agreement_acknowledge(mentorship=mentorship, actor=person, number=number)
    return _agreement(mentorship)
