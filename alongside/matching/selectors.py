"""Reads of matching runs for the pages and the API: one query per page of pairs."""

from dataclasses import replace
from typing import Any

from django.db.models import Count, QuerySet

from alongside.matching.models import MatchingRun, RunPair, RunUnmatched
from alongside.people.models import Person
from alongside.programs.models import Program

FACTOR_FIELDS = ("language", "skills", "text", "timezone", "seniority", "picks")


def runs_of(program: Program) -> QuerySet[MatchingRun]:
    return MatchingRun.objects.filter(program=program).select_related(
        "program", "created_by", "rerun_of"
    )


def run_pairs(run: MatchingRun, *, locked: bool | None = None) -> QuerySet[RunPair]:
    """The run's pairs, best score first, with both people and the mentorship made."""
    found = (
        RunPair.objects.filter(run=run)
        .select_related("mentee", "mentor", "mentorship")
        .order_by("-score", "pk")
    )
    if locked is not None:
        found = found.filter(locked=locked)
    return found


def run_unmatched(run: MatchingRun) -> QuerySet[RunUnmatched]:
    return RunUnmatched.objects.filter(run=run).select_related("mentee").order_by("pk")


def pair_factors(pair: RunPair) -> dict[str, float]:
    """The factors weighed for this pair, each 0-1 (left out: not weighed, or no answer)."""
    return {name: value for name in FACTOR_FIELDS if (value := getattr(pair, name)) is not None}


def alternatives(run: MatchingRun, mentee_pk: int, *, limit: int = 8) -> list[tuple[Any, Any]]:
    """The best mentors with a place left in the run for this mentee, as (person, engine
    Pair) best first: the choices of a swap, scored and explained like the run's pairs."""
    from alongside.matching.engine import suggest
    from alongside.matching.load import load

    found = load(run.program, mentees_only=[mentee_pk])
    if not found.mentees:
        return []
    taken = dict(
        RunPair.objects.filter(run=run)
        .exclude(mentee_id=mentee_pk)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    current = (
        RunPair.objects.filter(run=run, mentee_id=mentee_pk)
        .values_list("mentor_id", flat=True)
        .first()
    )
    mentors = [
        replace(
            m,
            capacity=0 if pk == current else max(m.capacity - taken.get(pk, 0), 0),
        )
        for pk, m in zip(found.mentor_pks, found.mentors, strict=True)
    ]
    (best,) = suggest(
        found.mentees,
        mentors,
        for_mentees=[0],
        limit=limit,
        rules=found.rules,
        weights=run.weights,
        blocked=found.blocked,
        timezone_at=run.created_at,
    )
    people = Person.objects.in_bulk([found.mentor_pks[p.mentor] for p in best])
    return [(people[found.mentor_pks[p.mentor]], p) for p in best]
