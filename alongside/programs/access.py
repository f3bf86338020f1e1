from typing import Any

from django.http import Http404

from alongside.lib.inputs import parse_public_id
from alongside.people.models import Person
from alongside.programs.models import Program
from alongside.programs.selectors import community_program, program_visible_to


def get_program_for(person: Person, public_id: Any | None) -> Program:
    """A program the person may take part in; the Community program when none is named.

    A program that is not open is a 404 to anyone neither invited to it, enrolled in it nor
    one of its admins."""
    if not person.is_authenticated:
        raise Http404
    if public_id is None:
        return community_program()
    program = Program.objects.filter(public_id=parse_public_id(public_id)).first()
    if program is None or not program_visible_to(person, program):
        raise Http404("No such program.")
    return program
