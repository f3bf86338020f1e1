"""Every change to meetings: scheduling (one or a series), rescheduling, cancelling, the
agenda, notes, action items and feedback."""

import datetime as dt
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as tz

from alongside.lib.errors import Conflict, conflict_if_duplicate
from alongside.lib.inputs import clean_fields, clean_text
from alongside.meetings import notify
from alongside.meetings.models import (
    FEEDBACK_BLIND_DAYS,
    ITEM_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    ActionItem,
    AgendaItem,
    Feedback,
    Meeting,
    MeetingStatus,
    Note,
    NoteKind,
    Prompt,
    Series,
    Visibility,
)
from alongside.mentorships.access import require_active
from alongside.mentorships.events import pair_event
from alongside.mentorships.models import Kind, Mentorship
from alongside.people.models import Person
from alongside.people.services import TIMEZONES

MAX_OCCURRENCES = 60
PAST_LIMIT = dt.timedelta(days=60)
FUTURE_LIMIT = dt.timedelta(days=2 * 366)


def _require_active(mentorship: Mentorship) -> None:
    require_active(mentorship, only="meetings are arranged")


def _require_scheduled(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict("This meeting was cancelled; schedule a new one.", code="cancelled")


def _clean_start(value: Any, *, now: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise ValidationError({"starts_at": "Enter a date and time, e.g. 2026-12-01T09:00+01:00."})
    if tz.is_naive(value):
        raise ValidationError(
            {"starts_at": "Give the time with its UTC offset, e.g. 2026-12-01T09:00+01:00."}
        )
    if value < now - PAST_LIMIT:
        raise ValidationError({"starts_at": "A meeting can be recorded at most 60 days back."})
    if value > now + FUTURE_LIMIT:
        raise ValidationError({"starts_at": "Schedule at most two years ahead."})
    return value.astimezone(dt.UTC)


def _clean_details(changes: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    def clean_one(field: str, value: Any) -> Any:
        if field == "starts_at":
            return _clean_start(value, now=now)
        elif field == "minutes":
            if isinstance(value, bool) or not isinstance(value, int) or not 5 <= value <= 480:
                raise ValidationError({field: "Enter the length in minutes, from 5 to 480."})
            return value
        elif field == "title":
            return clean_text(value or "", field=field, limit=TITLE_MAX)
        elif field == "place":
            return clean_text(value or "", field=field, limit=PLACE_MAX)
        else:
            raise ValidationError({field: "This field cannot be changed here."})

    return clean_fields(changes, clean_one)


def occurrences(
    start: dt.datetime, *, zone: str, every_days: int, until: dt.date
) -> list[dt.datetime]:
    """Starts of a series at the same local wall time, so a DST change does not shift them."""
    tzinfo = zoneinfo.ZoneInfo(zone)
    local = start.astimezone(tzinfo).replace(tzinfo=None)
    starts = []
    for k in range(MAX_OCCURRENCES):
        wall = local + dt.timedelta(days=k * every_days)
        if wall.date() > until:
            break
        starts.append(wall.replace(tzinfo=tzinfo).astimezone(dt.UTC))
    return starts


@transaction.atomic
def meeting_schedule(
    *,
    mentorship: Mentorship,
    organizer: Person,
    starts_at: Any,
    minutes: int = 45,
    title: str = "",
    place: str = "",
    repeat_every_days: int | None = None,
    repeat_until: dt.date | None = None,
) -> list[Meeting]:
    """One meeting, or a series "every N days until a date"; answers them in order."""
    _require_active(mentorship)
    now = tz.now()
    details = _clean_details(
        {"starts_at": starts_at, "minutes": minutes, "title": title, "place": place}, now=now
    )
    # A zone from an old or hand-edited row must not make scheduling fail: UTC then.
    zone = organizer.timezone if organizer.timezone in TIMEZONES else "UTC"
    series = None
    starts = [details["starts_at"]]
    if repeat_every_days is not None or repeat_until is not None:
        if repeat_every_days is None or repeat_until is None:
            raise ValidationError(
                {"repeat_until": "Give both repeat_every_days and repeat_until for a series."}
            )
        if isinstance(repeat_every_days, bool) or not 1 <= repeat_every_days <= 365:
            raise ValidationError({"repeat_every_days": "Repeat every 1 to 365 days."})
        first_day = details["starts_at"].astimezone(zoneinfo.ZoneInfo(zone)).date()
        if repeat_until < first_day:
            raise ValidationError({"repeat_until": "End the series on or after its first meeting."})
        if repeat_until > (now + FUTURE_LIMIT).date():
            raise ValidationError({"repeat_until": "End the series within two years."})
        starts = occurrences(
            details["starts_at"], zone=zone, every_days=repeat_every_days, until=repeat_until
        )
        series = Series.objects.create(
            mentorship=mentorship, every_days=repeat_every_days, until=repeat_until
        )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                mentorship=mentorship,
                series=series,
                starts_at=start,
                timezone=zone,
                minutes=details["minutes"],
                title=details["title"],
                place=details["place"],
                organizer=organizer,
            )
            for start in starts
        ]
    )
    first = meetings[0]
    pair_event(
        mentorship=mentorship,
        kind=Kind.MEETING,
        actor=organizer,
        ref=first,
        notice=notify.meeting_changed(
            first, actor=organizer, change="scheduled", count=len(meetings)
        ),
    )
    return meetings


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Person, **changes: Any) -> Meeting:
    """Reschedule or edit; the SEQUENCE grows so that calendars replace the old event."""
    meeting = Meeting.objects.select_for_update().select_related("mentorship").get(pk=meeting.pk)
    _require_active(meeting.mentorship)
    _require_scheduled(meeting)
    cleaned = _clean_details(changes, now=tz.now())
    changed = {f: v for f, v in cleaned.items() if getattr(meeting, f) != v}
    if "starts_at" in changed and Feedback.objects.filter(meeting=meeting).exists():
        # An answered meeting stays where it was held: its feedback belongs to that time.
        raise Conflict(
            "Feedback was given on this meeting, so its time stays as it is; "
            "schedule a new meeting instead.",
            code="has_feedback",
        )
    if not changed:
        return meeting
    for field, value in changed.items():
        setattr(meeting, field, value)
    meeting.sequence += 1
    meeting.updated_at = tz.now()
    meeting.save()
    moved = "starts_at" in changed or "minutes" in changed
    pair_event(
        mentorship=meeting.mentorship,
        kind=Kind.MEETING_CHANGED,
        actor=actor,
        ref=meeting,
        notice=notify.meeting_changed(meeting, actor=actor, change="rescheduled")
        if moved
        else None,
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Person, note: str = "") -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("mentorship").get(pk=meeting.pk)
    _require_scheduled(meeting)
    meeting.cancel_note = clean_text(note, field="note", limit=ITEM_MAX)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.updated_at = tz.now()
    meeting.save()
    pair_event(
        mentorship=meeting.mentorship,
        kind=Kind.MEETING_CANCELLED,
        actor=actor,
        ref=meeting,
        notice=notify.meeting_changed(meeting, actor=actor, change="cancelled"),
    )
    return meeting


