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
