"""Every change to programs' enrollments, and the program rules every pairing path obeys."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as tz
from django.utils.text import slugify

from alongside.lib.errors import Conflict, Forbidden, conflict_if_duplicate
from alongside.lib.inputs import clean_text
from alongside.lib.text import one_line_problem, text_problem
from alongside.people.audit import audit
from alongside.people.models import CAPACITY_MAX, AuditAction, Person
from alongside.programs.answers import clean_answers, clean_questions
from alongside.programs.models import (
    DESCRIPTION_MAX,
    PROGRAM_NAME_MAX,
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    MatchingMode,
    Program,
    Role,
)
from alongside.programs.selectors import is_enrolled, is_program_admin

# The fields of a program its admins set (POST /programs, PATCH /programs/{id}).
PROGRAM_FIELDS = (
    "name",
    "description",
    "starts_on",
    "ends_on",
    "enrollment",
    "matching",
    "require_shared_language",
    "avoid_same_department",
    "questions",
)


def _site_today() -> dt.date:
    # A program's dates are the site's (not the caller's time zone): the same for everyone.
    return tz.localdate(timezone=tz.get_default_timezone())


def _clean_program(values: dict[str, Any]) -> dict[str, Any]:
    """The program's settings checked together: each field, then the dates in order."""
    out = dict(values)
    if "name" in out:
        name = clean_text(str(out["name"] or ""), field="name", limit=PROGRAM_NAME_MAX)
        if not name:
            raise ValidationError({"name": "Give the program a name."})
        problem = one_line_problem(name, field="name")
        if problem:
            raise ValidationError({"name": problem})
        out["name"] = name
    if "description" in out:
        out["description"] = clean_text(
            str(out["description"] or ""), field="description", limit=DESCRIPTION_MAX
        )
        problem = text_problem(out["description"], field="description")
        if problem:
            raise ValidationError({"description": problem})
    if "enrollment" in out and out["enrollment"] not in EnrollmentMode.values:
        raise ValidationError({"enrollment": "Choose open, invite or import."})
    if "matching" in out and out["matching"] not in MatchingMode.values:
        raise ValidationError({"matching": "Choose mentee_choice, admin or both."})
    for flag in ("require_shared_language", "avoid_same_department"):
        if flag in out and not isinstance(out[flag], bool):
            raise ValidationError({flag: "Give true or false."})
    if "questions" in out:
        out["questions"] = clean_questions(out["questions"])
    for day in ("starts_on", "ends_on"):
        if out.get(day) is not None and not isinstance(out[day], dt.date):
            raise ValidationError({day: "Give a date as YYYY-MM-DD."})
    return out


