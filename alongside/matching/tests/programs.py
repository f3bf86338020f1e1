"""Small random programs for the engine's tests, and an independent optimum by MILP."""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy import optimize, sparse

from alongside.matching import Mentee, Mentor, Rules
from alongside.matching.factors import encode, pair_factors

AT = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
SKILLS = ["python", "sql", "design", "sales", "hiring", "go", "writing", "finance"]
WORDS = [
    "data",
    "team",
    "hiring",
    "design",
    "sales",
    "leadership",
    "python",
    "product",
    "research",
    "writing",
]
LANGUAGES = ["English", "Spanish", "French"]
DEPARTMENTS = ["eng", "sales", "ops", ""]


def random_program(
    rng: np.random.Generator, n: int, m: int, *, max_capacity: int = 3
) -> tuple[list[Mentee], list[Mentor]]:
    def pick(pool: list[str], low: int, high: int) -> list[str]:
        return list(rng.choice(pool, size=int(rng.integers(low, high + 1)), replace=False))

    mentees = [
        Mentee(
            skills_wanted=pick(SKILLS, 0, 4),
            goals=" ".join(pick(WORDS, 0, 5)),
            timezone=float(rng.choice([-5, 0, 1, 5.5, 9])),
            languages=pick(LANGUAGES, 1, 2),
            seniority=float(rng.integers(0, 8)),
            department=str(rng.choice(DEPARTMENTS)),
            picks=[
                int(j)
                for j in rng.choice(m, size=int(rng.integers(0, min(m, 3) + 1)), replace=False)
            ],
        )
        for _ in range(n)
    ]
    mentors = [
        Mentor(
            skills_offered=pick(SKILLS, 1, 5),
            expertise=" ".join(pick(WORDS, 0, 4)),
            bio=" ".join(pick(WORDS, 0, 4)),
            timezone=float(rng.choice([-5, 0, 1, 5.5, 9])),
            languages=pick(LANGUAGES, 1, 2),
            seniority=float(rng.integers(2, 11)),
            department=str(rng.choice(DEPARTMENTS)),
            capacity=int(rng.integers(0, max_capacity + 1)),
        )
        for _ in range(m)
    ]
    return mentees, mentors


def allowed_scores(
    mentees: list[Mentee],
    mentors: list[Mentor],
    *,
    rules: Rules,
    weights: dict[str, float] | None = None,
    blocked: frozenset[tuple[int, int]] = frozenset(),
    floor: float = 0.0,
) -> np.ndarray:
    """Every pair's score, NaN where a hard rule or the floor forbids it, pair by pair."""
    enc = encode(mentees, mentors, rules=rules, weights=weights, timezone_at=AT)
    n, m = len(mentees), len(mentors)
    a, b = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
    scores, _ = pair_factors(enc, a.ravel(), b.ravel())
    out = scores.reshape(n, m)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            lang_a = {x.casefold() for x in mentee.languages}
            lang_b = {x.casefold() for x in mentor.languages}
            if rules.require_shared_language and not lang_a & lang_b:
                out[i, j] = np.nan
            dept = mentee.department.casefold()
            if rules.avoid_same_department and dept and dept == mentor.department.casefold():
                out[i, j] = np.nan
            if (i, j) in blocked or out[i, j] < floor:
                out[i, j] = np.nan
    return out


def milp_optimum(
    scores: np.ndarray, capacity: list[int], *, threshold: float | None = None
) -> tuple[int, float]:
    """(most mentees matched, best total among those) by scipy's MILP, from the scores."""
    n, m = scores.shape
    usable = ~np.isnan(scores)
    if threshold is not None:
        usable &= np.nan_to_num(scores, nan=-1) >= threshold - 1e-9
    ii, jj = np.nonzero(usable)
    if len(ii) == 0:
        return 0, 0.0
    weight = scores[ii, jj]
    big = n + 1.0  # one more pair always beats any gain in total score
    rows = sparse.csr_matrix((np.ones(len(ii)), (ii, np.arange(len(ii)))), shape=(n, len(ii)))
    cols = sparse.csr_matrix((np.ones(len(ii)), (jj, np.arange(len(ii)))), shape=(m, len(ii)))
    result = optimize.milp(
        c=-(big + weight),
        constraints=[
            optimize.LinearConstraint(rows, 0, 1),
            optimize.LinearConstraint(cols, 0, np.asarray(capacity, dtype=float)),
        ],
        integrality=np.ones(len(ii)),
        bounds=optimize.Bounds(0, 1),
    )
    assert result.success, result.message
    chosen = result.x > 0.5
    return int(chosen.sum()), float(weight[chosen].sum())
