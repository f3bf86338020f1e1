"""Hard rules, locked and blocked pairs, the floor, and the reasons given to the unmatched."""

from collections import Counter

import numpy as np
import pytest

from alongside.matching import Mentee, Mentor, Rules, match

from .programs import AT, random_program

STRICT = Rules(require_shared_language=True, avoid_same_department=True)


def _langs(person):
    return {x.casefold() for x in person.languages}


@pytest.fixture(scope="module")
def program():
    rng = np.random.default_rng(7)
    mentees, mentors = random_program(rng, 400, 90)
    blocked = {(int(rng.integers(400)), int(rng.integers(90))) for _ in range(300)}
    return mentees, mentors, blocked


@pytest.mark.parametrize("fairness", [False, True])
def test_every_hard_rule_holds_in_every_pair(program, fairness):
    mentees, mentors, blocked = program
    result = match(
        mentees,
        mentors,
        rules=STRICT,
        blocked=blocked,
        floor=0.35,
        fairness=fairness,
        candidates_per_mentee=5,
        timezone_at=AT,
    )
    assert result.totals.matched > 100
    load = Counter(p.mentor for p in result.pairs)
    assert all(load[j] <= mentors[j].capacity for j in load)
    assert len({p.mentee for p in result.pairs}) == len(result.pairs)
    for p in result.pairs:
        mentee, mentor = mentees[p.mentee], mentors[p.mentor]
        assert _langs(mentee) & _langs(mentor)
        assert not mentee.department or mentee.department != mentor.department
        assert (p.mentee, p.mentor) not in blocked
        assert p.score >= 0.35 - 1e-6
    assert result.totals.matched + result.totals.unmatched == len(mentees)
    assert {u.mentee for u in result.unmatched}.isdisjoint(p.mentee for p in result.pairs)


def test_locked_pairs_stay_even_against_the_rules_and_use_up_their_mentors_places():
    mentees = [
        Mentee(languages=["Spanish"], skills_wanted=["sql"]),
        Mentee(languages=["English"], skills_wanted=["sql"]),
        Mentee(languages=["English"], skills_wanted=["sql"]),
    ]
    mentors = [
        Mentor(languages=["English"], skills_offered=["sql"], capacity=2),
        Mentor(languages=["English"], skills_offered=["go"], capacity=1),
    ]
    result = match(
        mentees,
        mentors,
        rules=Rules(require_shared_language=True),
        locked=[(0, 0)],
        floor=0.9,
        timezone_at=AT,
    )
    pairs = {p.mentee: p for p in result.pairs}
    assert pairs[0].mentor == 0 and pairs[0].locked
    assert pairs[0].explanation.startswith("locked by the admin; no shared language")
    # Mentor 0 had two places; the lock took one, so only one English speaker gets it.
    assert sum(1 for p in result.pairs if p.mentor == 0) == 2
    assert [p.locked for p in result.pairs].count(True) == 1


def test_blocked_pairs_never_appear_even_when_they_are_the_best_fit():
    mentees = [Mentee(skills_wanted=["sql"]), Mentee(skills_wanted=["go"])]
    mentors = [Mentor(skills_offered=["sql"]), Mentor(skills_offered=["go"])]
    result = match(mentees, mentors, blocked=[(0, 0), (1, 1)], timezone_at=AT)
    assert {(p.mentee, p.mentor) for p in result.pairs} == {(0, 1), (1, 0)}


@pytest.mark.parametrize(
    ("locked", "blocked", "message"),
    [
        ([(0, 0), (0, 1)], [], "mentee 0 is locked to more than one mentor"),
        ([(0, 0)], [(0, 0)], "is both locked and blocked"),
        ([(0, 1), (1, 1)], [], "mentor 1 has 2 locked mentees but room for 1"),
        ([(5, 0)], [], "names someone not in the program"),
    ],
)
def test_contradictory_locks_are_refused_with_a_reason(locked, blocked, message):
    mentees, mentors = [Mentee(), Mentee()], [Mentor(), Mentor()]
    with pytest.raises(ValueError, match=message):
        match(mentees, mentors, locked=locked, blocked=blocked, timezone_at=AT)


