"""Programs, their admins, enrollments, participants and CSV import, over the services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema, Status

from alongside.lib.pagination import paginate
from alongside.lib.schemas import PageQuery
from alongside.people.access import get_person_for, signed_in
from alongside.people.audit import program_events
from alongside.programs import invitations, services
from alongside.programs.access import get_program_for, get_program_to_run
from alongside.programs.importer import ImportRefused, participants_import, read_upload
from alongside.programs.models import Program
from alongside.programs.schemas import (
    AdminIn,
    AdminsOut,
    EnrollmentIn,
    EnrollmentOut,
    ImportOut,
    InvitationList,
    InvitationQuery,
    InvitationsIn,
    InvitationsOut,
    InviteLinkOut,
    JoinIn,
    ParticipantList,
    ParticipantQuery,
    ProgramEventPage,
    ProgramIn,
    ProgramList,
    ProgramOut,
    ProgramPatch,
    invite_url,
)
from alongside.programs.selectors import participants, person_by_email, programs_for, with_viewer

router = Router()


def _for_viewer(request: HttpRequest, program: Program) -> Program:
    return with_viewer(signed_in(request), [program])[0]


@router.get("", response=ProgramList)
def list_programs(request: HttpRequest, q: Query[PageQuery]) -> dict[str, Any]:
    """The programs you run, those you take part in or are invited to, and the open ones."""
    person = signed_in(request)
    page = paginate(programs_for(person), q)
    page["items"] = with_viewer(person, page["items"])
    return page


@router.post("", response={201: ProgramOut})
def create_program(request: HttpRequest, payload: ProgramIn) -> Status:
    """Create a program (staff only); you become its first admin. `enrollment`: open,
    invite (the default) or import; `matching`: mentee_choice, admin (the default) or both.
    `ends_on` may not come before `starts_on`."""
    person = signed_in(request)
    program = services.program_create(actor=person, **payload.dict())
    return Status(201, _for_viewer(request, program))


@router.get("/join/{token}", response=ProgramOut)
def read_invited_program(request: HttpRequest, token: str) -> Program:
    """The program behind an invite link (its secret `token`); 404 for a wrong, old or
    turned-off link."""
    signed_in(request)
    return _for_viewer(request, invitations.program_by_invite(token))


@router.post("/join/{token}", response={201: EnrollmentOut})
def join_by_link(request: HttpRequest, token: str, payload: JoinIn) -> Status:
    """Take part in a program by its invite link, as a `mentor` (with `capacity`) or a
    `mentee`, with `answers` to its questions. 409 `already_enrolled`, `program_ended`."""
    person = signed_in(request)
    program = invitations.program_by_invite(token)
    enrollment = services.enrollment_join(
        program=program, actor=person, person=person, by_link=True, **payload.dict()
    )
    return Status(201, enrollment)


@router.get("/{program_id}", response=ProgramOut)
def read_program(request: HttpRequest, program_id: str) -> Program:
    """A program you may see: an open one, or one you run, take part in or are invited to."""
    return _for_viewer(request, get_program_for(signed_in(request), program_id))


@router.patch("/{program_id}", response=ProgramOut)
def update_program(request: HttpRequest, program_id: str, payload: ProgramPatch) -> Program:
    """Change a program's settings (its admins); only the fields sent change."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    changes = payload.dict(exclude_unset=True)
    program = services.program_update(program=program, actor=person, **changes)
    return _for_viewer(request, program)


@router.get("/{program_id}/admins", response=AdminsOut)
def list_admins(request: HttpRequest, program_id: str) -> dict[str, Any]:
    """The admins of a program you run."""
    program = get_program_to_run(signed_in(request), program_id)
    return {"admins": list(program.admins.order_by("name", "pk"))}


@router.post("/{program_id}/admins", response=AdminsOut)
def add_admin(request: HttpRequest, program_id: str, payload: AdminIn) -> dict[str, Any]:
    """Make someone an admin of a program you run, named by `person_id` or by `email`;
    adding twice changes nothing. Answers the program's admins."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    if (payload.person_id is None) == (payload.email is None):
        raise ValidationError({"person_id": "Give either person_id or email."})
    if payload.person_id is not None:
        other = get_person_for(person, payload.person_id)
    else:
        found = person_by_email(payload.email or "")
        if found is None:
            raise ValidationError({"email": "Nobody has an account with this email address."})
        other = found
    services.program_admin_add(program=program, actor=person, person=other)
    return {"admins": list(program.admins.order_by("name", "pk"))}


@router.get("/{program_id}/invitations", response=InvitationList)
def list_invitations(
    request: HttpRequest, program_id: str, q: Query[InvitationQuery]
) -> dict[str, Any]:
    """The people invited by email (its admins), newest first, with their `status`:
    `invited` (not joined yet), `active` (joined) or `left`. `waiting=true`: only those
    who have not joined; `waiting=false`: only those who have."""
    program = get_program_to_run(signed_in(request), program_id)
    return paginate(invitations.invitations_of(program, waiting=q.waiting), q)


@router.post("/{program_id}/invitations", response={201: InvitationsOut})
def send_invitations(request: HttpRequest, program_id: str, payload: InvitationsIn) -> Status:
    """Invite people by email (its admins; a program that takes people by invitation, or
    409 `not_by_invitation`): up to 200 `emails`, each to take part as `role`. Unknown
    addresses get an account whose password the email's link sets. Answers who was
    `invited`, who was enrolled `already`, and `errors` (closed accounts)."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    result = invitations.invitations_send(
        program=program, actor=person, emails=payload.emails, role=payload.role
    )
    return Status(
        201, {"invited": result.invited, "already": result.already, "errors": result.errors}
    )