@transaction.atomic
def agenda_add(
    *, meeting: Meeting, author: Person, text: str = "", prompt: Prompt | None = None
) -> AgendaItem:
    _require_active(meeting.mentorship)
    _require_scheduled(meeting)
    if prompt is not None:  # the question, and the person's own words after it if any
        text = f"{prompt.text} — {text.strip()}" if text.strip() else prompt.text
    text = clean_text(text, field="text", limit=ITEM_MAX, required=True)
    return AgendaItem.objects.create(meeting=meeting, author=author, text=text, prompt=prompt)


@transaction.atomic
def agenda_cover(*, item: AgendaItem, actor: Person, meeting: Meeting | None = None) -> AgendaItem:
    """Mark covered, in `meeting` (the one it was carried to) or its own."""
    updated = AgendaItem.objects.filter(pk=item.pk, covered_at__isnull=True).update(
        covered_at=tz.now(), covered_in=meeting or item.meeting
    )
    if not updated:
        raise Conflict("This agenda item is already covered.", code="already_covered")
    item.refresh_from_db()
    return item


@transaction.atomic
def note_add(
    *, meeting: Meeting, author: Person, body: str, visibility: str, kind: str = NoteKind.NOTE
) -> Note:
    _require_active(meeting.mentorship)
    body = clean_text(body, field="body", limit=TEXT_MAX, required=True)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose shared (both of you) or private (only you)."})
    if kind not in NoteKind.values:
        raise ValidationError({"kind": "Choose note or heard."})
    note = Note.objects.create(
        meeting=meeting, author=author, body=body, visibility=visibility, kind=kind
    )
    if visibility == Visibility.SHARED:  # a private note never reaches the timeline
        pair_event(mentorship=meeting.mentorship, kind=Kind.NOTE, actor=author, ref=note)
    return note


@transaction.atomic
def action_item_add(
    *, meeting: Meeting, author: Person, text: str, owner: Person, due_on: dt.date | None = None
) -> ActionItem:
    _require_active(meeting.mentorship)
    if not meeting.mentorship.is_member(owner):
        raise ValidationError({"owner_id": "The owner must be one of the two of you."})
    text = clean_text(text, field="text", limit=ITEM_MAX, required=True)
    if due_on is not None and due_on < tz.localdate() - dt.timedelta(days=1):
        raise ValidationError({"due_on": "Choose today or a later date."})
    item = ActionItem.objects.create(
        mentorship=meeting.mentorship,
        meeting=meeting,
        text=text,
        owner=owner,
        due_on=due_on,
        created_by=author,
    )
    if owner.pk != author.pk:  # the partner hears that it is theirs now
        pair_event(mentorship=meeting.mentorship, kind=Kind.ACTION_ASSIGNED, actor=author, ref=item)
    return item


@transaction.atomic
def action_item_complete(*, item: ActionItem, actor: Person) -> ActionItem:
    updated = ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(done_at=tz.now())
    if not updated:
        raise Conflict("This action item is already done.", code="already_done")
    item.refresh_from_db()
    pair_event(mentorship=item.mentorship, kind=Kind.ACTION, actor=actor, ref=item)
    return item


@transaction.atomic
def feedback_give(
    *,
    meeting: Meeting,
    author: Person,
    rating: int,
    went_well: str = "",
    do_differently: str = "",
) -> Feedback:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_scheduled(meeting)
    now = tz.now()
    if not meeting.has_started(now):
        # A meeting held early can be moved to when it happened, then answered.
        raise Conflict(
            "This meeting has not started yet; give feedback once it has begun "
            "(if it was held earlier, change its time first).",
            code="not_started",
        )
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": "Rate the meeting from 1 to 5."})
    with conflict_if_duplicate("You already gave feedback on this meeting.", code="duplicate"):
        feedback = Feedback.objects.create(
            meeting=meeting,
            author=author,
            rating=rating,
            created_at=now,
            went_well=clean_text(went_well, field="went_well", limit=TEXT_MAX),
            do_differently=clean_text(do_differently, field="do_differently", limit=TEXT_MAX),
        )
    # The first answer fixes when the blind period ends; later answers and moves keep it.
    Meeting.objects.filter(pk=meeting.pk, feedback_opens_at__isnull=True).update(
        feedback_opens_at=now + dt.timedelta(days=FEEDBACK_BLIND_DAYS)
    )
    return feedback
