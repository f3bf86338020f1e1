"""Correcting and taking back thank-you notes, resources, check-ins, replies and journal
entries (their authors only: the other member gets 403 where they can read the thing,
404 for a journal entry, which nobody else ever reads). A path that also answers another
method (`/journal/{id}`, `/checkins/{id}/reply`) lives in api.py, beside it: one path is
one router's."""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.growth import services_edit
from alongside.growth.access import (
    get_appreciation_for,
    get_checkin_for,
    get_journal_entry_for,
    get_resource_for,
)
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
from alongside.lib.schemas import EmptyIn
from alongside.people.api import me

edit_router = Router()


@edit_router.patch("/appreciations/{appreciation_id}", response=AppreciationOut)
def edit_appreciation(
    request: HttpRequest, appreciation_id: str, payload: AppreciationIn
) -> Appreciation:
    person = me(request)
    appreciation = get_appreciation_for(person, appreciation_id)
    return services_edit.appreciation_edit(
        appreciation=appreciation, actor=person, message=payload.message
    )


@edit_router.delete("/appreciations/{appreciation_id}", response={204: None})
def delete_appreciation(request: HttpRequest, appreciation_id: str) -> Status:
    """Gone from the timeline, the notifications, and any email not sent yet."""
    person = me(request)
    appreciation = get_appreciation_for(person, appreciation_id)
    services_edit.appreciation_delete(appreciation=appreciation, actor=person)
    return Status(204, None)


@edit_router.patch("/resources/{resource_id}", response=ResourceOut)
def edit_resource(request: HttpRequest, resource_id: str, payload: ResourcePatch) -> Resource:
    person = me(request)
    resource = get_resource_for(person, resource_id)
    return services_edit.resource_edit(
        resource=resource, actor=person, **payload.dict(exclude_unset=True)
    )


@edit_router.delete("/resources/{resource_id}", response={204: None})
def delete_resource(request: HttpRequest, resource_id: str) -> Status:
    person = me(request)
    services_edit.resource_delete(resource=get_resource_for(person, resource_id), actor=person)
    return Status(204, None)


@edit_router.patch("/checkins/{checkin_id}", response=CheckInOut)
def edit_checkin(request: HttpRequest, checkin_id: str, payload: CheckInPatch) -> CheckIn:
    """The mentee corrects a check-in within 7 days (409 `too_late` after)."""
    person = me(request)
    checkin = get_checkin_for(person, checkin_id)
    changes = payload.dict(exclude_unset=True)
    return services_edit.checkin_edit(checkin=checkin, actor=person, **changes)


@edit_router.delete("/checkins/{checkin_id}", response={204: None})
def delete_checkin(request: HttpRequest, checkin_id: str) -> Status:
    person = me(request)
    services_edit.checkin_delete(checkin=get_checkin_for(person, checkin_id), actor=person)
    return Status(204, None)


@edit_router.post("/journal/{entry_id}/unshare", response=JournalOut)
def unshare_entry(
    request: HttpRequest, entry_id: str, payload: EmptyIn | None = None
) -> JournalEntry:
    """The other member can no longer read it; it stays in your journal."""
    person = me(request)
    entry = get_journal_entry_for(person, entry_id)
    return services_edit.journal_unshare(entry=entry, actor=person)
