"""Invitations to a program that takes people by invitation: its invite link, and
invitations by email. Who was invited and who joined is read from the enrollments."""

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone as tz

from alongside.lib.errors import Conflict, Forbidden
from alongside.people.audit import audit
from alongside.people.models import AuditAction, Person
from alongside.people.services import clean_email
from alongside.programs.models import (
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    Program,
    Role,
)
from alongside.programs.selectors import is_program_admin
from alongside.programs.tasks import program_invitations_send

EMAILS_MAX = 200  # per request: a longer list is an import (a CSV file)
TOKEN_BYTES = 24


def _check_admin(program: Program, actor: Person) -> None:
    if not is_program_admin(actor, program):
        raise Forbidden(f"Only the admins of {program.name} invite people.", code="not_admin")


def _check_invites(program: Program) -> None:
    if program.enrollment != EnrollmentMode.INVITE:
        raise Conflict(
            f"{program.name} does not take people by invitation (who may join: "
            f"{program.get_enrollment_display().lower()}); change that in its settings first.",
            code="not_by_invitation",
        )


@transaction.atomic
def invite_link_set(*, program: Program, actor: Person, on: bool) -> Program:
    """Make a new invite link (the old one stops working), or turn the link off."""
    _check_admin(program, actor)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if on:
        _check_invites(program)
    program.invite_token = secrets.token_urlsafe(TOKEN_BYTES) if on else ""
    program.save(update_fields=["invite_token"])
    # Never the link itself: whoever reads the log could use it.
    audit(
        AuditAction.PROGRAM_UPDATED,
        actor=actor,
        program=program,
        detail={"fields": ["invite_link"], "invite_link": "new" if on else "off"},
    )
    return program


def program_by_invite(token: str) -> Program:
    """The program whose invite link this is; a 404 for a wrong, old or turned-off link,
    or a program that stopped taking people by invitation."""
    token = str(token or "")
    if not token or len(token) > 64:
        raise Http404("This invite link does not work (any more); ask for a new one.")
    program = Program.objects.filter(invite_token=token, enrollment=EnrollmentMode.INVITE).first()
    if program is None or not secrets.compare_digest(program.invite_token, token):
        raise Http404("This invite link does not work (any more); ask for a new one.")
    return program


@dataclass
class InvitationResult:
    invited: list[str] = field(default_factory=list)  # emails sent an invitation
    already: list[str] = field(default_factory=list)  # enrolled already in that role
    errors: list[dict[str, str]] = field(default_factory=list)  # {"email", "message"}


def clean_emails(emails: Any) -> list[str]:
    """A list of addresses, or text with one per line (commas and ';' also separate)."""
    if isinstance(emails, str):
        emails = emails.replace(",", "\n").replace(";", "\n").splitlines()
    if not isinstance(emails, list | tuple) or not all(isinstance(e, str) for e in emails):
        raise ValidationError({"emails": "Give a list of email addresses."})
    items = [e.strip() for e in emails if e.strip()]
    if not items:
        raise ValidationError({"emails": "Give at least one email address."})
    if len(items) > EMAILS_MAX:
        raise ValidationError(
            {"emails": f"Invite at most {EMAILS_MAX} people at once; import a CSV file for more."}
        )
    bad = []
    good: list[str] = []
    for item in items:
        try:
            good.append(clean_email(item))
        except ValidationError:
            bad.append(item[:60])
    if bad:
        raise ValidationError(
            {
                "emails": f"Not an email address: {', '.join(bad[:5])}"
                + ("…" if len(bad) > 5 else "")
            }
        )
    return list(dict.fromkeys(good))


@transaction.atomic
def invitations_send(
    *, program: Program, actor: Person, emails: Any, role: str
) -> InvitationResult:
    """Invite people by email to take part in `role`. Someone without an account gets one
    (without a password: the email's link sets it); someone already enrolled in that role
    is not invited again; someone invited before is reminded."""
    _check_admin(program, actor)
    if role not in Role.values:
        raise ValidationError({"role": "Choose mentor or mentee."})
    addresses = clean_emails(emails)
    _check_invites(program)
    # One enrollment, import or invitation at a time per program.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    result = InvitationResult()
    people = {p.email: p for p in Person.objects.filter(email__in=addresses)}
    now = tz.now()
    to_send: list[int] = []
    for email in addresses:
        person = people.get(email)
        if person is None:
            person = Person.objects.create_user(email, None, name=email.split("@")[0][:120])
        elif not person.is_active:
            result.errors.append({"email": email, "message": "This account is closed."})
            continue
        enrollment = (
            Enrollment.objects.select_for_update()
            .filter(program=program, person=person, role=role)
            .first()
        )
        if enrollment is not None and enrollment.status == EnrollmentStatus.ACTIVE:
            result.already.append(email)
            continue
        if enrollment is None:
            Enrollment.objects.create(
                program=program,
                person=person,
                role=role,
                status=EnrollmentStatus.INVITED,
                invited_at=now,
            )
        else:
            enrollment.status, enrollment.invited_at = EnrollmentStatus.INVITED, now
            enrollment.save(update_fields=["status", "invited_at"])
        result.invited.append(email)
        to_send.append(person.pk)
    if result.invited:
        audit(
            AuditAction.ENROLLMENT_CHANGED,
            actor=actor,
            program=program,
            detail={"invited": len(result.invited), "role": role},
        )
    if to_send:
        # In the transaction, as the import does: the task row commits with the invitations.
        program_invitations_send.enqueue(program_id=program.pk, person_ids=to_send)
    return result


def invitations_of(program: Program, *, waiting: bool | None = None) -> QuerySet[Enrollment]:
    """The people invited by email, newest first; `waiting`: only those who have not
    joined yet (True) or only those who have (False)."""
    found = (
        Enrollment.objects.filter(program=program, invited_at__isnull=False)
        .select_related("person")
        .order_by("-invited_at", "pk")
    )
    if waiting is True:
        found = found.filter(status=EnrollmentStatus.INVITED)
    elif waiting is False:
        found = found.filter(status=EnrollmentStatus.ACTIVE)
    return found
