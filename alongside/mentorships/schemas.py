import datetime as dt
import uuid
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from alongside.lib.schemas import In, Page, PersonRef
from alongside.lib.text import MultiLine
from alongside.mentorships.models import (
    AGREEMENT_TEXT_MAX,
    MESSAGE_MAX,
    REASON_MAX,
    AgreementVersion,
    Mentorship,
    Status,
    Transition,
)
from alongside.people.models import Channel


class ProgramRef(Schema):
    id: uuid.UUID
    name: str

    @staticmethod
    def resolve_id(obj: object) -> uuid.UUID:
        return obj.public_id  # type: ignore[attr-defined]


class TransitionOut(Schema):
    actor: PersonRef | None
    from_status: str
    to_status: str
    reason: str
    at: dt.datetime


class MentorshipOut(Schema):
    id: uuid.UUID
    program: ProgramRef
    mentor: PersonRef
    mentee: PersonRef
    status: Status
    requested_by: PersonRef | None
    message: str
    decline_reason: str
    end_reason: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_id(obj: Mentorship) -> uuid.UUID:
        return obj.public_id


class MentorshipDetail(MentorshipOut):
    transitions: list[TransitionOut]

    @staticmethod
    def resolve_transitions(obj: Mentorship) -> list[Transition]:
        return list(obj.transitions.select_related("actor"))


class MentorshipList(Page):
    items: list[MentorshipOut]


class MentorshipIn(In):
    mentor_id: uuid.UUID | None = Field(None, description="Ask this person to mentor you.")
    mentee_id: uuid.UUID | None = Field(None, description="Offer to mentor this person.")
    program_id: uuid.UUID | None = Field(None, description="Defaults to the Community program.")
    message: Annotated[str, MultiLine] = Field(
        "", max_length=MESSAGE_MAX, description="What you hope for."
    )


class ReasonIn(In):
    reason: Annotated[str, MultiLine] = Field("", max_length=REASON_MAX)


class AcknowledgeIn(In):
    number: StrictInt | None = Field(
        None, ge=1, description="The version you read; refused (409) if a newer one exists."
    )


class AgreementIn(In):
    mentee_hopes: Annotated[str, MultiLine] = Field(max_length=AGREEMENT_TEXT_MAX)
    mentor_offers: Annotated[str, MultiLine] = Field(max_length=AGREEMENT_TEXT_MAX)
    meeting_every_days: StrictInt = Field(ge=1, le=365)
    channel: Channel
    meeting_minutes: StrictInt = Field(ge=5, le=480)
    ends_on: dt.date
    confidentiality: StrictBool
    reason: Annotated[str, MultiLine] = Field(
        "", max_length=REASON_MAX, description="Why this change; required after the first version."
    )


class ChangeOut(Schema):
    field: str
    label: str
    before: str | int | bool | dt.date | None
    after: str | int | bool | dt.date | None


class AgreementVersionOut(Schema):
    id: uuid.UUID
    number: int
    mentee_hopes: str
    mentor_offers: str
    meeting_every_days: int
    channel: str
    meeting_minutes: int
    ends_on: dt.date
    confidentiality: StrictBool
    reason: str
    author: PersonRef | None
    created_at: dt.datetime
    mentee_acknowledged_at: dt.datetime | None
    mentor_acknowledged_at: dt.datetime | None
    in_force: bool

    @staticmethod
    def resolve_id(obj: AgreementVersion) -> uuid.UUID:
        return obj.public_id


class HistoryEntry(AgreementVersionOut):
    changes: list[ChangeOut]


class AgreementOut(Schema):
    in_force: AgreementVersionOut | None
    latest: AgreementVersionOut | None
    versions: list[HistoryEntry]
