"""The engine's assignment against an independent solver (scipy's MILP) on small programs."""

import numpy as np
import pytest

from alongside.matching import Rules, match

from .programs import AT, allowed_scores, milp_optimum, random_program

RULE_SETS = [
    Rules(),
    Rules(require_shared_language=True),
    Rules(require_shared_language=True, avoid_same_department=True, seniority_gap=(0, 3)),
]


def _engine_and_solver_input(seed: int, *, fairness: bool):
    """The engine's result on random program `seed`, with the scores and capacities the
    independent solver sees for the same program."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 10)), int(rng.integers(1, 6))
    mentees, mentors = random_program(rng, n, m)
    rules = RULE_SETS[seed % len(RULE_SETS)]
    blocked = {(int(rng.integers(n)), int(rng.integers(m))) for _ in range(int(rng.integers(0, 4)))}
    floor = float(rng.choice([0.0, 0.0, 0.3, 0.5]))
    weights = {name: float(rng.choice([0, 0.5, 1, 2])) for name in ("skills", "text", "picks")}
    result = match(
        mentees,
        mentors,
        rules=rules,
        blocked=blocked,
        floor=floor,
        weights=weights,
        fairness=fairness,
        timezone_at=AT,
    )
    scores = allowed_scores(
        mentees, mentors, rules=rules, weights=weights, blocked=frozenset(blocked), floor=floor
    )
    return result, scores, [p.capacity for p in mentors]


@pytest.mark.parametrize("seed", range(40))
def test_the_plain_mode_matches_most_mentees_with_the_highest_total(seed):
    result, scores, capacity = _engine_and_solver_input(seed, fairness=False)
    count, total = milp_optimum(scores, capacity)
    assert result.totals.matched == count
    assert sum(p.score for p in result.pairs) == pytest.approx(total, abs=1e-4)


@pytest.mark.parametrize("seed", range(40))
def test_the_fairness_mode_raises_the_lowest_pair_as_far_as_it_goes_then_the_total(seed):
    result, scores, capacity = _engine_and_solver_input(seed, fairness=True)
    most, _ = milp_optimum(scores, capacity)
    assert result.totals.matched == most
    if most == 0:
        return
    # The best threshold, by trying every score from the top: the first that keeps `most`.
    levels = sorted({float(s) for s in scores[~np.isnan(scores)]}, reverse=True)
    best = next(t for t in levels if milp_optimum(scores, capacity, threshold=t)[0] == most)
    assert result.totals.min_score == pytest.approx(best, abs=1e-5)
    _, total = milp_optimum(scores, capacity, threshold=best)
    assert sum(p.score for p in result.pairs) == pytest.approx(total, abs=1e-4)


@pytest.mark.parametrize("seed", range(5))
def test_the_fairness_modes_lowest_pair_is_at_least_the_plain_modes(seed):
    rng = np.random.default_rng(100 + seed)
    mentees, mentors = random_program(rng, 120, 40, max_capacity=3)
    rules = Rules(require_shared_language=True)
    plain = match(mentees, mentors, rules=rules, timezone_at=AT)
    fair = match(mentees, mentors, rules=rules, timezone_at=AT, fairness=True)
    assert fair.totals.matched == plain.totals.matched
    assert fair.totals.min_score >= plain.totals.min_score - 1e-6
    assert sum(p.score for p in fair.pairs) <= sum(p.score for p in plain.pairs) + 1e-4
