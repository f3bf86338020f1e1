import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

WHAT_CHANGED_MAX = 4000

# The survey's rating questions, each answered 1-5; the API and the exports use the keys.
QUESTIONS = {
    "useful": "How useful was mentoring for you?",
    "goals": "How far did you get towards your goals?",
    "recommend": "How likely are you to recommend the program to a colleague?",
}


class Survey(models.Model):
    """The end-of-program survey of a program, sent once to every member of its pairs."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="survey"
    )
    # Null when the sweep sent it on the program's end date.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=tz.now)

    def __str__(self) -> str:
        return f"Survey of program {self.program_id}"


class SurveyAnswer(models.Model):
    """One member's answer for one pair. The free text is the author's: the program's
    admins read it only when `shared` (the author ticked "share with the program")."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="survey_answers"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    useful = models.PositiveSmallIntegerField()
    goals = models.PositiveSmallIntegerField()
    recommend = models.PositiveSmallIntegerField()
    what_changed = models.TextField(max_length=WHAT_CHANGED_MAX, blank=True)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "mentorship", "author"], name="one_survey_answer_each"
            ),
            models.CheckConstraint(
                condition=Q(useful__gte=1, useful__lte=5)
                & Q(goals__gte=1, goals__lte=5)
                & Q(recommend__gte=1, recommend__lte=5),
                name="survey_ratings_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Survey answer by {self.author_id}"


class PairMonth(models.Model):
    """What a pair did in one month (UTC), counted for the program's dashboard: how many
    meetings held, check-ins, goals set and achieved, milestones, messages and feedback,
    each with the first and the last moment it happened in the month (so that a period
    that starts or ends inside the month knows which pairs it cuts). Counts and moments
    only, never a word. The database notes a change of the pair (PairChange) whenever a row behind
    these counts changes, and `rollups.rollups_refresh` recounts it; the dashboard reads a
    stale pair's rows directly, so its figures are never behind."""

    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="+"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    month = models.CharField(max_length=7)  # "YYYY-MM"
    meetings = models.PositiveIntegerField(default=0)
    meetings_first = models.DateTimeField(null=True)
    meetings_last = models.DateTimeField(null=True)
    checkins = models.PositiveIntegerField(default=0)
    checkins_first = models.DateTimeField(null=True)
    checkins_last = models.DateTimeField(null=True)
    goals_set = models.PositiveIntegerField(default=0)
    goals_set_first = models.DateTimeField(null=True)
    goals_set_last = models.DateTimeField(null=True)
    goals_achieved = models.PositiveIntegerField(default=0)
    goals_achieved_first = models.DateTimeField(null=True)
    goals_achieved_last = models.DateTimeField(null=True)
    milestones = models.PositiveIntegerField(default=0)
    milestones_first = models.DateTimeField(null=True)
    milestones_last = models.DateTimeField(null=True)
    messages = models.PositiveIntegerField(default=0)
    messages_first = models.DateTimeField(null=True)
    messages_last = models.DateTimeField(null=True)
    feedback = models.PositiveIntegerField(default=0)
    feedback_first = models.DateTimeField(null=True)
    feedback_last = models.DateTimeField(null=True)
    feedback_ratings = models.PositiveIntegerField(default=0)  # their sum
    # The first and the last moment of all the counts: which pairs a cut through the month
    # splits is found by these two indexes, not by reading every pair's row.
    first_any = models.DateTimeField(null=True)
    last_any = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "month"], name="one_pair_month")
        ]
        indexes = [
            models.Index(fields=["program", "month", "first_any"], name="pair_month_first"),
            models.Index(fields=["program", "month", "last_any"], name="pair_month_last"),
            # The counts per month read from the index alone.
            models.Index(
                fields=[
                    "program",
                    "month",
                    "mentorship",
                    "meetings",
                    "checkins",
                    "goals_set",
                    "goals_achieved",
                    "milestones",
                    "messages",
                ],
                name="pair_month_counts",
            ),
            # The feedback and the check-ins, from the few rows that have some.
            models.Index(
                fields=[
                    "program",
                    "month",
                    "mentorship",
                    "feedback",
                    "feedback_ratings",
                    "feedback_first",
                    "feedback_last",
                ],
                name="pair_month_feedback",
                condition=Q(feedback__gt=0),
            ),
            models.Index(
                fields=[
                    "program",
                    "month",
                    "mentorship",
                    "checkins",
                    "checkins_first",
                    "checkins_last",
                ],
                name="pair_month_checkins",
                condition=Q(checkins__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"Pair {self.mentorship_id} in {self.month}"


class PairChange(models.Model):
    """A pair whose PairMonth rows may be out of date: database triggers (migration 0003)
    add a row whenever one of its meetings, feedback, check-ins, goals, milestones or
    messages is written or deleted, whoever writes (a service, a bulk load, the admin site,
    a cascade). Rows are only ever added, never updated, so writers never wait on each
    other here; a refresh recounts the pairs and removes the rows up to the last one it
    saw. A plain id, no foreign key: a pair being deleted marks itself too."""

    mentorship_id = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"Pair {self.mentorship_id} changed"
