import uuid

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from alongside.people.models import Person
from alongside.programs.models import (
    COMMUNITY_SLUG,
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    Program,
    Role,
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


def programs_for(person: Person) -> QuerySet[Program]:
    """The programs a person sees in their list: those they run, those they take part in
    or are invited to, and the open ones."""
    mine = Enrollment.objects.filter(person=person).exclude(status=EnrollmentStatus.LEFT)
    return Program.objects.filter(
        Q(enrollment=EnrollmentMode.OPEN)
        | Q(pk__in=Program.admins.through.objects.filter(person=person).values("program_id"))
        | Q(pk__in=mine.values("program_id"))
    ).order_by("-is_default", "name", "pk")


def with_viewer(person: Person, programs: list[Program]) -> list[Program]:
    """Each program marked with what it is to the viewer: `is_admin`, `my_roles`.
    Two queries for the whole page, whatever its length."""
    ids = [p.pk for p in programs]
    admin_of = set(
        Program.admins.through.objects.filter(person=person, program_id__in=ids).values_list(
            "program_id", flat=True
        )
    )
    roles: dict[int, list[str]] = {}
    for program_id, role in (
        Enrollment.objects.filter(person=person, program_id__in=ids, status=EnrollmentStatus.ACTIVE)
        .order_by("role")
        .values_list("program_id", "role")
    ):
        roles.setdefault(program_id, []).append(role)
    for program in programs:
        program.is_admin = program.pk in admin_of  # type: ignore[attr-defined]
        program.my_roles = roles.get(program.pk, [])  # type: ignore[attr-defined]
    return programs


# Mentorship states that hold a participant's place. Named here rather than imported:
# mentorships sit above programs, and programs reach their pairs by the reverse relation.
PAIRED_STATES = ("proposed", "active")


def participants(
    program: Program,
    *,
    role: str | None = None,
    status: str | None = None,
    matched: bool | None = None,
    q: str = "",
) -> QuerySet[Enrollment]:
    """The program's enrollments for its admins, each with `matched`: in a proposed or
    active pair of this program in that role. Former members (deleted accounts) are not
    listed."""
    pairs = program.mentorships.filter(status__in=PAIRED_STATES)
    is_matched = (Q(role=Role.MENTOR) & Exists(pairs.filter(mentor=OuterRef("person_id")))) | (
        Q(role=Role.MENTEE) & Exists(pairs.filter(mentee=OuterRef("person_id")))
    )
    found = (
        # A deleted account is counted in the program's numbers, never listed by name.
        Enrollment.objects.filter(program=program, person__deleted_at__isnull=True)
        .select_related("person")
        .annotate(matched=ExpressionWrapper(is_matched, output_field=BooleanField()))
        .order_by("person__name", "pk")
    )
    if role:
        found = found.filter(role=role)
    if status:
        found = found.filter(status=status)
    if matched is not None:
        found = found.filter(matched=matched)
    words = q.strip().lower()
    if words:
        found = found.filter(
            Q(person__search_text__contains=words) | Q(person__email__icontains=words)
        )
    return found


def program_by_slug_or_id(key: str) -> Program | None:
    """A program named at the command line, by its slug or its public id."""
    try:
        return Program.objects.filter(public_id=uuid.UUID(key)).first()
    except ValueError:
        return Program.objects.filter(slug=key).first()


def person_by_email(email: str) -> Person | None:
    """An active account, for an admin adding another admin by email."""
    return Person.objects.filter(email__iexact=email.strip(), is_active=True).first()


def programs_run_by(person: Person, *, limit: int = 20) -> list[Program]:
    """The programs a person runs, each with `participant_count` (enrolled) and
    `invited_count` (not joined yet): one query, for the home page and the console."""
    if not person.is_authenticated:
        return []
    return list(
        Program.objects.filter(admins=person)
        .annotate(
            participant_count=Count(
                "enrollments", filter=Q(enrollments__status=EnrollmentStatus.ACTIVE)
            ),
            invited_count=Count(
                "enrollments", filter=Q(enrollments__status=EnrollmentStatus.INVITED)
            ),
        )
        .order_by("-created_at", "pk")[:limit]
    )


def enrollable_roles(person: Person, program: Program, *, by_link: bool = False) -> list[str]:
    """The roles in which `person` may enroll themself now: any role not taken yet in an
    open program (or by its invite link, or as its admin); in another program, the roles
    they were invited to. One query."""
    rows = dict(enrollments_of(person, program).values_list("role", "status"))
    free = [r for r in Role.values if rows.get(r) != EnrollmentStatus.ACTIVE]
    if program.enrollment == EnrollmentMode.OPEN or by_link or getattr(program, "is_admin", False):
        return free
    return [r for r in free if rows.get(r) == EnrollmentStatus.INVITED]


def mentor_capacity_in(person: Person, program: Program) -> int | None:
    """The capacity a mentor stated in a program they are enrolled in as a mentor; None
    when they are not (then their profile's capacity counts)."""
    if program.is_default:
        return None
    return (
        Enrollment.objects.filter(
            program=program, person=person, role=Role.MENTOR, status=EnrollmentStatus.ACTIVE
        )
        .exclude(capacity__isnull=True)
        .values_list("capacity", flat=True)
        .first()
    )
