import datetime as dt
import uuid
from typing import Annotated, Any

from django.utils import timezone as tz
from ninja import Schema
from pydantic import Field, StrictInt

from alongside.goals.models import (
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Goal,
    GoalStatus,
    Milestone,
    Revision,
)
from alongside.goals.selectors import progress_of
from alongside.lib.schemas import In, Out, Page, PersonRef, public_id_of
from alongside.lib.text import MultiLine
from alongside.mentorships.schemas import PairOut


class MilestoneOut(Out):
    goal_id: uuid.UUID
    title: str
    due_on: dt.date | None
    done_at: dt.datetime | None
    position: int
    overdue: bool

    resolve_goal_id = public_id_of("goal")

    @staticmethod
    def resolve_overdue(obj: Milestone) -> bool:
        return bool(obj.done_at is None and obj.due_on and obj.due_on < tz.localdate())


class GoalOut(PairOut):
    title: str
    objective: str
    measure: str
    target_date: dt.date | None
    status: GoalStatus
    progress: int = Field(description="0-100: from milestones when any, else set by hand.")
    progress_from_milestones: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_progress(obj: Goal) -> int:
        return progress_of(obj)

    @staticmethod
    def resolve_progress_from_milestones(obj: Goal) -> bool:
        count = getattr(obj, "milestone_count", None)
        return bool(count if count is not None else obj.milestones.exists())


class GoalDetail(GoalOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(obj: Goal) -> list[Milestone]:
        return list(obj.milestones.select_related("goal"))


class GoalList(Page):
    items: list[GoalOut]


class GoalIn(In):
    title: str = Field(max_length=TITLE_MAX)
    objective: Annotated[str, MultiLine] = Field(
        max_length=TEXT_MAX, description="The specific objective."
    )
    measure: Annotated[str, MultiLine] = Field(
        max_length=TEXT_MAX, description="How success will be measured."
    )
    target_date: dt.date | None = None
    progress: StrictInt | None = Field(None, ge=0, le=100)


class GoalPatch(In):
    title: str | None = Field(None, max_length=TITLE_MAX)
    objective: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    measure: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    target_date: dt.date | None = None
    status: GoalStatus | None = None
    progress: StrictInt | None = Field(None, ge=0, le=100)
    reason: Annotated[str, MultiLine] = Field(
        "",
        max_length=REASON_MAX,
        description="Required when the objective, measure or target date change, or dropping.",
    )


class RevisionOut(Schema):
    author: PersonRef | None
    reason: str
    changes: dict[str, list[Any]]
    from_suggestion: bool
    at: dt.datetime

    @staticmethod
    def resolve_from_suggestion(obj: Revision) -> bool:
        return obj.suggestion_id is not None


class MilestoneIn(In):
    title: str = Field(max_length=TITLE_MAX)
    due_on: dt.date | None = None


class OrderIn(In):
    ids: list[uuid.UUID] = Field(max_length=500, description="Every milestone id, in order.")


class CommentIn(In):
    body: Annotated[str, MultiLine] = Field(max_length=COMMENT_MAX)


class CommentOut(Out):
    author: PersonRef | None
    body: str
    created_at: dt.datetime
    edited_at: dt.datetime | None


class SuggestionIn(In):
    title: str | None = Field(None, max_length=TITLE_MAX)
    objective: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    measure: Annotated[str | None, MultiLine] = Field(None, max_length=TEXT_MAX)
    target_date: dt.date | None = None
    note: Annotated[str, MultiLine] = Field(
        max_length=REASON_MAX, description="Why you suggest it."
    )


class SuggestionOut(Out):
    author: PersonRef | None
    proposed: dict[str, Any]
    note: str
    status: str
    created_at: dt.datetime
    decided_at: dt.datetime | None


class MilestonePage(Page):
    items: list[MilestoneOut]


class RevisionPage(Page):
    items: list[RevisionOut]


class CommentPage(Page):
    items: list[CommentOut]


class SuggestionPage(Page):
    items: list[SuggestionOut]
