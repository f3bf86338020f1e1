"""Meetings and what hangs on them are seen by the pair's two members alone (404 else).
Private notes are filtered further in selectors.notes_visible_to."""

from typing import Any

from django.db.models import Q
from django.http import Http404

from alongside.meetings.models import ActionItem, AgendaItem, Meeting
from alongside.people.access import parse_public_id
from alongside.people.models import Person


def _members(prefix: str, person: Person) -> Q:
    return Q(**{f"{prefix}mentor": person}) | Q(**{f"{prefix}mentee": person})


def get_meeting_for(person: Person, public_id: Any) -> Meeting:
    if not person.is_authenticated:
        raise Http404
    meeting = (
        Meeting.objects.select_related("mentorship__mentor", "mentorship__mentee", "organizer")
        .filter(_members("mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def get_agenda_item_for(person: Person, public_id: Any) -> AgendaItem:
    if not person.is_authenticated:
        raise Http404
    item = (
        AgendaItem.objects.select_related("meeting__mentorship")
        .filter(_members("meeting__mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if item is None:
        raise Http404("No such agenda item.")
    return item


def get_action_item_for(person: Person, public_id: Any) -> ActionItem:
    if not person.is_authenticated:
        raise Http404
    item = (
        ActionItem.objects.select_related("mentorship", "owner", "meeting")
        .filter(_members("mentorship__", person), public_id=parse_public_id(public_id))
        .first()
    )
    if item is None:
        raise Http404("No such action item.")
    return item
