"""Taking back and correcting what was written in the growth app: thank-you notes,
resources, check-ins and their replies, and journal entries, by their authors only.

A deletion takes back what the other member was told through the pair-event door
(`pair_event_undone`): the timeline rows, the notifications that name the thing and
their emails not sent yet. A shared journal entry is the one thing copied (the other
member reads the copy, never the journal): an edit changes the copy, and unsharing or
deleting the entry deletes it."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone as tz

from alongside.growth.models import (
    CHECKIN_EDIT_DAYS,
    SHORT_MAX,
    TEXT_MAX,
    Appreciation,
    CheckIn,
    JournalEntry,
    Resource,
    SharedEntry,
    SkillRating,
)
from alongside.growth.services import checkin_clean, clean_url
from alongside.lib.access import require_author
from alongside.lib.edits import clean_change, refuse_unknown, save_changes, text_edit
from alongside.lib.errors import Conflict
from alongside.mentorships.edits import own_delete
from alongside.mentorships.events import pair_event_undone
from alongside.people.models import Person

# --- Thank-you notes --------------------------------------------------------------------


@transaction.atomic
def appreciation_edit(*, appreciation: Appreciation, actor: Person, message: Any) -> Appreciation:
    return text_edit(
        appreciation, {"message": message}, actor=actor, what="thank-you note", limit=SHORT_MAX
    )


@transaction.atomic
def appreciation_delete(*, appreciation: Appreciation, actor: Person) -> None:
    """Gone from the timeline, the other's notifications and any email not sent yet."""
    own_delete(appreciation, actor=actor, what="thank-you note", mentorship=appreciation.mentorship)


# --- Resources --------------------------------------------------------------------------


@transaction.atomic
def resource_edit(*, resource: Resource, actor: Person, **changes: Any) -> Resource:
    require_author(resource.author_id, actor, what="resource")
    refuse_unknown(changes, {"title", "url", "note"})
    clean_change(changes, "title", limit=200, required=True)
    if "url" in changes:
        changes["url"] = clean_url(changes["url"] or "")
    clean_change(changes, "note", limit=SHORT_MAX)
    return save_changes(resource, changes)


@transaction.atomic
def resource_delete(*, resource: Resource, actor: Person) -> None:
    """The resource goes with the reactions and replies to it."""
    own_delete(resource, actor=actor, what="resource", mentorship=resource.mentorship)


# --- Check-ins and replies --------------------------------------------------------------


@transaction.atomic
def checkin_edit(*, checkin: CheckIn, actor: Person, **changes: Any) -> CheckIn:
    """The mentee corrects a check-in within 7 days of writing it. Fields left out keep
    their values; `ratings`, when given, replaces all the ratings."""
    require_author(checkin.author_id, actor, what="check-in")
    refuse_unknown(changes, {"wins", "challenges", "feeling", "ratings"})
    if tz.now() - checkin.created_at > dt.timedelta(days=CHECKIN_EDIT_DAYS):
        raise Conflict(
            f"A check-in can be changed for {CHECKIN_EDIT_DAYS} days; write a new one instead.",
            code="too_late",
        )
    current = [{"skill": r.skill, "level": r.level} for r in checkin.ratings.all()]
    wins, challenges, feeling, levels = checkin_clean(
        wins=(changes["wins"] or "") if "wins" in changes else checkin.wins,
        challenges=(changes["challenges"] or "") if "challenges" in changes else checkin.challenges,
        feeling=changes.get("feeling", checkin.feeling),
        ratings=changes["ratings"] if changes.get("ratings") is not None else current,
    )
    before = [(r["skill"], r["level"]) for r in current]
    ratings_changed = sorted(levels) != sorted(before)
    checkin = save_changes(checkin, {"wins": wins, "challenges": challenges, "feeling": feeling})
    if ratings_changed:
        checkin.ratings.all().delete()
        SkillRating.objects.bulk_create(
            [SkillRating(checkin=checkin, skill=skill, level=level) for skill, level in levels]
        )
        checkin.edited_at = tz.now()
        checkin.save(update_fields=["edited_at"])
    return checkin


@transaction.atomic
def checkin_delete(*, checkin: CheckIn, actor: Person) -> None:
    """The mentee takes a check-in back, with its ratings and the reply to it."""
    own_delete(checkin, actor=actor, what="check-in", mentorship=checkin.mentorship)


@transaction.atomic
def checkin_reply_delete(*, checkin: CheckIn, actor: Person) -> CheckIn:
    """The mentor takes their reply back."""
    checkin = CheckIn.objects.select_for_update().select_related("mentorship").get(pk=checkin.pk)
    if not checkin.reply:
        raise Conflict("This check-in has no reply.", code="no_reply")
    require_author(checkin.mentorship.mentor_id, actor, what="reply")
    # What told the mentee of the reply (and may quote it) goes; the check-in stays put.
    pair_event_undone(mentorship=None, ref=checkin, only_for=checkin.mentorship.mentee)
    checkin.reply, checkin.replied_at, checkin.reply_edited_at = "", None, None
    checkin.save(update_fields=["reply", "replied_at", "reply_edited_at"])
    return checkin


# --- The journal ------------------------------------------------------------------------


def _shared_copy(entry: JournalEntry) -> SharedEntry | None:
    return SharedEntry.objects.filter(source=entry).select_related("mentorship").first()


@transaction.atomic
def journal_edit(*, entry: JournalEntry, actor: Person, body: Any) -> JournalEntry:
    """The author rewrites an entry; if it is shared, the other member reads the new words."""
    entry = text_edit(entry, {"body": body}, actor=actor, what="journal entry", limit=TEXT_MAX)
    shared = _shared_copy(entry)
    if shared is not None:
        save_changes(shared, {"body": entry.body})
    return entry


def _unshare(entry: JournalEntry) -> bool:
    shared = _shared_copy(entry)
    if shared is None:
        return False
    pair_event_undone(mentorship=shared.mentorship, ref=shared)
    # A notice of the sharing may name the entry rather than its copy.
    pair_event_undone(mentorship=None, ref=entry)
    shared.delete()
    return True


@transaction.atomic
def journal_unshare(*, entry: JournalEntry, actor: Person) -> JournalEntry:
    """The other member can no longer read it: the copy leaves the timeline and every
    notification. The entry stays in the journal, private."""
    require_author(entry.author_id, actor, what="journal entry")
    entry = JournalEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if not _unshare(entry) and entry.shared_at is None:
        raise Conflict("This entry is not shared.", code="not_shared")
    entry.shared_at = None
    entry.save(update_fields=["shared_at"])
    return entry


@transaction.atomic
def journal_delete(*, entry: JournalEntry, actor: Person) -> None:
    require_author(entry.author_id, actor, what="journal entry")
    if not _unshare(entry):
        pair_event_undone(mentorship=None, ref=entry)
    entry.delete()
