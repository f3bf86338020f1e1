"""The periodic sweep for reminders and nudges. Every query reads only what is due now
(time windows and the pairs' clocks, all indexed); each reminder is made once by its key
and at most one of a kind reaches a person per day, so a worker that was down catches up
without flooding, and two workers at once send each reminder once.

It lives in the top layer because its steps read meetings, agreements and pairs; the
reminders themselves go out through notifications.notify."""

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone as tz

from alongside.growth.services import celebrations_due
from alongside.insights.rollups import rollups_refresh
from alongside.insights.services import surveys_due
from alongside.lib.email import send_email
from alongside.meetings.calendar import meeting_ics
from alongside.meetings.models import ActionItem, Feedback, Meeting, MeetingStatus
from alongside.mentorships.models import AgreementVersion, Mentorship, Status
from alongside.notifications.models import Notification, Preferences
from alongside.notifications.services import notify, remind
from alongside.people.audit import audit_prune
from alongside.people.models import Person
from alongside.people.sessions import sessions_prune
from alongside.privacy.services import exports_expire
from alongside.threads.digest import message_digests

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _each(count: Counter[str], step: str, rows: Iterable[T], handle: Callable[[T], Any]) -> None:
    """Handle the rows one by one. One that fails (a row no one foresaw) is logged with
    its id and skipped: every other pair's reminders still go out, and the next sweep
    tries it again. Each reminder is its own transaction (in _remind), so what was made
    before a failure is kept and what failed is rolled back whole."""
    for row in rows:
        try:
            handle(row)
        except Exception:
            ident = getattr(row, "public_id", None) or getattr(row, "pk", None)
            logger.exception("Sweep step %s skipped %s %s", step, type(row).__name__, ident)
            count["failed"] += 1


def _local(person: Person, moment: dt.datetime) -> dt.datetime:
    import zoneinfo

    try:
        return moment.astimezone(zoneinfo.ZoneInfo(person.timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC)


def _remind(
    count: Counter[str],
    kind: str,
    *,
    person: Person,
    now: dt.datetime,
    key: str,
    title: str,
    url: str,
    lines: list[str],
    action: str,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """One reminder: in the app, and by email with a few lines and one button. One that
    fails is rolled back, logged by its key and skipped, so the partner still gets theirs."""
    try:
        with transaction.atomic():
            made = remind(
                person=person,
                kind=kind,
                key=key,
                title=title,
                url=url,
                lines=lines,
                action=action,
                now=now,
                reminder=True,
                attachments=attachments,
            )
    except Exception:
        logger.exception("Sweep skipped the reminder %s", key)
        count["failed"] += 1
        return
    if made is not None:
        count[kind] += 1


def _day_word(at: dt.datetime, now: dt.datetime) -> str:
    """'Today' or 'Tomorrow' (or the weekday), as the person's own calendar says: a
    reminder 24 hours ahead of a meeting later today is not for tomorrow."""
    days = (at.date() - now.date()).days
    return {0: "Today", 1: "Tomorrow"}.get(days, f"On {at:%A}")


def meetings_tomorrow(now: dt.datetime, count: Counter[str]) -> None:
    """24 hours before a meeting, each member gets a reminder with the .ics."""
    due = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=24),
        mentorship__status=Status.ACTIVE,
    ).select_related("mentorship__mentor", "mentorship__mentee", "organizer")

    def remind(meeting: Meeting) -> None:
        ics = meeting_ics(meeting)
        for person in (meeting.mentorship.mentor, meeting.mentorship.mentee):
            other = meeting.mentorship.other(person)
            at = _local(person, meeting.starts_at)
            _remind(
                count,
                "meeting_tomorrow",
                person=person,
                now=now,
                key=f"meeting_tomorrow:{meeting.public_id}:{meeting.sequence}",
                title=f"{meeting.display_title} with {other.name}, {at:%A %-d %B at %H:%M}",
                url=reverse("meeting", args=[meeting.public_id]),
                lines=[
                    f"{_day_word(at, _local(person, now))} you meet {other.name}: "
                    f"{meeting.display_title}, "
                    f"{at:%A %-d %B at %H:%M} ({person.timezone}), "
                    f"{meeting.minutes} minutes."
                ]
                + ([f"Where: {meeting.place}"] if meeting.place else []),
                action="Open the agenda",
                attachments=[("meeting.ics", ics, "text/calendar")],
            )

    _each(count, "meetings_tomorrow", due, remind)


