"""Goals and everything on them are seen by the two members of the pair alone (404 else)."""

from typing import Any

from alongside.goals.models import Comment, Goal, Milestone, Suggestion
from alongside.lib.access import pair_members, visible_one
from alongside.people.models import Person


def get_goal_for(person: Person, public_id: Any) -> Goal:
    found = Goal.objects.select_related("mentorship__mentor", "mentorship__mentee").filter(
        pair_members(person, "mentorship__")
    )
    return visible_one(person, found, public_id, what="goal")


def get_milestone_for(person: Person, public_id: Any) -> Milestone:
    found = Milestone.objects.select_related(
        "goal__mentorship__mentor", "goal__mentorship__mentee"
    ).filter(pair_members(person, "goal__mentorship__"))
    return visible_one(person, found, public_id, what="milestone")


def get_suggestion_for(person: Person, public_id: Any) -> Suggestion:
    found = Suggestion.objects.select_related("goal__mentorship", "author").filter(
        pair_members(person, "goal__mentorship__")
    )
    return visible_one(person, found, public_id, what="suggestion")


def get_comment_for(person: Person, public_id: Any) -> Comment:
    found = Comment.objects.select_related("goal__mentorship", "author").filter(
        pair_members(person, "goal__mentorship__")
    )
    return visible_one(person, found, public_id, what="comment")
