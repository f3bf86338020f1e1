import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone as tz

from alongside.lib.compiled import Compiled
from alongside.meetings.models import (
    FEEDBACK_BLIND_DAYS,
    ActionItem,
    AgendaItem,
    Feedback,
    Meeting,
    MeetingStatus,
    Note,
    Prompt,
    Visibility,
)
from alongside.mentorships.models import AgreementVersion, Mentorship
from alongside.people.models import Person


def notes_visible_to(meeting: Meeting, viewer: Person) -> QuerySet[Note]:
    """Shared notes, and the viewer's own private ones. The one filter for every path."""
    return (
        Note.objects.filter(meeting=meeting)
        .filter(Q(visibility=Visibility.SHARED) | Q(author=viewer))
        .select_related("author")
    )


@dataclass
class FeedbackView:
    mine: Feedback | None
    theirs: Feedback | None  # None while it is still blind to me
    theirs_given: bool
    # When theirs becomes visible even if I have not answered; None before the first answer.
    opens_at: dt.datetime | None


def feedback_for(
    meeting: Meeting, viewer: Person, *, now: dt.datetime | None = None
) -> FeedbackView:
    now = now or tz.now()
    answers = {f.author_id: f for f in Feedback.objects.filter(meeting=meeting)}
    opens_at = meeting.feedback_opens_at
    if opens_at is None and answers:  # a stale instance: the first answer just came in
        first = min(f.created_at for f in answers.values())
        opens_at = first + dt.timedelta(days=FEEDBACK_BLIND_DAYS)
    mine = answers.pop(viewer.pk, None)
    theirs = next(iter(answers.values()), None)
    visible = theirs is not None and (
        mine is not None or (opens_at is not None and now >= opens_at)
    )
    return FeedbackView(mine, theirs if visible else None, theirs is not None, opens_at)


def meetings_for(mentorship: Mentorship) -> QuerySet[Meeting]:
    return Meeting.objects.filter(mentorship=mentorship).order_by("starts_at", "pk")


def next_meeting(mentorship: Mentorship, *, now: dt.datetime | None = None) -> Meeting | None:
    """The earliest scheduled meeting that has not ended yet."""
    now = now or tz.now()
    for meeting in meetings_for(mentorship).filter(
        status=MeetingStatus.SCHEDULED, starts_at__gte=now - dt.timedelta(hours=8)
    )[:5]:
        if not meeting.has_ended(now):
            return meeting
    return None


