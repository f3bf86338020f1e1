from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.goals import services
from alongside.goals.access import get_goal_for, get_milestone_for, get_suggestion_for
from alongside.goals.forms import CommentForm, GoalForm, MilestoneForm, StatusForm, SuggestionForm
from alongside.goals.models import Goal, GoalStatus, SuggestionStatus
from alongside.goals.selectors import goal_with_progress, progress_of
from alongside.lib.errors import ServiceError
from alongside.lib.forms import run_service, submit
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import Status
from alongside.people.access import signed_in


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


@login_required
def goal_new(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = GoalForm.for_goal(None, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            goal, status = run_service(
                form, services.goal_create, mentorship=mentorship, author=me, **form.changes()
            )
            if goal is not None:
                messages.success(request, "Goal set. Break it into milestones next.")
                return redirect("goal", goal.public_id)
    return render(request, "goals/goal_new.html", {"m": mentorship, "form": form}, status=status)


@login_required
def goal_detail(request: HttpRequest, goal_id: str) -> HttpResponse:
    return _goal_page(request, get_goal_for(signed_in(request), goal_id))


@login_required
@require_POST
def goal_edit(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = GoalForm.for_goal(goal, request.POST, has_milestones=goal.milestones.exists())
    if form.is_valid():
        done, failed = run_service(
            form,
            services.goal_update,
            goal=goal,
            author=me,
            reason=form.cleaned_data.get("reason", ""),
            **form.changes(),
        )
        if done is not None:
            messages.success(request, "Goal updated.")
            return redirect("goal", goal.public_id)
        return _goal_page(request, goal, status=failed, edit_form=form, open_edit=True)
    return _goal_page(request, goal, status=400, edit_form=form, open_edit=True)


@login_required
@require_POST
def goal_status(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        new = form.cleaned_data["status"]
        done, failed = run_service(
            form,
            services.goal_update,
            goal=goal,
            author=me,
            reason=form.cleaned_data["reason"],
            status=new,
        )
        if done is not None:
            said = {
                GoalStatus.ACHIEVED: "Goal achieved. Congratulations!",
                GoalStatus.DROPPED: "Goal dropped.",
                GoalStatus.ACTIVE: "Goal reopened.",
            }
            messages.success(request, said[GoalStatus(new)])
            return redirect("goal", goal.public_id)
        return _goal_page(request, goal, status=failed, status_form=form)
    return _goal_page(request, goal, status=400, status_form=form)


@login_required
@require_POST
def milestone_add(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = MilestoneForm(request.POST)
    done, status = submit(form, services.milestone_add, goal=goal, author=me)
    if done is None:
        return _goal_page(request, goal, status=status, milestone_form=form)
    return redirect("goal", goal.public_id)


@login_required
@require_POST
def milestone_action(request: HttpRequest, milestone_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    milestone = get_milestone_for(me, milestone_id)
    try:
        if action == "complete":
            services.milestone_complete(milestone=milestone, actor=me)
        elif action == "reopen":
            services.milestone_reopen(milestone=milestone, actor=me)
        elif action == "delete":
            services.milestone_delete(milestone=milestone, actor=me)
        else:
            services.milestone_move(milestone=milestone, actor=me, up=action == "up")
    except ServiceError as exc:
        messages.error(request, exc.detail)
    return redirect("goal", milestone.goal.public_id)


@login_required
@require_POST
def comment_add(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = CommentForm(request.POST)
    done, status = submit(form, services.comment_add, goal=goal, author=me)
    if done is None:
        return _goal_page(request, goal, status=status, comment_form=form)
    return redirect(f"/goals/{goal.public_id}/#comments")


@login_required
@require_POST
def suggest(request: HttpRequest, goal_id: str) -> HttpResponse:
    me = signed_in(request)
    goal = get_goal_for(me, goal_id)
    form = SuggestionForm.for_goal(goal, request.POST)
    if form.is_valid():
        done, failed = run_service(
            form,
            services.suggestion_create,
            goal=goal,
            author=me,
            note=form.cleaned_data["note"],
            **form.proposed(goal),
        )
        if done is not None:
            messages.success(request, f"Suggestion sent to {goal.mentorship.mentee.name}.")
            return redirect("goal", goal.public_id)
        return _goal_page(request, goal, status=failed, suggestion_form=form, open_suggest=True)
    return _goal_page(request, goal, status=400, suggestion_form=form, open_suggest=True)


@login_required
@require_POST
def suggestion_decide(request: HttpRequest, suggestion_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    suggestion = get_suggestion_for(me, suggestion_id)
    service = services.suggestion_accept if action == "accept" else services.suggestion_decline
    try:
        service(suggestion=suggestion, actor=me)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request,
            "Suggestion accepted: the goal is revised."
            if action == "accept"
            else "Suggestion declined.",
        )
    return redirect("goal", suggestion.goal.public_id)
