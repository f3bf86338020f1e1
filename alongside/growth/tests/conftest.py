"""A pair with six months of history, shared by the growth tests."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CheckIn
from alongside.meetings.models import Meeting
from alongside.mentorships.models import Mentorship
from conftest import make_checkin

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
        checkin = make_checkin(
            pair, wins=wins, challenges=f"challenge {days}", feeling=feeling, ratings=levels
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
