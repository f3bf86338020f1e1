from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from alongside.goals import services
from alongside.goals.access import get_goal_for, get_milestone_for, get_suggestion_for
from alongside.goals.models import Goal, GoalStatus, Milestone, Suggestion
from alongside.goals.schemas import (
    CommentIn,
    CommentOut,
    CommentPage,
    GoalDetail,
    GoalIn,
    GoalList,
    GoalPatch,
    MilestoneIn,
    MilestoneOut,
    MilestonePage,
    OrderIn,
    RevisionPage,
    SuggestionIn,
    SuggestionOut,
    SuggestionPage,
)
from alongside.goals.selectors import goal_with_progress, goals_for
from alongside.lib.pagination import paginate
from alongside.lib.schemas import EmptyIn, PageQuery
from alongside.mentorships.access import get_mentorship_for, me_and_pair
from alongside.people.api import me

mentorship_goals = Router()
router = Router()


class GoalQuery(PageQuery):
    status: GoalStatus | None = None


@mentorship_goals.post("/{mentorship_id}/goals", response={201: GoalDetail})
def create_goal(request: HttpRequest, mentorship_id: str, payload: GoalIn) -> Status:
    """Set a goal: title, the specific objective, how success is measured, a target date."""
    person, mentorship = me_and_pair(request, mentorship_id)
    goal = services.goal_create(mentorship=mentorship, author=person, **payload.dict())
    return Status(201, goal_with_progress(goal))


@mentorship_goals.get("/{mentorship_id}/goals", response=GoalList)
def list_goals(
    request: HttpRequest, mentorship_id: str, filters: Query[GoalQuery]
) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    found = goals_for(mentorship).select_related("mentorship")
    if filters.status:
        found = found.filter(status=filters.status)
    return paginate(found, filters)


@router.get("/goals/{goal_id}", response=GoalDetail)
def read_goal(request: HttpRequest, goal_id: str) -> Goal:
    return goal_with_progress(get_goal_for(me(request), goal_id))


@router.patch("/goals/{goal_id}", response=GoalDetail)
def update_goal(request: HttpRequest, goal_id: str, payload: GoalPatch) -> Goal:
    """Change a goal; send `reason` when changing objective, measure, target date or dropping."""
    person = me(request)
    goal = get_goal_for(person, goal_id)
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason", "")
    services.goal_update(goal=goal, author=person, reason=reason, **changes)
    return goal_with_progress(goal)


@router.get("/goals/{goal_id}/revisions", response=RevisionPage)
def revisions(request: HttpRequest, goal_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    """Every change to the goal, newest first: what changed, who and why."""
    goal = get_goal_for(me(request), goal_id)
    return paginate(goal.revisions.select_related("author"), q)


@router.post("/goals/{goal_id}/comments", response={201: CommentOut})
def add_comment(request: HttpRequest, goal_id: str, payload: CommentIn) -> Status:
    person = me(request)
    goal = get_goal_for(person, goal_id)
    return Status(201, services.comment_add(goal=goal, author=person, body=payload.body))


@router.get("/goals/{goal_id}/comments", response=CommentPage)
def comments(request: HttpRequest, goal_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    goal = get_goal_for(me(request), goal_id)
    return paginate(goal.comments.select_related("author"), q)


@router.post("/goals/{goal_id}/milestones", response={201: MilestoneOut})
def add_milestone(request: HttpRequest, goal_id: str, payload: MilestoneIn) -> Status:
    person = me(request)
    goal = get_goal_for(person, goal_id)
    milestone = services.milestone_add(goal=goal, author=person, **payload.dict())
    return Status(201, milestone)


@router.post("/goals/{goal_id}/milestones/order", response=MilestonePage)
def reorder(request: HttpRequest, goal_id: str, payload: OrderIn) -> dict[str, Any]:
    """Reorder the milestones: send every milestone id once, in the new order; answers
    them all, in that order."""
    person = me(request)
    goal = get_goal_for(person, goal_id)
    milestones = services.milestones_reorder(goal=goal, actor=person, order=payload.ids)
    return paginate(milestones, None)


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


@router.get("/goals/{goal_id}/suggestions", response=SuggestionPage)
def suggestions(request: HttpRequest, goal_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    goal = get_goal_for(me(request), goal_id)
    return paginate(goal.suggestions.select_related("author"), q)


def _decide(
    request: HttpRequest, suggestion_id: str, service: Callable[..., Suggestion]
) -> Suggestion:
    """The mentee's answer to a suggestion: the same steps, one service each."""
    person = me(request)
    return service(suggestion=get_suggestion_for(person, suggestion_id), actor=person)


@router.post("/suggestions/{suggestion_id}/accept", response=SuggestionOut)
def accept_suggestion(
    request: HttpRequest, suggestion_id: str, payload: EmptyIn | None = None
) -> Suggestion:
    return _decide(request, suggestion_id, services.suggestion_accept)


@router.post("/suggestions/{suggestion_id}/decline", response=SuggestionOut)
def decline_suggestion(
    request: HttpRequest, suggestion_id: str, payload: EmptyIn | None = None
) -> Suggestion:
    return _decide(request, suggestion_id, services.suggestion_decline)
