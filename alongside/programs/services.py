"""Every change to programs' enrollments, and the program rules every pairing path obeys."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone as tz

from alongside.lib.errors import Conflict
from alongside.people.models import CAPACITY_MAX, Person
from alongside.programs.models import (
    Enrollment,
    EnrollmentStatus,
    MatchingMode,
    Program,
    Role,
)
from alongside.programs.selectors import is_enrolled


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
    if capacity is not None and (
        isinstance(capacity, bool)
        or not isinstance(capacity, int)
        or not 0 <= capacity <= CAPACITY_MAX
    ):
        raise ValidationError({"capacity": f"Give a capacity from 0 to {CAPACITY_MAX}."})
    if answers is not None and not isinstance(answers, dict):
        raise ValidationError({"answers": "Give the answers as an object."})
    try:
        with transaction.atomic():
            return Enrollment.objects.create(
                program=program,
                person=person,
                role=role,
                status=status,
                capacity=capacity if role == Role.MENTOR else None,
                answers=answers or {},
            )
    except IntegrityError:
        raise Conflict(
            f"{person.name} is already enrolled in {program.name} as a {role}.",
            code="already_enrolled",
        ) from None


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
