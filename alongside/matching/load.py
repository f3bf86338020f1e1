"""A program's participants as the engine's inputs: few queries, no model objects.

Positions in the `mentees` and `mentors` lists are the engine's ids; `mentee_pks` and
`mentor_pks` map them back to people. Answers come from the enrollment (the import
fills them), and the profile stands in for what the answers leave out.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from alongside.matching.model import Mentee, Mentor, Rules
from alongside.mentorships.models import OPEN_STATUSES, Mentorship, Status
from alongside.people.models import Person
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role

SENIORITY_MAX = 10.0


@dataclass
class Participants:
    rules: Rules
    mentee_pks: list[int] = field(default_factory=list)
    mentor_pks: list[int] = field(default_factory=list)
    mentees: list[Mentee] = field(default_factory=list)
    mentors: list[Mentor] = field(default_factory=list)
    # (mentee position, mentor position): never paired. Pairs that were paired before or
    # declined (in any program), and a person enrolled on both sides.
    blocked: list[tuple[int, int]] = field(default_factory=list)
    # Mentees left out: already in an open (requested, proposed, active) pair here.
    already_paired: int = 0

    def mentee_at(self) -> dict[int, int]:
        return {pk: i for i, pk in enumerate(self.mentee_pks)}

    def mentor_at(self) -> dict[int, int]:
        return {pk: j for j, pk in enumerate(self.mentor_pks)}


def _words(value: Any) -> list[str]:
    """A list of strings from an answer (the engine trims and drops empty ones)."""
    if not isinstance(value, list):
        return []
    if set(map(type, value)) <= {str}:  # the usual case, checked in C
        return value
    return [x for x in value if isinstance(x, str)]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _seniority(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return min(max(float(value), 0.0), SENIORITY_MAX)


def _zone(answer: Any, profile: str) -> str:
    return answer if isinstance(answer, str) and answer else (profile or "UTC")


def rules_of(program: Program) -> Rules:
    return Rules(
        require_shared_language=program.require_shared_language,
        avoid_same_department=program.avoid_same_department,
    )


def _enrolled(program: Program, role: str) -> Any:
    return Enrollment.objects.filter(
        program=program, role=role, status=EnrollmentStatus.ACTIVE, person__is_active=True
    ).order_by("pk")


def mentor_free_places(program: Program) -> dict[int, int]:
    """Mentor pk -> places left in this program: the capacity (the enrollment's, else the
    profile's) less their proposed and active pairs in the program."""
    used = dict(
        Mentorship.objects.filter(program=program, status__in=(Status.PROPOSED, Status.ACTIVE))
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    out: dict[int, int] = {}
    for pk, capacity, profile in _enrolled(program, Role.MENTOR).values_list(
        "person_id", "capacity", "person__mentor_capacity"
    ):
        out[pk] = max((capacity if capacity is not None else profile) - used.get(pk, 0), 0)
    return out


NO_PROFILE: tuple[str, Any, Any, str] = ("UTC", [], [], "")
LOOKUP_BATCH = 900  # ids in one IN (...): below SQLite's older limit of 999 variables


def _lacks(answers: Any, *keys: str) -> bool:
    return not isinstance(answers, dict) or not all(answers.get(k) for k in keys)


def _profiles(pks: list[int]) -> dict[int, tuple[str, Any, Any, str]]:
    """The profile's timezone, languages, skills and bio of the people whose answers leave
    some out (the answers of an import have them all: then no query at all)."""
    out: dict[int, tuple[str, Any, Any, str]] = {}
    for k in range(0, len(pks), LOOKUP_BATCH):
        for pk, *profile in Person.objects.filter(pk__in=pks[k : k + LOOKUP_BATCH]).values_list(
            "pk", "timezone", "languages", "skills", "bio"
        ):
            out[pk] = (profile[0], profile[1], profile[2], profile[3])
    return out


def load(program: Program, *, mentees_only: Collection[int] | None = None) -> Participants:
    """Everyone the program can match now. `mentees_only`: just these mentees (by pk), with
    every mentor, to score a pair an admin chose by hand."""
    found = Participants(rules=rules_of(program))
    free = mentor_free_places(program)
    public: dict[str, int] = {}
    mentor_rows = list(
        _enrolled(program, Role.MENTOR).values_list("person_id", "person__public_id", "answers")
    )
    profiles = _profiles(
        [
            pk
            for pk, _, a in mentor_rows
            if _lacks(a, "languages", "skills_offered", "bio", "timezone")
        ]
    )
    for pk, public_id, answers in mentor_rows:
        a = answers if isinstance(answers, dict) else {}
        zone, languages, skills, bio = profiles.get(pk, NO_PROFILE)
        public[str(public_id)] = len(found.mentor_pks)
        found.mentor_pks.append(pk)
        found.mentors.append(
            Mentor(
                skills_offered=_words(a.get("skills_offered")) or _words(skills),
                expertise=_text(a.get("expertise")) or _text(a.get("goals")),
                bio=_text(a.get("bio")) or _text(bio),
                timezone=_zone(a.get("timezone"), zone),
                languages=_words(a.get("languages")) or _words(languages),
                seniority=_seniority(a.get("seniority")),
                department=_text(a.get("department")),
                capacity=free.get(pk, 0),
            )
        )
    open_pairs = Mentorship.objects.filter(program=program, status__in=OPEN_STATUSES)
    paired = set(open_pairs.values_list("mentee_id", flat=True))
    mentee_rows = _enrolled(program, Role.MENTEE)
    if mentees_only is not None:
        mentee_rows = mentee_rows.filter(person_id__in=list(mentees_only))
    rows = list(mentee_rows.values_list("person_id", "answers"))
    profiles = _profiles([pk for pk, a in rows if _lacks(a, "languages", "timezone")])
    for pk, answers in rows:
        if pk in paired and mentees_only is None:
            found.already_paired += 1
            continue
        a = answers if isinstance(answers, dict) else {}
        zone, languages = profiles.get(pk, NO_PROFILE)[:2]
        # Picks name mentors by public id, the favourite first.
        picks = [public[p] for p in _words(a.get("picks")) if p in public]
        found.mentee_pks.append(pk)
        found.mentees.append(
            Mentee(
                skills_wanted=_words(a.get("skills_wanted")),
                goals=_text(a.get("goals")),
                timezone=_zone(a.get("timezone"), zone),
                languages=_words(a.get("languages")) or _words(languages),
                seniority=_seniority(a.get("seniority")),
                department=_text(a.get("department")),
                picks=list(dict.fromkeys(picks)),
            )
        )
    found.blocked = _blocked(found, mentee_rows)
    return found


def _blocked(found: Participants, mentee_rows: Any) -> list[tuple[int, int]]:
    mentee_at, mentor_at = found.mentee_at(), found.mentor_at()
    out: set[tuple[int, int]] = set()
    before: Iterable[tuple[int, int]] = Mentorship.objects.filter(
        Q(mentee_id__in=mentee_rows.values("person_id"))
    ).values_list("mentee_id", "mentor_id")
    for a, b in before:
        i, j = mentee_at.get(a), mentor_at.get(b)
        if i is not None and j is not None:
            out.add((i, j))
    for pk, i in mentee_at.items():
        j = mentor_at.get(pk)
        if j is not None:
            out.add((i, j))
    return sorted(out)
