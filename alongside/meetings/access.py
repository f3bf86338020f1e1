"""Meetings and what hangs on them are seen by the pair's two members alone (404 else).
Private notes are filtered further in selectors.notes_visible_to."""

from typing import Any

from django.db.models import Q

from alongside.lib.access import pair_members, visible_one
from alongside.meetings.models import ActionItem, AgendaItem, Meeting, Note, Visibility
from alongside.people.models import Person


def get_meeting_for(person: Person, public_id: Any) -> Meeting:
    found = Meeting.objects.select_related(
        "mentorship__mentor", "mentorship__mentee", "organizer"
    ).filter(pair_members(person, "mentorship__"))
    return visible_one(person, found, public_id, what="meeting")


def get_agenda_item_for(person: Person, public_id: Any) -> AgendaItem:
    found = AgendaItem.objects.select_related("meeting__mentorship").filter(
        pair_members(person, "meeting__mentorship__")
    )
    return visible_one(person, found, public_id, what="agenda item")


def get_action_item_for(person: Person, public_id: Any) -> ActionItem:
    found = ActionItem.objects.select_related("mentorship", "owner", "meeting").filter(
        pair_members(person, "mentorship__")
    )
    return visible_one(person, found, public_id, what="action item")


def get_note_for(person: Person, public_id: Any) -> Note:
    """A shared note of the pair, or the person's own private note: another's private
    note is a 404, the same as one that does not exist."""
    mine = Q(author=person) if person.is_authenticated else Q(pk__in=[])
    found = Note.objects.select_related("meeting__mentorship", "author").filter(
        pair_members(person, "meeting__mentorship__"),
        Q(visibility=Visibility.SHARED) | mine,
    )
    return visible_one(person, found, public_id, what="note")
