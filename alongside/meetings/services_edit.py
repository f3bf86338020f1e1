"""Taking back and correcting what was written about a meeting: editing and deleting
agenda items, notes and action items (their authors only), and undoing "covered" and
"done" (either member). What the other member was told is taken back through the
pair-event door (`pair_event_undone`); an edit shows on the timeline at once, as the
timeline reads the current words."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as tz

from alongside.lib.access import require_author
from alongside.lib.edits import clean_change, refuse_unknown, save_changes, text_edit
from alongside.lib.errors import Conflict
from alongside.meetings.models import (
    ITEM_MAX,
    TEXT_MAX,
    ActionItem,
    AgendaItem,
    Note,
    NoteKind,
    Visibility,
)
from alongside.mentorships.edits import own_delete
from alongside.mentorships.events import pair_event, pair_event_undone
from alongside.mentorships.models import Kind
from alongside.people.models import Person


@transaction.atomic
def agenda_edit(*, item: AgendaItem, actor: Person, text: Any) -> AgendaItem:
    return text_edit(item, {"text": text}, actor=actor, what="agenda item", limit=ITEM_MAX)


@transaction.atomic
def agenda_delete(*, item: AgendaItem, actor: Person) -> None:
    require_author(item.author_id, actor, what="agenda item")
    item.delete()


@transaction.atomic
def agenda_uncover(*, item: AgendaItem, actor: Person) -> AgendaItem:
    """Undo "covered": the item is open again, and carries forward if its meeting is past."""
    updated = AgendaItem.objects.filter(pk=item.pk, covered_at__isnull=False).update(
        covered_at=None, covered_in=None
    )
    if not updated:
        raise Conflict("This agenda item is not marked covered.", code="not_covered")
    item.refresh_from_db()
    return item


@transaction.atomic
def note_edit(*, note: Note, actor: Person, **changes: Any) -> Note:
    """Change the words, the kind, or who sees it. A shared note made private leaves the
    timeline and every notification at once; a private note shared goes on it now."""
    require_author(note.author_id, actor, what="note")
    refuse_unknown(changes, {"body", "visibility", "kind"})
    clean_change(changes, "body", limit=TEXT_MAX, required=True)
    if "visibility" in changes and changes["visibility"] not in Visibility.values:
        raise ValidationError({"visibility": "Choose shared (both of you) or private (only you)."})
    if "kind" in changes and changes["kind"] not in NoteKind.values:
        raise ValidationError({"kind": "Choose note or heard."})
    was = note.visibility
    note = save_changes(note, changes)
    mentorship = note.meeting.mentorship
    if was == Visibility.SHARED and note.visibility == Visibility.PRIVATE:
        pair_event_undone(mentorship=mentorship, ref=note)
    elif was == Visibility.PRIVATE and note.visibility == Visibility.SHARED:
        pair_event(mentorship=mentorship, kind=Kind.NOTE, actor=actor, ref=note)
    return note


@transaction.atomic
def note_delete(*, note: Note, actor: Person) -> None:
    own_delete(note, actor=actor, what="note", mentorship=note.meeting.mentorship)


def _clean_due(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date):
        raise ValidationError({"due_on": "Enter a date, e.g. 2026-12-01."})
    return value


@transaction.atomic
def action_item_edit(*, item: ActionItem, actor: Person, **changes: Any) -> ActionItem:
    """The one who wrote it changes its words, its owner or its due date."""
    require_author(item.created_by_id, actor, what="action item")
    refuse_unknown(changes, {"text", "owner", "due_on"})
    clean_change(changes, "text", limit=ITEM_MAX, required=True)
    if "owner" in changes:
        owner = changes["owner"]
        if owner is None or not item.mentorship.is_member(owner):
            raise ValidationError({"owner_id": "The owner must be one of the two of you."})
    if "due_on" in changes:
        changes["due_on"] = due_on = _clean_due(changes["due_on"])
        if (
            due_on is not None
            and due_on != item.due_on
            and due_on < tz.localdate() - dt.timedelta(days=1)
        ):
            raise ValidationError({"due_on": "Choose today or a later date."})
    return save_changes(item, changes)


@transaction.atomic
def action_item_delete(*, item: ActionItem, actor: Person) -> None:
    # Its "done" on the timeline, its reminders and their emails not sent yet go with it.
    own_delete(
        item, actor=actor, what="action item", mentorship=item.mentorship, author="created_by_id"
    )


@transaction.atomic
def action_item_reopen(*, item: ActionItem, actor: Person) -> ActionItem:
    """Undo "done": open again, and off the timeline until it is done once more."""
    updated = ActionItem.objects.filter(pk=item.pk, done_at__isnull=False).update(done_at=None)
    if not updated:
        raise Conflict("This action item is not done.", code="not_done")
    item.refresh_from_db()
    pair_event_undone(
        mentorship=item.mentorship, ref=item, kinds=(Kind.ACTION,), forget_words=False
    )
    return item
