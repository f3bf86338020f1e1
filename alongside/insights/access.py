"""Who may see a program's insights: its admins, and staff. Outsiders get a 404 for a
program they may not see; members who see it, a 403 (programs.access rules)."""

from typing import Any

from alongside.lib.access import visible_one
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person
from alongside.programs.access import get_program_overseen
from alongside.programs.models import Program


def get_program_insights_for(person: Person, public_id: Any) -> Program:
    return get_program_overseen(person, public_id)


def get_program_pair_for(
    person: Person, program_id: Any, mentorship_id: Any
) -> tuple[Program, Mentorship]:
    """A pair of a program this person runs; a pair of another program is a 404."""
    program = get_program_insights_for(person, program_id)
    found = Mentorship.objects.filter(program=program).select_related("mentor", "mentee", "program")
    return program, visible_one(person, found, mentorship_id, what="pair")
