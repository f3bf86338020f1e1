"""Pairs explained in words, and the same result every time."""

import numpy as np

from alongside.matching import FACTORS, Mentee, Mentor, Rules, match, suggest

from .programs import AT, random_program

ONLY = dict.fromkeys(FACTORS, 0.0)


def test_a_pair_is_explained_factor_by_factor_in_words():
    mentee = Mentee(
        skills_wanted=["Python", "SQL", "Docker", "Go"],
        languages=["Spanish", "English"],
        timezone=-3,
        seniority=2,
        picks=[1],
    )
    mentor = Mentor(
        skills_offered=["python", "sql", "docker"],
        languages=["spanish"],
        timezone=-1,
        seniority=5,
    )
    weights = {**ONLY, "skills": 1, "timezone": 1, "seniority": 1, "picks": 1}
    result = match(
        [mentee],
        [mentor, Mentor(capacity=0)],
        rules=Rules(require_shared_language=True),
        weights=weights,
        timezone_at=AT,
    )
    assert result.pairs[0].explanation == (
        "both speak Spanish; 3 of 4 wanted skills (Python, SQL, Docker); 2 h apart; "
        "mentor 3 levels more senior; not the mentee's pick"
    )
    assert result.pairs[0].factors == {
        "skills": 0.75,
        "timezone": 0.75,
        "seniority": 1.0,
        "picks": 0.0,
    }


def test_the_words_goals_and_profile_share_are_named_and_working_hours_that_never_meet():
    mentee = Mentee(goals="grow into engineering management and hiring", timezone=9)
    mentor = Mentor(expertise="engineering management", bio="hiring for startups", timezone=-5)
    result = match([mentee], [mentor], weights={**ONLY, "text": 1, "timezone": 1}, timezone_at=AT)
    words = result.pairs[0].explanation
    assert words.startswith("goals and the mentor's profile share ")
    assert words.endswith("; 10 h apart, no common working hours")


def test_the_same_input_gives_the_same_result_whatever_the_threads():
    rng = np.random.default_rng(3)
    mentees, mentors = random_program(rng, 300, 80)
    one = match(mentees, mentors, timezone_at=AT, workers=1)
    again = match(mentees, mentors, timezone_at=AT, workers=2)
    assert [(p.mentee, p.mentor, p.score) for p in one.pairs] == [
        (p.mentee, p.mentor, p.score) for p in again.pairs
    ]
    assert one.unmatched == again.unmatched


def test_when_mentors_fit_equally_they_are_not_everybodys_first_choice():
    mentees = [Mentee(skills_wanted=["sql"]) for _ in range(30)]
    mentors = [Mentor(skills_offered=["sql"], capacity=30) for _ in range(10)]
    firsts = [
        s[0].mentor
        for s in suggest(mentees, mentors, for_mentees=range(30), limit=3, timezone_at=AT)
    ]
    assert len(set(firsts)) >= 5
    result = match(mentees, mentors, timezone_at=AT)
    assert len({p.mentor for p in result.pairs}) >= 5


def test_suggestions_leave_out_mentors_at_capacity_and_come_best_first():
    mentee = Mentee(skills_wanted=["sql", "go"])
    mentors = [
        Mentor(skills_offered=["sql", "go"], capacity=0),
        Mentor(skills_offered=["sql"]),
        Mentor(skills_offered=["sql", "go"]),
    ]
    (found,) = suggest([mentee], mentors, for_mentees=[0], timezone_at=AT)
    assert [p.mentor for p in found] == [2, 1]
    assert found[0].score > found[1].score
    assert "2 of 2 wanted skills" in found[0].explanation


def test_a_mentees_suggestions_do_not_depend_on_who_else_is_asked_about():
    mentees = [Mentee(skills_wanted=["sql"]) for _ in range(30)]
    mentors = [Mentor(skills_offered=["sql"]) for _ in range(10)]
    everyone = suggest(mentees, mentors, for_mentees=range(30), limit=4, timezone_at=AT)
    alone = suggest(mentees, mentors, for_mentees=[17], limit=4, timezone_at=AT)
    assert [p.mentor for p in alone[0]] == [p.mentor for p in everyone[17]]
