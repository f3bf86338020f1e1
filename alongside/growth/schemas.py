import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field, StrictInt, WithJsonSchema

from alongside.growth.models import SHORT_MAX, SKILL_MAX, TEXT_MAX, Reaction
from alongside.growth.skills import TRACKED_MAX
from alongside.lib.schemas import In, Out, Page, PersonRef, public_id_of
from alongside.lib.text import MultiLine
from alongside.mentorships.models import TIMELINE_KINDS, Kind


def _on_timeline(kind: Kind) -> Kind:
    if kind not in TIMELINE_KINDS:
        raise ValueError("Choose one of: " + ", ".join(TIMELINE_KINDS) + ".")
    return kind


# Notifications have an enum called Kind too, and OpenAPI components are keyed by name:
# the timeline's kinds are written out in place, so that neither replaces the other.
TimelineKind = Annotated[
    Kind,
    AfterValidator(_on_timeline),
    WithJsonSchema(
        {"title": "TimelineKind", "type": "string", "enum": [k.value for k in TIMELINE_KINDS]}
    ),
]


class RatingIn(In):
    skill: str = Field(max_length=SKILL_MAX)
    level: StrictInt = Field(ge=1, le=5)


class CheckInIn(In):
    wins: Annotated[str, MultiLine] = Field("", max_length=TEXT_MAX)
    challenges: Annotated[str, MultiLine] = Field("", max_length=TEXT_MAX)
    ratings: list[RatingIn] = Field(default_factory=list, max_length=20)
    feeling: StrictInt = Field(ge=1, le=5)


class SkillsIn(In):
    skills: list[Annotated[str, Field(max_length=SKILL_MAX)]] = Field(
        max_length=TRACKED_MAX,
        description="What each check-in asks the mentee to rate, in order; [] for none.",
    )


class SkillsOut(Schema):
    skills: list[str] = Field(description="What the next check-in asks to rate.")
    chosen: bool = Field(
        description="The mentee chose them; false: seeded from the last check-in and the goals."
    )
    suggestions: list[str] = Field(description="More to pick: goals, past ratings, the profile.")


class RatingOut(Schema):
    skill: str
    level: int


class CheckInOut(Out):
    author: PersonRef
    wins: str
    challenges: str
    feeling: int
    ratings: list[RatingOut]
    reply: str
    replied_at: dt.datetime | None
    reply_edited_at: dt.datetime | None
    created_at: dt.datetime
    edited_at: dt.datetime | None

    @staticmethod
    def resolve_ratings(obj: Any) -> list[Any]:
        return list(obj.ratings.all())


class CheckInPatch(In):
    """Only the fields sent change; `ratings` replaces all the ratings."""

    wins: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    challenges: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    ratings: list[RatingIn] | None = Field(None, max_length=20)
    feeling: StrictInt | None = Field(None, ge=1, le=5)


class ReplyIn(In):
    reply: Annotated[str, MultiLine] = Field(max_length=TEXT_MAX)


class Point(Schema):
    date: dt.date
    level: int


class SkillOut(Schema):
    skill: str
    first: int
    latest: int
    change: int
    series: list[Point]


class MonthCount(Schema):
    month: str
    count: int


class Words(Schema):
    date: dt.date
    wins: str
    challenges: str
    feeling: int


class GrowthOut(Schema):
    since: dt.date
    until: dt.date
    skills: list[SkillOut]
    feeling: list[Point]
    goals_achieved: list[MonthCount]
    milestones_completed: list[MonthCount]
    meetings_held: list[MonthCount]
    totals: dict[str, int]
    then: Words | None = Field(description="The earliest check-in of the period.")
    now: Words | None = Field(description="The latest check-in of the period.")


class AppreciationIn(In):
    message: Annotated[str, MultiLine] = Field(max_length=SHORT_MAX)


class AppreciationOut(Out):
    author: PersonRef
    message: str
    created_at: dt.datetime
    edited_at: dt.datetime | None


class ResourceIn(In):
    url: str = Field("", max_length=SHORT_MAX)
    title: str = Field(max_length=200)
    note: Annotated[str, MultiLine] = Field("", max_length=SHORT_MAX)


class ResourcePatch(In):
    """Only the fields sent change."""

    url: str | None = Field(None, max_length=SHORT_MAX)
    title: str | None = Field(None, max_length=200)
    note: Annotated[str | None, MultiLine] = Field(None, max_length=SHORT_MAX)


class ResponseIn(In):
    reaction: Reaction | None = None
    body: Annotated[str, MultiLine] = Field("", max_length=SHORT_MAX)


class ResponseOut(Schema):
    author: PersonRef
    reaction: str
    body: str
    created_at: dt.datetime


class ResourceOut(Out):
    author: PersonRef
    url: str
    title: str
    note: str
    created_at: dt.datetime
    edited_at: dt.datetime | None
    responses: list[ResponseOut]

    @staticmethod
    def resolve_responses(obj: Any) -> list[Any]:
        return list(obj.responses.all())


class CelebrationIn(In):
    title: str = Field(max_length=300)


class CelebrationOut(Out):
    kind: str
    title: str
    author: PersonRef | None
    created_at: dt.datetime


class JournalIn(In):
    body: Annotated[str, MultiLine] = Field(max_length=TEXT_MAX)
    mentorship_id: uuid.UUID | None = None


class JournalPatch(In):
    body: Annotated[str, MultiLine] = Field(max_length=TEXT_MAX)


class JournalOut(Out):
    body: str
    mentorship_id: uuid.UUID | None
    created_at: dt.datetime
    shared_at: dt.datetime | None
    edited_at: dt.datetime | None

    resolve_mentorship_id = public_id_of("mentorship")


class TimelineOut(Schema):
    """An item's words and link are today's: rendered from its thing when read."""

    kind: TimelineKind
    at: dt.datetime
    actor: PersonRef | None
    summary: str
    ref: uuid.UUID | None
    url: str
    edited: bool = Field(description="Its author changed it since it was written.")

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return str(obj.shown_kind.value)


class TimelinePage(Page):
    items: list[TimelineOut]


class CheckInPage(Page):
    items: list[CheckInOut]


class AppreciationPage(Page):
    items: list[AppreciationOut]


class ResourcePage(Page):
    items: list[ResourceOut]


class CelebrationPage(Page):
    items: list[CelebrationOut]


class JournalPage(Page):
    items: list[JournalOut]
