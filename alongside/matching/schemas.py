"""API shapes of matching runs, their pairs and their unmatched mentees."""

import datetime as dt
import uuid
from typing import Any

from ninja import Schema
from pydantic import Field, StrictBool

from alongside.lib.schemas import In, Out, Page, PageQuery, PersonRef, public_id_of
from alongside.matching.models import MatchingRun, RunPair
from alongside.matching.selectors import pair_factors

LOCKS_MAX = 50_000


class LockIn(In):
    mentee_id: uuid.UUID
    mentor_id: uuid.UUID


class RunIn(In):
    # Factor name -> weight, 0-100: skills, text, timezone, language, seniority, picks.
    # A factor left out weighs 1.
    weights: dict[str, float] | None = None
    fairness: StrictBool = False
    floor: float = Field(0.0, ge=0, le=1)
    locked: list[LockIn] = Field([], max_length=LOCKS_MAX)


class RerunIn(In):
    """What changes from the run re-run; what is left out stays as it was."""

    weights: dict[str, float] | None = None
    fairness: StrictBool | None = None
    floor: float | None = Field(None, ge=0, le=1)


class SwapIn(In):
    mentor_id: uuid.UUID


class Totals(Schema):
    matched: int
    unmatched: int
    mean_score: float
    min_score: float
    seconds: float


class RunOut(Out):
    program_id: uuid.UUID
    status: str  # queued, running, done, failed, published
    progress: int  # percent
    stage: str
    error: str
    weights: dict[str, float]
    fairness: bool
    floor: float
    rules: dict[str, bool]
    locked: int  # pairs locked when it ran
    totals: Totals
    timings: dict[str, Any]
    created_by: PersonRef | None
    rerun_of: uuid.UUID | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    published_at: dt.datetime | None

    resolve_program_id = public_id_of("program")

    @staticmethod
    def resolve_rules(obj: MatchingRun) -> dict[str, bool]:
        return dict(obj.params.get("rules", {}))

    @staticmethod
    def resolve_locked(obj: MatchingRun) -> int:
        return len(obj.params.get("locked", []))

    @staticmethod
    def resolve_totals(obj: MatchingRun) -> dict[str, Any]:
        return {
            "matched": obj.matched,
            "unmatched": obj.unmatched,
            "mean_score": round(obj.mean_score, 4),
            "min_score": round(obj.min_score, 4),
            "seconds": obj.seconds,
        }

    resolve_rerun_of = public_id_of("rerun_of")


class RunList(Page):
    items: list[RunOut]


class PairOut(Schema):
    mentee_id: uuid.UUID
    mentor_id: uuid.UUID
    mentee: PersonRef
    mentor: PersonRef
    score: float
    factors: dict[str, float]
    explanation: str
    locked: bool
    swapped: bool
    # Once published: the proposed mentorship, or why the program refused the pair.
    mentorship_id: uuid.UUID | None
    not_published: str

    resolve_mentee_id = public_id_of("mentee")

    resolve_mentor_id = public_id_of("mentor")

    @staticmethod
    def resolve_score(obj: RunPair) -> float:
        return round(obj.score, 4)

    @staticmethod
    def resolve_factors(obj: RunPair) -> dict[str, float]:
        return pair_factors(obj)

    resolve_mentorship_id = public_id_of("mentorship")


class PairList(Page):
    items: list[PairOut]


class PairQuery(PageQuery):
    locked: bool | None = None


class UnmatchedOut(Schema):
    mentee_id: uuid.UUID
    mentee: PersonRef
    reason: str

    resolve_mentee_id = public_id_of("mentee")


class UnmatchedList(Page):
    items: list[UnmatchedOut]
