from django.conf import settings
from django.db import models
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId


class Kind(models.TextChoices):
    REQUEST = "request", "Mentorship requests"
    ANSWER = "answer", "Answers to your requests"
    ENDED = "ended", "A mentorship ends"
    AGREEMENT = "agreement", "Agreement changes"
    MEETING = "meeting", "Meetings scheduled, moved or cancelled"
    MEETING_TOMORROW = "meeting_tomorrow", "Meeting reminder"
    CHECKIN_DUE = "checkin_due", "Check-in due"
    ACTION_DUE = "action_due", "Action item due or overdue"
    AGREEMENT_WAITING = "agreement_waiting", "Agreement waiting for you"
    FEEDBACK_MISSING = "feedback_missing", "Feedback not given yet"
    FADING = "fading", "Time to meet again"
    APPRECIATION = "appreciation", "Thank-you notes"
    MESSAGE = "message", "New messages from your mentor or mentee"
    AT_RISK = "at_risk", "Pairs at risk (program admins)"
    UNREACHABLE = "unreachable", "A member cannot reach their partner (program admins)"
    SHARED = "shared", "What your partner shares with you"
    COMPLETION = "completion", "Completing a mentorship together"
    REMATCH = "rematch", "A mentee may need a new mentor (program admins)"
    REMATCH_OFFER = "rematch_offer", "A new match offered by your program"
    SURVEY = "survey", "End-of-program surveys"


class Notification(HasPublicId):
    """In-app, and by email unless turned off. `key` makes each one happen once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=tz.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="notify_once"),
        ]
        indexes = [models.Index(fields=["person", "read_at"])]

    def __str__(self) -> str:
        return self.title


class ReminderDay(models.Model):
    """At most one reminder of a kind per person per day, even when catching up."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "day"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.day}"


class Preferences(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    # Kinds whose emails are off; the in-app notification still appears.
    email_off = models.JSONField(default=list, blank=True)
    # One weekly email instead of single ones.
    weekly_digest = models.BooleanField(default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Notification settings of {self.person_id}"
