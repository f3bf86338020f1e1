import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

COMMUNITY_SLUG = "community"


class Enrollment(models.TextChoices):
    OPEN = "open", "Open"
    INVITE = "invite", "By invitation"
    IMPORT = "import", "CSV import"


class MatchingMode(models.TextChoices):
    MENTEE_CHOICE = "mentee_choice", "Mentees choose"
    ADMIN = "admin", "Admins match"
    BOTH = "both", "Both"


class Program(models.Model):
    """A cohort or an always-open community; every mentorship belongs to one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=4000, blank=True)
    is_default = models.BooleanField(default=False)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    enrollment = models.CharField(
        max_length=16, choices=Enrollment.choices, default=Enrollment.OPEN
    )
    matching = models.CharField(
        max_length=16, choices=MatchingMode.choices, default=MatchingMode.MENTEE_CHOICE
    )
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="administered_programs", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # At most one default program: the open Community.
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_program"
            ),
        ]

    def __str__(self) -> str:
        return self.name
