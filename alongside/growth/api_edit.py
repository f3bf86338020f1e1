"""Correcting and taking back thank-you notes, resources, check-ins, replies and journal
entries (their authors only: the other member gets 403 where they can read the thing,
404 for a journal entry, which nobody else ever reads). A path that also answers another
method (`/journal/{id}`, `/checkins/{id}/reply`) lives in api.py, beside it: one path is
one router's."""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.growth import services_edit
from alongside.growth.access import get_journal_entry_for
from alongside.growth.models import Appreciation, CheckIn, JournalEntry, Resource
from alongside.growth.schemas import (
    AppreciationIn,
    AppreciationOut,
    CheckInOut,
    CheckInPatch,
    JournalOut,
    ResourceOut,
    ResourcePatch,
)
from alongside.growth.views_edit import APPRECIATION, CHECKIN, RESOURCE
from alongside.lib.edit_pages import api_delete, api_edit
from alongside.lib.schemas import EmptyIn
from alongside.people.api import me

edit_router = Router()


@edit_router.patch("/appreciations/{appreciation_id}", response=AppreciationOut)
def edit_appreciation(
    request: HttpRequest, appreciation_id: str, payload: AppreciationIn
) -> Appreciation:
    return api_edit(APPRECIATION, request, appreciation_id, message=payload.message)


@edit_router.delete("/appreciations/{appreciation_id}", response={204: None})
def delete_appreciation(request: HttpRequest, appreciation_id: str) -> Status:
    """Gone from the timeline, the notifications, and any email not sent yet."""
    return api_delete(APPRECIATION, request, appreciation_id)


@edit_router.patch("/resources/{resource_id}", response=ResourceOut)
def edit_resource(request: HttpRequest, resource_id: str, payload: ResourcePatch) -> Resource:
    return api_edit(RESOURCE, request, resource_id, **payload.dict(exclude_unset=True))


@edit_router.delete("/resources/{resource_id}", response={204: None})
def delete_resource(request: HttpRequest, resource_id: str) -> Status:
    return api_delete(RESOURCE, request, resource_id)


@edit_router.patch("/checkins/{checkin_id}", response=CheckInOut)
def edit_checkin(request: HttpRequest, checkin_id: str, payload: CheckInPatch) -> CheckIn:
    """The mentee corrects a check-in within 7 days (409 `too_late` after)."""
    return api_edit(CHECKIN, request, checkin_id, **payload.dict(exclude_unset=True))


@edit_router.delete("/checkins/{checkin_id}", response={204: None})
def delete_checkin(request: HttpRequest, checkin_id: str) -> Status:
    return api_delete(CHECKIN, request, checkin_id)


@edit_router.post("/journal/{entry_id}/unshare", response=JournalOut)
def unshare_entry(
    request: HttpRequest, entry_id: str, payload: EmptyIn | None = None
) -> JournalEntry:
    """The other member can no longer read it; it stays in your journal."""
    person = me(request)
    entry = get_journal_entry_for(person, entry_id)
    return services_edit.journal_unshare(entry=entry, actor=person)
