from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.goals import services
from alongside.goals.access import get_goal_for, get_milestone_for, get_suggestion_for
from alongside.goals.forms import CommentForm, GoalForm, MilestoneForm, StatusForm, SuggestionForm
from alongside.goals.models import Goal, GoalStatus, SuggestionStatus
from alongside.goals.selectors import goal_with_progress, progress_of
from alongside.lib.pages import FormsPage, act, form_page, success
from alongside.lib.routes import Routes
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import Status
from alongside.people.access import signed_in

routes = Routes()


def _goal_page(
    request: HttpRequest, goal: Goal, *, status: int = 200, **forms: object
) -> HttpResponse:
    me = signed_in(request)
    goal = goal_with_progress(goal)
    milestones = list(goal.milestones.all())
    is_mentor = goal.mentorship.mentor_id == me.pk
    context = {
        "goal": goal,
        "m": goal.mentorship,
        "progress": progress_of(goal),
        "milestones": milestones,
        "all_done": bool(milestones) and all(ms.done for ms in milestones),
        "revisions": goal.revisions.select_related("author")[:50],
        "comments": goal.comments.select_related("author"),
        "suggestions": goal.suggestions.select_related("author").filter(
            status=SuggestionStatus.OPEN
        ),
        "is_mentor": is_mentor,
        "is_mentee": goal.mentorship.mentee_id == me.pk,
        "editable": goal.mentorship.status == Status.ACTIVE,
        "edit_form": GoalForm.for_goal(goal, has_milestones=bool(milestones)),
        "milestone_form": MilestoneForm(),
        "comment_form": CommentForm(),
        "suggestion_form": SuggestionForm.for_goal(goal) if is_mentor else None,
        "status_form": StatusForm(),
        **forms,
    }
    return render(request, "goals/goal.html", context, status=status)


GOAL_PAGE = FormsPage(_goal_page, url=lambda goal: reverse("goal", args=[goal.public_id]))


@routes.page("mentorships/<str:mentorship_id>/goals/new/", name="goal_new")
def goal_new(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = GoalForm.for_goal(None, request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.goal_create(mentorship=mentorship, author=me, **form.changes()),
        page=lambda status: render(
            request, "goals/goal_new.html", {"m": mentorship, "form": form}, status=status
        ),
        done=lambda goal: success(
            request, "Goal set. Break it into milestones next.", "goal", goal.public_id
        ),
    )


@routes.page("goals/<str:goal_id>/", name="goal")
def goal_detail(request: HttpRequest, goal_id: str) -> HttpResponse:
    return _goal_page(request, get_goal_for(signed_in(request), goal_id))


@routes.page("goals/<str:goal_id>/edit/", name="goal_edit")
@require_POST
def goal_edit(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = GoalForm.for_goal(goal, request.POST, has_milestones=goal.milestones.exists())
    return GOAL_PAGE.post(
        request,
        goal,
        lambda: services.goal_update(
            goal=goal, author=me, reason=form.cleaned_data.get("reason", ""), **form.changes()
        ),
        edit_form=form,
        open_edit=True,
        said="Goal updated.",
    )


@routes.page("goals/<str:goal_id>/status/", name="goal_status")
@require_POST
def goal_status(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = StatusForm(request.POST)
    said = {
        GoalStatus.ACHIEVED: "Goal achieved. Congratulations!",
        GoalStatus.DROPPED: "Goal dropped.",
        GoalStatus.ACTIVE: "Goal reopened.",
    }
    return GOAL_PAGE.post(
        request,
        goal,
        lambda: services.goal_update(
            goal=goal,
            author=me,
            reason=form.cleaned_data["reason"],
            status=form.cleaned_data["status"],
        ),
        status_form=form,
        said=lambda _: said[GoalStatus(form.cleaned_data["status"])],
    )


@routes.page("goals/<str:goal_id>/milestones/", name="milestone_add")
@require_POST
def milestone_add(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = MilestoneForm(request.POST)
    return GOAL_PAGE.post(
        request,
        goal,
        lambda: services.milestone_add(goal=goal, author=me, **form.cleaned_data),
        milestone_form=form,
    )


@routes.page_re(
    r"^milestones/(?P<milestone_id>[^/]+)/(?P<action>complete|reopen|delete|up|down)/$",
    name="milestone_action",
)
@require_POST
def milestone_action(request: HttpRequest, milestone_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    milestone = get_milestone_for(me, milestone_id)

    def call() -> object:
        if action == "complete":
            return services.milestone_complete(milestone=milestone, actor=me)
        if action == "reopen":
            return services.milestone_reopen(milestone=milestone, actor=me)
        if action == "delete":
            return services.milestone_delete(milestone=milestone, actor=me)
        return services.milestone_move(milestone=milestone, actor=me, up=action == "up")

    return act(request, call, to=GOAL_PAGE.url(milestone.goal))


@routes.page("goals/<str:goal_id>/comments/", name="goal_comment")
@require_POST
def comment_add(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = CommentForm(request.POST)
    return GOAL_PAGE.post(
        request,
        goal,
        lambda: services.comment_add(goal=goal, author=me, **form.cleaned_data),
        comment_form=form,
        anchor="comments",
    )


@routes.page("goals/<str:goal_id>/suggest/", name="goal_suggest")
@require_POST
def suggest(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = SuggestionForm.for_goal(goal, request.POST)
    return GOAL_PAGE.post(
        request,
        goal,
        lambda: services.suggestion_create(
            goal=goal, author=me, note=form.cleaned_data["note"], **form.proposed(goal)
        ),
        suggestion_form=form,
        open_suggest=True,
        said=lambda _: f"Suggestion sent to {goal.mentorship.mentee.name}.",
    )


@routes.page_re(
    r"^suggestions/(?P<suggestion_id>[^/]+)/(?P<action>accept|decline)/$", name="suggestion_decide"
)
@require_POST
def suggestion_decide(request: HttpRequest, suggestion_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    suggestion = get_suggestion_for(me, suggestion_id)
    accept = action == "accept"
    service = services.suggestion_accept if accept else services.suggestion_decline
    return act(
        request,
        lambda: service(suggestion=suggestion, actor=me),
        to=GOAL_PAGE.url(suggestion.goal),
        said="Suggestion accepted: the goal is revised." if accept else "Suggestion declined.",
    )
