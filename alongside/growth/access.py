"""Check-ins and resources belong to the pair (404 to anyone else). A journal entry
belongs to its author alone: even the other member gets a 404."""

from typing import Any

from alongside.growth.models import Appreciation, CheckIn, JournalEntry, Resource
from alongside.lib.access import visible_in_pair, visible_one
from alongside.people.models import Person


def get_checkin_for(person: Person, public_id: Any) -> CheckIn:
    return visible_in_pair(person, CheckIn.objects.all(), public_id, what="check-in")


def get_resource_for(person: Person, public_id: Any) -> Resource:
    return visible_in_pair(person, Resource.objects.all(), public_id, what="resource")


def get_journal_entry_for(person: Person, public_id: Any) -> JournalEntry:
    """The author's own entry, or 404: nobody else ever reads a journal."""
    found = JournalEntry.objects.select_related("mentorship").filter(
        author=person if person.is_authenticated else None
    )
    return visible_one(person, found, public_id, what="journal entry")


def get_appreciation_for(person: Person, public_id: Any) -> Appreciation:
    found = Appreciation.objects.select_related("author")
    return visible_in_pair(person, found, public_id, what="thank-you note")
