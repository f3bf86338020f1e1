"""Matching runs: run the engine over a program's participants, review, publish.

    run = matching_run(program=..., actor=admin, weights={"skills": 2}, fairness=True,
                       floor=0.3, locked=[(mentee, mentor)])
    run_pair_lock(run=run, actor=admin, mentee=mentee, locked=True)
    run_pair_swap(run=run, actor=admin, mentee=mentee, mentor=other_mentor)
    run_rerun(run=run, actor=admin)        # a new run keeping the locked pairs
    run_publish(run=run, actor=admin)      # proposed mentorships, both notified

A small run is run in the request; a larger one is queued for the worker
(`MATCHING_INLINE_MENTEES`), which claims it with a conditional UPDATE, so each run
runs once whatever the number of workers. Its progress is saved as it goes.
"""

import logging
import math
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Min
from django.utils import timezone as tz

from alongside.lib.bulk import insert_rows
from alongside.lib.errors import Conflict, Forbidden, ServiceError
from alongside.matching.load import Participants, load, mentor_free_places
from alongside.matching.models import MatchingRun, RunPair, RunStatus, RunUnmatched
from alongside.mentorships.models import Mentorship
from alongside.mentorships.services import mentorship_propose
from alongside.people.audit import audit
from alongside.people.models import AuditAction, Person
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role
from alongside.programs.selectors import is_program_admin

logger = logging.getLogger(__name__)

FACTORS = ("language", "skills", "text", "timezone", "seniority", "picks")  # model.FACTORS
WEIGHT_MAX = 100.0
CANDIDATES_PER_MENTEE = 50
# Pairs proposed in the request when publishing; more go to the worker.
PUBLISH_INLINE_MAX = 200
PUBLISH_PROGRESS_EVERY = 100
FAILED = "The run failed unexpectedly; try again, or tell the site's administrators."


def may_run(person: Person, program: Program) -> bool:
    """A program's admins, and staff, run its matching."""
    return bool(person.is_authenticated and (person.is_staff or is_program_admin(person, program)))


def _check_admin(program: Program, actor: Person) -> None:
    if not may_run(actor, program):
        raise Forbidden(f"Only the admins of {program.name} match its people.", code="not_admin")


def clean_weights(weights: Mapping[str, Any] | None) -> dict[str, float]:
    """All six factors with their weight (1 for those not given), each 0 to 100."""
    given = dict(weights or {})
    unknown = sorted(set(given) - set(FACTORS))
    if unknown:
        names = ", ".join(FACTORS)
        raise ValidationError(
            {"weights": f"Unknown factor '{unknown[0][:40]}'; the factors are {names}."}
        )
    out: dict[str, float] = {}
    for name in FACTORS:
        value = given.get(name, 1.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError({"weights": f"The weight of {name} is a number from 0 to 100."})
        value = float(value)
        if not math.isfinite(value) or not 0 <= value <= WEIGHT_MAX:
            raise ValidationError({"weights": f"The weight of {name} is a number from 0 to 100."})
        out[name] = value
    if sum(out.values()) <= 0:
        raise ValidationError({"weights": "Give at least one factor a weight above 0."})
    return out


def clean_floor(floor: Any) -> float:
    if isinstance(floor, bool) or not isinstance(floor, int | float):
        raise ValidationError({"floor": "The floor is the lowest acceptable score, from 0 to 1."})
    value = float(floor)
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise ValidationError({"floor": "The floor is the lowest acceptable score, from 0 to 1."})
    return value


def _check_locks(program: Program, locked: Iterable[tuple[Person, Person]]) -> list[list[int]]:
    """Locked pairs as [mentee pk, mentor pk]: each mentee once, both enrolled in their
    role, and the mentor with room for their locked mentees."""
    pairs = [(a, b) for a, b in locked]
    if not pairs:
        return []
    seen: set[int] = set()
    for mentee, _ in pairs:
        if mentee.pk in seen:
            raise ValidationError({"locked": f"{mentee.name} is locked to more than one mentor."})
        seen.add(mentee.pk)
    active = Enrollment.objects.filter(program=program, status=EnrollmentStatus.ACTIVE)
    mentees = set(
        active.filter(role=Role.MENTEE, person__in=[a for a, _ in pairs]).values_list(
            "person_id", flat=True
        )
    )
    mentors = set(
        active.filter(role=Role.MENTOR, person__in=[b for _, b in pairs]).values_list(
            "person_id", flat=True
        )
    )
    for mentee, mentor in pairs:
        if mentee.pk not in mentees:
            raise ValidationError(
                {"locked": f"{mentee.name} is not enrolled as a mentee in {program.name}."}
            )
        if mentor.pk not in mentors:
            raise ValidationError(
                {"locked": f"{mentor.name} is not enrolled as a mentor in {program.name}."}
            )
    return [[a.pk, b.pk] for a, b in pairs]


def matching_run(
    *,
    program: Program,
    actor: Person,
    weights: Mapping[str, Any] | None = None,
    fairness: bool = False,
    floor: Any = 0.0,
    locked: Iterable[tuple[Person, Person]] = (),
    rerun_of: MatchingRun | None = None,
) -> MatchingRun:
    """Save a run with its parameters and run it: now when the program is small, else in
    the worker. Answers the run as saved (done, failed, or queued)."""
    _check_admin(program, actor)
    if not isinstance(fairness, bool):
        raise ValidationError({"fairness": "Give true or false."})
    clean = clean_weights(weights)
    low = clean_floor(floor)
    locks = _check_locks(program, locked)
    rules = {
        "require_shared_language": program.require_shared_language,
        "avoid_same_department": program.avoid_same_department,
    }
    run = MatchingRun.objects.create(
        program=program,
        created_by=actor,
        rerun_of=rerun_of,
        weights=clean,
        fairness=fairness,
        floor=low,
        params={
            "rules": rules,
            "locked": locks,
            "candidates_per_mentee": CANDIDATES_PER_MENTEE,
            "seed": 0,
        },
        stage="Waiting for the worker",
    )
    audit(
        AuditAction.MATCHING_RUN,
        actor=actor,
        program=program,
        detail={"run": str(run.public_id), "fairness": fairness, "locked": len(locks)},
    )
    size = Enrollment.objects.filter(
        program=program, role=Role.MENTEE, status=EnrollmentStatus.ACTIVE
    ).count()
    if size <= settings.MATCHING_INLINE_MENTEES:
        run_execute(run_id=run.pk)
        run.refresh_from_db()
    else:
        from alongside.matching.tasks import matching_run_task

        matching_run_task.enqueue(run_id=run.pk)
    return run


def _progress(run: MatchingRun, percent: int, stage: str) -> None:
    MatchingRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage)