def _check_dates(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            {
                "ends_on": f"The program cannot end ({ends_on:%Y-%m-%d}) before it starts "
                f"({starts_on:%Y-%m-%d}); give an end on or after the start."
            }
        )


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "program")[:70]
    slug, n = base, 1
    while Program.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def program_create(*, actor: Person, **values: Any) -> Program:
    """Staff create programs; the creator becomes its first admin."""
    if not actor.is_staff:
        raise Forbidden(
            "Only staff create programs; ask an administrator of this site.", code="staff_only"
        )
    unknown = set(values) - set(PROGRAM_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field is not accepted here."))
    values = _clean_program({"name": "", **values})
    _check_dates(values.get("starts_on"), values.get("ends_on"))
    program = Program.objects.create(slug=_unique_slug(values["name"]), **values)
    program.admins.add(actor)
    audit(AuditAction.PROGRAM_CREATED, actor=actor, program=program, detail={"slug": program.slug})
    return program


def _check_admin(program: Program, actor: Person) -> None:
    if not is_program_admin(actor, program):
        raise Forbidden(f"Only the admins of {program.name} can do this.", code="not_admin")


@transaction.atomic
def program_update(*, program: Program, actor: Person, **changes: Any) -> Program:
    """An admin changes the program's settings; only the fields given change."""
    _check_admin(program, actor)
    unknown = set(changes) - set(PROGRAM_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field is not accepted here."))
    changes = _clean_program(changes)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.is_default and (
        changes.get("enrollment", EnrollmentMode.OPEN) != EnrollmentMode.OPEN
        or changes.get("matching", MatchingMode.MENTEE_CHOICE) != MatchingMode.MENTEE_CHOICE
    ):
        # The Community program is where two people pair up without any admin.
        raise Conflict(
            "The Community program stays open, and its mentees choose their mentors.",
            code="community_stays_open",
        )
    _check_dates(
        changes.get("starts_on", program.starts_on), changes.get("ends_on", program.ends_on)
    )
    for field, value in changes.items():
        setattr(program, field, value)
    program.save(update_fields=list(changes) or None)
    # The names of the settings changed, not their values (a description is free text).
    audit(
        AuditAction.PROGRAM_UPDATED,
        actor=actor,
        program=program,
        detail={"fields": sorted(changes)},
    )
    return program


@transaction.atomic
def program_admin_add(*, program: Program, actor: Person, person: Person) -> Program:
    """An admin makes someone else an admin too (adding an admin twice changes nothing)."""
    _check_admin(program, actor)
    if not person.is_active:
        raise Conflict(f"{person.name}'s account is closed.", code="inactive_person")
    program.admins.add(person)
    audit(
        AuditAction.PROGRAM_ADMIN_ADDED,
        actor=actor,
        target=person,
        program=program,
        detail={"person": str(person.public_id), "name": person.name},
    )
    return program


@transaction.atomic
def enrollment_join(
    *,
    program: Program,
    actor: Person,
    person: Person,
    role: str,
    capacity: int | None = None,
    answers: dict[str, Any] | None = None,
    by_link: bool = False,
) -> Enrollment:
    """`person` takes part in `program` as a mentor or a mentee.

    Members enroll themselves in an open program, accept the invitation they were sent,
    or follow the program's invite link (`by_link`: the caller checked the link's secret);
    the program's admins enroll anyone, in any program. A mentor says how many mentees
    they take at once in this program. `answers`: to the questions the program asks of
    that role (programs.answers).
    """
    by_admin = is_program_admin(actor, program)
    if by_admin and person.pk != actor.pk:
        audit(
            AuditAction.ENROLLMENT_CHANGED,
            actor=actor,
            program=program,
            detail={"person": str(person.public_id), "name": person.name, "role": role},
        )
    if person.pk != actor.pk and not by_admin:
        raise Forbidden(f"Only the admins of {program.name} enroll other people.", code="not_admin")
    if role not in Role.values:
        raise ValidationError({"role": "Choose mentor or mentee."})
    if role == Role.MENTOR and capacity is None:
        raise ValidationError(
            {"capacity": f"Say how many mentees you take at once (0 to {CAPACITY_MAX})."}
        )
    if role == Role.MENTEE and capacity is not None:
        raise ValidationError({"capacity": "Only mentors state a capacity; leave it out."})
    _check_capacity(capacity)
    if answers is not None:
        answers = clean_answers(program, role, answers)
    if program.ends_on is not None and _site_today() > program.ends_on:
        raise Conflict(
            f"{program.name} ended on {program.ends_on:%-d %B %Y}; nobody enrolls in it now.",
            code="program_ended",
        )
    # One enrollment or import at a time per program (see participants_import).
    Program.objects.select_for_update().filter(pk=program.pk).first()
    existing = (
        Enrollment.objects.select_for_update()
        .filter(program=program, person=person, role=role)
        .first()
    )
    if existing is not None and existing.status == EnrollmentStatus.ACTIVE:
        who = "You are" if person.pk == actor.pk else f"{person.name} is"
        raise Conflict(
            f"{who} already enrolled in {program.name} as a {role}.", code="already_enrolled"
        )
    invited = existing is not None and existing.status == EnrollmentStatus.INVITED
    by_link = by_link and program.enrollment == EnrollmentMode.INVITE
    if not by_admin and program.enrollment != EnrollmentMode.OPEN and not invited and not by_link:
        how = "by invitation" if program.enrollment == EnrollmentMode.INVITE else "by import"
        raise Conflict(
            f"{program.name} takes its {role}s {how}; ask its admins to enroll you.",
            code="enrollment_closed",
        )
    if existing is not None:
        # An invitation accepted, or someone who left coming back.
        existing.status = EnrollmentStatus.ACTIVE
        existing.capacity = capacity
        if answers is not None:
            existing.answers = answers
        existing.save(update_fields=["status", "capacity", "answers"])
        return existing
    return enrollment_create(
        program=program, person=person, role=role, capacity=capacity, answers=answers
    )


def _check_capacity(capacity: Any) -> None:
    """A capacity, when there is one, is a whole number of mentees within the limit."""
    if capacity is not None and (
        isinstance(capacity, bool)
        or not isinstance(capacity, int)
        or not 0 <= capacity <= CAPACITY_MAX
    ):
        raise ValidationError({"capacity": f"Give a capacity from 0 to {CAPACITY_MAX}."})


@transaction.atomic
def enrollment_create(
    *,
    program: Program,
    person: Person,
    role: str,
    status: str = EnrollmentStatus.ACTIVE,
    capacity: int | None = None,
    answers: dict[str, Any] | None = None,
) -> Enrollment:
    if role not in Role.values:
        raise ValidationError({"role": "Choose mentor or mentee."})
    if status not in EnrollmentStatus.values:
        raise ValidationError({"status": "Choose invited, active or left."})
    _check_capacity(capacity)
    if answers is not None and not isinstance(answers, dict):
        raise ValidationError({"answers": "Give the answers as an object."})
    already = f"{person.name} is already enrolled in {program.name} as a {role}."
    with conflict_if_duplicate(already, code="already_enrolled"):
        return Enrollment.objects.create(
            program=program,
            person=person,
            role=role,
            status=status,
            capacity=capacity if role == Role.MENTOR else None,
            answers=answers or {},
        )


@transaction.atomic
def enrollment_set_status(*, enrollment: Enrollment, status: str) -> Enrollment:
    if status not in EnrollmentStatus.values:
        raise ValidationError({"status": "Choose invited, active or left."})
    Enrollment.objects.filter(pk=enrollment.pk).update(status=status)
    enrollment.refresh_from_db()
    return enrollment


def _enrolled_or_refuse(program: Program, person: Person, role: str, *, viewer: Person) -> None:
    if is_enrolled(person, program, role):
        return
    who = "You are" if person.pk == viewer.pk else f"{person.name} is"
    raise Conflict(
        f"{who} not enrolled as a {role} in {program.name}; "
        "only people the program enrolled in that role can be paired in it.",
        code=f"not_enrolled_{role}",
    )


def check_pairing(
    *, program: Program, mentor: Person, mentee: Person, actor: Person, by_member: bool
) -> None:
    """The program's rules for a pair, on every path that makes or activates one.

    `by_member`: a request or an acceptance by one of the two (not a pair the program's
    admins made). Raises Conflict with a sentence a person can act on.
    """
    # A program's dates are the site's (not the caller's time zone): the same for everyone.
    today = tz.localdate(timezone=tz.get_default_timezone())
    if by_member and program.ends_on is not None and today > program.ends_on:
        # A stored rule of the same kind as the modes: the program's dates.
        raise Conflict(
            f"{program.name} ended on {program.ends_on:%-d %B %Y}; no new pairs start in it.",
            code="program_ended",
        )
    if by_member and program.matching == MatchingMode.ADMIN:
        raise Conflict(
            "In this program, the program admins make the matches.", code="admin_matching"
        )
    _enrolled_or_refuse(program, mentor, Role.MENTOR, viewer=actor)
    _enrolled_or_refuse(program, mentee, Role.MENTEE, viewer=actor)
