"""How the things a message may refer to read as cards, and what a message can become.

The thread (threads/) sits on the line of goals and meetings and may not import them,
nor growth above them; home sees them all. So home tells the thread's registry
(threads/refs.py) where each kind of thing lives in a pair and how one reads, and adds
the two actions that write into meetings: "make it an action item" and "add it to the
next meeting's agenda" (thread_actions.py). Imported from HomeConfig.ready()."""

from django.urls import reverse
from django.utils import timezone as tz

from alongside.goals.models import Goal, GoalStatus
from alongside.growth.models import Resource
from alongside.meetings.models import ActionItem, Meeting, MeetingStatus
from alongside.threads.models import RefKind
from alongside.threads.refs import Action, RefSpec, register, register_action


def _when(meeting: Meeting) -> str:
    return f"{tz.localtime(meeting.starts_at):%-d %b %Y, %H:%M}"


def _action_detail(item: ActionItem) -> str:
    done = "done" if item.done_at else "open"
    due = f", due {item.due_on:%-d %b}" if item.due_on else ""
    return f"{item.owner.name}: {done}{due}"


register(
    RefKind.GOAL,
    RefSpec(
        label="Goal",
        rows=lambda m: Goal.objects.filter(mentorship=m),
        offered=lambda m: Goal.objects.filter(mentorship=m, status=GoalStatus.ACTIVE).order_by(
            "-created_at"
        ),
        title=lambda g: g.title,
        detail=lambda g: g.get_status_display(),
        url=lambda g: reverse("goal", args=[g.public_id]),
    ),
)
register(
    RefKind.MEETING,
    RefSpec(
        label="Meeting",
        rows=lambda m: Meeting.objects.filter(mentorship=m),
        offered=lambda m: Meeting.objects.filter(
            mentorship=m, status=MeetingStatus.SCHEDULED, starts_at__gte=tz.now()
        ).order_by("starts_at"),
        title=lambda meeting: f"{meeting.display_title}, {_when(meeting)}",
        detail=lambda meeting: (
            meeting.get_status_display() if meeting.status != MeetingStatus.SCHEDULED else ""
        ),
        url=lambda meeting: reverse("meeting", args=[meeting.public_id]),
    ),
)
register(
    RefKind.ACTION_ITEM,
    RefSpec(
        label="Action item",
        rows=lambda m: ActionItem.objects.filter(mentorship=m).select_related("owner", "meeting"),
        offered=lambda m: (
            ActionItem.objects.filter(mentorship=m, done_at__isnull=True)
            .select_related("owner", "meeting")
            .order_by("due_on", "-pk")
        ),
        title=lambda item: item.text,
        detail=_action_detail,
        url=lambda item: reverse("meeting", args=[item.meeting.public_id]) + "#actions",
    ),
)
register(
    RefKind.RESOURCE,
    RefSpec(
        label="Resource",
        rows=lambda m: Resource.objects.filter(mentorship=m).select_related("mentorship"),
        offered=lambda m: Resource.objects.filter(mentorship=m).order_by("-created_at"),
        title=lambda r: r.title,
        detail=lambda r: r.url,
        url=lambda r: reverse("resources", args=[r.mentorship.public_id]) + f"#r-{r.public_id}",
    ),
)
register_action(Action(label="Make it an action item", url_name="message_action_item"))
register_action(Action(label="Add to the next meeting's agenda", url_name="message_agenda"))
