"""Each factor's value, and the block scorer agreeing with the pair-by-pair one."""

import datetime as dt

import numpy as np
import pytest
from scipy import sparse

from alongside.matching import FACTORS, Mentee, Mentor, Rules, match
from alongside.matching import candidates as cand
from alongside.matching.factors import encode, pair_factors, timezone_overlap, utc_offset

from .programs import AT, random_program

ONLY = dict.fromkeys(FACTORS, 0.0)


def _factor(name, mentee, mentor, rules=None):
    enc = encode([mentee], [mentor], rules=rules or Rules(), weights=None, timezone_at=AT)
    return float(pair_factors(enc, [0], [0])[1][name][0])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(0, 0, 1.0), (1, -1, 0.75), (0, 8, 0.0), (-11, 12, 0.875), (5.5, 0, 0.3125)],
)
def test_timezone_overlap_is_the_shared_part_of_the_nine_to_five_day(a, b, expected):
    assert timezone_overlap(a, b) == pytest.approx(expected)


def test_timezone_names_are_read_at_the_given_instant_with_summer_time():
    assert utc_offset("Europe/Madrid", dt.datetime(2026, 1, 15, tzinfo=dt.UTC)) == 1
    assert utc_offset("Europe/Madrid", dt.datetime(2026, 7, 15, tzinfo=dt.UTC)) == 2
    with pytest.raises(ValueError, match="unknown timezone 'Mars/Base'"):
        utc_offset("Mars/Base", AT)


def test_skills_count_the_share_of_wanted_skills_offered_whatever_the_case():
    mentee = Mentee(skills_wanted=["Python", "SQL", "Docker", "Go"])
    mentor = Mentor(skills_offered=["python", " sql", "docker", "Rust"])
    assert _factor("skills", mentee, mentor) == 0.75


def test_skills_and_languages_share_one_vocabulary_named_as_the_mentees_spelled_it():
    mentees = [
        Mentee(skills_wanted=[" python", "SQL", ""], languages=["english", "Spanish "]),
        Mentee(skills_wanted=["Python", "Go"], languages=["English"]),
    ]
    mentors = [Mentor(skills_offered=["Rust", "sql"], languages=["german", "SPANISH"])]
    enc = encode(mentees, mentors, rules=Rules(), weights=None, timezone_at=AT)
    # In the order first met, mentees before mentors; the last mentee's spelling wins.
    assert enc.skill_names == ["Python", "SQL", "Go", "rust"]
    assert enc.language_names == ["English", "Spanish", "german"]
    assert enc.wanted.toarray().tolist() == [[1, 1, 0, 0], [1, 0, 1, 0]]
    assert enc.offered.toarray().tolist() == [[0, 1, 0, 1]]


@pytest.mark.parametrize(
    ("mentee", "mentor", "expected"), [(2, 4, 1.0), (2, 2, 0.75), (1, 9, 0.25), (5, 0, 0.0)]
)
def test_seniority_is_full_inside_the_wanted_gap_and_drops_a_quarter_per_level(
    mentee, mentor, expected
):
    value = _factor(
        "seniority",
        Mentee(seniority=mentee),
        Mentor(seniority=mentor),
        Rules(seniority_gap=(1, 5)),
    )
    assert value == pytest.approx(expected)


def test_picks_score_by_rank():
    mentees = [Mentee(picks=[2, 0, 1])]
    mentors = [Mentor(), Mentor(), Mentor(), Mentor()]
    enc = encode(mentees, mentors, rules=Rules(), weights=None, timezone_at=AT)
    values = pair_factors(enc, [0, 0, 0, 0], [0, 1, 2, 3])[1]["picks"]
    assert values.tolist() == pytest.approx([2 / 3, 1 / 3, 1.0, 0.0])


def test_text_similarity_is_high_for_shared_words_and_zero_for_none():
    mentee = Mentee(goals="I want to build and lead a data engineering team")
    close = Mentor(expertise="data engineering", bio="I lead a data team")
    far = Mentor(expertise="watercolour painting", bio="landscapes")
    enc = encode([mentee], [close, far], rules=Rules(), weights=None, timezone_at=AT)
    text = pair_factors(enc, [0, 0], [0, 1])[1]["text"]
    assert text[0] > 0.5 and text[1] == 0.0