def agenda_for(
    meeting: Meeting, *, now: dt.datetime | None = None
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """(this meeting's items, items carried forward to it).

    Items not covered at a meeting that has ended (or was cancelled) carry forward to the
    pair's next meeting, until someone marks them covered there.
    """
    now = now or tz.now()
    own = list(meeting.agenda.select_related("author", "prompt"))
    carried: list[AgendaItem] = []
    upcoming = next_meeting(meeting.mentorship, now=now)
    if upcoming is not None and upcoming.pk == meeting.pk:
        earlier = AgendaItem.objects.filter(
            meeting__mentorship=meeting.mentorship,
            meeting__starts_at__lt=meeting.starts_at,
            covered_at__isnull=True,
        ).select_related("author", "meeting")
        carried = [
            i
            for i in earlier
            if i.meeting.status == MeetingStatus.CANCELLED or i.meeting.has_ended(now)
        ]
    return own, carried


def open_action_items(mentorship: Mentorship) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(mentorship=mentorship, done_at__isnull=True).select_related(
        "owner", "meeting"
    )


def done_action_items(meeting: Meeting) -> list[ActionItem]:
    """The meeting's action items marked done, which either member may reopen."""
    return list(
        ActionItem.objects.filter(meeting=meeting, done_at__isnull=False)
        .select_related("owner")
        .order_by("-done_at", "-pk")[:20]
    )


def my_action_items(person: Person, *, include_done: bool = False) -> QuerySet[ActionItem]:
    items = ActionItem.objects.filter(owner=person, mentorship__status="active").select_related(
        "mentorship__mentor", "mentorship__mentee", "meeting"
    )
    if not include_done:
        items = items.filter(done_at__isnull=True)
    return items.order_by("done_at", "due_on", "pk")


@dataclass
class ActionLine:
    """An open action item as the home page lists it."""

    public_id: uuid.UUID
    text: str
    due_on: dt.date | None
    partner_name: str  # the other member of the item's pair


ACTION_LINES = 20


def _open_action_lines(*, person_id: int) -> QuerySet[ActionItem, Any]:
    return (
        ActionItem.objects.filter(owner_id=person_id, mentorship__status="active", done_at=None)
        .order_by("due_on", "pk")
        .values(
            "public_id",
            "text",
            "due_on",
            "mentorship__mentor_id",
            "mentorship__mentor__name",
            "mentorship__mentee__name",
        )[:ACTION_LINES]
    )


# Built and compiled once per connection (lib/compiled.py).
_ACTION_LINES = Compiled(_open_action_lines, person_id=int)


def my_open_action_lines(person: Person) -> list[ActionLine]:
    """The first ACTION_LINES of my_action_items(person): what the home page shows."""
    return [
        ActionLine(
            row["public_id"],
            row["text"],
            row["due_on"],
            row["mentorship__mentee__name"]
            if row["mentorship__mentor_id"] == person.pk
            else row["mentorship__mentor__name"],
        )
        for row in _ACTION_LINES.rows(person_id=person.pk)
    ]


@dataclass
class Cadence:
    every_days: int | None
    last: Meeting | None  # the latest held meeting: its start and length only
    next: Meeting | None
    streak: int  # held meetings in a row that kept the cadence


def cadence_for(
    mentorship: Mentorship,
    *,
    now: dt.datetime | None = None,
    versions: Sequence[AgreementVersion] | None = None,
) -> Cadence:
    """The agreed cadence, the last and the next meeting, and the current streak.
    `versions`: the pair's agreement versions newest first, when the caller read them.

    A meeting keeps the cadence when it is held at most `every_days` (plus a day's grace)
    after the one before; the streak counts back from the latest held meeting.
    """
    now = now or tz.now()
    if versions is None:
        versions = list(AgreementVersion.objects.filter(mentorship=mentorship).order_by("-number"))
    in_force = next((v for v in versions if v.in_force), None)
    every = in_force.meeting_every_days if in_force else None
    # A start and a length per meeting, not whole rows: a pair meeting weekly for two
    # years has over a hundred.
    fields = ["id", "starts_at", "minutes"]
    found = (
        meetings_for(mentorship)
        .filter(status=MeetingStatus.SCHEDULED, starts_at__lte=now)
        .order_by("-starts_at", "-pk")
        .values_list(*fields)
    )
    newest_first = [
        (pk, starts_at, minutes)
        for pk, starts_at, minutes in found
        if starts_at + dt.timedelta(minutes=minutes) <= now  # Meeting.has_ended
    ]
    streak = 0
    if newest_first and every:
        streak = 1
        limit = dt.timedelta(days=every + 1)
        for later, earlier in zip(newest_first, newest_first[1:], strict=False):
            if later[1] - earlier[1] > limit:
                break
            streak += 1
    last = Meeting.from_db(found.db, fields, newest_first[0]) if newest_first else None
    return Cadence(every, last, next_meeting(mentorship, now=now), streak)


def recent_and_upcoming(mentorship: Mentorship, *, now: dt.datetime | None = None) -> list[Meeting]:
    """The last three meetings and the next five, oldest first."""
    now = now or tz.now()
    past = list(meetings_for(mentorship).filter(starts_at__lt=now).order_by("-starts_at")[:3])
    coming = list(meetings_for(mentorship).filter(starts_at__gte=now)[:5])
    return [*reversed(past), *coming]


@dataclass
class MeetingView:
    """A meeting as one member may see it: never the other member's private notes."""

    meeting: Meeting
    agenda: list[AgendaItem]
    carried: list[AgendaItem]  # items of earlier meetings carried forward to this one
    notes: list[Note]
    action_items: list[ActionItem]  # the pair's open ones, from every meeting
    feedback: FeedbackView


def meeting_view_for(meeting: Meeting, viewer: Person) -> MeetingView:
    """The one read behind the meeting page and GET /meetings/{id}."""
    own, carried = agenda_for(meeting)
    return MeetingView(
        meeting=meeting,
        agenda=own,
        carried=carried,
        notes=list(notes_visible_to(meeting, viewer)),
        action_items=list(open_action_items(meeting.mentorship)),
        feedback=feedback_for(meeting, viewer),
    )


def prompts_by_topic(topic: str = "") -> QuerySet[Prompt]:
    """The bank of conversation prompts, every topic or one (any case)."""
    found = Prompt.objects.all()
    return found.filter(topic__iexact=topic) if topic else found


def prompt_by_id(public_id: uuid.UUID | str) -> Prompt:
    """A prompt of the bank (every member may use any); 404 when there is no such prompt."""
    prompt = Prompt.objects.filter(public_id=public_id).first()
    if prompt is None:
        raise Http404("No such prompt.")
    return prompt


def upcoming_for(
    person: Person, *, now: dt.datetime | None = None, limit: int = 5
) -> list[Meeting]:
    """The person's next meetings in any of their pairs, soonest first, cancelled ones
    left out: what their calendar feed will show them next."""
    now = now or tz.now()
    return list(
        Meeting.objects.filter(
            Q(mentorship__mentor=person) | Q(mentorship__mentee=person),
            starts_at__gte=now,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("mentorship__mentor", "mentorship__mentee")
        .order_by("starts_at", "pk")[:limit]
    )
