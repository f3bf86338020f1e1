"""Matching runs of a program (its admins and staff): run, review, re-run, publish."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from alongside.lib.pagination import paginate
from alongside.lib.schemas import EmptyIn, PageQuery
from alongside.matching import services
from alongside.matching.access import (
    get_program_to_match,
    get_run_for,
    get_run_mentee,
    get_run_pair,
)
from alongside.matching.models import MatchingRun, RunPair
from alongside.matching.schemas import (
    PairList,
    PairOut,
    PairQuery,
    RerunIn,
    RunIn,
    RunList,
    RunOut,
    SwapIn,
    UnmatchedList,
)
from alongside.matching.selectors import run_pairs, run_unmatched, runs_of
from alongside.people.access import get_person_for, signed_in
from alongside.people.models import Person

router = Router()

RUNS = "/{program_id}/matching/runs"
RUN = RUNS + "/{run_id}"


def _named(viewer: Person, public_id: Any, field: str) -> Person:
    """A person named in the body: one who does not exist is bad input (422), not a 404."""
    try:
        return get_person_for(viewer, public_id)
    except Http404:
        raise ValidationError({field: "No such person."}) from None


def _started(run: MatchingRun) -> Status:
    """201 with the run when it finished in the request, 202 when the worker has it."""
    return Status(201 if run.is_finished else 202, run)


@router.post(RUNS, response={201: RunOut, 202: RunOut})
def run_matching(request: HttpRequest, program_id: str, payload: RunIn) -> Status:
    """Match the program's enrolled mentees with its mentors. `weights`: factor name to
    weight, 0-100 (`skills`, `text`, `timezone`, `language`, `seniority`, `picks`; 1 when
    left out); `fairness`: first raise the lowest pair score, then the total; `floor`: the
    lowest acceptable score (0-1), a mentee whose best is below it is left unmatched with
    the reason; `locked`: pairs (`mentee_id`, `mentor_id`) that must stay. Answers 201 with
    the saved run (`status` done, or failed with `error`) when it finishes within the
    request, else 202 with the run queued for the worker: read it again for `progress`."""
    person = signed_in(request)
    program = get_program_to_match(person, program_id)
    locked = [
        (_named(person, lock.mentee_id, "locked"), _named(person, lock.mentor_id, "locked"))
        for lock in payload.locked
    ]
    run = services.matching_run(
        program=program, actor=person, locked=locked, **payload.dict(exclude={"locked"})
    )
    return _started(run)


@router.get(RUNS, response=RunList)
def list_runs(request: HttpRequest, program_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    """The program's matching runs, the newest first."""
    program = get_program_to_match(signed_in(request), program_id)
    return paginate(runs_of(program), q)


@router.get(RUN, response=RunOut)
def read_run(request: HttpRequest, program_id: str, run_id: str) -> MatchingRun:
    """A run: its parameters, status and progress, totals and the seconds it took."""
    return get_run_for(signed_in(request), program_id, run_id)


@router.get(RUN + "/pairs", response=PairList)
def list_pairs(
    request: HttpRequest, program_id: str, run_id: str, q: Query[PairQuery]
) -> dict[str, Any]:
    """The run's proposed pairs, best first: `score` and each factor 0-1, the
    `explanation` in words; `locked=true` for the locked pairs only."""
    run = get_run_for(signed_in(request), program_id, run_id)
    return paginate(run_pairs(run, locked=q.locked), q)


@router.get(RUN + "/unmatched", response=UnmatchedList)
def list_unmatched(
    request: HttpRequest, program_id: str, run_id: str, q: Query[PageQuery]
) -> dict[str, Any]:
    """The mentees the run left unmatched, each with the reason."""
    run = get_run_for(signed_in(request), program_id, run_id)
    return paginate(run_unmatched(run), q)


def _lock(request: HttpRequest, program_id: str, run_id: str, mentee_id: str, on: bool) -> RunPair:
    person = signed_in(request)
    run = get_run_for(person, program_id, run_id)
    pair = get_run_pair(run, mentee_id)
    return services.run_pair_lock(run=run, actor=person, pair=pair, locked=on)


@router.post(RUN + "/pairs/{mentee_id}/lock", response=PairOut)
def lock_pair(
    request: HttpRequest, program_id: str, run_id: str, mentee_id: str, payload: EmptyIn
) -> RunPair:
    """Lock the mentee's pair: a re-run keeps it. 409 once the run is published."""
    return _lock(request, program_id, run_id, mentee_id, True)


@router.post(RUN + "/pairs/{mentee_id}/unlock", response=PairOut)
def unlock_pair(
    request: HttpRequest, program_id: str, run_id: str, mentee_id: str, payload: EmptyIn
) -> RunPair:
    """Unlock the mentee's pair: a re-run may change it."""
    return _lock(request, program_id, run_id, mentee_id, False)


@router.post(RUN + "/pairs/{mentee_id}/swap", response=PairOut)
def swap_pair(
    request: HttpRequest, program_id: str, run_id: str, mentee_id: str, payload: SwapIn
) -> RunPair:
    """Choose another mentor (`mentor_id`) for a mentee of the run, matched or not. The
    pair is scored and explained again and locked. 409 when the mentor has no place left
    in the run, the two were paired before, or a rule of the program refuses the pair."""
    person = signed_in(request)
    run = get_run_for(person, program_id, run_id)
    mentee = get_run_mentee(run, mentee_id)
    mentor = _named(person, payload.mentor_id, "mentor_id")
    services.run_pair_swap(run=run, actor=person, mentee=mentee, mentor=mentor)
    return get_run_pair(run, mentee_id)


@router.post(RUN + "/rerun", response={201: RunOut, 202: RunOut})
def rerun(request: HttpRequest, program_id: str, run_id: str, payload: RerunIn) -> Status:
    """A new run keeping this run's locked pairs, with its parameters unless changed
    here. Answers as `POST .../matching/runs` does."""
    person = signed_in(request)
    run = get_run_for(person, program_id, run_id)
    new = services.run_rerun(run=run, actor=person, **payload.dict())
    return _started(new)


@router.post(RUN + "/publish", response={200: RunOut, 202: RunOut})
def publish(request: HttpRequest, program_id: str, run_id: str, payload: EmptyIn) -> Status:
    """Propose every pair of the run as a mentorship; both members are told, and it
    becomes active when both confirm (`POST /mentorships/{id}/confirm`). A pair the
    program's rules refuse by now is left out (`not_published` says why). 200 when done,
    202 while the worker proposes a large run's pairs (`published_at` is set when done).
    409 when the run is not finished or already published."""
    person = signed_in(request)
    run = get_run_for(person, program_id, run_id)
    run = services.run_publish(run=run, actor=person)
    return Status(200 if run.published_at else 202, run)
