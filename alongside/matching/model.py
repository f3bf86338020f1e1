"""The engine's inputs and outputs: plain frozen dataclasses, no Django.

People are addressed by their position in the `mentees` and `mentors` sequences given to
`match`; the caller keeps the mapping from positions to database ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# The factors, in the order explanations list them.
FACTORS: tuple[str, ...] = ("language", "skills", "text", "timezone", "seniority", "picks")


@dataclass(frozen=True, slots=True)
class Mentee:
    skills_wanted: Sequence[str] = ()
    goals: str = ""
    # Hours east of UTC (5.5 for India) or an IANA name ("Europe/Madrid").
    timezone: float | str = 0.0
    languages: Sequence[str] = ()
    seniority: float = 0.0  # 0 (new) to 10
    department: str = ""  # "" is unknown and never counts as the same department
    # Positions of mentors in `mentors`, the favourite first.
    picks: Sequence[int] = ()


@dataclass(frozen=True, slots=True)
class Mentor:
    skills_offered: Sequence[str] = ()
    expertise: str = ""
    bio: str = ""
    timezone: float | str = 0.0
    languages: Sequence[str] = ()
    seniority: float = 0.0
    department: str = ""
    capacity: int = 1  # how many mentees this mentor can still take in this program


@dataclass(frozen=True, slots=True)
class Rules:
    require_shared_language: bool = False
    avoid_same_department: bool = False
    # Wanted mentor-minus-mentee seniority, inclusive. Outside it the seniority factor
    # drops by a quarter per level; it is a preference, not a hard rule.
    seniority_gap: tuple[float, float] = (1.0, 5.0)


@dataclass(frozen=True, slots=True)
class Pair:
    mentee: int
    mentor: int
    score: float  # 0-1: the weighted mean of the factors the mentee has data for
    factors: Mapping[str, float]  # each 0-1; factors with weight 0 are left out
    explanation: str  # "both speak Spanish; 3 of 4 wanted skills; 2 h apart"
    locked: bool = False


@dataclass(frozen=True, slots=True)
class Unmatched:
    mentee: int
    reason: str  # in words, for the admin: "no mentor shares a language"


@dataclass(frozen=True, slots=True)
class Totals:
    matched: int
    unmatched: int
    mean_score: float  # 0.0 when nobody is matched
    min_score: float
    seconds: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    totals: Totals
    # How the run went, for the run's saved parameters and the benchmark: candidate edges,
    # the fairness threshold, seconds per stage.
    stats: dict[str, float] = field(default_factory=dict)
