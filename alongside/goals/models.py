from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId
from alongside.lib.written import Written
from alongside.mentorships.models import belongs_to_pair

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 1000
COMMENT_MAX = 4000


LABELS = {
    "title": "Title",
    "objective": "Objective",
    "measure": "Measure of success",
    "target_date": "Target date",
    "status": "Status",
}


def labelled(changes: dict[str, object]) -> list[tuple[str, object]]:
    return [(LABELS.get(field, field), value) for field, value in changes.items()]


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    DROPPED = "dropped", "Dropped"


class Goal(HasPublicId):
    """A specific objective of the mentee's, with a measure of success and a target date."""

    mentorship = belongs_to_pair("goals")
    title = models.CharField(max_length=TITLE_MAX)
    objective = models.TextField(max_length=TEXT_MAX)
    measure = models.TextField(max_length=TEXT_MAX)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    # Used only while the goal has no milestones; otherwise progress is computed.
    manual_progress = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=tz.now)
    updated_at = models.DateTimeField(default=tz.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "target_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(manual_progress__lte=100), name="goal_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(HasPublicId):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=TITLE_MAX)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["goal", "position"])]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Revision(HasPublicId):
    """A change to a goal's terms: what changed, who changed it, and why."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    # {"field": [before, after]}, values as ISO strings or numbers.
    changes = models.JSONField(default=dict)
    # Set when the revision came from the mentor's accepted suggestion.
    suggestion = models.ForeignKey(
        "Suggestion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Revision of {self.goal_id} at {self.at:%Y-%m-%d}"

    def labelled_changes(self) -> list[tuple[str, object]]:
        return labelled(self.changes)


class Comment(Written):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=COMMENT_MAX)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Suggestion(HasPublicId):
    """The mentor's proposed refinement of a goal; the mentee accepts or declines it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Only the fields the mentor proposes to change: {"objective": "...", ...}.
    proposed = models.JSONField(default=dict)
    note = models.TextField(max_length=REASON_MAX)
    status = models.CharField(
        max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(default=tz.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Suggestion on {self.goal_id} ({self.status})"

    def labelled_proposed(self) -> list[tuple[str, str, object]]:
        return [(field, LABELS.get(field, field), value) for field, value in self.proposed.items()]
