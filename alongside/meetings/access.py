"""Meetings and what hangs on them are seen by the pair's two members alone (404 else).
Private notes are filtered further in selectors.notes_visible_to."""

from typing import Any

from django.db.models import Q

from alongside.lib.access import visible_in_pair
from alongside.meetings.models import ActionItem, AgendaItem, Meeting, Note, Visibility
from alongside.people.models import Person


def get_meeting_for(person: Person, public_id: Any) -> Meeting:
    found = Meeting.objects.select_related("mentorship__mentor", "mentorship__mentee", "organizer")
    return visible_in_pair(person, found, public_id, what="meeting")


def get_agenda_item_for(person: Person, public_id: Any) -> AgendaItem:
    found = AgendaItem.objects.all()
    return visible_in_pair(person, found, public_id, what="agenda item", via="meeting__mentorship")


def get_action_item_for(person: Person, public_id: Any) -> ActionItem:
    found = ActionItem.objects.select_related("owner", "meeting")
    return visible_in_pair(person, found, public_id, what="action item")


def get_note_for(person: Person, public_id: Any) -> Note:
    """A shared note of the pair, or the person's own private note: another's private
    note is a 404, the same as one that does not exist."""
    mine = Q(author=person) if person.is_authenticated else Q(pk__in=[])
    found = Note.objects.select_related("author").filter(Q(visibility=Visibility.SHARED) | mine)
    return visible_in_pair(person, found, public_id, what="note", via="meeting__mentorship")
