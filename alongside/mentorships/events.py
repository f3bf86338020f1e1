"""The one door for pair events.

Whatever happens to a pair that its timeline, its clock, a celebration or the other
member must hear of goes through `pair_event`, never through separate calls at each
site: a new listener (the audit log) is then one more line here, not thirty.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse

from alongside.mentorships.clock import pair_clock_update
from alongside.mentorships.models import (
    ON_TIMELINE,
    Celebration,
    CelebrationKind,
    Kind,
    Mentorship,
    TimelineItem,
)
from alongside.notifications.models import Kind as NotificationKind
from alongside.notifications.services import forget_about, notify
from alongside.people.models import Person

# The events after which the pair's clocks (check-in due, fading, at risk) move.
MOVES_CLOCK = frozenset(
    {
        Kind.ACCEPTED,
        Kind.CONFIRMED,
        Kind.ENDED,
        Kind.COMPLETED,
        Kind.REOPENED,
        Kind.AGREEMENT_IN_FORCE,
        Kind.MEETING,
        Kind.MEETING_CHANGED,
        Kind.MEETING_CANCELLED,
        Kind.CHECKIN,
    }
)


# What the other member hears of when their partner does it: in the app, and by email per
# their settings (or in their weekly digest), once per thing. The words say what happened,
# never the thing's own text: an edit or a deletion after the email cannot leave a copy.
SHARED_WITH_YOU: dict[Kind, str] = {
    Kind.RESOURCE: "{actor} shared a resource with you",
    Kind.CHECKIN: "{actor} wrote a check-in",
    Kind.CHECKIN_REPLY: "{actor} replied to your check-in",
    Kind.JOURNAL: "{actor} shared a journal entry with you",
    Kind.CELEBRATION: "{actor} celebrated with you",
    Kind.MILESTONE: "{actor} completed a milestone",
    Kind.ACTION_ASSIGNED: "{actor} gave you an action item",
    Kind.REOPENED: "{actor} reopened your mentorship",
}


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
    # False: in the app only, at once; the email, if any, comes later from a sweep step
    # (the message digest batches a thread's messages into one email).
    email: bool = True


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
    on_timeline: bool = True,
) -> Happened:
    """Record that `kind` happened to the pair, about `ref` (a thing with a public id).

    Writes the timeline entry (for kinds on the timeline), moves the pair's clocks,
    records the celebration it brings and tells the other member. For
    `Kind.CELEBRATION`, `celebrate` says what is celebrated and the celebration is the
    ref; a celebration already made for the same source makes nothing at all.

    A kind in SHARED_WITH_YOU, done by a member, tells the other member (unless a
    `notice` is given); `notices` tells more people. A celebration that an event on the
    timeline brings is shown by that event's entry, not by one of its own.
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
    if kind in ON_TIMELINE and on_timeline:
        item = TimelineItem(mentorship=mentorship, kind=kind, actor=actor, ref=_public_id(ref))
        if at is not None:
            item.at = at
        item.save()
    if kind in MOVES_CLOCK:
        pair_clock_update(mentorship)
    if celebrate is not None and kind != Kind.CELEBRATION:
        # What the event brings is the product's celebration, not the actor's.
        celebration = pair_event(
            mentorship=mentorship,
            kind=Kind.CELEBRATION,
            actor=None,
            celebrate=celebrate,
            on_timeline=kind not in ON_TIMELINE,
        ).celebration
    if notice is None and kind in SHARED_WITH_YOU:
        notice = _shared_with_you(mentorship, kind, actor, ref)
    for each in (notice, *notices):
        if each is None:
            continue
        notify(**vars(each))  # a Notice's fields are notify()'s keywords
    # The audit log hooks in here: one row per event, from the same arguments.
    return Happened(item, celebration)


def _shared_with_you(
    mentorship: Mentorship, kind: Kind, actor: Person | None, ref: models.Model | None
) -> Notice | None:
    """The other member's notice of what their partner did; none for the product's own
    events (no actor) or without a thing to point at."""
    if actor is None or not mentorship.is_member(actor) or ref is None:
        return None
    from alongside.mentorships.timeline import url_of  # the renderers: same layer

    other = mentorship.other(actor)
    what = SHARED_WITH_YOU[kind].format(actor=actor.name)
    url = url_of(kind, ref) or reverse("timeline", args=[mentorship.public_id])
    return Notice(
        person=other,
        kind=NotificationKind.SHARED,
        key=f"shared:{kind.value}:{_public_id(ref)}",
        url=url,
        template="mentorships/email/shared",
        context={"mentorship": mentorship, "actor": actor, "what": what, "url": url},
    )


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
