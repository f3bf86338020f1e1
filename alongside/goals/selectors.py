import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone
from alongside.lib.compiled import Compiled
from alongside.mentorships.models import Mentorship, Status
from alongside.people.models import Person


def with_progress(goals: QuerySet[Goal]) -> QuerySet[Goal]:
    return goals.annotate(
        milestone_count=Count("milestones", distinct=True),
        milestones_done=Count(
            "milestones", filter=Q(milestones__done_at__isnull=False), distinct=True
        ),
    )


def progress_of(goal: Goal) -> int:
    """0-100: from milestones when the goal has any, else as set by hand."""
    total = getattr(goal, "milestone_count", None)
    done = getattr(goal, "milestones_done", None)
    if total is None or done is None:
        total = goal.milestones.count()
        done = goal.milestones.filter(done_at__isnull=False).count()
    if total:
        return round(done * 100 / total)
    return goal.manual_progress


def goal_with_progress(goal: Goal) -> Goal:
    """The goal with its progress counts and its pair: the page and GET /goals/{id}."""
    return (
        with_progress(Goal.objects.filter(pk=goal.pk))
        .select_related("mentorship__mentor", "mentorship__mentee")
        .get()
    )


def goals_for(mentorship: Mentorship) -> QuerySet[Goal]:
    return with_progress(Goal.objects.filter(mentorship=mentorship)).order_by(
        "status", "target_date", "pk"
    )


def goals_with_progress(mentorship: Mentorship) -> list[Goal]:
    """The pair's goals, each with `progress` (0-100) set, in two queries."""
    goals = list(goals_for(mentorship))
    for goal in goals:
        goal.progress = progress_of(goal)  # type: ignore[attr-defined]
    return goals


@dataclass
class OverdueMilestone:
    title: str
    due_on: dt.date
    goal_id: uuid.UUID  # the goal's public id
    goal_title: str


def _overdue(*, person_id: int, today: dt.date) -> QuerySet[Milestone, Any]:
    return (
        Milestone.objects.filter(
            Q(goal__mentorship__mentor_id=person_id) | Q(goal__mentorship__mentee_id=person_id),
            goal__mentorship__status=Status.ACTIVE,
            goal__status="active",
            done_at__isnull=True,
            due_on__lt=today,
        )
        .order_by("due_on", "pk")
        .values("title", "due_on", "goal__public_id", "goal__title")[:50]
    )


# The home page's: built and compiled once per connection (lib/compiled.py).
_OVERDUE = Compiled(_overdue, person_id=int, today=dt.date)


def overdue_milestones_for(
    person: Person, *, today: dt.date | None = None
) -> list[OverdueMilestone]:
    """Open milestones past their due date, in the person's active mentorships: what the
    home page shows of each (its title, due date and goal)."""
    return [
        OverdueMilestone(row["title"], row["due_on"], row["goal__public_id"], row["goal__title"])
        for row in _OVERDUE.rows(person_id=person.pk, today=today or tz.localdate())
    ]
