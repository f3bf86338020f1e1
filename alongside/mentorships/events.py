"""The one door for pair events.

Whatever happens to a pair that its timeline, its clock, a celebration or the other
member must hear of goes through `pair_event`, never through separate calls at each
site: a new listener (the audit log) is then one more line here, not thirty.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction

from alongside.mentorships.clock import pair_clock_update
from alongside.mentorships.models import (
    ON_TIMELINE,
    Celebration,
    CelebrationKind,
    Kind,
    Mentorship,
    TimelineItem,
)
from alongside.notifications.services import notify
from alongside.people.models import Person

# The events after which the pair's clocks (check-in due, fading, at risk) move.
MOVES_CLOCK = frozenset(
    {
        Kind.ACCEPTED,
        Kind.CONFIRMED,
        Kind.ENDED,
        Kind.COMPLETED,
        Kind.AGREEMENT_IN_FORCE,
        Kind.MEETING,
        Kind.MEETING_CHANGED,
        Kind.MEETING_CANCELLED,
        Kind.CHECKIN,
    }
)


@dataclass(frozen=True)
class Notice:
    """Who hears of the event (in the app, and by email unless they turned it off)."""

    person: Person
    kind: str  # a notifications.models.Kind
    key: str  # the notification happens once per person and key
    url: str
    template: str
    context: dict[str, Any]
    attachments: list[tuple[str, bytes, str]] | None = None


@dataclass(frozen=True)
class Celebrate:
    """A celebration the event brings; with a `source`, it happens once per pair."""

    kind: CelebrationKind
    title: str
    source: str = ""


@dataclass(frozen=True)
class Happened:
    item: TimelineItem | None
    celebration: Celebration | None


# Atomic, without a savepoint of its own: it runs inside its service's transaction, and an
# error in any of its steps undoes the whole change anyway.
@transaction.atomic(savepoint=False)
def pair_event(
    *,
    mentorship: Mentorship,
    kind: Kind,
    actor: Person | None,
    ref: models.Model | None = None,
    notice: Notice | None = None,
    notices: tuple[Notice, ...] = (),
    celebrate: Celebrate | None = None,
    at: dt.datetime | None = None,
) -> Happened:
    """Record that `kind` happened to the pair, about `ref` (a thing with a public id).

    Writes the timeline entry (for kinds on the timeline), moves the pair's clocks,
    records the celebration it brings and tells the other member. For
    `Kind.CELEBRATION`, `celebrate` says what is celebrated and the celebration is the
    ref; a celebration already made for the same source makes nothing at all.
    """
    celebration = None
    if kind == Kind.CELEBRATION:
        if celebrate is None:
            raise TypeError("A celebration event says what it celebrates (celebrate=...).")
        celebration = _celebration_create(mentorship, celebrate, author=actor)
        if celebration is None:
            return Happened(None, None)
        ref = celebration
    item = None
    if kind in ON_TIMELINE:
        item = TimelineItem(mentorship=mentorship, kind=kind, actor=actor, ref=_public_id(ref))
        if at is not None:
            item.at = at
        item.save()
    if kind in MOVES_CLOCK:
        pair_clock_update(mentorship)
    if celebrate is not None and kind != Kind.CELEBRATION:
        # What the event brings is the product's celebration, not the actor's.
        celebration = pair_event(
            mentorship=mentorship, kind=Kind.CELEBRATION, actor=None, celebrate=celebrate
        ).celebration
    # `notice` tells one person (the other member); `notices` several (both members).
    for told in (notice, *notices) if notice is not None else notices:
        notify(
            person=told.person,
            kind=told.kind,
            key=told.key,
            url=told.url,
            template=told.template,
            context=told.context,
            attachments=told.attachments,
        )
    # The audit log hooks in here: one row per event, from the same arguments.
    return Happened(item, celebration)


def _public_id(ref: models.Model | None) -> Any:
    return getattr(ref, "public_id", None) if ref is not None else None


def _celebration_create(
    mentorship: Mentorship, celebrate: Celebrate, *, author: Person | None
) -> Celebration | None:
    source = celebrate.source
    if source and Celebration.objects.filter(mentorship=mentorship, source=source).exists():
        return None
    try:
        with transaction.atomic():
            return Celebration.objects.create(
                mentorship=mentorship,
                kind=celebrate.kind,
                title=celebrate.title[:300],
                source=source,
                author=author,
            )
    except IntegrityError:  # the same event, celebrated at the same moment elsewhere
        return None
