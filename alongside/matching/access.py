"""Who may see a program's matching runs: its admins, and staff. Anyone else who cannot
see the program gets a 404; a member who sees it without running it, a 403."""

from typing import Any

from django.http import Http404

from alongside.lib.access import visible_one
from alongside.lib.errors import Forbidden
from alongside.lib.inputs import parse_public_id
from alongside.matching.models import MatchingRun, RunPair, RunUnmatched
from alongside.people.models import Person
from alongside.programs.access import get_program_overseen
from alongside.programs.models import Program


def get_program_to_match(person: Person, public_id: Any) -> Program:
    """A program whose matching this person runs: one of its admins, or staff."""
    try:
        return get_program_overseen(person, public_id)
    except Forbidden:
        raise Forbidden("Only the program's admins match its people.", code="not_admin") from None


def get_run_for(person: Person, program_id: Any, run_id: Any) -> MatchingRun:
    """A run of a program this person matches (the program checked first)."""
    program = get_program_to_match(person, program_id)
    found = MatchingRun.objects.filter(program=program).select_related(
        "program", "created_by", "rerun_of"
    )
    return visible_one(person, found, run_id, what="matching run")


def get_run_mentee(run: MatchingRun, mentee_id: Any) -> Person:
    """A mentee of the run, matched or not, by their public id; else a 404."""
    pk = parse_public_id(mentee_id)
    person = Person.objects.filter(public_id=pk).first()
    if person is None or not (
        RunPair.objects.filter(run=run, mentee=person).exists()
        or RunUnmatched.objects.filter(run=run, mentee=person).exists()
    ):
        raise Http404("No such mentee in this run.")
    return person


def get_run_pair(run: MatchingRun, mentee_id: Any) -> RunPair:
    """The run's pair of this mentee (the mentee's public id names the pair)."""
    pair = (
        RunPair.objects.filter(run=run, mentee__public_id=parse_public_id(mentee_id))
        .select_related("mentee", "mentor")
        .first()
    )
    if pair is None:
        raise Http404("No pair of this mentee in this run.")
    return pair
