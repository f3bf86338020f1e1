"""Every write of the growth app: check-ins and replies, appreciation, resources, the
journal, hand-made celebrations, and the automatic ones that come with time."""

import datetime as dt
import logging
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone as tz

from alongside.growth.models import (
    SHORT_MAX,
    SKILL_MAX,
    TEXT_MAX,
    Appreciation,
    CheckIn,
    JournalEntry,
    Reaction,
    Resource,
    ResourceResponse,
    SharedEntry,
    SkillRating,
)
from alongside.lib.errors import Conflict, Forbidden
from alongside.lib.inputs import clean_text
from alongside.meetings.models import Meeting
from alongside.meetings.selectors import cadence_for
from alongside.mentorships.access import require_active
from alongside.mentorships.events import Celebrate, Notice, pair_event
from alongside.mentorships.models import Celebration, CelebrationKind, Kind, Mentorship, Status
from alongside.notifications.models import Kind as NotificationKind
from alongside.people.models import Person
from alongside.people.services import normalize_tags

MAX_RATINGS = 20
logger = logging.getLogger(__name__)


def _require_active(mentorship: Mentorship) -> None:
    require_active(mentorship, only="this can be added")


def _int_1_5(value: Any, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({field: "Choose a number from 1 to 5."})
    return value


def checkin_clean(
    *, wins: Any, challenges: Any, feeling: Any, ratings: list[dict[str, Any]] | None
) -> tuple[str, str, int, list[tuple[str, int]]]:
    """The words, the feeling and the (skill, level) pairs of a check-in, checked, for
    writing one and for editing it."""
    wins = clean_text(wins, field="wins", limit=TEXT_MAX)
    challenges = clean_text(challenges, field="challenges", limit=TEXT_MAX)
    feeling = _int_1_5(feeling, field="feeling")
    ratings = ratings or []
    if len(ratings) > MAX_RATINGS:
        raise ValidationError({"ratings": f"Rate at most {MAX_RATINGS} skills at a time."})
    levels: dict[str, tuple[str, int]] = {}
    for i, rating in enumerate(ratings):
        (skill,) = normalize_tags([str(rating.get("skill", ""))], field=f"ratings.{i}.skill") or [
            ""
        ]
        if not skill:
            raise ValidationError({f"ratings.{i}.skill": "Name the skill."})
        if len(skill) > SKILL_MAX:
            raise ValidationError({f"ratings.{i}.skill": f"At most {SKILL_MAX} characters."})
        level = _int_1_5(rating.get("level"), field=f"ratings.{i}.level")
        if skill.casefold() in levels:
            raise ValidationError({f"ratings.{i}.skill": f"'{skill}' is rated twice."})
        levels[skill.casefold()] = (skill, level)
    if not (wins or challenges or levels):
        raise ValidationError({"wins": "Write a win or a challenge, or rate a skill."})
    return wins, challenges, feeling, list(levels.values())


@transaction.atomic
def checkin_create(
    *,
    mentorship: Mentorship,
    author: Person,
    wins: str = "",
    challenges: str = "",
    feeling: int,
    ratings: list[dict[str, Any]] | None = None,
) -> CheckIn:
    """The mentee looks back: wins, challenges, confidence per skill (1-5), feeling (1-5)."""
    _require_active(mentorship)
    if author.pk != mentorship.mentee_id:
        raise Forbidden(
            "Check-ins are written by the mentee; you can reply to them.", code="mentee_only"
        )
    wins, challenges, feeling, levels = checkin_clean(
        wins=wins, challenges=challenges, feeling=feeling, ratings=ratings
    )
    checkin = CheckIn.objects.create(
        mentorship=mentorship, author=author, wins=wins, challenges=challenges, feeling=feeling
    )
    SkillRating.objects.bulk_create(
        [SkillRating(checkin=checkin, skill=skill, level=level) for skill, level in levels]
    )
    pair_event(mentorship=mentorship, kind=Kind.CHECKIN, actor=author, ref=checkin)
    return checkin


@transaction.atomic
def checkin_reply(*, checkin: CheckIn, author: Person, reply: str) -> CheckIn:
    checkin = CheckIn.objects.select_for_update().select_related("mentorship").get(pk=checkin.pk)
    if author.pk != checkin.mentorship.mentor_id:
        raise Forbidden("The mentor replies to check-ins.", code="mentor_only")
    reply = clean_text(reply, field="reply", limit=TEXT_MAX, required=True)
    if checkin.reply:  # a second reply corrects the first: the mentee sees "edited"
        if reply != checkin.reply:
            checkin.reply, checkin.reply_edited_at = reply, tz.now()
            checkin.save(update_fields=["reply", "reply_edited_at"])
        return checkin
    checkin.reply = reply
    checkin.replied_at = tz.now()
    checkin.save(update_fields=["reply", "replied_at"])
    pair_event(mentorship=checkin.mentorship, kind=Kind.CHECKIN_REPLY, actor=author, ref=checkin)
    return checkin


@transaction.atomic
def appreciation_send(*, mentorship: Mentorship, author: Person, message: str) -> Appreciation:
    _require_active(mentorship)
    message = clean_text(message, field="message", limit=SHORT_MAX, required=True)
    appreciation = Appreciation.objects.create(
        mentorship=mentorship, author=author, message=message
    )
    pair_event(
        mentorship=mentorship,
        kind=Kind.APPRECIATION,
        actor=author,
        ref=appreciation,
        notice=Notice(
            person=mentorship.other(author),
            kind=NotificationKind.APPRECIATION,
            key=f"appreciation:{appreciation.public_id}",
            url=reverse("timeline", args=[mentorship.public_id]),
            template="growth/email/appreciation",
            context={"mentorship": mentorship, "actor": author, "appreciation": appreciation},
        ),
    )
    return appreciation


def clean_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    from django.core.validators import URLValidator

    if len(url) > SHORT_MAX:
        raise ValidationError({"url": f"A link has at most {SHORT_MAX} characters."})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": "Enter a web address starting with http:// or https://."}
        ) from None
    return url


