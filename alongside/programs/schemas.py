"""API shapes for programs, their admins, enrollments and participants."""

import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from alongside.lib.schemas import In, Page, PageQuery, PersonRef
from alongside.lib.text import MultiLine
from alongside.people.models import CAPACITY_MAX
from alongside.programs.models import (
    DESCRIPTION_MAX,
    PROGRAM_NAME_MAX,
    EnrollmentMode,
    EnrollmentStatus,
    MatchingMode,
    Program,
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


class ProgramOut(Schema):
    id: uuid.UUID
    name: str
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    enrollment: str
    matching: str
    require_shared_language: bool
    avoid_same_department: bool
    is_default: bool
    # Computed for the caller: may they run it, and in which roles do they take part.
    is_admin: bool = False
    my_roles: list[str] = []

    @staticmethod
    def resolve_id(obj: Program) -> uuid.UUID:
        return obj.public_id


class ProgramList(Page):
    items: list[ProgramOut]


class AdminIn(In):
    person_id: uuid.UUID


class AdminsOut(Schema):
    admins: list[PersonRef]


class EnrollmentIn(In):
    role: Role
    capacity: StrictInt | None = Field(None, ge=0, le=CAPACITY_MAX)
    # An admin enrolls someone else; a member enrolls themself (leave it out).
    person_id: uuid.UUID | None = None


class EnrollmentOut(Schema):
    id: uuid.UUID
    person: PersonRef
    role: str
    status: str
    capacity: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_id(obj: Any) -> uuid.UUID:
        return obj.public_id


class ParticipantOut(EnrollmentOut):
    email: str
    matched: bool
    answers: dict[str, Any]

    @staticmethod
    def resolve_email(obj: Any) -> str:
        return str(obj.person.email)


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


class ProgramEventPage(Page):
    items: list[ProgramEventOut]
