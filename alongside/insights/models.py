import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId
from alongside.mentorships.models import belongs_to_pair

WHAT_CHANGED_MAX = 4000

# The survey's rating questions, each answered 1-5; the API and the exports use the keys.
QUESTIONS = {
    "useful": "How useful was mentoring for you?",
    "goals": "How far did you get towards your goals?",
    "recommend": "How likely are you to recommend the program to a colleague?",
}


class Survey(HasPublicId):
    """The end-of-program survey of a program, sent once to every member of its pairs."""

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


class SurveyAnswer(HasPublicId):
    """One member's answer for one pair. The free text is the author's: the program's
    admins read it only when `shared` (the author ticked "share with the program")."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    mentorship = belongs_to_pair("survey_answers")
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


def _pair_outlived() -> "models.ForeignKey[Any, Any]":
    """The pair of a rollup row, without a cascade: a deleted pair's rows stay until the
    refresh takes its counts out of what was made from them (ProgramMonth, the figures)."""
    return models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )


def _counted() -> tuple[
    "models.PositiveIntegerField[int, int]",
    "models.DateTimeField[dt.datetime | None, dt.datetime | None]",
    "models.DateTimeField[dt.datetime | None, dt.datetime | None]",
]:
    """A count of PairMonth, and the first and the last moment it counts (`<name>`,
    `<name>_first`, `<name>_last`: rollups.py writes them by these names)."""
    return (
        models.PositiveIntegerField(default=0),
        models.DateTimeField(null=True),
        models.DateTimeField(null=True),
    )


class PairMonth(models.Model):
    """What a pair did in one month (UTC), counted for the program's dashboard: how many
    meetings held, check-ins, goals set and achieved, milestones, messages and feedback,
    each with the first and the last moment it happened in the month (so that a period
    that starts or ends inside the month knows which pairs it cuts). Counts and moments
    only, never a word. The database notes a change of the pair (PairChange) whenever a row behind
    these counts changes, and `rollups.rollups_refresh` recounts it; the dashboard reads a
    stale pair's rows directly, so its figures are never behind."""

    mentorship = _pair_outlived()
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    month = models.CharField(max_length=7)  # "YYYY-MM"
    # What the dashboard filters the pair by, as it was when counted: whether the pair had
    # started (active, completed or ended), and its mentee's department in the program.
    started = models.BooleanField(default=False)
    department = models.TextField(default="", blank=True)
    meetings, meetings_first, meetings_last = _counted()
    checkins, checkins_first, checkins_last = _counted()
    goals_set, goals_set_first, goals_set_last = _counted()
    goals_achieved, goals_achieved_first, goals_achieved_last = _counted()
    milestones, milestones_first, milestones_last = _counted()
    messages, messages_first, messages_last = _counted()
    feedback, feedback_first, feedback_last = _counted()
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


class ProgramMonth(models.Model):
    """The program's totals of one UTC month over its started pairs of one department (the
    mentee's, as in PairMonth): the sums of those PairMonth rows, kept so by
    `groups.groups_add`, which the refresh calls as it replaces a pair's rows. The
    dashboard reads its months wholly inside the period here, a few rows per month
    whatever the number of pairs."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    month = models.CharField(max_length=7)  # "YYYY-MM"
    department = models.TextField(default="", blank=True)
    meetings = models.IntegerField(default=0)
    checkins = models.IntegerField(default=0)
    goals_set = models.IntegerField(default=0)
    goals_achieved = models.IntegerField(default=0)
    milestones = models.IntegerField(default=0)
    messages = models.IntegerField(default=0)
    feedback = models.IntegerField(default=0)
    feedback_ratings = models.IntegerField(default=0)  # their sum
    feedback_pairs = models.IntegerField(default=0)  # the pairs with feedback that month

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "month", "department"], name="one_program_month"
            )
        ]

    def __str__(self) -> str:
        return f"Program {self.program_id} in {self.month} ({self.department or '-'})"


class PairSkill(models.Model):
    """A pair's change of confidence per skill from its first check-in to its latest (of all
    time): one row per skill both rate (as the dashboard pairs them), and one row with no
    skill that holds the pair's check-in span. A period that holds every check-in of the
    pair reads the pair's change here; one that cuts its check-ins counts it from them.
    Levels and moments only, never a word. Recounted with the pair's PairMonth rows."""

    mentorship = _pair_outlived()
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    first_at = models.DateTimeField()  # the pair's first check-in
    last_at = models.DateTimeField()  # and its latest
    checkins = models.PositiveIntegerField()
    skill = models.TextField(null=True)  # lower case: the key the skills are grouped by
    label = models.TextField(null=True)
    first_level = models.PositiveSmallIntegerField(null=True)
    last_level = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["program", "first_at", "last_at"], name="pair_skill_first"),
            models.Index(fields=["program", "last_at", "first_at"], name="pair_skill_last"),
        ]

    def __str__(self) -> str:
        return f"Pair {self.mentorship_id}: {self.skill or 'check-ins'}"


class PairChange(models.Model):
    """A pair whose PairMonth, PairSkill rows and share of the ProgramMonth totals may be
    out of date: database triggers (triggers.py) add a row whenever one of its meetings,
    feedback, check-ins, skill ratings, goals, milestones or messages is written or
    deleted, or its status, mentee or mentee's enrollment changes, whoever writes (a
    service, a bulk load, the admin site, a cascade). Rows are only ever added, never
    updated, so writers never wait on each other here; a refresh recounts the pairs and
    removes the rows up to the last one it saw. A plain id, no foreign key: a pair being
    deleted marks itself too."""

    mentorship_id = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"Pair {self.mentorship_id} changed"
