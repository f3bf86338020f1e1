"""The growth numbers on a hand-made history: six months of check-ins, goals, milestones
and meetings, compared with what a person would count by hand."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.goals.models import Goal, Milestone
from alongside.growth import services
from alongside.growth.models import CheckIn
from alongside.growth.selectors import growth_for
from alongside.meetings.models import Meeting
from alongside.mentorships.models import Mentorship

# (days ago, {skill: level}, wins, feeling)
HISTORY = [
    (170, {"Public speaking": 1, "Negotiation": 3}, "Joined the team", 2),
    (140, {"Public speaking": 2}, "Asked a question in the all-hands", 3),
    (110, {"Public speaking": 2, "Negotiation": 2}, "Presented to my team", 3),
    (80, {"public speaking": 3}, "Ran the retro", 4),
    (50, {"Public speaking": 4, "Negotiation": 4}, "Gave a lightning talk", 4),
    (20, {"Public speaking": 5}, "Spoke at the meetup", 5),
]


@pytest.fixture
def history(pair, mentee, mentor):
    now = tz.now()
    Mentorship.objects.filter(pk=pair.pk).update(started_at=now - dt.timedelta(days=180))
    pair.refresh_from_db()
    for days, levels, wins, feeling in HISTORY:
        checkin = services.checkin_create(
            mentorship=pair,
            author=mentee,
            wins=wins,
            challenges=f"challenge {days}",
            feeling=feeling,
            ratings=[{"skill": s, "level": v} for s, v in levels.items()],
        )
        CheckIn.objects.filter(pk=checkin.pk).update(created_at=now - dt.timedelta(days=days))
    goal = goals.goal_create(
        mentorship=pair, author=mentee, title="Talk", objective="o", measure="m"
    )
    steps = [goals.milestone_add(goal=goal, author=mentee, title=f"s{i}") for i in range(3)]
    for step, days in zip(steps, (100, 45, 21), strict=True):
        goals.milestone_complete(milestone=step, actor=mentee)
        Milestone.objects.filter(pk=step.pk).update(done_at=now - dt.timedelta(days=days))
    goals.goal_update(goal=goal, author=mentee, status="achieved")
    Goal.objects.filter(pk=goal.pk).update(closed_at=now - dt.timedelta(days=20))
    for days in (160, 130, 100, 70, 40, 10):
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=days)
        )
    Meeting.objects.create(
        mentorship=pair, organizer=mentor, status="cancelled", starts_at=now - dt.timedelta(days=90)
    )
    return pair


def test_first_latest_and_change_per_skill_since_the_start(history):
    g = growth_for(history)
    found = {s.skill: (s.first, s.latest, s.change, len(s.series)) for s in g.skills}
    assert found == {"Negotiation": (3, 4, 1, 3), "Public speaking": (1, 5, 4, 6)}


def test_the_series_is_in_date_order(history):
    g = growth_for(history)
    speaking = next(s for s in g.skills if s.skill == "Public speaking")
    assert [level for _, level in speaking.series] == [1, 2, 2, 3, 4, 5]
    dates = [d for d, _ in speaking.series]
    assert dates == sorted(dates)


def test_the_last_six_months_window_drops_older_ratings(history):
    g = growth_for(history, since=tz.localdate() - dt.timedelta(days=90))
    found = {s.skill: (s.first, s.latest, s.change) for s in g.skills}
    assert found == {"Public speaking": (3, 5, 2), "Negotiation": (4, 4, 0)}
    assert g.then.wins == "Ran the retro"
    assert g.now.wins == "Spoke at the meetup"


def test_then_and_now_put_the_earliest_words_beside_the_latest(history):
    g = growth_for(history)
    assert (g.then.wins, g.then.feeling) == ("Joined the team", 2)
    assert (g.now.wins, g.now.feeling) == ("Spoke at the meetup", 5)


def test_goals_milestones_and_meetings_are_counted_by_month(history):
    g = growth_for(history)
    assert g.totals == {
        "checkins": 6,
        "goals_achieved": 1,
        "milestones_completed": 3,
        "meetings_held": 6,
    }
    assert sum(n for _, n in g.milestones_completed) == 3
    assert sum(n for _, n in g.meetings_held) == 6  # the cancelled one is not held
    assert sum(n for _, n in g.goals_achieved) == 1
    assert len(g.meetings_held) in (6, 7)  # every month of the period, even empty ones
    assert [m for m, _ in g.meetings_held] == sorted(m for m, _ in g.meetings_held)


def test_the_api_answers_the_same_numbers(history, mentor, api_as):
    body = api_as(mentor).get(f"/mentorships/{history.public_id}/growth").json()
    speaking = next(s for s in body["skills"] if s["skill"] == "Public speaking")
    assert (speaking["first"], speaking["latest"], speaking["change"]) == (1, 5, 4)
    assert len(speaking["series"]) == 6
    assert body["then"]["wins"] == "Joined the team"
    since = str(tz.localdate() - dt.timedelta(days=90))
    body = api_as(mentor).get(f"/mentorships/{history.public_id}/growth?since={since}").json()
    assert next(s for s in body["skills"] if s["skill"] == "Public speaking")["first"] == 3