def run_execute(*, run_id: int) -> MatchingRun | None:
    """Claim a queued run and run it; None when another worker has it already."""
    claimed = MatchingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=tz.now(), progress=5, stage="Reading the participants"
    )
    if not claimed:
        return None
    run = MatchingRun.objects.select_related("program").get(pk=run_id)
    try:
        _execute(run)
    except (ValueError, ServiceError) as exc:  # the engine's or our own, for the admin
        _fail(run, str(getattr(exc, "detail", exc)))
    except Exception:  # the run shows it failed rather than staying "running" forever
        logger.exception("Matching run %s failed", run.public_id)
        _fail(run, FAILED)
    run.refresh_from_db()
    return run


def _fail(run: MatchingRun, error: str) -> None:
    MatchingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=error[:1000], stage="", finished_at=tz.now()
    )


def _execute(run: MatchingRun) -> None:
    from alongside.matching.engine import match  # numpy and friends: only where they run

    started, cpu = time.perf_counter(), time.process_time()
    found = load(run.program)
    mentee_at, mentor_at = found.mentee_at(), found.mentor_at()
    locked = []
    for a, b in run.params.get("locked", []):
        if a not in mentee_at:
            raise ValueError(
                "A locked mentee is no longer waiting for a mentor in this program "
                "(left, or paired meanwhile); run again without that lock."
            )
        if b not in mentor_at:
            raise ValueError(
                "A locked mentor is no longer a mentor of this program; run again without "
                "that lock."
            )
        locked.append((mentee_at[a], mentor_at[b]))
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    _progress(run, 20, f"Matching {len(found.mentees)} mentees with {len(found.mentors)} mentors")
    result = match(
        found.mentees,
        found.mentors,
        rules=found.rules,
        weights=run.weights,
        blocked=found.blocked,
        locked=locked,
        fairness=run.fairness,
        floor=run.floor,
        candidates_per_mentee=int(run.params.get("candidates_per_mentee", CANDIDATES_PER_MENTEE)),
        timezone_at=run.created_at,
        seed=int(run.params.get("seed", 0)),
    )
    solved, solved_cpu = time.perf_counter(), time.process_time()
    _progress(run, 80, f"Saving {len(result.pairs)} pairs")
    with transaction.atomic():
        _save(run, found, result)
        saved, saved_cpu = time.perf_counter(), time.process_time()
        totals = result.totals
        MatchingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            stage="",
            matched=totals.matched,
            unmatched=totals.unmatched,
            mean_score=totals.mean_score,
            min_score=totals.min_score,
            seconds=round(saved - started, 3),
            timings={
                "load_seconds": round(loaded - started, 3),
                "solve_seconds": round(solved - loaded, 3),
                "save_seconds": round(saved - solved, 3),
                "load_cpu": round(loaded_cpu - cpu, 3),
                "solve_cpu": round(solved_cpu - loaded_cpu, 3),
                "save_cpu": round(saved_cpu - solved_cpu, 3),
                "cpu_seconds": round(saved_cpu - cpu, 3),
                "mentees": len(found.mentees),
                "mentors": len(found.mentors),
                "already_paired": found.already_paired,
                "blocked": len(found.blocked),
                **{f"engine_{k}": round(float(v), 4) for k, v in result.stats.items()},
            },
            finished_at=tz.now(),
        )


