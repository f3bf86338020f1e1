from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from alongside.lib.pagination import paginate
from alongside.lib.schemas import EmptyIn, PageQuery
from alongside.mentorships import agreements, services
from alongside.mentorships.access import get_mentorship_for, me_and_pair
from alongside.mentorships.models import Mentorship
from alongside.mentorships.models import Status as MentorshipStatus
from alongside.mentorships.schemas import (
    AcknowledgeIn,
    AgreementIn,
    AgreementOut,
    CompleteIn,
    MentorshipDetail,
    MentorshipIn,
    MentorshipList,
    ReasonIn,
)
from alongside.mentorships.selectors import mentorships_for
from alongside.mentorships.unreachable import report_unreachable
from alongside.people.access import get_person_for
from alongside.people.api import me
from alongside.people.models import unshown
from alongside.programs.access import get_program_for

router = Router()


class ListQuery(PageQuery):
    status: MentorshipStatus | None = None


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
    found = mentorships_for(me(request), status=filters.status)
    found = found.select_related("requested_by").defer(*unshown("requested_by"))
    return paginate(found, filters)


@router.get("/{mentorship_id}", response=MentorshipDetail)
def read(request: HttpRequest, mentorship_id: str) -> Mentorship:
    return get_mentorship_for(me(request), mentorship_id)


# The transitions: one endpoint each, the same three steps (who, which pair, which service).


def _transition(
    request: HttpRequest, mentorship_id: str, service: Callable[..., Mentorship], **data: Any
) -> Mentorship:
    person, mentorship = me_and_pair(request, mentorship_id)
    return service(mentorship=mentorship, actor=person, **data)


@router.post("/{mentorship_id}/accept", response=MentorshipDetail)
def accept(request: HttpRequest, mentorship_id: str, payload: EmptyIn) -> Mentorship:
    """Accept a request addressed to you (409 when the mentor is at capacity)."""
    return _transition(request, mentorship_id, services.mentorship_accept)


@router.post("/{mentorship_id}/decline", response=MentorshipDetail)
def decline(request: HttpRequest, mentorship_id: str, payload: ReasonIn) -> Mentorship:
    """Decline a request addressed to you, with an optional `reason`."""
    return _transition(request, mentorship_id, services.mentorship_decline, reason=payload.reason)


@router.post("/{mentorship_id}/withdraw", response=MentorshipDetail)
def withdraw(request: HttpRequest, mentorship_id: str, payload: EmptyIn) -> Mentorship:
    """Withdraw your own request before it is answered."""
    return _transition(request, mentorship_id, services.mentorship_withdraw)


@router.post("/{mentorship_id}/confirm", response=MentorshipDetail)
def confirm(request: HttpRequest, mentorship_id: str, payload: EmptyIn) -> Mentorship:
    """Confirm a pair proposed by the program; active once both confirmed."""
    return _transition(request, mentorship_id, services.mentorship_confirm)


@router.post("/{mentorship_id}/end", response=MentorshipDetail)
def end(request: HttpRequest, mentorship_id: str, payload: ReasonIn) -> Mentorship:
    """End an active mentorship early; `reason` is required. One-sided: your partner is
    told, with your reason; the program's admins are offered a re-match (without it)."""
    return _transition(request, mentorship_id, services.mentorship_end, reason=payload.reason)


@router.post("/{mentorship_id}/complete", response=MentorshipDetail)
def complete(request: HttpRequest, mentorship_id: str, payload: CompleteIn) -> Mentorship:
    """Completing needs both. From one member this proposes, with a closing `reflection`
    (required, 422 without); from the other it confirms (a `reflection` of their own is
    optional), the mentorship is completed and both are told. The proposer calling it
    again gets 409 `waiting_for_partner`."""
    return _transition(
        request, mentorship_id, services.mentorship_complete, reflection=payload.reflection
    )


@router.post("/{mentorship_id}/complete/decline", response=MentorshipDetail)
def complete_decline(request: HttpRequest, mentorship_id: str, payload: ReasonIn) -> Mentorship:
    """Decline a proposed completion (optional `reason`): the mentorship goes on. The
    proposer may take their own proposal back the same way. 409 `no_proposal` when none
    is waiting."""
    return _transition(
        request, mentorship_id, services.mentorship_complete_decline, reason=payload.reason
    )


@router.post("/{mentorship_id}/reopen", response=MentorshipDetail)
def reopen(request: HttpRequest, mentorship_id: str, payload: EmptyIn) -> Mentorship:
    """Reopen a completed or ended mentorship, by either member, within 14 days of its
    close (409 `reopen_too_late` after; 409 `at_capacity` when the mentor has no room)."""
    return _transition(request, mentorship_id, services.mentorship_reopen)


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
    person, mentorship = me_and_pair(request, mentorship_id)
    agreements.agreement_save(mentorship=mentorship, author=person, **payload.dict())
    return _agreement(mentorship)


@router.post("/{mentorship_id}/agreement/acknowledge", response=AgreementOut)
def acknowledge(
    request: HttpRequest, mentorship_id: str, payload: AcknowledgeIn | None = None
) -> dict[str, Any]:
    """Acknowledge the latest version (send its `number` to be sure it is the one you read);
    it is in force once both of you did."""
    person, mentorship = me_and_pair(request, mentorship_id)
    number = payload.number if payload else None
    agreements.agreement_acknowledge(mentorship=mentorship, actor=person, number=number)
    return _agreement(mentorship)


class UnreachableOut(Schema):
    detail: str


@router.post("/{mentorship_id}/unreachable", response=UnreachableOut)
def unreachable(
    request: HttpRequest, mentorship_id: str, payload: EmptyIn | None = None
) -> dict[str, str]:
    """Tell the program's admins you cannot reach your partner (they see no words of yours)."""
    person, mentorship = me_and_pair(request, mentorship_id)
    report_unreachable(mentorship=mentorship, reporter=person)
    return {"detail": "The program's admins know, and will reach out to you both."}
