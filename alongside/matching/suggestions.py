"""Mentee-choice suggestions: the engine's `suggest` over a program's enrolled people.

A mentee enrolled in a program where mentees choose (or both) sees the mentors who fit
them best, with the engine's score, factors and explanation. A mentor at capacity in the
program is never suggested, nor one this mentee already asked, is paired with, or who
declined them there. Equal scores are ordered by a tie-break seeded per mentee, so the
same mentor is not shown first to everyone when several fit equally.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone as tz

from alongside.lib.errors import Forbidden
from alongside.matching import Mentee, Mentor, Rules, suggest
from alongside.mentorships.models import Mentorship, Status
from alongside.people.models import Person
from alongside.programs.models import Enrollment, EnrollmentStatus, MatchingMode, Program, Role

LIMIT_DEFAULT = 5
# The most a mentee is ranked: a list to read, not the whole program.
RANKED_MAX = 500
# Pairs that use up one of the mentor's places in the program.
HOLDING = (Status.PROPOSED, Status.ACTIVE)
# A mentor this mentee may not be suggested again: already asked, paired, or declined.
NOT_AGAIN = (Status.REQUESTED, Status.PROPOSED, Status.ACTIVE, Status.DECLINED)
FACTOR_NAMES = {
    "language": "Shared language",
    "skills": "Skills wanted and offered",
    "text": "Goals and expertise",
    "timezone": "Working hours",
    "seniority": "Seniority",
    "picks": "Your picks",
}


@dataclass(frozen=True)
class Suggestion:
    rank: int
    mentor: Person
    score: float
    factors: dict[str, float]
    explanation: str
    free_places: int


def check_may_choose(person: Person, program: Program) -> Enrollment:
    """The person's mentee enrollment in a program where mentees choose; else a 403 that
    says why (the program itself is checked for visibility first: a 404 to outsiders)."""
    if program.matching == MatchingMode.ADMIN:
        raise Forbidden(
            f"In {program.name}, the program admins make the matches; they will propose "
            "your mentor.",
            code="admin_matching",
        )
    enrollment = Enrollment.objects.filter(
        program=program, person=person, role=Role.MENTEE, status=EnrollmentStatus.ACTIVE
    ).first()
    if enrollment is None:
        raise Forbidden(
            f"Suggestions are for the mentees of {program.name}; enroll as a mentee first.",
            code="not_enrolled_mentee",
        )
    return enrollment


def _answers(enrollment: Enrollment) -> dict[str, Any]:
    return enrollment.answers if isinstance(enrollment.answers, dict) else {}


def _list(value: Any, fallback: Any) -> list[str]:
    items = value if isinstance(value, list) and value else fallback
    return [str(x) for x in items or []]


def _seniority(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and 0 <= value <= 10 else None


def _mentee(enrollment: Enrollment) -> tuple[Mentee, bool, bool]:
    """The engine's mentee, and whether seniority and languages are known."""
    a, p = _answers(enrollment), enrollment.person
    seniority = _seniority(a.get("seniority"))
    languages = _list(a.get("languages"), p.languages)
    goals = "\n".join(str(a.get(k) or "") for k in ("goals", "mentor_traits")).strip()
    mentee = Mentee(
        skills_wanted=_list(a.get("skills_wanted"), p.interests),
        goals=goals,
        timezone=str(a.get("timezone") or p.timezone or "UTC"),
        languages=languages,
        seniority=seniority or 0.0,
        department=str(a.get("department") or ""),
    )
    return mentee, seniority is not None, bool(languages)


def _mentor(enrollment: Enrollment, free: int) -> Mentor:
    a, p = _answers(enrollment), enrollment.person
    return Mentor(
        skills_offered=_list(a.get("skills_offered"), p.skills),
        expertise="\n".join(x for x in (p.headline, str(a.get("goals") or "")) if x),
        bio=str(a.get("bio") or p.bio or ""),
        timezone=str(a.get("timezone") or p.timezone or "UTC"),
        languages=_list(a.get("languages"), p.languages),
        seniority=_seniority(a.get("seniority")) or 0.0,
        department=str(a.get("department") or ""),
        capacity=free,
    )


def mentors_with_room(program: Program, *, exclude: list[int]) -> list[tuple[Enrollment, int]]:
    """The program's enrolled mentors with places free, and how many: their capacity in
    the program (or their profile's) less their proposed and active pairs in it."""
    enrollments = list(
        Enrollment.objects.filter(program=program, role=Role.MENTOR, status=EnrollmentStatus.ACTIVE)
        .exclude(person_id__in=exclude)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("pk")
    )
    used = dict(
        Mentorship.objects.filter(program=program, status__in=HOLDING)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    out = []
    for e in enrollments:
        capacity = e.capacity if e.capacity is not None else e.person.mentor_capacity
        free = capacity - used.get(e.person_id, 0)
        if free > 0:
            out.append((e, free))
    return out


def suggestions_for(
    *, program: Program, person: Person, limit: int = LIMIT_DEFAULT, at: dt.datetime | None = None
) -> list[Suggestion]:
    """The best `limit` mentors with room for this mentee, best first (see the module);
    at most RANKED_MAX."""
    enrollment = check_may_choose(person, program)
    limit = max(1, min(int(limit), RANKED_MAX))
    asked = list(
        Mentorship.objects.filter(program=program, mentee=person)
        .filter(Q(status__in=NOT_AGAIN))
        .values_list("mentor_id", flat=True)
    )
    room = mentors_with_room(program, exclude=[person.pk, *asked])
    if not room:
        return []
    mentee, knows_seniority, knows_languages = _mentee(enrollment)
    weights = {"picks": 0.0}
    # Seniority counts only when both sides said theirs: an unknown one is not a 0.
    if not knows_seniority or any(
        _seniority(_answers(e).get("seniority")) is None for e, _ in room
    ):
        weights["seniority"] = 0.0
    if not knows_languages and not program.require_shared_language:
        weights["language"] = 0.0
    rules = Rules(
        require_shared_language=program.require_shared_language,
        avoid_same_department=program.avoid_same_department,
    )
    (found,) = suggest(
        [mentee],
        [_mentor(e, free) for e, free in room],
        for_mentees=[0],
        limit=limit,
        rules=rules,
        weights=weights,
        timezone_at=at or tz.now(),
        # A tie-break of its own for each mentee: equal fits come in another order.
        seed=person.public_id.int % (2**31),
    )
    return [
        Suggestion(
            rank=k + 1,
            mentor=room[pair.mentor][0].person,
            score=round(pair.score, 4),
            factors=dict(pair.factors),
            explanation=pair.explanation,
            free_places=room[pair.mentor][1],
        )
        for k, pair in enumerate(found)
    ]
