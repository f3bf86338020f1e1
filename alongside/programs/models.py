from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId

COMMUNITY_SLUG = "community"
PROGRAM_NAME_MAX = 120
DESCRIPTION_MAX = 4000


class EnrollmentMode(models.TextChoices):
    OPEN = "open", "Open"
    INVITE = "invite", "By invitation"
    IMPORT = "import", "CSV import"


class MatchingMode(models.TextChoices):
    MENTEE_CHOICE = "mentee_choice", "Mentees choose"
    ADMIN = "admin", "Admins match"
    BOTH = "both", "Both"


class Question(models.TextChoices):
    """The enrollment questions a program may ask; its admins choose which."""

    SKILLS_WANTED = "skills_wanted", "Skills you want to build"
    SKILLS_OFFERED = "skills_offered", "Expertise you offer"
    GOALS = "goals", "Goals, or what you can help with, in your own words"
    LANGUAGES = "languages", "Languages you speak"
    TIMEZONE = "timezone", "Time zone"
    SENIORITY = "seniority", "Seniority (0 new to 10 most senior)"
    DEPARTMENT = "department", "Department"
    MENTOR_TRAITS = "mentor_traits", "What you hope for in a mentor"


# Who is asked what: the mentee's wishes, the mentor's offer, both the rest.
QUESTION_ROLES: dict[str, tuple[str, ...]] = {
    Question.SKILLS_WANTED: ("mentee",),
    Question.SKILLS_OFFERED: ("mentor",),
    Question.MENTOR_TRAITS: ("mentee",),
}


def all_questions() -> list[str]:
    return list(Question.values)


class Program(HasPublicId):
    """A cohort or an always-open community; every mentorship belongs to one."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=PROGRAM_NAME_MAX)
    description = models.TextField(max_length=DESCRIPTION_MAX, blank=True)
    is_default = models.BooleanField(default=False)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    enrollment = models.CharField(
        max_length=16, choices=EnrollmentMode.choices, default=EnrollmentMode.OPEN
    )
    matching = models.CharField(
        max_length=16, choices=MatchingMode.choices, default=MatchingMode.MENTEE_CHOICE
    )
    # Hard rules of the program's matching: a pair shares a language; never two people of
    # the same department.
    require_shared_language = models.BooleanField(default=False)
    avoid_same_department = models.BooleanField(default=False)
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="administered_programs", blank=True
    )
    # The enrollment questions asked (Question values), in the order asked.
    questions = models.JSONField(default=all_questions, blank=True)
    # The secret of the program's invite link; "" when there is none.
    invite_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # At most one default program: the open Community.
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_program"
            ),
            models.UniqueConstraint(
                fields=["invite_token"], condition=~Q(invite_token=""), name="one_invite_token"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"


class EnrollmentStatus(models.TextChoices):
    INVITED = "invited", "Invited"  # asked to join; takes part once they accept
    ACTIVE = "active", "Enrolled"
    LEFT = "left", "Left"


class Enrollment(HasPublicId):
    """A person's role in a program: mentor in one program, mentee in another."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    role = models.CharField(max_length=8, choices=Role.choices)
    status = models.CharField(
        max_length=8, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    # A mentor's capacity in this program; None: the one in their profile.
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    # Answers to the program's enrollment questions (skills wanted, goals, department...).
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=tz.now)
    # When an admin invited them by email (None: they enrolled, were imported or joined by
    # the link).
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "role"], name="one_enrollment_per_role"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__lte=20),
                name="enrollment_capacity_0_to_20",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.role} in program {self.program_id} ({self.status})"
