"""What a message becomes, over the API: the same services as the thread page's buttons
(thread_actions.py), here in the top layer because they write into meetings."""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.home.thread_actions import message_to_action_item, message_to_agenda
from alongside.lib.schemas import EmptyIn
from alongside.meetings.schemas import ActionItemOut, AgendaOut
from alongside.people.api import me
from alongside.threads.access import get_message_for

router = Router()


@router.post("/messages/{message_id}/action-item", response={201: ActionItemOut})
def to_action_item(request: HttpRequest, message_id: str, payload: EmptyIn | None = None) -> Status:
    """The message becomes your action item, on the pair's next meeting (or the latest
    held); 409 `no_meeting` when the pair has none, `deleted` for a deleted message."""
    person = me(request)
    item = message_to_action_item(message=get_message_for(person, message_id), actor=person)
    return Status(201, item)


@router.post("/messages/{message_id}/agenda", response={201: AgendaOut})
def to_agenda(request: HttpRequest, message_id: str, payload: EmptyIn | None = None) -> Status:
    """The message goes on the agenda of the pair's next meeting; 409 `no_next_meeting`
    when none is scheduled."""
    person = me(request)
    item = message_to_agenda(message=get_message_for(person, message_id), actor=person)
    return Status(201, item)
