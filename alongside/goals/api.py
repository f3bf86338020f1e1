from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from alongside.goals import services
from alongside.goals.access import get_goal_for, get_milestone_for, get_suggestion_for
from alongside.goals.models import Comment, Goal, GoalStatus, Milestone, Revision, Suggestion
from alongside.goals.schemas import (
    CommentIn,
    CommentOut,
    GoalDetail,
    GoalIn,
    GoalList,
    GoalPatch,
    MilestoneIn,
    MilestoneOut,
    OrderIn,
    RevisionOut,
    SuggestionIn,
    SuggestionOut,
)
from alongside.goals.selectors import goals_for, with_progress
from alongside.lib.schemas import EmptyIn
from alongside.mentorships.access import get_mentorship_for
from alongside.people.api import me

mentorship_goals = Router()
router = Router()


class GoalQuery(Schema):
    status: GoalStatus | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def _detail(goal: Goal) -> Goal:
    return with_progress(Goal.objects.filter(pk=goal.pk)).select_related("mentorship").get()


@mentorship_goals.post("/{mentorship_id}/goals", response={201: GoalDetail})
def create_goal(request: HttpRequest, mentorship_id: str, payload: GoalIn) -> Status:
    """Set a goal: title, the specific objective, how success is measured, a target date."""
    person = me(request)
    mentorship = get_mentorship_for(person, mentorship_id)
    goal = services.goal_create(mentorship=mentorship, author=person, **payload.dict())
    return Status(201, _detail(goal))


@mentorship_goals.get("/{mentorship_id}/goals", response=GoalList)
def list_goals(
    request: HttpRequest, mentorship_id: str, filters: Query[GoalQuery]
) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    found = goals_for(mentorship).select_related("mentorship")
    if filters.status:
        found = found.filter(status=filters.status)
    return {
        "items": list(found[filters.offset : filters.offset + filters.limit]),
        "count": found.count(),
    }


@router.get("/goals/{goal_id}", response=GoalDetail)
def read_goal(request: HttpRequest, goal_id: str) -> Goal:
    return _detail(get_goal_for(me(request), goal_id))


@router.patch("/goals/{goal_id}", response=GoalDetail)
def update_goal(request: HttpRequest, goal_id: str, payload: GoalPatch) -> Goal:
    """Change a goal; send `reason` when changing objective, measure, target date or dropping."""
    person = me(request)
    goal = get_goal_for(person, goal_id)
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason", "")
    services.goal_update(goal=goal, author=person, reason=reason, **changes)
    return _detail(goal)


@router.get("/goals/{goal_id}/revisions", response=list[RevisionOut])
def revisions(request: HttpRequest, goal_id: str) -> list[Revision]:
    """Every change to the goal, newest first: what changed, who and why."""
    goal = get_goal_for(me(request), goal_id)
    return list(goal.revisions.select_related("author"))


@router.post("/goals/{goal_id}/comments", response={201: CommentOut})
def add_comment(request: HttpRequest, goal_id: str, payload: CommentIn) -> Status:
    person = me(request)
    goal = get_goal_for(person, goal_id)
    return Status(201, services.comment_add(goal=goal, author=person, body=payload.body))


@router.get("/goals/{goal_id}/comments", response=list[CommentOut])
def comments(request: HttpRequest, goal_id: str) -> list[Comment]:
    goal = get_goal_for(me(request), goal_id)
    return list(goal.comments.select_related("author"))


@router.post("/goals/{goal_id}/milestones", response={201: MilestoneOut})
def add_milestone(request: HttpRequest, goal_id: str, payload: MilestoneIn) -> Status:
    person = me(request)
    goal = get_goal_for(person, goal_id)
    milestone = services.milestone_add(goal=goal, author=person, **payload.dict())
    return Status(201, milestone)


@router.post("/goals/{goal_id}/milestones/order", response=list[MilestoneOut])
def reorder(request: HttpRequest, goal_id: str, payload: OrderIn) -> list[Milestone]:
    """Reorder the milestones: send every milestone id once, in the new order."""
    person = me(request)
    goal = get_goal_for(person, goal_id)
    return services.milestones_reorder(goal=goal, actor=person, order=payload.ids)


class MilestoneDone(MilestoneOut):
    goal_can_be_achieved: bool = Field(
        description="True when this was the last open milestone of an active goal."
    )


@router.post("/milestones/{milestone_id}/complete", response=MilestoneDone)
def complete_milestone(
    request: HttpRequest, milestone_id: str, payload: EmptyIn | None = None
) -> Milestone:
    person = me(request)
    milestone = services.milestone_complete(
        milestone=get_milestone_for(person, milestone_id), actor=person
    )
    goal = milestone.goal
    last = not goal.milestones.filter(done_at__isnull=True).exists()
    milestone.goal_can_be_achieved = last and goal.status == GoalStatus.ACTIVE  # type: ignore[attr-defined]
    return milestone


@router.post("/milestones/{milestone_id}/reopen", response=MilestoneOut)
def reopen_milestone(
    request: HttpRequest, milestone_id: str, payload: EmptyIn | None = None
) -> Milestone:
    person = me(request)
    return services.milestone_reopen(
        milestone=get_milestone_for(person, milestone_id), actor=person
    )


@router.delete("/milestones/{milestone_id}", response={204: None})
def delete_milestone(request: HttpRequest, milestone_id: str) -> Status:
    person = me(request)
    services.milestone_delete(milestone=get_milestone_for(person, milestone_id), actor=person)
    return Status(204, None)


@router.post("/goals/{goal_id}/suggestions", response={201: SuggestionOut})
def suggest(request: HttpRequest, goal_id: str, payload: SuggestionIn) -> Status:
    """The mentor suggests a refinement; the mentee accepts (it becomes a revision) or declines."""
    person = me(request)
    goal = get_goal_for(person, goal_id)
    return Status(201, services.suggestion_create(goal=goal, author=person, **payload.dict()))


@router.get("/goals/{goal_id}/suggestions", response=list[SuggestionOut])
def suggestions(request: HttpRequest, goal_id: str) -> list[Suggestion]:
    goal = get_goal_for(me(request), goal_id)
    return list(goal.suggestions.select_related("author"))


@router.post("/suggestions/{suggestion_id}/accept", response=SuggestionOut)
def accept_suggestion(
    request: HttpRequest, suggestion_id: str, payload: EmptyIn | None = None
) -> Suggestion:
    person = me(request)
    suggestion = get_suggestion_for(person, suggestion_id)
    return services.suggestion_accept(suggestion=suggestion, actor=person)


@router.post("/suggestions/{suggestion_id}/decline", response=SuggestionOut)
def decline_suggestion(
    request: HttpRequest, suggestion_id: str, payload: EmptyIn | None = None
) -> Suggestion:
    person = me(request)
    suggestion = get_suggestion_for(person, suggestion_id)
    return services.suggestion_decline(suggestion=suggestion, actor=person)
