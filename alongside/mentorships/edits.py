"""Taking back what one member wrote in a pair: its author only, and what the other
member was told of it (the timeline rows, the notifications that name it, their emails
not sent yet) goes with it, through the pair-event door."""

from typing import Any

from django.db.models import Model

from alongside.lib.access import require_author
from alongside.mentorships.events import pair_event_undone
from alongside.mentorships.models import Mentorship


def own_delete(
    thing: Model, *, actor: Any, what: str, mentorship: Mentorship | None, author: str = "author_id"
) -> None:
    """`author` names the field of the thing that holds its author's id."""
    require_author(getattr(thing, author), actor, what=what)
    pair_event_undone(mentorship=mentorship, ref=thing)
    thing.delete()
