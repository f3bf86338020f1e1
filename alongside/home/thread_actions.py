"""What a message can become outside the thread: an action item, an agenda item of the
next meeting. Here, in the top layer, because they write into meetings, which the thread
may not import (see cards.py)."""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone as tz
from django.views.decorators.http import require_POST

from alongside.lib.errors import Conflict
from alongside.lib.pages import act
from alongside.lib.routes import Routes
from alongside.lib.text import fold_one_line
from alongside.meetings.models import ITEM_MAX, ActionItem, AgendaItem, Meeting, MeetingStatus
from alongside.meetings.selectors import meetings_for, next_meeting
from alongside.meetings.services import action_item_add, agenda_add
from alongside.people.access import signed_in
from alongside.people.models import Person
from alongside.threads.access import get_message_for
from alongside.threads.models import Message

routes = Routes()

T = TypeVar("T")


def _as_item(message: Message) -> str:
    """The message as one line that fits an action or agenda item."""
    if message.deleted:
        raise Conflict("This message was deleted.", code="deleted")
    text = fold_one_line(message.body)
    return text if len(text) <= ITEM_MAX else text[: ITEM_MAX - 1].rstrip() + "…"


def _meeting_for_actions(message: Message) -> Meeting:
    """The next meeting, else the latest held: action items belong to a meeting."""
    mentorship = message.mentorship
    meeting = next_meeting(mentorship) or (
        meetings_for(mentorship)
        .filter(status=MeetingStatus.SCHEDULED, starts_at__lte=tz.now())
        .last()
    )
    if meeting is None:
        raise Conflict(
            "Schedule a meeting first: an action item belongs to a meeting.", code="no_meeting"
        )
    return meeting


@transaction.atomic
def message_to_action_item(*, message: Message, actor: Person) -> ActionItem:
    """An action item for the person who asks, on the next (or latest) meeting."""
    text = _as_item(message)
    meeting = _meeting_for_actions(message)
    return action_item_add(meeting=meeting, author=actor, text=text, owner=actor)


@transaction.atomic
def message_to_agenda(*, message: Message, actor: Person) -> AgendaItem:
    text = _as_item(message)
    meeting = next_meeting(message.mentorship)
    if meeting is None:
        raise Conflict(
            "There is no next meeting yet: schedule one, then add this to its agenda.",
            code="no_next_meeting",
        )
    return agenda_add(meeting=meeting, author=actor, text=text)


def _day(meeting: Meeting) -> str:
    return f"{tz.localtime(meeting.starts_at):%-d %b}"


def _back(message: Message) -> str:
    return reverse("thread", args=[message.mentorship.public_id]) + f"#m-{message.seq}"


def _added_action_item(item: ActionItem) -> str:
    return f"Added as your action item, on the meeting of {_day(item.meeting)} ({item.text[:60]})."


def _added_to_agenda(item: AgendaItem) -> str:
    return f"Added to the agenda of your meeting on {_day(item.meeting)}."


def _from_message(
    request: HttpRequest, message_id: str, make: Callable[..., T], said: Callable[[T], str]
) -> HttpResponse:
    """A button under a message: `make` turns it into an item, then back to it in the thread."""
    me = signed_in(request)
    message = get_message_for(me, message_id)
    return act(request, lambda: make(message=message, actor=me), to=_back(message), said=said)


@routes.page("messages/<str:message_id>/action-item/", name="message_action_item")
@require_POST
def action_item(request: HttpRequest, message_id: str) -> HttpResponse:
    return _from_message(request, message_id, message_to_action_item, _added_action_item)


@routes.page("messages/<str:message_id>/agenda/", name="message_agenda")
@require_POST
def agenda(request: HttpRequest, message_id: str) -> HttpResponse:
    return _from_message(request, message_id, message_to_agenda, _added_to_agenda)