def checkins_due(now: dt.datetime, count: Counter[str]) -> None:
    today = now.date()
    due = Mentorship.objects.filter(
        status=Status.ACTIVE,
        checkin_due_on__lte=today,
        checkin_due_on__gte=today - dt.timedelta(days=60),
    ).select_related("mentee", "mentor")

    def remind(m: Mentorship) -> None:
        _remind(
            count,
            "checkin_due",
            person=m.mentee,
            now=now,
            key=f"checkin_due:{m.public_id}:{m.checkin_due_on}",
            title=f"Time for your monthly check-in with {m.mentor.name}",
            url=reverse("growth", args=[m.public_id]),
            lines=[
                "A few minutes: your wins, your challenges, and how confident "
                "you feel in each skill. Months later, it shows how far you came."
            ],
            action="Check in",
        )

    _each(count, "checkins_due", due, remind)


def action_items(now: dt.datetime, count: Counter[str]) -> None:
    today = now.date()
    items = ActionItem.objects.filter(
        done_at__isnull=True,
        mentorship__status=Status.ACTIVE,
        due_on__gte=today - dt.timedelta(days=30),
        due_on__lte=today + dt.timedelta(days=2),
    ).select_related("owner", "meeting", "mentorship")

    def remind(item: ActionItem) -> None:
        local_today = _local(item.owner, now).date()
        assert item.due_on is not None  # noqa: S101 - filtered above
        if item.due_on == local_today + dt.timedelta(days=1):
            key, title = f"action_due:{item.public_id}", f"Due tomorrow: {item.text}"
        elif item.due_on < local_today:
            key, title = f"action_overdue:{item.public_id}", f"Overdue: {item.text}"
        else:
            return
        _remind(
            count,
            "action_due",
            person=item.owner,
            now=now,
            key=key,
            title=title[:300],
            url=reverse("meeting", args=[item.meeting.public_id]),
            lines=[title],
            action="Open the meeting",
        )

    _each(count, "action_items", items, remind)


def agreements_waiting(now: dt.datetime, count: Counter[str]) -> None:
    waiting = AgreementVersion.objects.filter(
        Q(mentee_acknowledged_at__isnull=True) | Q(mentor_acknowledged_at__isnull=True),
        created_at__lte=now - dt.timedelta(days=1),
        created_at__gte=now - dt.timedelta(days=30),
        mentorship__status=Status.ACTIVE,
    ).select_related("mentorship__mentor", "mentorship__mentee")

    def remind(version: AgreementVersion) -> None:
        m = version.mentorship
        for role in ("mentee", "mentor"):
            if version.acknowledged_by(role):
                continue
            person = getattr(m, role)
            _remind(
                count,
                "agreement_waiting",
                person=person,
                now=now,
                key=f"agreement_waiting:{version.public_id}:{person.public_id}",
                title=f"Version {version.number} of your agreement waits for you",
                url=reverse("mentorship_agreement", args=[m.public_id]),
                lines=[
                    f"{m.other(person).name} saved version {version.number}. "
                    "It is in force once you read and acknowledge it."
                ],
                action="Read the agreement",
            )

    _each(count, "agreements_waiting", waiting, remind)


def feedback_missing(now: dt.datetime, count: Counter[str]) -> None:
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        mentorship__status=Status.ACTIVE,
        starts_at__lte=now - dt.timedelta(days=2),
        starts_at__gte=now - dt.timedelta(days=7),
    ).select_related("mentorship__mentor", "mentorship__mentee")
    given = set(
        Feedback.objects.filter(meeting__in=meetings).values_list("meeting_id", "author_id")
    )

    def remind(meeting: Meeting) -> None:
        for person in (meeting.mentorship.mentor, meeting.mentorship.mentee):
            if (meeting.pk, person.pk) in given:
                continue
            _remind(
                count,
                "feedback_missing",
                person=person,
                now=now,
                key=f"feedback_missing:{meeting.public_id}:{person.public_id}",
                title=f"How did {meeting.display_title.lower()} go? Two questions",
                url=reverse("meeting", args=[meeting.public_id]) + "#feedback",
                lines=[
                    "What went well, and what could you have done differently? "
                    "Your answer stays hidden until you both answered."
                ],
                action="Give feedback",
            )

    _each(count, "feedback_missing", meetings, remind)


