"""Goals and everything on them are seen by the two members of the pair alone (404 else)."""

from typing import Any

from alongside.goals.models import Comment, Goal, Milestone, Suggestion
from alongside.lib.access import visible_in_pair
from alongside.people.models import Person


def get_goal_for(person: Person, public_id: Any) -> Goal:
    found = Goal.objects.select_related("mentorship__mentor", "mentorship__mentee")
    return visible_in_pair(person, found, public_id, what="goal")


def get_milestone_for(person: Person, public_id: Any) -> Milestone:
    found = Milestone.objects.select_related("goal__mentorship__mentor", "goal__mentorship__mentee")
    return visible_in_pair(person, found, public_id, what="milestone", via="goal__mentorship")


def get_suggestion_for(person: Person, public_id: Any) -> Suggestion:
    found = Suggestion.objects.select_related("author")
    return visible_in_pair(person, found, public_id, what="suggestion", via="goal__mentorship")


def get_comment_for(person: Person, public_id: Any) -> Comment:
    found = Comment.objects.select_related("author")
    return visible_in_pair(person, found, public_id, what="comment", via="goal__mentorship")