def test_a_mentee_without_skills_or_picks_is_scored_on_the_other_factors_alone():
    mentors = [Mentor(skills_offered=["sql"], languages=["English"])]
    silent = Mentee(languages=["English"])
    weights = {**ONLY, "skills": 1.0, "language": 1.0, "picks": 1.0}
    result = match([silent], mentors, weights=weights, timezone_at=AT)
    assert result.pairs[0].score == 1.0
    assert set(result.pairs[0].factors) == {"language"}


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"charm": 1}, "unknown factor 'charm'"),
        ({"skills": -1}, "must be 0 or more"),
        (ONLY, "at least one factor"),
    ],
)
def test_bad_weights_are_refused_with_a_reason(weights, message):
    with pytest.raises(ValueError, match=message):
        match([Mentee()], [Mentor()], weights=weights, timezone_at=AT)


@pytest.mark.parametrize("seed", range(4))
def test_the_block_scorer_agrees_with_the_pair_scorer_and_keeps_exactly_the_top_k(seed):
    rng = np.random.default_rng(seed)
    mentees, mentors = random_program(rng, 60, 700)
    rules = Rules(require_shared_language=seed < 2, avoid_same_department=bool(seed % 2))
    enc = encode(mentees, mentors, rules=rules, weights={"picks": 3}, timezone_at=AT)
    n, m = len(mentees), len(mentors)
    blocked = sparse.csr_matrix(
        (np.ones(50, dtype=bool), (rng.integers(n, size=50), rng.integers(m, size=50))),
        shape=(n, m),
    )
    k = 7  # 700 mentors in blocks of 25: the threshold path, not a full sort
    found = cand.build(
        enc, rows=np.arange(n), cols=np.arange(m), blocked=blocked, k=k, floor=0.2, seed=seed
    )
    exact, _ = pair_factors(enc, found.mentee, found.mentor)
    assert np.abs(exact - found.score).max() < 1e-5
    a, b = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
    every, _ = pair_factors(enc, a.ravel(), b.ravel())
    every = every.reshape(n, m)
    for i in range(n):
        for j in range(m):
            lang = set(map(str.casefold, mentees[i].languages)) & set(
                map(str.casefold, mentors[j].languages)
            )
            same = mentees[i].department and mentees[i].department == mentors[j].department
            if (
                (rules.require_shared_language and not lang)
                or (rules.avoid_same_department and same)
                or blocked[i, j]
            ):
                every[i, j] = -1
    for i in range(n):
        row = np.sort(every[i][every[i] >= 0.2])[::-1][:k]
        got = np.sort(found.score[found.mentee == i])[::-1]
        assert got == pytest.approx(row, abs=2e-6)


def test_cutting_mentees_into_small_blocks_on_two_threads_changes_nothing(monkeypatch):
    rng = np.random.default_rng(11)
    mentees, mentors = random_program(rng, 200, 300)
    enc = encode(mentees, mentors, rules=Rules(), weights=None, timezone_at=AT)
    never = sparse.csr_matrix((200, 300), dtype=bool)
    args = {"rows": np.arange(200), "cols": np.arange(300), "blocked": never, "k": 9, "floor": 0}
    whole = cand.build(enc, **args, workers=1)
    monkeypatch.setattr(cand, "CHUNK_CELLS", 300 * 7)  # blocks of 7 mentees
    cut = cand.build(enc, **args, workers=2)
    assert np.array_equal(whole.mentee, cut.mentee)
    assert np.array_equal(whole.mentor, cut.mentor)
    assert np.array_equal(whole.score, cut.score)
    assert np.array_equal(whole.best, cut.best)


@pytest.mark.parametrize("fallback", ["table looked up per pair", "no table"])
def test_programs_with_too_many_profiles_for_a_table_score_the_same(monkeypatch, fallback):
    from alongside.matching import factors

    rng = np.random.default_rng(5)
    mentees, mentors = random_program(rng, 80, 120)
    # Too many for the product: the rules, too, are applied pass by pass then.
    rules = Rules(require_shared_language=True, avoid_same_department=True)
    never = sparse.csr_matrix((80, 120), dtype=bool)
    args = {"rows": np.arange(80), "cols": np.arange(120), "blocked": never, "k": 120, "floor": 0}

    def edges():
        enc = encode(mentees, mentors, rules=rules, weights=None, timezone_at=AT)
        found = cand.build(enc, **args)
        order = np.lexsort((found.mentor, found.mentee))
        return found.mentee[order], found.mentor[order], found.score[order]

    usual = edges()
    monkeypatch.setattr(cand, "TABLE_IN_PRODUCT_CELLS", 0)
    if fallback == "no table":
        monkeypatch.setattr(factors, "TABLE_CELLS_MAX", 0)
    other = edges()
    assert np.array_equal(usual[0], other[0]) and np.array_equal(usual[1], other[1])
    assert np.abs(usual[2] - other[2]).max() < 1e-6
