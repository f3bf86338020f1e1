"""Correcting and taking back agenda items, notes and action items (their authors only;
the other member gets 403, or 404 for a private note), and undoing "covered" and "done"
(either member)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from alongside.lib.edit_pages import api_delete, api_edit
from alongside.lib.schemas import EmptyIn
from alongside.meetings import services_edit
from alongside.meetings.access import get_action_item_for, get_agenda_item_for
from alongside.meetings.models import ActionItem, AgendaItem, Note
from alongside.meetings.schemas import (
    ActionItemOut,
    ActionItemPatch,
    AgendaOut,
    AgendaPatch,
    NoteOut,
    NotePatch,
)
from alongside.meetings.views_edit import ACTION, AGENDA, NOTE
from alongside.people.access import get_person_for
from alongside.people.api import me

edit_router = Router()


@edit_router.patch("/agenda/{agenda_item_id}", response=AgendaOut)
def edit_agenda(request: HttpRequest, agenda_item_id: str, payload: AgendaPatch) -> AgendaItem:
    return api_edit(AGENDA, request, agenda_item_id, text=payload.text)


@edit_router.delete("/agenda/{agenda_item_id}", response={204: None})
def delete_agenda(request: HttpRequest, agenda_item_id: str) -> Status:
    return api_delete(AGENDA, request, agenda_item_id)


@edit_router.post("/agenda/{agenda_item_id}/uncover", response=AgendaOut)
def uncover(
    request: HttpRequest, agenda_item_id: str, payload: EmptyIn | None = None
) -> AgendaItem:
    """Undo "covered": the item is open again."""
    person = me(request)
    item = get_agenda_item_for(person, agenda_item_id)
    return services_edit.agenda_uncover(item=item, actor=person)


@edit_router.patch("/notes/{note_id}", response=NoteOut)
def edit_note(request: HttpRequest, note_id: str, payload: NotePatch) -> Note:
    """Change `body`, `kind` or `visibility`: a shared note made private leaves the
    timeline and the other member's notifications."""
    return api_edit(NOTE, request, note_id, **payload.dict(exclude_unset=True))


@edit_router.delete("/notes/{note_id}", response={204: None})
def delete_note(request: HttpRequest, note_id: str) -> Status:
    return api_delete(NOTE, request, note_id)


@edit_router.patch("/action-items/{item_id}", response=ActionItemOut)
def edit_action_item(request: HttpRequest, item_id: str, payload: ActionItemPatch) -> ActionItem:
    changes: dict[str, Any] = payload.dict(exclude_unset=True)
    if "owner_id" in changes:
        owner_id = changes.pop("owner_id")
        changes["owner"] = get_person_for(me(request), owner_id) if owner_id is not None else None
    return api_edit(ACTION, request, item_id, **changes)


@edit_router.delete("/action-items/{item_id}", response={204: None})
def delete_action_item(request: HttpRequest, item_id: str) -> Status:
    return api_delete(ACTION, request, item_id)


@edit_router.post("/action-items/{item_id}/reopen", response=ActionItemOut)
def reopen(request: HttpRequest, item_id: str, payload: EmptyIn | None = None) -> ActionItem:
    """Undo "done": the item is open again and leaves the timeline until done again."""
    person = me(request)
    return services_edit.action_item_reopen(item=get_action_item_for(person, item_id), actor=person)
