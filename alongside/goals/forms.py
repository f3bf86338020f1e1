from typing import Any

from django import forms

from alongside.goals.models import COMMENT_MAX, REASON_MAX, TEXT_MAX, TITLE_MAX, Goal
from alongside.lib.forms import AccessibleForm, date_field, text_area


class _OwnIds(AccessibleForm):
    """A form that shares the goal page with the goal's edit form: its fields (title,
    objective, ...) get ids of their own, so that each label points at its own input."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # AccessibleForm assumes the default ids; point at this form's error and help text.
        for name in self.errors:
            if name in self.fields:
                ids = [f"{self[name].auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{self[name].auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class GoalForm(AccessibleForm):
    title = forms.CharField(
        max_length=TITLE_MAX, help_text="A short name, e.g. “Give my first talk”."
    )
    objective = text_area(
        max_length=TEXT_MAX,
        rows=3,
        label="Specific objective",
        help_text="What exactly do you want to achieve?",
    )
    measure = text_area(
        max_length=TEXT_MAX,
        rows=2,
        label="How will you know you made it?",
        help_text="A measure of success someone else could check.",
    )
    target_date = date_field(label="Target date")
    progress = forms.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        label="Progress so far (%)",
        help_text="Only for goals without milestones; milestones set it for you.",
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        required=False,
        label="Reason for the change",
        help_text="Required when you change the objective, the measure or the target date.",
    )

    @classmethod
    def for_goal(
        cls, goal: Goal | None, data: Any = None, *, has_milestones: bool = False
    ) -> "GoalForm":
        initial = {}
        if goal is not None:
            initial = {
                f: getattr(goal, f) for f in ("title", "objective", "measure", "target_date")
            }
            initial["progress"] = goal.manual_progress
        form = cls(data=data, initial=initial)
        if goal is None:
            del form.fields["reason"]
        if has_milestones:
            del form.fields["progress"]
        return form

    def changes(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "reason"}
        if data.get("progress") is None:
            data.pop("progress", None)
        return data


class MilestoneForm(_OwnIds):
    id_prefix = "milestone"
    title = forms.CharField(max_length=TITLE_MAX, label="Milestone")
    due_on = date_field(label="Due on")


class CommentForm(_OwnIds):
    id_prefix = "comment"
    body = text_area(max_length=COMMENT_MAX, rows=3, label="Your comment")


class SuggestionForm(_OwnIds):
    id_prefix = "suggestion"
    objective = text_area(max_length=TEXT_MAX, required=False, rows=3, label="Suggested objective")
    measure = text_area(
        max_length=TEXT_MAX, required=False, rows=2, label="Suggested measure of success"
    )
    target_date = date_field(label="Suggested target date")
    note = text_area(max_length=REASON_MAX, rows=2, label="Why you suggest it")

    @classmethod
    def for_goal(cls, goal: Goal, data: Any = None) -> "SuggestionForm":
        initial = {
            "objective": goal.objective,
            "measure": goal.measure,
            "target_date": goal.target_date,
        }
        return cls(data=data, initial=initial)

    def proposed(self, goal: Goal) -> dict[str, Any]:
        """Only what differs from the goal as it stands."""
        return {
            f: v
            for f, v in self.cleaned_data.items()
            if f != "note" and v not in (None, "") and getattr(goal, f) != v
        }


class StatusForm(AccessibleForm):
    status = forms.ChoiceField(
        choices=[("achieved", "Achieved"), ("dropped", "Dropped"), ("active", "Active")]
    )
    reason = forms.CharField(max_length=REASON_MAX, required=False, label="Reason")