@transaction.atomic
def resource_share(
    *, mentorship: Mentorship, author: Person, title: str, url: str = "", note: str = ""
) -> Resource:
    _require_active(mentorship)
    resource = Resource.objects.create(
        mentorship=mentorship,
        author=author,
        url=clean_url(url),
        title=clean_text(title, field="title", limit=200, required=True),
        note=clean_text(note, field="note", limit=SHORT_MAX),
    )
    pair_event(mentorship=mentorship, kind=Kind.RESOURCE, actor=author, ref=resource)
    return resource


@transaction.atomic
def resource_respond(
    *, resource: Resource, author: Person, reaction: str = "", body: str = ""
) -> ResourceResponse:
    if reaction and reaction not in Reaction.values:
        raise ValidationError({"reaction": "Choose one of: " + ", ".join(Reaction.values) + "."})
    body = clean_text(body, field="body", limit=SHORT_MAX)
    if not (reaction or body):
        raise ValidationError({"body": "React, or write a reply."})
    return ResourceResponse.objects.create(
        resource=resource, author=author, reaction=reaction, body=body
    )


@transaction.atomic
def journal_write(
    *, author: Person, body: str, mentorship: Mentorship | None = None
) -> JournalEntry:
    """Private to the author, always."""
    if mentorship is not None and not mentorship.is_member(author):
        raise ValidationError({"mentorship_id": "Choose one of your own mentorships."})
    body = clean_text(body, field="body", limit=TEXT_MAX, required=True)
    return JournalEntry.objects.create(author=author, body=body, mentorship=mentorship)


@transaction.atomic
def journal_share(*, entry: JournalEntry, author: Person) -> SharedEntry:
    """Copy one entry to the pair's timeline. The journal entry itself stays private."""
    # Only the entry is locked: its mentorship is optional, and PostgreSQL locks no outer join.
    entry = (
        JournalEntry.objects.select_for_update(of=("self",))
        .select_related("mentorship")
        .get(pk=entry.pk)
    )
    if entry.author_id != author.pk:  # pragma: no cover - access already guarantees it
        raise Forbidden("Only the author can share an entry.")
    if entry.mentorship is None:
        raise ValidationError(
            {"mentorship_id": "Tie the entry to a mentorship first: that is who will see it."}
        )
    _require_active(entry.mentorship)
    if entry.shared_at is not None:
        raise Conflict("This entry is already shared.", code="already_shared")
    entry.shared_at = tz.now()
    entry.save(update_fields=["shared_at"])
    shared = SharedEntry.objects.create(
        mentorship=entry.mentorship, author=author, body=entry.body, source=entry
    )
    pair_event(mentorship=entry.mentorship, kind=Kind.JOURNAL, actor=author, ref=shared)
    return shared


