from django.db.models import QuerySet

from alongside.people.models import Person
from alongside.programs.models import (
    COMMUNITY_SLUG,
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    Program,
)


def community_program() -> Program:
    """The default open program, created by a migration."""
    program, _ = Program.objects.get_or_create(
        is_default=True,
        defaults={
            "slug": COMMUNITY_SLUG,
            "name": "Community",
            "description": "The open community: anyone can find a mentor here, no admin needed.",
        },
    )
    return program


def enrollments_of(person: Person, program: Program) -> QuerySet[Enrollment]:
    """The person's enrollments in one program (a mentor and a mentee row at most)."""
    return Enrollment.objects.filter(program=program, person=person)


def is_enrolled(person: Person, program: Program, role: str) -> bool:
    """Takes part in the program in this role. Open programs take everyone signed in."""
    if program.enrollment == EnrollmentMode.OPEN:
        return True
    return (
        enrollments_of(person, program).filter(role=role, status=EnrollmentStatus.ACTIVE).exists()
    )


def is_program_admin(person: Person, program: Program) -> bool:
    return program.admins.filter(pk=person.pk).exists()


def program_visible_to(person: Person, program: Program) -> bool:
    """An open program is seen by everyone signed in; another by its admins and the people
    invited to or enrolled in it, so that its existence does not leak to outsiders."""
    if program.enrollment == EnrollmentMode.OPEN:
        return True
    return (
        is_program_admin(person, program)
        or enrollments_of(person, program).exclude(status=EnrollmentStatus.LEFT).exists()
    )
