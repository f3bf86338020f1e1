"""Goals and everything on them are seen by the two members of the pair alone (404 else)."""

from typing import Any

from django.db.models import Q
from django.http import Http404

from alongside.goals.models import Goal, Milestone, Suggestion
from alongside.people.access import parse_public_id
from alongside.people.models import Person


def _members(prefix: str, person: Person) -> Q:
    return Q(**{f"{prefix}mentor": person}) | Q(**{f"{prefix}mentee": person})


def get_goal_for(person: Person, public_id: Any) -> Goal:
    if not person.is_authenticated:
        raise Http404
    goal = (
        Goal.objects.select_related("mentorship__mentor", "mentorship__mentee")
        .filter(_members("mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if goal is None:
        raise Http404("No such goal.")
    return goal


def get_milestone_for(person: Person, public_id: Any) -> Milestone:
    if not person.is_authenticated:
        raise Http404
    milestone = (
        Milestone.objects.select_related("goal__mentorship__mentor", "goal__mentorship__mentee")
        .filter(_members("goal__mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if milestone is None:
        raise Http404("No such milestone.")
    return milestone


def get_suggestion_for(person: Person, public_id: Any) -> Suggestion:
    if not person.is_authenticated:
        raise Http404
    suggestion = (
        Suggestion.objects.select_related("goal__mentorship", "author")
        .filter(_members("goal__mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if suggestion is None:
        raise Http404("No such suggestion.")
    return suggestion
