"""Every change to goals, milestones, comments and the mentor's suggestions."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone as tz

from alongside.goals.models import (
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Comment,
    Goal,
    GoalStatus,
    Milestone,
    Revision,
    Suggestion,
    SuggestionStatus,
)
from alongside.lib.errors import Conflict, Forbidden
from alongside.lib.inputs import clean_fields, clean_text
from alongside.mentorships.access import require_active
from alongside.mentorships.events import Celebrate, pair_event, pair_event_undone
from alongside.mentorships.models import CelebrationKind, Kind, Mentorship
from alongside.people.models import Person

# Changing these asks for a reason ("my job responsibilities changed").
NEEDS_REASON = ("objective", "measure", "target_date")
TERMS = ("title", "objective", "measure", "target_date")


def _require_active(mentorship: Mentorship) -> None:
    require_active(mentorship, only="goals change")


def _clean_date(value: Any, *, field: str, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date):
        raise ValidationError({field: "Enter a date as YYYY-MM-DD."})
    if value < today:
        raise ValidationError({field: "Choose today or a later date."})
    if value > today + dt.timedelta(days=10 * 366):
        raise ValidationError({field: "Choose a date within the next ten years."})
    return value


def _clean_terms(changes: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    limits = {"title": TITLE_MAX, "objective": TEXT_MAX, "measure": TEXT_MAX}

    def clean_one(field: str, value: Any) -> Any:
        if field in limits:
            return clean_text(str(value or ""), field=field, limit=limits[field], required=True)
        elif field == "target_date":
            return _clean_date(value, field=field, today=today)
        elif field == "progress":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ValidationError({field: "Enter a whole percentage from 0 to 100."})
            return value
        elif field == "status":
            if value not in GoalStatus.values:
                raise ValidationError(
                    {field: "Choose one of: " + ", ".join(GoalStatus.values) + "."}
                )
            return value
        else:
            raise ValidationError({field: "This field cannot be changed here."})

    return clean_fields(changes, clean_one)


def _shown(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def goal_create(
    *,
    mentorship: Mentorship,
    author: Person,
    title: str,
    objective: str,
    measure: str,
    target_date: dt.date | None = None,
    progress: int | None = None,
) -> Goal:
    _require_active(mentorship)
    fields: dict[str, Any] = {
        "title": title,
        "objective": objective,
        "measure": measure,
        "target_date": target_date,
    }
    if progress is not None:
        fields["progress"] = progress
    cleaned = _clean_terms(fields, today=tz.localdate())
    goal = Goal.objects.create(
        mentorship=mentorship,
        created_by=author,
        title=cleaned["title"],
        objective=cleaned["objective"],
        measure=cleaned["measure"],
        target_date=cleaned["target_date"],
        manual_progress=cleaned.get("progress", 0),
    )
    pair_event(mentorship=mentorship, kind=Kind.GOAL, actor=author, ref=goal)
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    author: Person,
    reason: str = "",
    suggestion: Suggestion | None = None,
    **changes: Any,
) -> Goal:
    """Change a goal. Objective, measure, target date and dropping need a reason."""
    goal = Goal.objects.select_for_update().select_related("mentorship").get(pk=goal.pk)
    _require_active(goal.mentorship)
    # A past target date may stay as it is; a new one may not be in the past.
    if "target_date" in changes and changes["target_date"] == goal.target_date:
        del changes["target_date"]
    cleaned = _clean_terms(changes, today=tz.localdate())
    reason = clean_text(reason or "", field="reason", limit=REASON_MAX)
    diff = {
        f: [_shown(getattr(goal, f)), _shown(v)]
        for f, v in cleaned.items()
        if f in (*TERMS, "status") and getattr(goal, f) != v
    }
    needs_reason = [f for f in diff if f in NEEDS_REASON]
    if cleaned.get("status") == GoalStatus.DROPPED and goal.status != GoalStatus.DROPPED:
        needs_reason.append("status")
    if needs_reason and not reason:
        what = (
            "dropping a goal"
            if needs_reason == ["status"]
            else "changing " + ", ".join(f.replace("_", " ") for f in needs_reason if f != "status")
        )
        raise ValidationError({"reason": f"Say why: a reason is required when {what}."})
    if "progress" in cleaned:
        if goal.milestones.exists():
            raise Conflict(
                "This goal's progress comes from its milestones; complete a milestone instead.",
                code="progress_from_milestones",
            )
        goal.manual_progress = cleaned["progress"]
    for field, (_, _after) in diff.items():
        setattr(goal, field, cleaned[field])
    if "status" in diff:
        goal.closed_at = None if goal.status == GoalStatus.ACTIVE else tz.now()
    goal.updated_at = tz.now()
    goal.save()
    if diff:
        revision = Revision.objects.create(
            goal=goal, author=author, reason=reason, changes=diff, suggestion=suggestion
        )
        achieved = diff.get("status", [None, None])[1] == GoalStatus.ACHIEVED
        celebrate = _reached(CelebrationKind.GOAL, goal, f"Goal achieved: {goal.title}")
        pair_event(
            mentorship=goal.mentorship,
            kind=Kind.REVISION,
            actor=author,
            ref=revision,
            celebrate=celebrate if achieved else None,
        )
    return goal


def _reached(kind: CelebrationKind, thing: Goal | Milestone, title: str) -> Celebrate:
    """A goal achieved or a milestone reached is celebrated once: the thing is the source."""
    return Celebrate(kind=kind, title=title, source=f"{kind.value}:{thing.public_id}")


def _locked_goal(goal_id: int) -> Goal:
    goal = Goal.objects.select_for_update().select_related("mentorship").get(pk=goal_id)
    _require_active(goal.mentorship)
    return goal


@transaction.atomic
def milestone_add(
    *, goal: Goal, author: Person, title: str, due_on: dt.date | None = None
) -> Milestone:
    goal = _locked_goal(goal.pk)
    title = clean_text(title, field="title", limit=TITLE_MAX, required=True)
    due_on = _clean_date(due_on, field="due_on", today=tz.localdate())
    last = goal.milestones.aggregate(p=Max("position"))["p"]
    milestone = Milestone.objects.create(
        goal=goal, title=title, due_on=due_on, position=0 if last is None else last + 1
    )
    Goal.objects.filter(pk=goal.pk).update(updated_at=tz.now())
    return milestone


@transaction.atomic
def milestone_complete(*, milestone: Milestone, actor: Person) -> Milestone:
    """Mark done. Completing the last open one is the moment to offer 'goal achieved'."""
    goal = _locked_goal(milestone.goal_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_at is not None:
        raise Conflict("This milestone is already done.", code="already_done")
    milestone.done_at = tz.now()
    milestone.save(update_fields=["done_at"])
    pair_event(
        mentorship=goal.mentorship,
        kind=Kind.MILESTONE,
        actor=actor,
        ref=milestone,
        celebrate=_reached(
            CelebrationKind.MILESTONE, milestone, f"Milestone reached: {milestone.title}"
        ),
    )
    return milestone


@transaction.atomic
def milestone_reopen(*, milestone: Milestone, actor: Person) -> Milestone:
    _locked_goal(milestone.goal_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_at is None:
        raise Conflict("This milestone is still open.", code="not_done")
    milestone.done_at = None
    milestone.save(update_fields=["done_at"])
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor: Person) -> None:
    goal = _locked_goal(milestone.goal_id)
    # "Milestone reached" leaves the timeline with it, and so do the notices that name it.
    pair_event_undone(mentorship=goal.mentorship, ref=milestone)
    milestone.delete()


@transaction.atomic
def milestones_reorder(*, goal: Goal, actor: Person, order: list[Any]) -> list[Milestone]:
    """Put the milestones in the given order of public ids (all of them, each once)."""
    goal = _locked_goal(goal.pk)
    milestones = {str(m.public_id): m for m in goal.milestones.all()}
    wanted = [str(i) for i in order]
    if sorted(wanted) != sorted(milestones):
        raise ValidationError(
            {"ids": "List every milestone of this goal exactly once, in the new order."}
        )
    for position, key in enumerate(wanted):
        milestones[key].position = position
    Milestone.objects.bulk_update(milestones.values(), ["position"])
    return [milestones[k] for k in wanted]


def milestone_move(*, milestone: Milestone, actor: Person, up: bool) -> list[Milestone]:
    ids = [m.public_id for m in milestone.goal.milestones.all()]
    i = ids.index(milestone.public_id)
    j = i - 1 if up else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    return milestones_reorder(goal=milestone.goal, actor=actor, order=ids)


@transaction.atomic
def comment_add(*, goal: Goal, author: Person, body: str) -> Comment:
    _require_active(goal.mentorship)
    body = clean_text(body, field="body", limit=COMMENT_MAX, required=True)
    return Comment.objects.create(goal=goal, author=author, body=body)


@transaction.atomic
def suggestion_create(*, goal: Goal, author: Person, note: str, **proposed: Any) -> Suggestion:
    """The mentor suggests a refinement: new wording, measure or date, with a note why."""
    _require_active(goal.mentorship)
    if author.pk != goal.mentorship.mentor_id:
        raise Forbidden(
            "Only the mentor suggests refinements; you can edit the goal directly.",
            code="mentor_only",
        )
    proposed = {k: v for k, v in proposed.items() if v is not None}
    cleaned = _clean_terms(proposed, today=tz.localdate())
    unknown = set(cleaned) - set(TERMS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Suggest changes to the terms only."))
    changed = {f: v for f, v in cleaned.items() if getattr(goal, f) != v}
    if not changed:
        raise ValidationError(
            {"body": "Suggest at least one change: a title, objective, measure or target date."}
        )
    note = clean_text(note, field="note", limit=REASON_MAX, required=True)
    return Suggestion.objects.create(
        goal=goal, author=author, note=note, proposed={f: _shown(v) for f, v in changed.items()}
    )


def _decide(suggestion: Suggestion, actor: Person) -> Suggestion:
    # Lock the suggestion row only: PostgreSQL cannot lock the nullable side of the outer
    # join to the author.
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("goal__mentorship", "author")
        .get(pk=suggestion.pk)
    )
    if actor.pk != suggestion.goal.mentorship.mentee_id:
        raise Forbidden("The mentee decides on the mentor's suggestions.", code="mentee_only")
    if suggestion.status != SuggestionStatus.OPEN:
        raise Conflict(
            f"This suggestion was already {suggestion.status}.",
            code=f"suggestion_{suggestion.status}",
        )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, actor: Person) -> Suggestion:
    """Accepting applies the suggestion as a revision, with the mentor's note as the reason."""
    suggestion = _decide(suggestion, actor)
    proposed = {
        f: dt.date.fromisoformat(v) if f == "target_date" and v else v
        for f, v in suggestion.proposed.items()
    }
    author = suggestion.author.name if suggestion.author else "the mentor"
    goal_update(
        goal=suggestion.goal,
        author=actor,
        suggestion=suggestion,
        reason=f"Accepted {author}'s suggestion: {suggestion.note}"[:REASON_MAX],
        **proposed,
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.decided_at = tz.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, actor: Person) -> Suggestion:
    suggestion = _decide(suggestion, actor)
    suggestion.status = SuggestionStatus.DECLINED
    suggestion.decided_at = tz.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return suggestion
