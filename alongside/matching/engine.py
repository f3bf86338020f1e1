"""The matching engine: people in, pairs with scores and reasons out. No Django here.

    result = match(mentees, mentors, rules=Rules(require_shared_language=True),
                   weights={"skills": 2, "text": 1}, locked=[(0, 3)], blocked=[(1, 3)],
                   fairness=False, floor=0.4)

Stages: encode people as arrays (`factors`), keep the best `candidates_per_mentee`
mentors per mentee within the rules (`candidates`), choose pairs by network flow
(`solve`), then score the chosen pairs exactly and put them in words (`explain`).
Locked pairs are placed first and use up their mentor's places. A second round offers
mentees whose candidates all fill up more candidates among the mentors left with room
before the assignment, so nobody is left out while a fitting mentor has room.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt
from scipy import sparse

from . import candidates as cand
from .explain import explain
from .factors import Encoded, encode, pair_factors, shared_languages
from .model import FACTORS, MatchResult, Mentee, Mentor, Pair, Rules, Totals, Unmatched
from .solve import assign, leftovers

I64 = npt.NDArray[np.int64]

AT_CAPACITY = "all fitting mentors are at capacity"


def _pairs(pairs: Iterable[tuple[int, int]], n: int, m: int, what: str) -> tuple[I64, I64]:
    items = [(int(a), int(b)) for a, b in pairs]
    for a, b in items:
        if not (0 <= a < n and 0 <= b < m):
            raise ValueError(f"the {what} pair ({a}, {b}) names someone not in the program")
    arr = np.asarray(items, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _workers(workers: int | None) -> int:
    return max(1, workers if workers is not None else min(2, os.cpu_count() or 1))


def _prepare(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    rules: Rules,
    weights: dict[str, float] | None,
    blocked: Iterable[tuple[int, int]],
    timezone_at: dt.datetime | None,
) -> tuple[Encoded, sparse.csr_matrix]:
    at = timezone_at or dt.datetime.now(dt.UTC)
    enc = encode(mentees, mentors, rules=rules, weights=weights, timezone_at=at)
    ba, bb = _pairs(blocked, enc.n, enc.m, "blocked")
    never = sparse.csr_matrix(
        (np.ones(len(ba), dtype=bool), (ba, bb)), shape=(enc.n, enc.m), dtype=bool
    )
    return enc, never


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    rules: Rules | None = None,
    weights: dict[str, float] | None = None,
    blocked: Iterable[tuple[int, int]] = (),
    locked: Iterable[tuple[int, int]] = (),
    fairness: bool = False,
    floor: float = 0.0,
    candidates_per_mentee: int = 50,
    timezone_at: dt.datetime | None = None,
    seed: int = 0,
    workers: int | None = None,
) -> MatchResult:
    """Pair mentees with mentors; see the module docstring.

    `blocked` (never pair, including pairs that were paired before) and `locked` (must
    stay) are (mentee position, mentor position) pairs. `floor` is the lowest acceptable
    score, 0-1. `timezone_at` is the instant at which IANA timezone names are turned into
    UTC offsets (now when not given). Raises ValueError on contradictory input, with a
    message an admin can act on.
    """
    started, cpu = time.perf_counter(), time.process_time()
    rules = rules or Rules()
    if not 0.0 <= floor <= 1.0:
        raise ValueError(f"the floor is a score between 0 and 1, not {floor}")
    enc, never = _prepare(
        mentees, mentors, rules=rules, weights=weights, blocked=blocked, timezone_at=timezone_at
    )
    stats: dict[str, float] = {
        "encode_seconds": time.perf_counter() - started,
        "encode_cpu": time.process_time() - cpu,
    }

    la, lb = _pairs(locked, enc.n, enc.m, "locked")
    if len(np.unique(la)) < len(la):
        dup = _first_repeat(la)
        raise ValueError(f"mentee {dup} is locked to more than one mentor")
    if len(la) and never[la, lb].any():
        k = int(np.flatnonzero(np.asarray(never[la, lb]).ravel())[0])
        raise ValueError(f"the pair ({la[k]}, {lb[k]}) is both locked and blocked")
    free = enc.capacity - np.bincount(lb, minlength=enc.m)
    if (free < 0).any():
        j = int(np.flatnonzero(free < 0)[0])
        raise ValueError(
            f"mentor {j} has {int(np.sum(lb == j))} locked mentees but room for "
            f"{int(enc.capacity[j])}"
        )

    assigned = np.full(enc.n, -1, dtype=np.int64)
    is_locked = np.zeros(enc.n, dtype=bool)
    assigned[la], is_locked[la] = lb, True
    workers_n = _workers(workers)

    def candidates(rows: I64, places: I64) -> cand.Candidates:
        """The best candidates of these mentees among the mentors with `places` left."""
        return cand.build(
            enc,
            rows=rows,
            cols=np.flatnonzero(places > 0).astype(np.int64),
            blocked=never,
            k=candidates_per_mentee,
            floor=floor,
            seed=seed,
            workers=workers_n,
        )

    # Round one: every mentee not locked, against every mentor with room.
    with _timed(stats, "candidates"):
        first = candidates(np.flatnonzero(~is_locked).astype(np.int64), free)
    stats["candidate_edges"] = len(first.mentee)
    # Mentees whose candidates all fill up in a maximum matching get more candidates among
    # the mentors it leaves room with, so nobody is left out while a fitting mentor has
    # room; then one assignment over all the edges.
    with _timed(stats, "widen"):
        waiting, room = leftovers(first.mentee, first.mentor, free)
        edges = first
        if len(waiting) and (room > 0).any():
            more = candidates(waiting, room)
            edges = cand.concat(first, more)
            stats["extra_candidate_edges"] = len(more.mentee)

    with _timed(stats, "solve"):
        result = assign(
            edges.mentee,
            edges.mentor,
            edges.score,
            edges.rank,
            free,
            fairness=fairness,
            stats=stats,
        )
        if result.threshold is not None:
            stats["fairness_threshold"] = result.threshold
        assigned[edges.mentee[result.chosen]] = edges.mentor[result.chosen]
        free -= np.bincount(edges.mentor[result.chosen], minlength=enc.m)

    with _timed(stats, "explain"):
        pairs = _describe(enc, assigned, is_locked)
        unmatched = _reasons(enc, assigned, first, never, floor)
    stats["cpu_seconds"] = time.process_time() - cpu  # all threads; the machine may be shared
    scores = np.array([p.score for p in pairs])
    totals = Totals(
        matched=len(pairs),
        unmatched=len(unmatched),
        mean_score=float(scores.mean()) if len(scores) else 0.0,
        min_score=float(scores.min()) if len(scores) else 0.0,
        seconds=time.perf_counter() - started,
    )
    return MatchResult(pairs=pairs, unmatched=unmatched, totals=totals, stats=stats)


@contextmanager
def _timed(stats: dict[str, float], step: str) -> Iterator[None]:
    """The wall-clock and CPU seconds of a step, as stats `<step>_seconds` and `<step>_cpu`."""
    t, c = time.perf_counter(), time.process_time()
    yield
    stats[f"{step}_seconds"] = time.perf_counter() - t
    stats[f"{step}_cpu"] = time.process_time() - c


def _first_repeat(values: I64) -> int:
    seen: set[int] = set()
    for v in values.tolist():
        if v in seen:
            return int(v)
        seen.add(v)
    return -1


def _describe(enc: Encoded, assigned: I64, is_locked: npt.NDArray[np.bool_]) -> list[Pair]:
    mi = np.flatnonzero(assigned >= 0).astype(np.int64)
    mj = assigned[mi]
    scores, values = pair_factors(enc, mi, mj)
    words = explain(enc, mi, mj, values, is_locked[mi])
    shown = [
        (name, values[name].tolist(), enc.defined[name][mi].tolist())
        for name in FACTORS
        if enc.weights[name] > 0
    ]
    out: list[Pair] = []
    for k, (i, j, score, locked) in enumerate(
        zip(mi.tolist(), mj.tolist(), scores.tolist(), is_locked[mi].tolist(), strict=True)
    ):
        factors = {name: round(value[k], 4) for name, value, defined in shown if defined[k]}
        out.append(Pair(i, j, score, factors, words[k], locked))
    return out


def _reasons(
    enc: Encoded,
    assigned: I64,
    first: cand.Candidates,
    never: sparse.csr_matrix,
    floor: float,
) -> list[Unmatched]:
    best = np.full(enc.n, np.float32(-1.0), dtype=np.float32)
    best[first.rows] = first.best
    out: list[Unmatched] = []
    for i in np.flatnonzero(assigned < 0).tolist():
        if best[i] < 0:
            reason = _rule_reason(enc, i, never)
        elif best[i] < floor - cand.JITTER:
            reason = below_floor(float(best[i]), floor)
        else:
            reason = AT_CAPACITY
        out.append(Unmatched(mentee=i, reason=reason))
    return out


def below_floor(best: float, floor: float) -> str:
    """The reason in words; the score is cut (not rounded) so it never reads as the floor."""
    shown = math.floor(best * 100 + 1e-9) / 100  # 0.29 * 100 is 28.999...
    limit = f"{floor:.2f}" if round(floor, 2) == floor else f"{floor:g}"
    return f"best score {shown:.2f} is below the floor {limit}"


def _rule_reason(enc: Encoded, i: int, never: sparse.csr_matrix) -> str:
    """Why no mentor with room passes the hard rules for mentee i, naming the first rule."""
    if enc.m == 0:
        return "the program has no mentors"
    ok = np.ones(enc.m, dtype=bool)
    language = enc.rules.require_shared_language
    if language:
        ok &= shared_languages(enc, np.full(enc.m, i), np.arange(enc.m))
        if not ok.any():
            return "no mentor shares a language"
    if enc.rules.avoid_same_department:
        ok &= enc.dept_b != enc.dept_a[i]
        if not ok.any():
            who = "every mentor who shares a language" if language else "every mentor"
            return f"{who} is in the mentee's department"
    ok[never[i].indices] = False
    if not ok.any():
        return "every mentor who fits the rules is blocked for this mentee"
    return AT_CAPACITY


def suggest(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    for_mentees: Sequence[int],
    limit: int = 5,
    rules: Rules | None = None,
    weights: dict[str, float] | None = None,
    blocked: Iterable[tuple[int, int]] = (),
    timezone_at: dt.datetime | None = None,
    seed: int = 0,
) -> list[list[Pair]]:
    """The best `limit` mentors with room for each mentee in `for_mentees`, best first.

    For mentee-choice programs. A mentor's `capacity` is the places still free, so a
    mentor at capacity (0) is never suggested; equal scores are ordered differently for
    different mentees.
    """
    enc, never = _prepare(
        mentees,
        mentors,
        rules=rules or Rules(),
        weights=weights,
        blocked=blocked,
        timezone_at=timezone_at,
    )
    rows = np.asarray(list(for_mentees), dtype=np.int64).reshape(-1)
    if len(rows) and (rows.min() < 0 or rows.max() >= enc.n):
        raise ValueError("a mentee asked about is not in the program")
    found = cand.build(
        enc,
        rows=rows,
        cols=np.flatnonzero(enc.capacity > 0).astype(np.int64),
        blocked=never,
        k=limit,
        floor=0.0,
        seed=seed,
    )
    mi, mj = found.mentee.astype(np.int64), found.mentor.astype(np.int64)
    scores, values = pair_factors(enc, mi, mj)
    words = explain(enc, mi, mj, values, np.zeros(len(mi), dtype=bool))
    by_mentee: dict[int, list[Pair]] = {int(i): [] for i in rows.tolist()}
    for k, (i, j) in enumerate(zip(mi.tolist(), mj.tolist(), strict=True)):
        factors = {
            name: round(float(values[name][k]), 4)
            for name in FACTORS
            if enc.weights[name] > 0 and enc.defined[name][i]
        }
        by_mentee[i].append(Pair(i, j, float(scores[k]), factors, words[k]))
    return [by_mentee[int(i)] for i in rows.tolist()]


def score_pairs(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    pairs: Sequence[tuple[int, int]],
    *,
    rules: Rules | None = None,
    weights: dict[str, float] | None = None,
    timezone_at: dt.datetime | None = None,
) -> list[Pair]:
    """Score and explain the given (mentee, mentor) pairs as a run would: for a pair an
    admin chose by hand. Texts are weighed against everyone given, so give the program's
    mentors with the mentee for the same text scores a run finds."""
    enc, _ = _prepare(
        mentees,
        mentors,
        rules=rules or Rules(),
        weights=weights,
        blocked=(),
        timezone_at=timezone_at,
    )
    mi, mj = _pairs(pairs, enc.n, enc.m, "scored")
    scores, values = pair_factors(enc, mi, mj)
    words = explain(enc, mi, mj, values, np.zeros(len(mi), dtype=bool))
    out: list[Pair] = []
    for k, (i, j) in enumerate(zip(mi.tolist(), mj.tolist(), strict=True)):
        factors = {
            name: round(float(values[name][k]), 4)
            for name in FACTORS
            if enc.weights[name] > 0 and enc.defined[name][i]
        }
        out.append(Pair(i, j, float(scores[k]), factors, words[k]))
    return out


def rule_problem(mentee: Mentee, mentor: Mentor, rules: Rules) -> str:
    """The hard rule of the program that this pair breaks, in words; "" when none."""
    if rules.require_shared_language:
        spoken = {x.strip().casefold() for x in mentee.languages if x.strip()}
        if not spoken & {x.strip().casefold() for x in mentor.languages if x.strip()}:
            return "they share no language, and the program requires one"
    department = mentee.department.strip().casefold()
    same = bool(department) and department == mentor.department.strip().casefold()
    if rules.avoid_same_department and same:
        return "they are in the same department, and the program avoids that"
    return ""