@router.post("/{program_id}/invite-link", response=InviteLinkOut)
def make_invite_link(request: HttpRequest, program_id: str) -> dict[str, Any]:
    """Make a new invite link (its admins); an older link stops working. Anyone signed in
    who has it can take part (409 `not_by_invitation` unless the program takes people by
    invitation)."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    program = invitations.invite_link_set(program=program, actor=person, on=True)
    return {"url": invite_url(program)}


@router.delete("/{program_id}/invite-link", response=InviteLinkOut)
def remove_invite_link(request: HttpRequest, program_id: str) -> dict[str, Any]:
    """Turn the invite link off (its admins)."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    invitations.invite_link_set(program=program, actor=person, on=False)
    return {"url": None}


@router.post("/{program_id}/enrollments", response={201: EnrollmentOut})
def enroll(request: HttpRequest, program_id: str, payload: EnrollmentIn) -> Status:
    """Enroll yourself as a `mentor` (with `capacity`, 0-20) or a `mentee` in an open
    program, or accept the invitation you were sent; a program's admins enroll anyone
    (`person_id`). `answers`: to the program's `questions` asked of that role (422 for a
    question it does not ask). 409 `already_enrolled`, `enrollment_closed`,
    `program_ended`."""
    person = signed_in(request)
    program = get_program_for(person, program_id)
    who = get_person_for(person, payload.person_id) if payload.person_id else person
    enrollment = services.enrollment_join(
        program=program, actor=person, person=who, **payload.dict(exclude={"person_id"})
    )
    return Status(201, enrollment)


@router.get("/{program_id}/participants", response=ParticipantList)
def list_participants(
    request: HttpRequest, program_id: str, q: Query[ParticipantQuery]
) -> dict[str, Any]:
    """The program's participants (its admins): filter by `role`, `status`, `matched`
    (in a proposed or active pair of the program), and `q` (name or email)."""
    program = get_program_to_run(signed_in(request), program_id)
    found = participants(program, role=q.role, status=q.status, matched=q.matched, q=q.q)
    return paginate(found, q)


@router.get("/{program_id}/audit", response=ProgramEventPage)
def program_audit(request: HttpRequest, program_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    """The program's audit log (its admins): who created it, changed its settings, added
    admins, enrolled people, imported participants, ran or published a matching, and
    when; newest first."""
    program = get_program_to_run(signed_in(request), program_id)
    return paginate(program_events(program.pk), q)


IMPORT_BODY = {
    "required": True,
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}


class ImportQuery(Schema):
    skip_bad_rows: bool = False


@router.post(
    "/{program_id}/participants/import",
    response=ImportOut,
    openapi_extra={"requestBody": IMPORT_BODY},
)
def import_participants(request: HttpRequest, program_id: str, q: Query[ImportQuery]) -> Any:
    """Import participants from a CSV file (its admins): the body as `text/csv`, or a
    multipart field `file`. Columns: email, name, role (mentor/mentee), capacity,
    skills_wanted, skills_offered, goals, bio, timezone, languages, seniority (0-10),
    department; lists separated by `;`. When a row is bad nothing is imported (422, code
    `bad_rows`, each bad row in `errors` with its `line`), unless `skip_bad_rows=true`.
    Importing the same file again updates; it creates nobody twice."""
    person = signed_in(request)
    program = get_program_to_run(person, program_id)
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "Send the CSV in a multipart field named 'file'."})
        data = read_upload(upload, upload.size)
    else:
        length = request.META.get("CONTENT_LENGTH") or ""
        data = read_upload(request, int(length) if length.isdigit() else None)
    try:
        result = participants_import(
            program=program, actor=person, rows_or_file=data, skip_bad_rows=q.skip_bad_rows
        )
    except ImportRefused as refused:
        lines = [{"line": e.line, "message": e.message} for e in refused.result.errors]
        return JsonResponse(
            {
                "detail": refused.detail,
                "code": refused.code,
                "errors": [{"field": f"line {e['line']}", **e} for e in lines],
                "created": 0,
                "updated": 0,
                "skipped": 0,
            },
            status=422,
        )
    return {
        "created": result.created,
        "updated": result.updated,
        "skipped": result.skipped,
        "errors": [{"line": e.line, "message": e.message} for e in result.errors],
    }