def test_each_unmatched_mentee_gets_the_reason_in_words():
    mentees = [
        Mentee(languages=["Japanese"]),
        Mentee(languages=["English"], department="Sales"),
        Mentee(languages=["English"], department="Eng"),
        Mentee(languages=["English"], skills_wanted=["go"], timezone=9),
        Mentee(languages=["English"], skills_wanted=["sql"], picks=[1]),
        Mentee(languages=["English"], skills_wanted=["sql"], picks=[1]),
    ]
    mentors = [
        Mentor(languages=["English"], department="Sales", skills_offered=["sql"]),
        Mentor(languages=["English"], department="Sales", skills_offered=["sql"]),
    ]
    result = match(
        mentees,
        mentors,
        rules=STRICT,
        blocked=[(2, 0), (2, 1)],
        floor=0.6,
        timezone_at=AT,
        weights={"text": 0},
    )
    reasons = {u.mentee: u.reason for u in result.unmatched}
    assert reasons[0] == "no mentor shares a language"
    assert reasons[1] == "every mentor who shares a language is in the mentee's department"
    assert reasons[2] == "every mentor who fits the rules is blocked for this mentee"
    assert reasons[3].startswith("best score 0.") and reasons[3].endswith("below the floor 0.60")
    assert sorted(p.mentee for p in result.pairs) == [4, 5]


def test_a_mentee_whose_fitting_mentors_are_full_is_told_so():
    mentees = [Mentee(skills_wanted=["sql"]) for _ in range(3)]
    mentors = [Mentor(skills_offered=["sql"], capacity=2)]
    result = match(mentees, mentors, timezone_at=AT)
    assert result.totals.matched == 2
    assert [u.reason for u in result.unmatched] == ["all fitting mentors are at capacity"]


def test_a_mentee_whose_candidates_fill_up_gets_more_among_the_mentors_with_room():
    # With one candidate per mentee, both want mentor 0; mentor 1 still has room.
    mentees = [Mentee(skills_wanted=["sql"]), Mentee(skills_wanted=["sql"])]
    mentors = [Mentor(skills_offered=["sql"]), Mentor(skills_offered=["go"])]
    result = match(mentees, mentors, candidates_per_mentee=1, timezone_at=AT)
    assert {p.mentor for p in result.pairs} == {0, 1}
    assert result.stats["extra_candidate_edges"] == 1


def test_the_floor_leaves_a_mentee_unmatched_rather_than_badly_matched():
    mentees = [Mentee(skills_wanted=["sql", "go"]), Mentee(skills_wanted=["design"])]
    mentors = [Mentor(skills_offered=["sql", "go"], capacity=2)]
    weights = {"skills": 1, "text": 0, "timezone": 0, "language": 0, "seniority": 0, "picks": 0}
    result = match(mentees, mentors, weights=weights, floor=0.4, timezone_at=AT)
    assert [(p.mentee, p.score) for p in result.pairs] == [(0, 1.0)]
    assert [u.reason for u in result.unmatched] == ["best score 0.00 is below the floor 0.40"]


def test_fairness_mode_keeps_locked_pairs_and_their_low_scores_out_of_its_threshold():
    mentees = [Mentee(skills_wanted=["go"]), Mentee(skills_wanted=["sql"])]
    mentors = [Mentor(skills_offered=["sql"], capacity=2)]
    weights = {"skills": 1, "text": 0, "timezone": 0, "language": 0, "seniority": 0, "picks": 0}
    result = match(
        mentees, mentors, weights=weights, locked=[(0, 0)], fairness=True, timezone_at=AT
    )
    assert {(p.mentee, p.mentor, p.score, p.locked) for p in result.pairs} == {
        (0, 0, 0.0, True),
        (1, 0, 1.0, False),
    }
    assert result.stats["fairness_threshold"] == 1.0


def test_the_engine_imports_no_django():
    import subprocess
    import sys

    # Every module of the engine (the package itself loads them on first use).
    engine = "engine, model, factors, candidates, solve, explain"
    code = (
        f"import sys; from alongside.matching import {engine}; "
        "print(sorted(m for m in sys.modules if 'django' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_package_names_the_engine_without_loading_it_first():
    import subprocess
    import sys

    code = (
        "import sys, alongside.matching as m; before = 'numpy' in sys.modules; "
        "m.match; print(before, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False True"


def test_a_best_score_just_under_the_floor_never_reads_as_the_floor():
    from alongside.matching.engine import below_floor

    assert below_floor(0.5499, 0.55) == "best score 0.54 is below the floor 0.55"
    assert below_floor(0.29, 0.4) == "best score 0.29 is below the floor 0.40"
    assert below_floor(0.552, 0.555) == "best score 0.55 is below the floor 0.555"
