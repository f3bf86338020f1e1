"""Who may see a mentorship: its two members. Anyone else gets a 404."""

from typing import Any

from alongside.lib.access import pair_members, visible_one
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person


def get_mentorship_for(person: Person, public_id: Any) -> Mentorship:
    found = Mentorship.objects.select_related("mentor", "mentee", "program")
    if person.is_authenticated:
        found = found.filter(pair_members(person))
    return visible_one(person, found, public_id, what="mentorship")
