"""Check-ins, appreciation, resources and shared entries belong to the pair (404 to anyone
else). A journal entry belongs to its author alone: even the other member gets a 404."""

from typing import Any

from django.db.models import Q
from django.http import Http404

from alongside.growth.models import CheckIn, JournalEntry, Resource
from alongside.people.access import parse_public_id
from alongside.people.models import Person


def _members(person: Person) -> Q:
    return Q(mentorship__mentor=person) | Q(mentorship__mentee=person)


def get_checkin_for(person: Person, public_id: Any) -> CheckIn:
    if not person.is_authenticated:
        raise Http404
    found = (
        CheckIn.objects.select_related("mentorship")
        .filter(_members(person), public_id=parse_public_id(public_id))
        .first()
    )
    if found is None:
        raise Http404("No such check-in.")
    return found


def get_resource_for(person: Person, public_id: Any) -> Resource:
    if not person.is_authenticated:
        raise Http404
    found = (
        Resource.objects.select_related("mentorship")
        .filter(_members(person), public_id=parse_public_id(public_id))
        .first()
    )
    if found is None:
        raise Http404("No such resource.")
    return found


def get_journal_entry_for(person: Person, public_id: Any) -> JournalEntry:
    """The author's own entry, or 404: nobody else ever reads a journal."""
    if not person.is_authenticated:
        raise Http404
    found = (
        JournalEntry.objects.select_related("mentorship")
        .filter(author=person, public_id=parse_public_id(public_id))
        .first()
    )
    if found is None:
        raise Http404("No such journal entry.")
    return found