def _save(run: MatchingRun, found: Participants, result: Any) -> None:
    """The pairs and the unmatched as plain rows: 50,000 of them in a few seconds."""
    mentees, mentors = found.mentee_pks, found.mentor_pks
    insert_rows(
        RunPair,
        [
            "run_id",
            "mentee_id",
            "mentor_id",
            "score",
            *FACTORS,
            "explanation",
            "locked",
            "swapped",
            "not_published",
        ],
        (
            (
                run.pk,
                mentees[p.mentee],
                mentors[p.mentor],
                p.score,
                *(p.factors.get(name) for name in FACTORS),
                p.explanation,
                p.locked,
                False,
                "",
            )
            for p in result.pairs
        ),
    )
    insert_rows(
        RunUnmatched,
        ["run_id", "mentee_id", "reason"],
        ((run.pk, mentees[u.mentee], u.reason) for u in result.unmatched),
    )


# --- Review ---------------------------------------------------------------------------


def _reviewable(run: MatchingRun, actor: Person, *, action: str) -> MatchingRun:
    _check_admin(run.program, actor)
    locked = MatchingRun.objects.select_for_update().select_related("program").get(pk=run.pk)
    if locked.status != RunStatus.DONE:
        raise Conflict(
            f"This run is {locked.get_status_display().lower()}, so its pairs cannot be "
            f"{action} now.",
            code=f"run_{locked.status}",
        )
    return locked


@transaction.atomic
def run_pair_lock(*, run: MatchingRun, actor: Person, pair: RunPair, locked: bool) -> RunPair:
    """Lock a pair so that a re-run keeps it, or unlock it."""
    _reviewable(run, actor, action="locked" if locked else "unlocked")
    RunPair.objects.filter(pk=pair.pk).update(locked=locked)
    pair.locked = locked
    return pair


def _totals(run: MatchingRun) -> None:
    """The run's totals again, after a swap changed a pair."""
    agg = RunPair.objects.filter(run=run).aggregate(
        n=Count("pk"), mean=Avg("score"), low=Min("score")
    )
    MatchingRun.objects.filter(pk=run.pk).update(
        matched=agg["n"],
        unmatched=RunUnmatched.objects.filter(run=run).count(),
        mean_score=agg["mean"] or 0.0,
        min_score=agg["low"] or 0.0,
    )


@transaction.atomic
def run_pair_swap(*, run: MatchingRun, actor: Person, mentee: Person, mentor: Person) -> RunPair:
    """The admin chooses another mentor for a mentee of the run (matched or not): the pair
    is scored and explained again, within the program's rules and the mentor's places,
    and locked so that a re-run keeps it."""
    from alongside.matching.engine import rule_problem, score_pairs

    run = _reviewable(run, actor, action="changed")
    program = run.program
    current = RunPair.objects.filter(run=run, mentee=mentee).first()
    waiting = RunUnmatched.objects.filter(run=run, mentee=mentee).first()
    if current is None and waiting is None:
        raise ValidationError({"mentee_id": f"{mentee.name} is not a mentee of this run."})
    if current is not None and current.mentor_id == mentor.pk:
        raise Conflict(f"{mentor.name} is already {mentee.name}'s mentor in this run.", code="same")
    if mentor.pk == mentee.pk:
        raise Conflict("A person cannot be their own mentor.", code="self")
    if not Enrollment.objects.filter(
        program=program, person=mentor, role=Role.MENTOR, status=EnrollmentStatus.ACTIVE
    ).exists():
        raise ValidationError(
            {"mentor_id": f"{mentor.name} is not enrolled as a mentor in {program.name}."}
        )
    places = mentor_free_places(program).get(mentor.pk, 0)
    taken = RunPair.objects.filter(run=run, mentor=mentor).count()
    if taken >= places:
        raise Conflict(
            f"{mentor.name} has no place left in this run ({places} in all); move one of "
            "their mentees to someone else first.",
            code="at_capacity",
        )
    if Mentorship.objects.filter(mentee=mentee, mentor=mentor).exists():
        raise Conflict(
            f"{mentee.name} and {mentor.name} were paired (or asked) before; matching never "
            "pairs them again.",
            code="paired_before",
        )
    found = load(program, mentees_only=[mentee.pk])
    j = found.mentor_at()[mentor.pk]
    problem = rule_problem(found.mentees[0], found.mentors[j], found.rules)
    if problem:
        raise Conflict(f"{mentee.name} and {mentor.name} cannot be paired: {problem}.", code="rule")
    (scored,) = score_pairs(
        found.mentees,
        found.mentors,
        [(0, j)],
        rules=found.rules,
        weights=run.weights,
        timezone_at=run.created_at,
    )
    values: dict[str, Any] = {name: scored.factors.get(name) for name in FACTORS}
    values.update(
        mentor=mentor,
        score=scored.score,
        explanation=f"chosen by the admin; {scored.explanation}"[:1000],
        locked=True,
        swapped=True,
    )
    pair, _ = RunPair.objects.update_or_create(run=run, mentee=mentee, defaults=values)
    if waiting is not None:
        waiting.delete()
    _totals(run)
    return pair


