"""How the pair's timeline shows goals, revisions and milestones: current words, a link."""

from alongside.goals.models import Goal, Milestone, Revision
from alongside.mentorships.models import Kind
from alongside.mentorships.timeline import link, register


def _revised(revision: Revision) -> str:
    # The celebration a goal achieved brings is shown by this entry (never twice).
    if (revision.changes or {}).get("status", [None, None])[1] == "achieved":
        return f"Goal achieved: {revision.goal.title}"
    reason = f" ({revision.reason})" if revision.reason else ""
    return f"Goal revised: {revision.goal.title}{reason}"


register(Kind.GOAL, Goal, "mentorship", text=lambda g: f"Goal set: {g.title}", url=link("goal"))
register(
    Kind.REVISION,
    Revision,
    "goal__mentorship",
    text=_revised,
    url=link("goal", "goal"),
    related=["goal"],
)
register(
    Kind.MILESTONE,
    Milestone,
    "goal__mentorship",
    text=lambda milestone: f"Milestone reached: {milestone.title}",
    url=link("goal", "goal"),
    related=["goal"],
)
