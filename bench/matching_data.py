"""Seeded, generated programs for the matching benchmark (bench/matching.py).

People come from 12 fields of work, each with its own skills and words. Mentees want
2-5 skills, mostly from their field, and write a goal; mentors offer 4-9 skills from
one or two fields and write their expertise and a bio. Most people speak English, some
only another language; timezones cluster in the Americas, Europe and Asia.

The tight program has exactly as many places as mentees, and its mentees crowd into the
fields where mentors are few: the instance where greedy matching hurts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from alongside.matching import Mentee, Mentor, Rules

FIELDS = 12
SKILLS_PER_FIELD = 15
WORDS_PER_FIELD = 25
COMMON = [
    "career",
    "growth",
    "team",
    "lead",
    "manage",
    "project",
    "learn",
    "improve",
    "confidence",
    "feedback",
    "communication",
    "planning",
    "people",
    "process",
    "strategy",
    "product",
    "customers",
    "delivery",
]
LANGUAGES = [
    ("English", 0.85),
    ("Spanish", 0.2),
    ("French", 0.1),
    ("German", 0.08),
    ("Portuguese", 0.08),
    ("Hindi", 0.06),
    ("Mandarin", 0.05),
    ("Japanese", 0.04),
    ("Arabic", 0.04),
    ("Italian", 0.04),
]
OFFSETS = np.array([-8, -7, -6, -5, -3, 0, 1, 2, 3, 5.5, 8, 9, 10])
OFFSET_P = np.array([8, 4, 8, 12, 4, 12, 16, 8, 4, 10, 6, 4, 4], dtype=float)
RULES = Rules(require_shared_language=True, avoid_same_department=True, seniority_gap=(1, 5))
DEPARTMENTS = 40
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "su",
    "ta",
    "ri",
    "vo",
    "de",
    "pa",
    "zu",
    "ben",
    "cor",
    "dal",
    "fen",
    "gri",
    "hol",
    "jas",
]


def _word(rng: np.random.Generator) -> str:
    return "".join(rng.choice(SYLLABLES, size=3))


def _languages(rng: np.random.Generator) -> list[str]:
    spoken = [name for name, p in LANGUAGES if rng.random() < p]
    return spoken or [LANGUAGES[1 + int(rng.integers(len(LANGUAGES) - 1))][0]]


def _placed(
    rng: np.random.Generator, offsets_p: np.ndarray, seniority: tuple[int, int]
) -> dict[str, Any]:
    """What mentors and mentees both have: a time zone, languages, years of seniority in
    `seniority` (low inclusive, high exclusive) and a department, drawn in this order."""
    return {
        "timezone": float(rng.choice(OFFSETS, p=offsets_p)),
        "languages": _languages(rng),
        "seniority": float(rng.integers(*seniority)),
        "department": f"dept-{int(rng.integers(DEPARTMENTS))}",
    }


def generate(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int,
    tight: bool = False,
    skew: float | None = None,
    slack: float = 1.0,
) -> tuple[list[Mentee], list[Mentor]]:
    rng = np.random.default_rng(seed)
    skills = [[f"{_word(rng)}-{f}-{s}" for s in range(SKILLS_PER_FIELD)] for f in range(FIELDS)]
    words = [[_word(rng) for _ in range(WORDS_PER_FIELD)] for _ in range(FIELDS)]
    # Mentors spread evenly over fields; mentees less so, and much less in a tight program.
    mentor_p = np.full(FIELDS, 1 / FIELDS)
    mentee_p = 1 / np.arange(1, FIELDS + 1) ** (skew if skew is not None else 1.2 if tight else 0.4)
    mentee_p /= mentee_p.sum()
    offsets_p = OFFSET_P / OFFSET_P.sum()

    mentors: list[Mentor] = []
    mentor_field = rng.choice(FIELDS, size=n_mentors, p=mentor_p)
    if tight:
        # Places: exactly as many as mentees (times `slack`), 1-4 each.
        capacity = np.ones(n_mentors, dtype=int)
        extra = int(n_mentees * slack) - n_mentors
        while extra > 0:
            room = np.flatnonzero(capacity < 4)
            picked = rng.choice(room, size=min(extra, len(room)), replace=False)
            capacity[picked] += 1
            extra -= len(picked)
    else:
        capacity = rng.choice([2, 3, 4], size=n_mentors, p=[0.1, 0.2, 0.7])
    for j in range(n_mentors):
        fields = [int(mentor_field[j])]
        if rng.random() < 0.4:
            fields.append(int(rng.integers(FIELDS)))
        pool = [s for f in fields for s in skills[f]]
        offered = list(rng.choice(pool, size=int(rng.integers(4, 10)), replace=False))
        vocab = [w for f in fields for w in words[f]] + COMMON
        expertise = " ".join(rng.choice(vocab, size=int(rng.integers(6, 14))))
        bio = " ".join(rng.choice(vocab, size=int(rng.integers(10, 30))))
        mentors.append(
            Mentor(
                skills_offered=offered,
                expertise=expertise,
                bio=bio,
                **_placed(rng, offsets_p, (2, 11)),
                capacity=int(capacity[j]),
            )
        )
    by_field = [np.flatnonzero(mentor_field == f) for f in range(FIELDS)]

    mentees: list[Mentee] = []
    mentee_field = rng.choice(FIELDS, size=n_mentees, p=mentee_p)
    for i in range(n_mentees):
        f = int(mentee_field[i])
        wanted = list(rng.choice(skills[f], size=int(rng.integers(2, 6)), replace=False))
        if rng.random() < 0.3:
            wanted.append(str(rng.choice(skills[int(rng.integers(FIELDS))])))
        goals = " ".join(rng.choice(words[f] + COMMON, size=int(rng.integers(5, 15))))
        picks: list[int] = []
        if rng.random() < 0.2 and len(by_field[f]):
            size = min(int(rng.integers(1, 4)), len(by_field[f]))
            picks = [int(x) for x in rng.choice(by_field[f], size=size, replace=False)]
        mentees.append(
            Mentee(
                skills_wanted=wanted,
                goals=goals,
                **_placed(rng, offsets_p, (0, 7)),
                picks=picks,
            )
        )
    return mentees, mentors
