"""Matching runs saved in the database: parameters, proposed pairs, the unmatched, totals.

The pure engine beside this file (model.py, factors.py, candidates.py, solve.py,
explain.py, engine.py) knows nothing of these rows; services.py loads the program's
participants, calls the engine and saves what it found here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId

EXPLANATION_MAX = 1000
REASON_MAX = 300


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    PUBLISHED = "published", "Published"


class MatchingRun(HasPublicId):
    """One run of the engine over a program's participants, and the admins' review of it."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="matching_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A re-run keeps the locked pairs of the run it was made from.
    rerun_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reruns"
    )
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=80, blank=True)  # what it does now, in words
    error = models.TextField(blank=True)  # why it failed, for the admin
    # Parameters: factor -> weight (all six), the fairness mode, the floor, and the rules
    # and locks in force when it ran (`rules`, `locked` as [mentee pk, mentor pk] pairs).
    weights = models.JSONField(default=dict)
    fairness = models.BooleanField(default=False)
    floor = models.FloatField(default=0.0)
    params = models.JSONField(default=dict)
    # Totals, once done.
    matched = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    mean_score = models.FloatField(default=0.0)
    min_score = models.FloatField(default=0.0)
    seconds = models.FloatField(default=0.0)  # end to end: load, solve and save
    # Seconds per stage (load, solve, save) and CPU seconds: the machine may be shared.
    timings = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=tz.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["program", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="run_progress_0_100"),
            models.CheckConstraint(
                condition=Q(floor__gte=0) & Q(floor__lte=1), name="run_floor_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"matching run {self.public_id} of program {self.program_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.PUBLISHED, RunStatus.FAILED)


class RunPair(models.Model):
    """A pair the run proposes: the score, each factor 0-1 (null: not weighed, or the
    mentee gave no answer for it), and the same in words."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    language = models.FloatField(null=True)
    skills = models.FloatField(null=True)
    text = models.FloatField(null=True)
    timezone = models.FloatField(null=True)
    seniority = models.FloatField(null=True)
    picks = models.FloatField(null=True)
    explanation = models.CharField(max_length=EXPLANATION_MAX)
    locked = models.BooleanField(default=False)
    swapped = models.BooleanField(default=False)  # the admin chose this mentor by hand
    # The proposed mentorship publishing made (null before, or when the program's rules
    # refused the pair by then).
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    not_published = models.CharField(max_length=REASON_MAX, blank=True)  # why, in words

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="one_pair_per_mentee_per_run"),
        ]
        indexes = [models.Index(fields=["run", "-score", "id"])]

    def __str__(self) -> str:
        return f"pair {self.mentee_id}-{self.mentor_id} of run {self.run_id}"


class RunUnmatched(models.Model):
    """A mentee the run left unmatched, and why, in words."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched_rows")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=REASON_MAX)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee"], name="one_unmatched_row_per_mentee_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"unmatched {self.mentee_id} of run {self.run_id}"
