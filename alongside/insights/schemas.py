"""API shapes of the insights. Every average or share is null when its group has fewer
than 5 pairs (`not_enough_data` names which); counts of people and pairs are plain."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from alongside.insights.models import WHAT_CHANGED_MAX
from alongside.lib.schemas import In, Out, Page
from alongside.lib.text import MultiLine

ReasonKey = Literal["no_time", "moved_on", "not_a_match", "goals_reached", "unreachable", "other"]


class InsightsQuery(Schema):
    since: str | None = Field(None, description="YYYY-MM-DD; twelve months back by default")
    until: str | None = Field(None, description="YYYY-MM-DD; today by default")
    department: str = Field("", max_length=120, description="the mentee's department")
    cohort: str = Field("", max_length=7, description="YYYY-MM: pairs that started then")


class MonthCount(Schema):
    month: str
    count: int


class SkillChange(Schema):
    skill: str
    pairs: int
    change: float | None


class ReasonCount(Schema):
    reason: str
    label: str
    pairs: int


class SurveyResultsOut(Schema):
    sent_at: dt.datetime | None
    answers: int
    pairs: int
    averages: dict[str, float | None]
    shared: list[dict[str, str]]


class InsightsOut(Schema):
    since: dt.date
    until: dt.date
    department: str
    cohort: str
    min_group: int
    not_enough_data: list[str]
    enrolled_mentors: int
    enrolled_mentees: int
    pairs_started: int
    match_rate: float | None
    active_pairs: int | None
    cadence_kept: float | None
    goals_set: int | None
    goals_achieved: int | None
    milestones_completed: int | None
    checkins: int | None
    meetings_held: int | None
    feedback_average: float | None
    meetings_per_month: list[MonthCount]
    checkins_per_month: list[MonthCount]
    milestones_per_month: list[MonthCount]
    goals_achieved_per_month: list[MonthCount]
    messages_per_month: list[MonthCount] = Field(
        description="Messages sent in the pairs' threads per month: counts, never words."
    )
    skills: list[SkillChange]
    ended_early: int | None
    ended_reasons: list[ReasonCount] | None
    survey: SurveyResultsOut


class PairRef(Schema):
    id: uuid.UUID
    name: str


class AtRiskOut(Schema):
    id: uuid.UUID
    mentor: PairRef
    mentee: PairRef
    started_at: dt.datetime | None
    last_activity: dt.datetime | None
    cadence_days: int
    cadences_since_meeting: float
    overdue_actions: int
    low_feedback: bool
    unreachable: bool
    signals: list[str]
    health_score: int


class AtRiskList(Page):
    items: list[AtRiskOut]
    formula: str


class EndIn(In):
    reason: ReasonKey


class ActionOut(Schema):
    told: int
    status: str


class SurveySentOut(Schema):
    id: uuid.UUID
    sent_at: dt.datetime
    told: int


class SurveyAnswerIn(In):
    useful: StrictInt = Field(ge=1, le=5)
    goals: StrictInt = Field(ge=1, le=5)
    recommend: StrictInt = Field(ge=1, le=5)
    what_changed: Annotated[str, MultiLine] = Field("", max_length=WHAT_CHANGED_MAX)
    shared: StrictBool = False


class SurveyAnswerOut(Out):
    useful: int
    goals: int
    recommend: int
    what_changed: str
    shared: bool
    created_at: dt.datetime


class MySurveyOut(Schema):
    open: bool
    questions: dict[str, str]
    answer: SurveyAnswerOut | None
