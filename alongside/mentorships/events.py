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
from alongside.notifications.services import forget_about, notify
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
    if notice is not None:
        notify(
            person=notice.person,
            kind=notice.kind,
            key=notice.key,
            url=notice.url,
            template=notice.template,
            context=notice.context,
            attachments=notice.attachments,
        )
    # The audit log hooks in here: one row per event, from the same arguments.
    return Happened(item, celebration)


# Atomic for the same reason as pair_event.
@transaction.atomic(savepoint=False)
def pair_event_undone(
    *,
    mentorship: Mentorship | None,
    ref: models.Model,
    kinds: tuple[Kind, ...] = (),
    forget_words: bool = True,
    only_for: Person | None = None,
) -> int:
    """Take back what a pair event said about `ref`: it was deleted, made private,
    unshared, or (with `kinds`) a step of it was undone, such as an action item reopened.

    Its timeline rows go (of `kinds` only, when given). With `forget_words`, so do the
    notifications that name it and their emails not sent yet, which may quote its words;
    an edit needs none of this, as the timeline reads the current words. A thing outside
    any pair (a journal entry never shared) still has its notifications forgotten; with
    `only_for`, only that person's are (a reply taken back: the notice of the check-in
    itself stays). Answers how many timeline rows went.
    """
    public_id = _public_id(ref)
    if public_id is None:
        raise TypeError("Only a thing with a public id can be taken back.")
    removed = 0
    if mentorship is not None:
        rows = TimelineItem.objects.filter(mentorship=mentorship, ref=public_id)
        if kinds:
            rows = rows.filter(kind__in=kinds)
        removed, _ = rows.delete()
    if forget_words:
        forget_about(about=str(public_id), person=only_for)
    return removed


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
