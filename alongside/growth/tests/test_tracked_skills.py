"""The mentee chooses the skills their check-ins ask about, seeded from their goals: the
profile's interests ("career change") are offered, never asked unasked."""

import pytest

from alongside.goals import services as goals
from alongside.growth import services
from alongside.growth.models import TrackedSkills
from alongside.growth.skills import TRACKED_MAX, tracked_skills_for
from alongside.people.services import profile_update
from conftest import page_client


@pytest.fixture
def wants_a_career_change(mentee):
    profile_update(person=mentee, interests=["Career change", "Public speaking"])
    return mentee


def a_goal(pair, mentee, title, **kw):
    return goals.goal_create(
        mentorship=pair, author=mentee, title=title, objective="o", measure="m", **kw
    )


def growth_page(person, pair):
    return page_client(person).get(f"/mentorships/{pair.public_id}/growth/").content.decode()


def test_a_new_check_in_asks_about_the_goals_not_every_profile_interest(
    pair, wants_a_career_change
):
    a_goal(pair, wants_a_career_change, "Run a design review")
    page = growth_page(wants_a_career_change, pair)
    assert "Confidence in Run a design review (1-5)" in page
    assert "Confidence in Career change" not in page
    assert "Confidence in Public speaking" not in page
    assert "Confidence in Python" not in page  # a skill of the profile
    # ... but they are there to pick.
    assert 'value="Career change"' in page and 'value="Public speaking"' in page


def test_without_goals_or_check_ins_nothing_is_asked_and_the_page_says_so(pair, mentee):
    assert tracked_skills_for(pair).skills == []
    page = growth_page(mentee, pair)
    assert "You track no skill" in page
    assert "Confidence in" not in page


def test_the_last_check_in_s_skills_come_first_so_their_lines_go_on(pair, mentee):
    a_goal(pair, mentee, "Negotiate my salary")
    services.checkin_create(
        mentorship=pair, author=mentee, feeling=3, ratings=[{"skill": "SQL", "level": 2}]
    )
    tracked = tracked_skills_for(pair)
    assert tracked.skills == ["SQL", "Negotiate my salary"]
    assert tracked.chosen is False


def test_a_dropped_goal_is_not_asked_and_a_long_title_is_cut_at_a_word(pair, mentee):
    dropped = a_goal(pair, mentee, "Learn Rust")
    goals.goal_update(goal=dropped, author=mentee, status="dropped", reason="Not now")
    a_goal(pair, mentee, "Become the person who leads the quarterly planning for the whole team")
    (skill,) = tracked_skills_for(pair).skills
    assert skill == "Become the person who leads the quarterly planning for the"
    assert len(skill) <= 60


def test_the_mentee_chooses_on_the_page_and_the_next_check_in_asks_exactly_those(
    pair, wants_a_career_change
):
    mentee = wants_a_career_change
    a_goal(pair, mentee, "Run a design review")
    client = page_client(mentee)
    r = client.post(
        f"/mentorships/{pair.public_id}/skills/",
        {"track": ["Public speaking"], "more": "Giving feedback, SQL"},
    )
    assert r.status_code == 302 and r["Location"].endswith("/growth/#checkin-form")
    assert TrackedSkills.objects.get(mentorship=pair).names == [
        "Public speaking",
        "Giving feedback",
        "SQL",
    ]
    page = client.get(f"/mentorships/{pair.public_id}/growth/").content.decode()
    assert "Your next check-in asks about Public speaking, Giving feedback, SQL." in page
    assert "Confidence in Giving feedback (1-5)" in page
    assert "Confidence in Run a design review" not in page  # unticked, still offered
    assert 'value="Run a design review"' in page
    client.post(
        f"/mentorships/{pair.public_id}/checkins/",
        {"wins": "Led standup", "feeling": "4", "skill_0": "3", "skill_2": "5"},
    )
    ratings = pair.checkins.get().ratings.values_list("skill", "level")
    assert sorted(ratings) == [("Public speaking", 3), ("SQL", 5)]


def test_choosing_nothing_leaves_only_wins_challenges_and_feeling(pair, mentee):
    a_goal(pair, mentee, "Run a design review")
    page_client(mentee).post(f"/mentorships/{pair.public_id}/skills/", {"more": ""})
    assert tracked_skills_for(pair).skills == []
    assert tracked_skills_for(pair).chosen is True
    assert "Confidence in" not in growth_page(mentee, pair)


def test_a_bad_choice_comes_back_with_the_reason_beside_the_field(pair, mentee):
    client = page_client(mentee)
    too_many = ", ".join(f"Skill {i}" for i in range(TRACKED_MAX + 1))
    r = client.post(f"/mentorships/{pair.public_id}/skills/", {"more": too_many})
    assert r.status_code == 400
    page = r.content.decode()
    assert f"Track at most {TRACKED_MAX} skills (this has {TRACKED_MAX + 1})." in page
    assert '<details class="disclosure track-skills" open>' in page
    r = client.post(f"/mentorships/{pair.public_id}/skills/", {"more": "x" * 61})
    assert r.status_code == 400
    assert "At most 60 characters in a skill" in r.content.decode()
    assert not TrackedSkills.objects.exists()


def test_the_mentor_may_not_choose_for_the_mentee(pair, mentor):
    r = page_client(mentor).post(f"/mentorships/{pair.public_id}/skills/", {"more": "Python"})
    assert r.status_code == 403
    assert not TrackedSkills.objects.exists()


def test_the_api_reads_the_seeds_and_saves_the_mentee_s_choice(pair, mentee, mentor, api_as):
    a_goal(pair, mentee, "Run a design review")
    path = f"/mentorships/{pair.public_id}/skills"
    r = api_as(mentor).get(path)
    assert r.status_code == 200
    assert r.json()["skills"] == ["Run a design review"]
    assert r.json()["chosen"] is False
    assert "Public speaking" in r.json()["suggestions"]
    r = api_as(mentee).put(path, {"skills": ["SQL", " sql ", "Giving  feedback"]})
    assert r.status_code == 200, r.json()
    assert r.json()["skills"] == ["SQL", "Giving feedback"]
    assert r.json()["chosen"] is True
    assert "Run a design review" in r.json()["suggestions"]
    assert api_as(mentor).put(path, {"skills": ["Python"]}).status_code == 403
    assert api_as(mentor).get(path).json()["skills"] == ["SQL", "Giving feedback"]


def test_the_api_refuses_a_long_list_or_name_with_a_clear_message(pair, mentee, api_as):
    path = f"/mentorships/{pair.public_id}/skills"
    r = api_as(mentee).put(path, {"skills": [f"S{i}" for i in range(TRACKED_MAX + 1)]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"].startswith("skills")
    r = api_as(mentee).put(path, {"skills": ["x" * 61]})
    assert r.status_code == 422
    assert api_as(mentee).put(path, {"skills": "SQL"}).status_code == 422
    assert not TrackedSkills.objects.exists()


def test_an_ended_pair_keeps_its_choice_unchanged(pair, mentee, api_as):
    pair.status = "ended"
    pair.save(update_fields=["status"])
    r = api_as(mentee).put(f"/mentorships/{pair.public_id}/skills", {"skills": ["SQL"]})
    assert r.status_code == 409
    assert "only while it is active" in r.json()["detail"]
