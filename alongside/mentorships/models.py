from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId
from alongside.people.models import Channel, Person

MESSAGE_MAX = 2000
REASON_MAX = 1000
AGREEMENT_TEXT_MAX = 4000


class Status(models.TextChoices):
    REQUESTED = "requested", "Requested"
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ENDED = "ended", "Ended early"


# A pair may hold one of these at a time in a program.
OPEN_STATUSES = (Status.REQUESTED, Status.PROPOSED, Status.ACTIVE)


def _text(field: str) -> Cast:
    return Cast(field, models.CharField(max_length=20))


class Mentorship(HasPublicId):
    """One mentor and one mentee walking together in one program."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="mentorships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentored"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    # The two people, whoever mentors: "<smaller pk>-<larger pk>", so that A asking B and B
    # offering to A are the same pair for the one-open-mentorship rule. The database
    # computes it, so a bulk_create or an update() cannot leave it wrong.
    pair_key = models.GeneratedField(
        expression=Case(
            When(mentor__lt=F("mentee"), then=Concat(_text("mentor"), Value("-"), _text("mentee"))),
            default=Concat(_text("mentee"), Value("-"), _text("mentor")),
        ),
        output_field=models.CharField(max_length=41),
        db_persist=True,
    )
    # Who asked: the other member answers. Null for a pair proposed by admin matching.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    message = models.TextField(max_length=MESSAGE_MAX, blank=True)
    decline_reason = models.TextField(max_length=REASON_MAX, blank=True)
    end_reason = models.TextField(max_length=REASON_MAX, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=tz.now)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The pair's clocks, kept by mentorships.clock so that the reminder sweep reads only
    # what is due: when the next check-in is due, when the pair starts to fade (1.5x the
    # cadence without a meeting) and when it is at risk (3x); set when flagged at risk.
    checkin_due_on = models.DateField(null=True, blank=True, db_index=True)
    fading_at = models.DateTimeField(null=True, blank=True, db_index=True)
    at_risk_at = models.DateTimeField(null=True, blank=True, db_index=True)
    at_risk_since = models.DateTimeField(null=True, blank=True)
    # The day the sweep last looked for the celebrations that come with time (a kept
    # cadence needs a walk through the meetings: once a day is enough).
    celebrations_checked_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentorship_not_self"),
            models.UniqueConstraint(
                fields=["program", "pair_key"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="one_open_mentorship_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.mentee} ({self.status})"

    def is_member(self, person: Person) -> bool:
        return person.pk is not None and person.pk in (self.mentor_id, self.mentee_id)

    def other(self, person: Person) -> Person:
        return self.mentee if person.pk == self.mentor_id else self.mentor

    def role_of(self, person: Person) -> str:
        return "mentor" if person.pk == self.mentor_id else "mentee"


def belongs_to_pair(related_name: str) -> "models.ForeignKey[Mentorship, Mentorship]":
    """The pair a row belongs to: it goes when the pair goes."""
    return models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name=related_name)


class Transition(models.Model):
    """Every change of state: who, when, from what to what, and why."""

    mentorship = belongs_to_pair("transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status}"


class AgreementVersion(HasPublicId):
    """One saved version of the pair's agreement; in force once both acknowledged it."""

    mentorship = belongs_to_pair("agreement_versions")
    number = models.PositiveIntegerField()
    mentee_hopes = models.TextField(max_length=AGREEMENT_TEXT_MAX)
    mentor_offers = models.TextField(max_length=AGREEMENT_TEXT_MAX)
    meeting_every_days = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    meeting_minutes = models.PositiveSmallIntegerField()
    ends_on = models.DateField()
    confidentiality = models.BooleanField()
    reason = models.TextField(max_length=REASON_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=tz.now)
    mentee_acknowledged_at = models.DateTimeField(null=True, blank=True)
    mentor_acknowledged_at = models.DateTimeField(null=True, blank=True)

    TERMS = (
        "mentee_hopes",
        "mentor_offers",
        "meeting_every_days",
        "channel",
        "meeting_minutes",
        "ends_on",
        "confidentiality",
    )

    class Meta:
        ordering = ["mentorship", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "number"], name="one_agreement_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.number} of {self.mentorship_id}"

    @property
    def in_force(self) -> bool:
        return bool(self.mentee_acknowledged_at and self.mentor_acknowledged_at)

    def acknowledged_by(self, role: str) -> bool:
        return bool(getattr(self, f"{role}_acknowledged_at"))


REFLECTION_MAX = 2000
# A completed or ended mentorship can be reopened by either member for this long.
REOPEN_DAYS = 14


class ClosingKind(models.TextChoices):
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended early"


