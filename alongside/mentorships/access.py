"""Who may see a mentorship: its two members. Anyone else gets a 404."""

from typing import Any

from django.http import Http404

from alongside.mentorships.models import Mentorship
from alongside.people.access import parse_public_id
from alongside.people.models import Person


def get_mentorship_for(person: Person, public_id: Any) -> Mentorship:
    if not person.is_authenticated:
        raise Http404
    mentorship = (
        Mentorship.objects.select_related("mentor", "mentee", "program")
        .filter(public_id=parse_public_id(public_id))
        .first()
    )
    if mentorship is None or not mentorship.is_member(person):
        raise Http404("No such mentorship.")
    return mentorship
