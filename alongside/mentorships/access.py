"""Who may see a mentorship: its two members. Anyone else gets a 404."""

from typing import Any

from django.http import HttpRequest

from alongside.lib.access import pair_members, visible_one
from alongside.lib.errors import Conflict
from alongside.mentorships.models import Mentorship, Status
from alongside.people.access import signed_in
from alongside.people.models import Person


def get_mentorship_for(person: Person, public_id: Any) -> Mentorship:
    found = Mentorship.objects.select_related("mentor", "mentee", "program")
    if person.is_authenticated:
        found = found.filter(pair_members(person))
    return visible_one(person, found, public_id, what="mentorship")


def me_and_pair(request: HttpRequest, public_id: Any) -> tuple[Person, Mentorship]:
    """The person signed in and their mentorship `public_id`: the first step of an endpoint
    that acts on a pair (401 signed out, 404 for a pair not theirs)."""
    person = signed_in(request)
    return person, get_mentorship_for(person, public_id)


def require_active(mentorship: Mentorship, *, only: str) -> None:
    """409 unless the pair is active; `only` says what waits for that ("goals change")."""
    if mentorship.status != Status.ACTIVE:
        raise Conflict(
            f"This mentorship is {mentorship.get_status_display().lower()}; "
            f"{only} only while it is active.",
            code=f"status_{mentorship.status}",
        )
