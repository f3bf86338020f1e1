"""Check-ins and resources belong to the pair (404 to anyone else). A journal entry
belongs to its author alone: even the other member gets a 404."""

from typing import Any

from alongside.growth.models import Appreciation, CheckIn, JournalEntry, Resource
from alongside.lib.access import pair_members, visible_one
from alongside.people.models import Person


def get_checkin_for(person: Person, public_id: Any) -> CheckIn:
    found = CheckIn.objects.select_related("mentorship").filter(
        pair_members(person, "mentorship__")
    )
    return visible_one(person, found, public_id, what="check-in")


def get_resource_for(person: Person, public_id: Any) -> Resource:
    found = Resource.objects.select_related("mentorship").filter(
        pair_members(person, "mentorship__")
    )
    return visible_one(person, found, public_id, what="resource")


def get_journal_entry_for(person: Person, public_id: Any) -> JournalEntry:
    """The author's own entry, or 404: nobody else ever reads a journal."""
    found = JournalEntry.objects.select_related("mentorship").filter(
        author=person if person.is_authenticated else None
    )
    return visible_one(person, found, public_id, what="journal entry")


def get_appreciation_for(person: Person, public_id: Any) -> Appreciation:
    found = Appreciation.objects.select_related("mentorship", "author").filter(
        pair_members(person, "mentorship__")
    )
    return visible_one(person, found, public_id, what="thank-you note")