class Closing(HasPublicId):
    """One closing of a mentorship: a completion (proposed by one member with a closing
    reflection, confirmed or declined by the other) or an early end (one-sided, with the
    reason the member chose to share). A reopening within REOPEN_DAYS marks it reopened."""

    mentorship = belongs_to_pair("closings")
    kind = models.CharField(max_length=16, choices=ClosingKind.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=tz.now)
    # The proposer's closing reflection (what changed, what next), or the reason for ending.
    reflection = models.TextField(max_length=REFLECTION_MAX, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_reflection = models.TextField(max_length=REFLECTION_MAX, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=REASON_MAX, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # At most one completion waiting for an answer per mentorship.
            models.UniqueConstraint(
                fields=["mentorship"],
                condition=Q(kind="completed", confirmed_at__isnull=True, declined_at__isnull=True),
                name="one_pending_completion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.mentorship_id}"

    @property
    def pending(self) -> bool:
        return (
            self.kind == ClosingKind.COMPLETED
            and self.confirmed_at is None
            and self.declined_at is None
        )


class CelebrationKind(models.TextChoices):
    MILESTONE = "milestone", "Milestone completed"
    GOAL = "goal", "Goal achieved"
    MEETINGS = "meetings", "Meetings held"
    ANNIVERSARY = "anniversary", "Time together"
    CADENCE = "cadence", "Cadence kept"
    MANUAL = "manual", "Celebration"


class Celebration(HasPublicId):
    """A moment worth marking on the pair's timeline, automatic or added by hand."""

    mentorship = belongs_to_pair("celebrations")
    kind = models.CharField(max_length=16, choices=CelebrationKind.choices)
    title = models.CharField(max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What caused it ("milestone:<uuid>"); an event is celebrated once, however often it recurs.
    source = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "source"], condition=~Q(source=""), name="celebrate_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Kind(models.TextChoices):
    """Everything that happens to a pair and goes through `events.pair_event`.

    The first group reaches the timeline; the values are the timeline's kinds, which the
    API shows and filters by. The second group moves the pair's clock or tells someone,
    without a timeline entry.
    """

    AGREEMENT = "agreement", "Agreement"
    GOAL = "goal", "Goal"
    REVISION = "revision", "Goal revision"
    MILESTONE = "milestone", "Milestone"
    MEETING = "meeting", "Meeting"
    MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"
    NOTE = "note", "Shared note"
    ACTION = "action", "Action item done"
    CHECKIN = "checkin", "Check-in"
    APPRECIATION = "appreciation", "Appreciation"
    RESOURCE = "resource", "Resource"
    CELEBRATION = "celebration", "Celebration"
    JOURNAL = "journal", "Shared journal entry"

    REQUESTED = "requested", "Mentorship requested"
    PROPOSED = "proposed", "Pair proposed by matching"
    WITHDRAWN = "withdrawn", "Request withdrawn"
    ACCEPTED = "accepted", "Mentorship accepted"
    DECLINED = "declined", "Mentorship declined"
    CONFIRMED = "confirmed", "Matched pair confirmed"
    ENDED = "ended", "Mentorship ended"
    COMPLETED = "completed", "Mentorship completed"
    REOPENED = "reopened", "Mentorship reopened"
    COMPLETION_PROPOSED = "completion_proposed", "Completion proposed"
    COMPLETION_DECLINED = "completion_declined", "Completion declined"
    CHECKIN_REPLY = "checkin_reply", "Reply to a check-in"
    ACTION_ASSIGNED = "action_assigned", "Action item assigned"
    AGREEMENT_IN_FORCE = "agreement_in_force", "Agreement in force"
    MEETING_CHANGED = "meeting_changed", "Meeting changed"
    MESSAGE = "message", "Message sent"


# What the timeline shows and filters by. A cancelled meeting is filed under "Meeting".
TIMELINE_KINDS = (
    Kind.AGREEMENT,
    Kind.GOAL,
    Kind.REVISION,
    Kind.MILESTONE,
    Kind.MEETING,
    Kind.NOTE,
    Kind.ACTION,
    Kind.CHECKIN,
    Kind.APPRECIATION,
    Kind.RESOURCE,
    Kind.CELEBRATION,
    Kind.JOURNAL,
    Kind.COMPLETED,
    Kind.ENDED,
    Kind.REOPENED,
)
FILED_UNDER = {Kind.MEETING_CANCELLED: Kind.MEETING}
ON_TIMELINE = frozenset([*TIMELINE_KINDS, *FILED_UNDER])


class TimelineItem(models.Model):
    """One shared event of the pair. It refers to its thing (kind + ref, the thing's public
    id) and holds no text of its own: the text and the link are rendered when read, so an
    edit or a deletion shows at once. Never anything private."""

    mentorship = belongs_to_pair("timeline")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    at = models.DateTimeField(default=tz.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ref = models.UUIDField(null=True, blank=True)

    # Filled when read by mentorships.timeline.rendered, from the thing itself; never stored.
    summary: str = ""
    url: str = ""
    full_text: str = ""
    edited: bool = False  # its author changed it since

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["mentorship", "-at", "-id"], name="timeline_pair_at"),
            models.Index(fields=["mentorship", "kind", "-at", "-id"], name="timeline_pair_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref}"

    @property
    def shown_kind(self) -> Kind:
        return FILED_UNDER.get(Kind(self.kind), Kind(self.kind))

    @property
    def shown_kind_label(self) -> str:
        return str(self.shown_kind.label)
