import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId
from alongside.lib.written import Written
from alongside.mentorships.models import belongs_to_pair

TITLE_MAX = 200
PLACE_MAX = 500
TEXT_MAX = 4000
ITEM_MAX = 1000
FEEDBACK_BLIND_DAYS = 7


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Series(HasPublicId):
    """Meetings created in one step, every N days until a date, at one local wall time."""

    mentorship = belongs_to_pair("meeting_series")
    every_days = models.PositiveSmallIntegerField()
    until = models.DateField()
    created_at = models.DateTimeField(default=tz.now)

    def __str__(self) -> str:
        return f"Every {self.every_days} days until {self.until}"


class Meeting(HasPublicId):
    mentorship = belongs_to_pair("meetings")
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField()
    # The organiser's time zone: calendars show the meeting at its local wall time, so a
    # daylight-saving change does not move it.
    timezone = models.CharField(max_length=64, default="UTC")
    minutes = models.PositiveSmallIntegerField(default=45)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    place = models.CharField(max_length=PLACE_MAX, blank=True)
    status = models.CharField(
        max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancel_note = models.TextField(max_length=ITEM_MAX, blank=True)
    # RFC 5545 SEQUENCE: grows on every change so that calendars update the event.
    sequence = models.PositiveIntegerField(default=0)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # When blind feedback opens to the member who has not answered: 7 days after the first
    # answer, frozen when it is given, so that moving the meeting cannot open it early.
    feedback_opens_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=tz.now)
    updated_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["mentorship", "starts_at"]),
            # Covers "meetings held per month" of a program's insights: the status is read
            # from the index, not from 500,000 rows.
            models.Index(
                fields=["mentorship", "starts_at", "status"], name="meeting_pair_start_status"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Meeting on {self.starts_at:%Y-%m-%d}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return self.ends_at <= (now or tz.now())

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return self.starts_at <= (now or tz.now())

    @property
    def display_title(self) -> str:
        return self.title or "Meeting"


class Prompt(HasPublicId):
    """An open-ended conversation prompt from the bank, grouped by topic."""

    topic = models.CharField(max_length=40)
    text = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["topic", "pk"]

    def __str__(self) -> str:
        return self.text


class AgendaItem(Written):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(max_length=ITEM_MAX)
    prompt = models.ForeignKey(Prompt, on_delete=models.SET_NULL, null=True, blank=True)
    covered_at = models.DateTimeField(null=True, blank=True)
    # The meeting where it was finally covered, when it was carried forward to it.
    covered_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class Visibility(models.TextChoices):
    SHARED = "shared", "Shared with both of us"
    PRIVATE = "private", "Private: only me"


class NoteKind(models.TextChoices):
    NOTE = "note", "Note"
    HEARD = "heard", "What I heard"


class Note(Written):
    """A meeting note. A private note is seen by its author alone, everywhere, always."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=TEXT_MAX)
    visibility = models.CharField(max_length=8, choices=Visibility.choices)
    kind = models.CharField(max_length=8, choices=NoteKind.choices, default=NoteKind.NOTE)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "visibility"])]

    def __str__(self) -> str:
        return f"{self.kind} by {self.author_id} ({self.visibility})"


class ActionItem(Written):
    mentorship = belongs_to_pair("action_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(max_length=ITEM_MAX)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self) -> str:
        return self.text


class Feedback(HasPublicId):
    """After a meeting: rating, what went well, what I could have done differently.

    Blind: the other member sees it only once they answered too, or 7 days after the first
    answer (`Meeting.feedback_opens_at`).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    went_well = models.TextField(max_length=TEXT_MAX, blank=True)
    do_differently = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_feedback_each"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"Feedback {self.rating}/5"


class CalendarFeed(models.Model):
    """A person's secret calendar feed. The token is an HMAC of the person and `version`,
    so it is never stored; resetting bumps the version and every old URL stops working."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    version = models.PositiveIntegerField(default=1)
    reset_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person_id} (v{self.version})"