@transaction.atomic
def celebration_add(*, mentorship: Mentorship, author: Person, title: str) -> Celebration:
    _require_active(mentorship)
    title = clean_text(title, field="title", limit=300, required=True)
    celebration = pair_event(
        mentorship=mentorship,
        kind=Kind.CELEBRATION,
        actor=author,
        celebrate=Celebrate(kind=CelebrationKind.MANUAL, title=title),
    ).celebration
    assert celebration is not None  # noqa: S101 - no source, so never a duplicate
    return celebration


def _celebrate(
    mentorship: Mentorship, kind: CelebrationKind, title: str, source: str
) -> Celebration | None:
    return pair_event(
        mentorship=mentorship,
        kind=Kind.CELEBRATION,
        actor=None,
        celebrate=Celebrate(kind=kind, title=title, source=source),
    ).celebration


def celebrate_due(*, mentorship: Mentorship, now: dt.datetime | None = None) -> list[Celebration]:
    """The automatic celebrations that come with time: 5 and 10 meetings held, 3 and 6
    months together, and the cadence kept for a quarter. Each happens once. The reminder
    sweep calls it (see `celebrations_due`); reading a page never does."""
    if mentorship.status != Status.ACTIVE or mentorship.started_at is None:
        return []
    now = now or tz.now()
    made = []
    cadence = cadence_for(mentorship, now=now)
    held = Meeting.objects.filter(
        mentorship=mentorship, status="scheduled", starts_at__lte=now
    ).count()
    for count in (5, 10):
        if held >= count:
            made.append(
                _celebrate(
                    mentorship,
                    CelebrationKind.MEETINGS,
                    f"{count} meetings held together",
                    f"meetings:{count}",
                )
            )
    together = now - mentorship.started_at
    for months in (3, 6):
        if together >= dt.timedelta(days=months * 30):
            made.append(
                _celebrate(
                    mentorship,
                    CelebrationKind.ANNIVERSARY,
                    f"{months} months together",
                    f"months:{months}",
                )
            )
    if cadence.every_days and cadence.streak * cadence.every_days >= 90:
        made.append(
            _celebrate(
                mentorship,
                CelebrationKind.CADENCE,
                "Cadence kept for a quarter",
                _quarter_source(now),
            )
        )
    return [c for c in made if c is not None]


def _quarter_source(now: dt.datetime) -> str:
    return f"cadence:{now.year}-Q{(now.month - 1) // 3 + 1}"


def celebrations_due(now: dt.datetime, count: Counter[str]) -> None:
    """A step of the reminder sweep: the celebrations that came with time.

    Only pairs for which one may be due are looked at: a pair that met 5 or 10 times, or
    has been together 3 or 6 months, without that celebration yet; and, once a day, a
    pair that met lately without this quarter's cadence celebration (the streak takes a
    walk through its meetings, so it is not redone every minute).
    """
    from alongside.meetings.models import Meeting, MeetingStatus

    def missing(source: str) -> Q:
        return ~Q(Exists(Celebration.objects.filter(mentorship=OuterRef("pk"), source=source)))

    held = (
        Meeting.objects.filter(
            mentorship=OuterRef("pk"), status=MeetingStatus.SCHEDULED, starts_at__lte=now
        )
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    met_lately = Exists(
        Meeting.objects.filter(
            mentorship=OuterRef("pk"),
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=now,
            starts_at__gte=now - dt.timedelta(days=90),
        )
    )
    due = (
        Mentorship.objects.filter(status=Status.ACTIVE, started_at__isnull=False)
        .annotate(held=Coalesce(Subquery(held), 0))
        .filter(
            (Q(held__gte=5) & missing("meetings:5"))
            | (Q(held__gte=10) & missing("meetings:10"))
            | (Q(started_at__lte=now - dt.timedelta(days=90)) & missing("months:3"))
            | (Q(started_at__lte=now - dt.timedelta(days=180)) & missing("months:6"))
            | (met_lately & missing(_quarter_source(now)) & ~Q(celebrations_checked_on=now.date()))
        )
        .order_by("pk")
    )
    for mentorship in due:
        try:
            with transaction.atomic():
                Mentorship.objects.filter(pk=mentorship.pk).update(
                    celebrations_checked_on=now.date()
                )
                count["celebration"] += len(celebrate_due(mentorship=mentorship, now=now))
        except Exception:
            # As every sweep step does: one pair that fails is logged and skipped, the
            # others still get theirs, and the next sweep tries it again.
            logger.exception("Sweep step celebrations skipped Mentorship %s", mentorship.public_id)
            count["failed"] += 1
