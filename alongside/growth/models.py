from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.written import Written
from alongside.mentorships.models import belongs_to_pair

TEXT_MAX = 4000
SHORT_MAX = 2000
SKILL_MAX = 60
CHECKIN_EVERY_DAYS = 30
# A check-in can be corrected for a week after it is written.
CHECKIN_EDIT_DAYS = 7


class CheckIn(Written):
    """The mentee's monthly look back: wins, challenges, confidence per skill, feeling."""

    mentorship = belongs_to_pair("checkins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    wins = models.TextField(max_length=TEXT_MAX, blank=True)
    challenges = models.TextField(max_length=TEXT_MAX, blank=True)
    feeling = models.PositiveSmallIntegerField()
    reply = models.TextField(max_length=TEXT_MAX, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reply_edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(feeling__gte=1, feeling__lte=5), name="feeling_1_5")
        ]

    def __str__(self) -> str:
        return f"Check-in {self.created_at:%Y-%m-%d}"


class SkillRating(models.Model):
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    skill = models.CharField(max_length=SKILL_MAX)
    level = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["skill", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checkin", "skill"], name="one_rating_per_skill"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level}"


class Appreciation(Written):
    mentorship = belongs_to_pair("appreciations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(max_length=SHORT_MAX)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.message[:40]


class Resource(Written):
    """A link, article or idea shared between meetings, with a note."""

    mentorship = belongs_to_pair("resources")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=SHORT_MAX, blank=True)
    title = models.CharField(max_length=200)
    note = models.TextField(max_length=SHORT_MAX, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Reaction(models.TextChoices):
    HELPFUL = "helpful", "Helpful"
    THANKS = "thanks", "Thanks"
    READ = "read", "Read it"


class ResourceResponse(models.Model):
    """The other member's reaction and/or reply to a shared resource."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reaction = models.CharField(max_length=16, choices=Reaction.choices, blank=True)
    body = models.TextField(max_length=SHORT_MAX, blank=True)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.reaction or self.body[:40]


class JournalEntry(Written):
    """Private to its author, always. Sharing one copies it to the pair's timeline; an edit
    changes the copy too, and unsharing or deleting the entry deletes the copy."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(max_length=TEXT_MAX)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Journal entry {self.created_at:%Y-%m-%d}"


class SharedEntry(Written):
    """A copy of a journal entry its author chose to share with the other member."""

    mentorship = belongs_to_pair("shared_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=TEXT_MAX)
    source = models.OneToOneField(
        JournalEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="shared_copy"
    )

    def __str__(self) -> str:
        return f"Shared entry {self.created_at:%Y-%m-%d}"


class TrackedSkills(models.Model):
    """The skills a mentee chose to rate in their check-ins. Until they choose, a check-in
    offers the skills rated last time and the titles of their goals (growth/skills.py)."""

    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="tracked_skills"
    )
    names = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=tz.now)

    def __str__(self) -> str:
        return ", ".join(self.names)
