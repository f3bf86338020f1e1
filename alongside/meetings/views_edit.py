"""The pages that correct and take back agenda items, notes and action items (their
authors only), and undo "covered" and "done" (either member)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from alongside.lib.edit_pages import SEEN_EDITED, Editable
from alongside.lib.forms import AccessibleForm
from alongside.lib.pages import act
from alongside.lib.routes import Routes
from alongside.meetings import services_edit
from alongside.meetings.access import get_action_item_for, get_agenda_item_for, get_note_for
from alongside.meetings.forms import ActionItemForm, NoteForm
from alongside.meetings.models import ITEM_MAX, ActionItem, Visibility
from alongside.people.access import get_person_for, signed_in

routes = Routes()


class AgendaEditForm(AccessibleForm):
    text = forms.CharField(max_length=ITEM_MAX, label="Agenda item")


def _meeting_anchor(anchor: str) -> Any:
    return lambda thing: f"/meetings/{thing.meeting.public_id}/#{anchor}"


def _action_changes(me: Any, form: ActionItemForm, item: ActionItem) -> dict[str, Any]:
    data = form.cleaned_data
    owner = get_person_for(me, data["owner"])
    return {"text": data["text"], "owner": owner, "due_on": data["due_on"]}


AGENDA = Editable(
    what="agenda item",
    get=get_agenda_item_for,
    author_id=lambda item: item.author_id,
    form=lambda data, initial, thing: AgendaEditForm(data, initial=initial),
    initial=lambda item: {"text": item.text},
    edit=services_edit.agenda_edit,
    delete=services_edit.agenda_delete,
    back=_meeting_anchor("agenda"),
    quote=lambda item: item.text,
)
NOTE = Editable(
    what="note",
    get=get_note_for,
    author_id=lambda note: note.author_id,
    form=lambda data, initial, thing: NoteForm(data, initial=initial),
    initial=lambda note: {"body": note.body, "kind": note.kind, "visibility": note.visibility},
    edit=services_edit.note_edit,
    delete=services_edit.note_delete,
    back=_meeting_anchor("notes"),
    quote=lambda note: note.body,
    arg="note",
    edit_note=lambda note: SEEN_EDITED if note.visibility == Visibility.SHARED else "",
)
ACTION = Editable(
    what="action item",
    get=get_action_item_for,
    author_id=lambda item: item.created_by_id,
    form=lambda data, initial, thing: ActionItemForm(
        data, initial=initial, mentorship=thing.mentorship
    ),
    initial=lambda item: {
        "text": item.text,
        "owner": str(item.owner.public_id),
        "due_on": item.due_on,
    },
    edit=services_edit.action_item_edit,
    delete=services_edit.action_item_delete,
    back=_meeting_anchor("actions"),
    quote=lambda item: item.text,
    changes=_action_changes,
)

agenda_edit, agenda_delete = routes.edit_pages("agenda/<str:thing_id>/", AGENDA, name="agenda")
note_edit, note_delete = routes.edit_pages("notes/<str:thing_id>/", NOTE, name="note")
action_item_edit, action_item_delete = routes.edit_pages(
    "action-items/<str:thing_id>/", ACTION, name="action"
)


UNCOVERED = "Marked as not covered yet."
REOPENED = "The action item is open again."


def _undo(
    request: HttpRequest, item: Any, service: Callable[..., Any], *, anchor: str, said: str
) -> HttpResponse:
    """Undo a mark either member may set ("covered", "done"), then back to its list."""
    me = signed_in(request)
    to = _meeting_anchor(anchor)(item)
    return act(request, lambda: service(item=item, actor=me), to=to, said=said)


@routes.page("agenda/<str:item_id>/uncover/", name="agenda_uncover")
@require_POST
def agenda_uncover(request: HttpRequest, item_id: str) -> HttpResponse:
    item = get_agenda_item_for(signed_in(request), item_id)
    return _undo(request, item, services_edit.agenda_uncover, anchor="agenda", said=UNCOVERED)


@routes.page("action-items/<str:item_id>/reopen/", name="action_reopen")
@require_POST
def action_item_reopen(request: HttpRequest, item_id: str) -> HttpResponse:
    item = get_action_item_for(signed_in(request), item_id)
    return _undo(request, item, services_edit.action_item_reopen, anchor="actions", said=REOPENED)