def fading_pairs(now: dt.datetime, count: Counter[str]) -> None:
    """1.5x the cadence without a meeting nudges both; 3x flags the pair for the admins."""
    fading = Mentorship.objects.filter(
        status=Status.ACTIVE, fading_at__lte=now, fading_at__gte=now - dt.timedelta(days=60)
    ).select_related("mentor", "mentee")

    def nudge(m: Mentorship) -> None:
        for person in (m.mentor, m.mentee):
            _remind(
                count,
                "fading",
                person=person,
                now=now,
                key=f"fading:{m.public_id}:{m.fading_at:%Y%m%d%H%M}",
                title=f"It has been a while: plan your next meeting with {m.other(person).name}",
                url=reverse("meeting_new", args=[m.public_id]),
                lines=["Pairs that keep meeting get the most from mentoring. A short call counts."],
                action="Schedule a meeting",
            )

    _each(count, "fading_pairs", fading, nudge)
    at_risk = Mentorship.objects.filter(
        status=Status.ACTIVE, at_risk_at__lte=now, at_risk_since__isnull=True
    ).select_related("program", "mentor", "mentee")

    @transaction.atomic  # a failure un-flags the pair, for the next sweep to try again
    def flag(m: Mentorship) -> None:
        if not Mentorship.objects.filter(pk=m.pk, at_risk_since__isnull=True).update(
            at_risk_since=now
        ):
            return  # another worker flagged it
        for admin in m.program.admins.all():
            if notify(
                person=admin,
                kind="at_risk",
                now=now,
                key=f"at_risk:{m.public_id}:{m.at_risk_at:%Y%m%d%H%M}",
                title=f"A pair in {m.program.name} is at risk: no meeting for a long time",
                url="",
            ):
                count["at_risk"] += 1

    _each(count, "at_risk", at_risk, flag)


def weekly_digests(now: dt.datetime, count: Counter[str]) -> None:
    """One email a week with what happened, for those who chose it over single emails."""
    week_ago = now - dt.timedelta(days=7)
    due = Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=week_ago)

    @transaction.atomic  # the claim and the email commit together
    def digest(prefs: Preferences) -> None:
        if not Preferences.objects.filter(due, pk=prefs.pk).update(last_digest_at=now):
            return  # another worker sent it
        items = list(
            Notification.objects.filter(
                person=prefs.person, emailed_at__isnull=True, created_at__lte=now
            )
            .exclude(kind__in=prefs.email_off)
            .order_by("created_at")[:50]
        )
        if not items:
            return
        plural = "s" if len(items) != 1 else ""
        send_email(
            to=prefs.person.email,
            template="notifications/email/digest",
            context={
                "recipient": prefs.person,
                "items": items,
                "title": f"Your week on Alongside: {len(items)} update{plural}",
            },
            about=[n.key for n in items],
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
        count["digest"] += 1

    due_prefs = Preferences.objects.filter(due, weekly_digest=True).select_related("person")
    _each(count, "weekly_digests", due_prefs, digest)


def end_of_program_surveys(now: dt.datetime, count: Counter[str]) -> None:
    """A program that reached its end date sends its survey to every pair, once."""
    sent = surveys_due(now)
    if sent:
        count["surveys"] += sent


def insights_rollups(now: dt.datetime, count: Counter[str]) -> None:
    """The insights dashboard's monthly rollups: count again the pairs whose meetings,
    check-ins, goals or messages changed (the dashboard reads those directly meanwhile)."""
    refreshed = rollups_refresh()
    if refreshed:
        count["rollups_refreshed"] += refreshed


def prune_finished_tasks(now: dt.datetime, count: Counter[str]) -> None:
    """Delivered emails leave the queue after a day: their text is the pair's, not ours."""
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(finished_at__lte=now - dt.timedelta(days=1)).delete()
    if deleted:
        count["pruned_tasks"] += deleted


def prune_audit_log(now: dt.datetime, count: Counter[str]) -> None:
    """Audit events leave after AUDIT_RETENTION_DAYS."""
    deleted = audit_prune(now=now)
    if deleted:
        count["pruned_audit_events"] += deleted


def prune_sessions(now: dt.datetime, count: Counter[str]) -> None:
    """Expired sessions leave the database, and "My sessions" forgets ended ones."""
    deleted = sessions_prune()
    if deleted:
        count["pruned_sessions"] += deleted


STEPS = [
    meetings_tomorrow,
    checkins_due,
    action_items,
    agreements_waiting,
    feedback_missing,
    fading_pairs,
    celebrations_due,
    weekly_digests,
    end_of_program_surveys,
    insights_rollups,
    message_digests,
    prune_finished_tasks,
    prune_audit_log,
    exports_expire,
    prune_sessions,
]


def sweep(now: dt.datetime | None = None) -> Counter[str]:
    """Make every reminder that is due at `now`; answers how many of each kind."""
    now = now or tz.now()
    count: Counter[str] = Counter()
    for step in STEPS:
        try:
            step(now, count)
        except Exception:  # a step that fails as a whole must not keep the others from running
            logger.exception("Sweep step %s failed; the other steps go on", step.__name__)
            count["failed_steps"] += 1
    if count:
        logger.info("Sweep at %s: %s", now.isoformat(), dict(count))
    return count
