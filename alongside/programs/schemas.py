"""API shapes for programs, their admins, enrollments and participants."""

import datetime as dt
import uuid
from typing import Annotated, Any

from django.conf import settings
from django.urls import reverse
from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from alongside.lib.schemas import In, Out, Page, PageQuery, PersonRef
from alongside.lib.text import MultiLine
from alongside.people.models import CAPACITY_MAX
from alongside.programs.models import (
    DESCRIPTION_MAX,
    PROGRAM_NAME_MAX,
    EnrollmentMode,
    EnrollmentStatus,
    MatchingMode,
    Program,
    Question,
    Role,
)


class ProgramIn(In):
    name: str = Field(max_length=PROGRAM_NAME_MAX)
    description: Annotated[str, MultiLine] = Field("", max_length=DESCRIPTION_MAX)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    enrollment: EnrollmentMode = EnrollmentMode.INVITE
    matching: MatchingMode = MatchingMode.ADMIN
    require_shared_language: StrictBool = False
    avoid_same_department: StrictBool = False
    # The enrollment questions asked; all of them when left out.
    questions: list[Question] = Field(default_factory=lambda: list(Question))


class ProgramPatch(In):
    """Only the fields sent change; `null` clears a date."""

    name: str | None = Field(None, max_length=PROGRAM_NAME_MAX)
    description: Annotated[str | None, MultiLine] = Field(None, max_length=DESCRIPTION_MAX)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    enrollment: EnrollmentMode | None = None
    matching: MatchingMode | None = None
    require_shared_language: StrictBool | None = None
    avoid_same_department: StrictBool | None = None
    questions: list[Question] | None = None


class ProgramOut(Out):
    name: str
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    enrollment: str
    matching: str
    require_shared_language: bool
    avoid_same_department: bool
    is_default: bool
    questions: list[str]
    # Computed for the caller: may they run it, and in which roles do they take part.
    is_admin: bool = False
    my_roles: list[str] = []
    # The invite link, for its admins only (None: no link, or not an admin).
    invite_url: str | None = None

    @staticmethod
    def resolve_invite_url(obj: Program) -> str | None:
        if not getattr(obj, "is_admin", False) or not obj.invite_token:
            return None
        return invite_url(obj)


class ProgramList(Page):
    items: list[ProgramOut]


def invite_url(program: Program) -> str:
    return settings.SITE_URL + reverse("program_join", args=[program.invite_token])


class AdminIn(In):
    """Name the new admin by `person_id` or by `email` (an account that exists)."""

    person_id: uuid.UUID | None = None
    email: str | None = Field(None, max_length=254)


class AdminsOut(Schema):
    admins: list[PersonRef]


class EnrollmentIn(In):
    role: Role
    capacity: StrictInt | None = Field(None, ge=0, le=CAPACITY_MAX)
    # An admin enrolls someone else; a member enrolls themself (leave it out).
    person_id: uuid.UUID | None = None
    # Answers to the program's enrollment questions for this role (see `questions`).
    answers: dict[str, Any] | None = None


class JoinIn(In):
    role: Role
    capacity: StrictInt | None = Field(None, ge=0, le=CAPACITY_MAX)
    answers: dict[str, Any] | None = None


def _email(enrollment: Any) -> str:
    """The enrolled person's address, which the program's admins see beside the name."""
    return str(enrollment.person.email)


class EnrollmentOut(Out):
    person: PersonRef
    role: str
    status: str
    capacity: int | None
    answers: dict[str, Any]
    created_at: dt.datetime


class ParticipantOut(EnrollmentOut):
    email: str
    matched: bool
    resolve_email = staticmethod(_email)


class ParticipantList(Page):
    items: list[ParticipantOut]


class ParticipantQuery(PageQuery):
    role: Role | None = None
    status: EnrollmentStatus | None = None
    matched: bool | None = None
    q: str = Field("", max_length=200)


class ImportError_(Schema):
    line: int
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    skipped: int
    errors: list[ImportError_]


class ProgramEventOut(Schema):
    """An admin action on the program. Addresses and browsers are not shown here (staff
    see them in the admin site); `detail` holds counts, field names and ids."""

    id: uuid.UUID
    at: dt.datetime
    action: str
    label: str
    actor: PersonRef | None = Field(description="The admin who acted; null: the command line.")
    detail: dict[str, Any]

    @staticmethod
    def resolve_id(obj: Any) -> uuid.UUID:
        return obj.public_id


class InvitationsIn(In):
    """Up to 200 addresses; each gets an email inviting them to take part as `role`."""

    emails: list[Annotated[str, Field(max_length=254)]] = Field(max_length=200)
    role: Role


class InvitationProblem(Schema):
    email: str
    message: str


class InvitationsOut(Schema):
    invited: list[str]
    already: list[str]
    errors: list[InvitationProblem]


class InvitationOut(Out):
    person: PersonRef
    email: str
    role: str
    status: str  # invited (waiting), active (joined) or left
    invited_at: dt.datetime
    resolve_email = staticmethod(_email)


class InvitationList(Page):
    items: list[InvitationOut]


class InvitationQuery(PageQuery):
    waiting: bool | None = None


class InviteLinkOut(Schema):
    url: str | None


class ProgramEventPage(Page):
    items: list[ProgramEventOut]
