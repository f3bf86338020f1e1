import datetime as dt
import uuid
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, Field, StrictInt

from alongside.lib.schemas import In, Out, Page, PersonRef, public_id_of
from alongside.lib.text import MultiLine
from alongside.meetings.models import (
    ITEM_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AgendaItem,
    NoteKind,
    Visibility,
)
from alongside.mentorships.schemas import PairOut


class MeetingOut(PairOut):
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    minutes: int
    title: str
    place: str
    status: str
    cancel_note: str
    sequence: int
    series_id: uuid.UUID | None
    organizer: PersonRef | None

    resolve_series_id = public_id_of("series")


class MeetingList(Page):
    items: list[MeetingOut]


def _not_a_number(value: object) -> object:
    """A start is a date and time with its offset, never a bare number of seconds."""
    if isinstance(value, int | float):
        raise ValueError("Give the start as ISO 8601 with its offset, e.g. 2026-12-01T09:00+01:00.")
    return value


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_not_a_number)]


class MeetingIn(In):
    starts_at: IsoDateTime = Field(description="ISO 8601 with its UTC offset.")
    minutes: StrictInt = Field(45, ge=5, le=480)
    title: str = Field("", max_length=TITLE_MAX)
    place: str = Field("", max_length=PLACE_MAX, description="A place or a video link.")
    repeat_every_days: StrictInt | None = Field(None, ge=1, le=365)
    repeat_until: dt.date | None = None


class MeetingPatch(In):
    starts_at: IsoDateTime | None = None
    minutes: StrictInt | None = Field(None, ge=5, le=480)
    title: str | None = Field(None, max_length=TITLE_MAX)
    place: str | None = Field(None, max_length=PLACE_MAX)


class CancelIn(In):
    note: Annotated[str, MultiLine] = Field("", max_length=ITEM_MAX)


class PromptOut(Out):
    topic: str
    text: str


class AgendaIn(In):
    text: str = Field("", max_length=ITEM_MAX)
    prompt_id: uuid.UUID | None = None


class AgendaOut(Out):
    meeting_id: uuid.UUID
    author: PersonRef | None
    text: str
    from_prompt: bool
    covered_at: dt.datetime | None
    edited_at: dt.datetime | None

    resolve_meeting_id = public_id_of("meeting")

    @staticmethod
    def resolve_from_prompt(obj: AgendaItem) -> bool:
        return obj.prompt_id is not None


class NoteIn(In):
    body: Annotated[str, MultiLine] = Field(max_length=TEXT_MAX)
    visibility: Visibility
    kind: NoteKind = NoteKind.NOTE


class AgendaPatch(In):
    text: str = Field(max_length=ITEM_MAX)


class NotePatch(In):
    """Only the fields sent change. A shared note made private leaves the timeline."""

    body: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    visibility: Visibility | None = None
    kind: NoteKind | None = None


class NoteOut(Out):
    author: PersonRef
    body: str
    visibility: str
    kind: str
    created_at: dt.datetime
    edited_at: dt.datetime | None


class ActionItemIn(In):
    text: str = Field(max_length=ITEM_MAX)
    owner_id: uuid.UUID
    due_on: dt.date | None = None


class ActionItemPatch(In):
    """Only the fields sent change; `due_on: null` takes the due date away."""

    text: str | None = Field(None, max_length=ITEM_MAX)
    owner_id: uuid.UUID | None = None
    due_on: dt.date | None = None


class ActionItemOut(PairOut):
    meeting_id: uuid.UUID
    text: str
    owner: PersonRef
    due_on: dt.date | None
    done_at: dt.datetime | None
    edited_at: dt.datetime | None

    resolve_meeting_id = public_id_of("meeting")


class FeedbackIn(In):
    rating: StrictInt = Field(ge=1, le=5)
    went_well: Annotated[str, MultiLine] = Field("", max_length=TEXT_MAX)
    do_differently: Annotated[str, MultiLine] = Field("", max_length=TEXT_MAX)


class FeedbackOut(Out):
    author: PersonRef
    rating: int
    went_well: str
    do_differently: str
    created_at: dt.datetime


class FeedbackState(Schema):
    mine: FeedbackOut | None
    theirs: FeedbackOut | None = Field(
        description="Hidden until both answered or 7 days after the first answer."
    )
    theirs_given: bool
    opens_at: dt.datetime | None = Field(
        description="When an answer opens to the other member; null before the first answer."
    )


class MeetingDetail(MeetingOut):
    agenda: list[AgendaOut]
    carried_forward: list[AgendaOut]
    notes: list[NoteOut] = Field(description="Shared notes and your own private ones.")
    open_action_items: list[ActionItemOut]
    feedback: FeedbackState


class ActionItemList(Page):
    items: list[ActionItemOut]


class CalendarOut(Schema):
    url: str = Field(description="Your secret feed; anyone with it sees your meetings' times.")


class NotePage(Page):
    items: list[NoteOut]


class PromptPage(Page):
    items: list[PromptOut]
