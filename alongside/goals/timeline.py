"""How the pair's timeline shows goals, revisions and milestones: current words, a link."""

from django.urls import reverse

from alongside.goals.models import Goal, Milestone, Revision
from alongside.mentorships.models import Kind
from alongside.mentorships.timeline import Renderer, register


def _revised(revision: Revision) -> str:
    reason = f" ({revision.reason})" if revision.reason else ""
    return f"Goal revised: {revision.goal.title}{reason}"


register(
    Kind.GOAL,
    Renderer(
        model=Goal,
        pair="mentorship",
        text=lambda goal: f"Goal set: {goal.title}",
        url=lambda goal: reverse("goal", args=[goal.public_id]),
    ),
)
register(
    Kind.REVISION,
    Renderer(
        model=Revision,
        pair="goal__mentorship",
        text=_revised,
        url=lambda revision: reverse("goal", args=[revision.goal.public_id]),
        related=["goal"],
    ),
)
register(
    Kind.MILESTONE,
    Renderer(
        model=Milestone,
        pair="goal__mentorship",
        text=lambda milestone: f"Milestone done: {milestone.title}",
        url=lambda milestone: reverse("goal", args=[milestone.goal.public_id]),
        related=["goal"],
    ),
)
