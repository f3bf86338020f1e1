"""What a program admin does from the console: nudge a pair, offer a re-match, end a pair,
send the end-of-program survey; and a member answering it. Each admin action is recorded
for the audit log (audit.record_admin_action)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone as tz

from alongside.insights.audit import record_admin_action
from alongside.insights.models import QUESTIONS, WHAT_CHANGED_MAX, Survey, SurveyAnswer
from alongside.insights.selectors import REASON_LABELS, insights_changed
from alongside.lib.errors import Conflict, conflict_if_duplicate
from alongside.lib.inputs import clean_text
from alongside.mentorships.events import Notice, pair_event
from alongside.mentorships.models import Kind, Mentorship, Status
from alongside.mentorships.services import mentorship_end
from alongside.notifications.services import remind
from alongside.people.models import Person
from alongside.programs.models import Program

# The pairs a survey goes to: those that are running or ran their course.
SURVEYED = (Status.ACTIVE, Status.COMPLETED)


def _require_active(mentorship: Mentorship) -> None:
    if mentorship.status != Status.ACTIVE:
        raise Conflict(
            f"This pair is {mentorship.get_status_display().lower()}, not active.",
            code=f"status_{mentorship.status}",
        )


@transaction.atomic
def pair_nudge(*, program: Program, mentorship: Mentorship, actor: Person) -> int:
    """Remind both members to meet again, once a day per pair; answers how many were told."""
    _require_active(mentorship)
    today = tz.localdate()
    told = 0
    for person in (mentorship.mentor, mentorship.mentee):
        url = reverse("meeting_new", args=[mentorship.public_id])
        made = remind(
            person=person,
            kind="fading",
            key=f"nudge:{mentorship.public_id}:{person.public_id}:{today}",
            title=f"{program.name}: time to plan your next meeting",
            url=url,
            lines=[
                f"The team behind {program.name} hopes you two meet again soon. "
                "A short call counts."
            ],
            action="Schedule a meeting",
        )
        told += made is not None
    if not told:
        raise Conflict("This pair was nudged today already.", code="already_nudged")
    record_admin_action(actor=actor, program=program, action="pair_nudge", mentorship=mentorship)
    return told


@transaction.atomic
def pair_offer_rematch(*, program: Program, mentorship: Mentorship, actor: Person) -> int:
    """Tell the mentee that the program offers them a new match; once per pair."""
    _require_active(mentorship)
    url = reverse("program", args=[program.public_id])
    made = remind(
        person=mentorship.mentee,
        kind="rematch_offer",
        key=f"rematch:{mentorship.public_id}",
        title=f"{program.name} offers you a new match",
        url=url,
        lines=[
            f"If your mentorship is not working out, the team behind {program.name} "
            "can match you with another mentor. Reply from the program's page or "
            "talk to them."
        ],
        action="Open the program",
    )
    if made is None:
        raise Conflict("A new match was offered to this pair already.", code="already_offered")
    record_admin_action(
        actor=actor, program=program, action="pair_offer_rematch", mentorship=mentorship
    )
    return 1


@transaction.atomic
def pair_end(*, program: Program, mentorship: Mentorship, actor: Person, reason: str) -> Mentorship:
    """End the pair early for one of the grouped reasons, through the pair core; both
    members are told."""
    if reason not in REASON_LABELS:
        raise ValidationError({"reason": "Choose one of: " + ", ".join(REASON_LABELS) + "."})
    text = f"Ended by the program: {REASON_LABELS[reason]}"
    ended = mentorship_end(mentorship=mentorship, actor=actor, reason=text)
    # The pair core tells "the other member" of the one who ended it: the mentor here.
    # The mentee hears of it through the same door.
    pair_event(
        mentorship=ended,
        kind=Kind.ENDED,
        actor=actor,
        notice=Notice(
            person=ended.mentee,
            kind="ended",
            key=f"mentorship:ended:{ended.public_id}",
            url=reverse("mentorship", args=[ended.public_id]),
            template="mentorships/email/ended",
            context={"mentorship": ended, "actor": actor, "reason": text},
        ),
    )
    record_admin_action(
        actor=actor, program=program, action="pair_end", mentorship=ended, reason=reason
    )
    insights_changed(program)
    return ended


def _survey_url(mentorship: Mentorship) -> str:
    return reverse("survey", args=[mentorship.public_id])


@transaction.atomic
def survey_send(*, program: Program, actor: Person | None) -> tuple[Survey, int]:
    """Send the end-of-program survey to both members of every running or finished pair;
    once per program. Answers the survey and how many people were told."""
    with conflict_if_duplicate("The survey of this program was sent already.", code="already_sent"):
        survey = Survey.objects.create(program=program, sent_by=actor)
    told = 0
    pairs = Mentorship.objects.filter(program=program, status__in=SURVEYED).select_related(
        "mentor", "mentee"
    )
    for pair in pairs.iterator(chunk_size=500):
        url = _survey_url(pair)
        for person in (pair.mentor, pair.mentee):
            made = remind(
                person=person,
                kind="survey",
                key=f"survey:{survey.public_id}:{pair.public_id}",
                title=f"{program.name}: three questions on your mentorship",
                url=url,
                lines=[
                    "Three ratings and, if you like, what changed for you. Your words "
                    'stay yours unless you tick "share with the program".'
                ],
                action="Answer the survey",
            )
            told += made is not None
    record_admin_action(actor=actor, program=program, action="survey_send", told=told)
    return survey, told


def surveys_due(now: Any = None) -> int:
    """The sweep's step: programs that ended (within the last 30 days) get their survey."""
    import datetime as dt

    today = tz.localdate(now) if now else tz.localdate()
    due = Program.objects.filter(
        is_default=False,
        ends_on__lte=today,
        ends_on__gte=today - dt.timedelta(days=30),
        survey__isnull=True,
    )
    sent = 0
    for program in due:
        try:
            survey_send(program=program, actor=None)
        except Conflict:
            continue  # another worker sent it
        sent += 1
    return sent


def _rating(value: Any, field: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: "Give a whole number from 1 to 5."}) from None
    if not 1 <= number <= 5:
        raise ValidationError({field: "Give a whole number from 1 to 5."})
    return number


@transaction.atomic
def survey_answer(
    *,
    mentorship: Mentorship,
    author: Person,
    useful: Any,
    goals: Any,
    recommend: Any,
    what_changed: str = "",
    shared: bool = False,
) -> SurveyAnswer:
    """A member's one answer for their pair (access checked by the caller)."""
    survey = Survey.objects.filter(program_id=mentorship.program_id).first()
    if survey is None or mentorship.status not in (*SURVEYED, Status.ENDED):
        raise Conflict("There is no survey for this mentorship.", code="no_survey")
    ratings = {
        name: _rating(value, name)
        for name, value in (("useful", useful), ("goals", goals), ("recommend", recommend))
    }
    assert set(ratings) == set(QUESTIONS)  # noqa: S101 - the questions and the fields agree
    text = clean_text(what_changed, field="what_changed", limit=WHAT_CHANGED_MAX)
    with conflict_if_duplicate("You answered this survey already.", code="already_answered"):
        return SurveyAnswer.objects.create(
            survey=survey,
            mentorship=mentorship,
            author=author,
            what_changed=text,
            shared=bool(shared),
            **ratings,
        )
