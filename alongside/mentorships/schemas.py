import datetime as dt
import uuid
from typing import Annotated

from ninja import Schema
from pydantic import BaseModel, Field, StrictBool, StrictInt

from alongside.lib.schemas import In, Out, Page, PersonRef, public_id_of
from alongside.lib.text import MultiLine
from alongside.mentorships.models import (
    AGREEMENT_TEXT_MAX,
    MESSAGE_MAX,
    REASON_MAX,
    REFLECTION_MAX,
    REOPEN_DAYS,
    Closing,
    Mentorship,
    Status,
    Transition,
)
from alongside.people.models import Channel


class ProgramRef(Out):
    name: str


class PairOut(Out):
    """Base of an answer about a thing of a pair: its `mentorship_id` comes second."""

    mentorship_id: uuid.UUID

    resolve_mentorship_id = public_id_of("mentorship")


class TransitionOut(Schema):
    actor: PersonRef | None
    from_status: str
    to_status: str
    reason: str
    at: dt.datetime


class MentorshipOut(Out):
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


class ClosingOut(Schema):
    """A completion (proposed, then confirmed or declined) or an early end."""

    id: uuid.UUID
    kind: str = Field(description="`completed` or `ended`.")
    proposed_by: PersonRef | None
    proposed_at: dt.datetime
    reflection: str = Field(description="The proposer's closing reflection, or the end's reason.")
    confirmed_by: PersonRef | None
    confirmed_at: dt.datetime | None
    confirm_reflection: str
    declined_at: dt.datetime | None
    decline_reason: str
    reopened_by: PersonRef | None
    reopened_at: dt.datetime | None

    @staticmethod
    def resolve_id(obj: Closing) -> uuid.UUID:
        return obj.public_id


class MentorshipDetail(MentorshipOut):
    transitions: list[TransitionOut]
    closings: list[ClosingOut] = Field(description="Completions and ends, newest first.")
    pending_completion: ClosingOut | None = Field(
        description="A completion one member proposed, waiting for the other's answer."
    )
    reopen_until: dt.datetime | None = Field(
        description="Until when either member can reopen a completed or ended mentorship."
    )

    @staticmethod
    def resolve_transitions(obj: Mentorship) -> list[Transition]:
        return list(obj.transitions.select_related("actor"))

    @staticmethod
    def resolve_closings(obj: Mentorship) -> list[Closing]:
        return list(obj.closings.select_related("proposed_by", "confirmed_by", "reopened_by"))

    @staticmethod
    def resolve_pending_completion(obj: Mentorship) -> Closing | None:
        return next((c for c in MentorshipDetail.resolve_closings(obj) if c.pending), None)

    @staticmethod
    def resolve_reopen_until(obj: Mentorship) -> dt.datetime | None:
        if obj.status not in (Status.COMPLETED, Status.ENDED) or obj.closed_at is None:
            return None
        return obj.closed_at + dt.timedelta(days=REOPEN_DAYS)


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


class CompleteIn(In):
    reflection: Annotated[str, MultiLine] = Field(
        "",
        max_length=REFLECTION_MAX,
        description="Your closing reflection (what changed, what next): required to propose, "
        "optional when you confirm.",
    )


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


class AgreementTerms(BaseModel):
    """What a version of the agreement says, the same in the API and in the export."""

    number: int
    mentee_hopes: str
    mentor_offers: str
    meeting_every_days: int
    channel: str
    meeting_minutes: int


class AgreementVersionOut(AgreementTerms, Out):  # Out last in the bases: its id leads
    ends_on: dt.date
    confidentiality: StrictBool
    reason: str
    author: PersonRef | None
    created_at: dt.datetime
    mentee_acknowledged_at: dt.datetime | None
    mentor_acknowledged_at: dt.datetime | None
    in_force: bool


class HistoryEntry(AgreementVersionOut):
    changes: list[ChangeOut]


class AgreementOut(Schema):
    in_force: AgreementVersionOut | None
    latest: AgreementVersionOut | None
    versions: list[HistoryEntry]
