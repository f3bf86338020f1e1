from typing import Any

from django.http import Http404

from alongside.lib.errors import Forbidden
from alongside.lib.inputs import parse_public_id
from alongside.people.models import Person
from alongside.programs.models import Program
from alongside.programs.selectors import community_program, is_program_admin, program_visible_to


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


def get_program_to_run(person: Person, public_id: Any) -> Program:
    """A program this person runs: a 404 to those who may not see it, a 403 to those who
    see it (an open program, one they take part in) without being its admin."""
    if public_id is None:
        raise Http404
    program = get_program_for(person, public_id)
    if not is_program_admin(person, program):
        raise Forbidden(f"Only the admins of {program.name} can do this.", code="not_admin")
    return program


def get_program_overseen(person: Person, public_id: Any) -> Program:
    """A program this person runs, or any program for staff (its insights, its matching):
    to staff a 404 only when there is no such program; to others, as get_program_to_run."""
    if person.is_authenticated and person.is_staff:
        program = Program.objects.filter(public_id=parse_public_id(public_id)).first()
        if program is None:
            raise Http404("No such program.")
        return program
    return get_program_to_run(person, public_id)