def run_rerun(
    *,
    run: MatchingRun,
    actor: Person,
    weights: Mapping[str, Any] | None = None,
    fairness: bool | None = None,
    floor: Any = None,
) -> MatchingRun:
    """A new run of the same program keeping this run's locked pairs; parameters not
    given are this run's."""
    _check_admin(run.program, actor)
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise Conflict("This run has not finished yet; wait for it first.", code="run_unfinished")
    pairs = list(RunPair.objects.filter(run=run, locked=True).select_related("mentee", "mentor"))
    return matching_run(
        program=run.program,
        actor=actor,
        weights=run.weights if weights is None else weights,
        fairness=run.fairness if fairness is None else fairness,
        floor=run.floor if floor is None else floor,
        locked=[(p.mentee, p.mentor) for p in pairs],
        rerun_of=run,
    )


# --- Publishing -----------------------------------------------------------------------


def run_publish(*, run: MatchingRun, actor: Person) -> MatchingRun:
    """Propose every pair of the run as a mentorship (each becomes active once both
    confirm), telling both. A pair the program's rules refuse by now is left out, with
    the reason. Once only: a run is published once."""
    _check_admin(run.program, actor)
    claimed = MatchingRun.objects.filter(pk=run.pk, status=RunStatus.DONE).update(
        status=RunStatus.PUBLISHED, progress=0, stage="Proposing the pairs", published_by=actor
    )
    if not claimed:
        run.refresh_from_db()
        raise Conflict(
            f"This run is {run.get_status_display().lower()}; only a finished run that was "
            "not published yet can be published.",
            code=f"run_{run.status}",
        )
    pairs = RunPair.objects.filter(run=run).count()
    audit(
        AuditAction.MATCHING_PUBLISHED,
        actor=actor,
        program=run.program,
        detail={"run": str(run.public_id), "pairs": pairs},
    )
    if pairs <= PUBLISH_INLINE_MAX:
        run_publish_execute(run_id=run.pk)
    else:
        from alongside.matching.tasks import matching_publish_task

        matching_publish_task.enqueue(run_id=run.pk)
    run.refresh_from_db()
    return run


def run_publish_execute(*, run_id: int) -> int:
    """Propose the run's pairs not proposed yet; answers how many it proposed. Safe to
    run again after a crash: a pair already proposed is skipped."""
    run = MatchingRun.objects.select_related("program", "published_by").get(pk=run_id)
    todo = RunPair.objects.filter(run=run, mentorship=None, not_published="")
    total = todo.count()
    done = 0
    for k, pair in enumerate(todo.select_related("mentee", "mentor").order_by("pk").iterator()):
        try:
            with transaction.atomic():
                mentorship = mentorship_propose(
                    program=run.program,
                    mentor=pair.mentor,
                    mentee=pair.mentee,
                    proposer=run.published_by,
                )
                RunPair.objects.filter(pk=pair.pk).update(mentorship=mentorship)
            done += 1
        except ServiceError as exc:
            RunPair.objects.filter(pk=pair.pk).update(not_published=exc.detail[:300])
        except ValidationError as exc:
            RunPair.objects.filter(pk=pair.pk).update(not_published="; ".join(exc.messages)[:300])
        if (k + 1) % PUBLISH_PROGRESS_EVERY == 0:
            _progress(run, int(100 * (k + 1) / max(total, 1)), f"Proposed {k + 1} of {total} pairs")
    MatchingRun.objects.filter(pk=run.pk).update(progress=100, stage="", published_at=tz.now())
    return done
