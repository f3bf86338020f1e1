"""Writing the pair's timeline. Services call `record` for shared events only."""

import datetime as dt
import uuid

from alongside.growth.models import TimelineItem
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person


def record(
    *,
    mentorship: Mentorship,
    kind: str,
    summary: str,
    actor: Person | None = None,
    ref: uuid.UUID | None = None,
    url: str = "",
    at: dt.datetime | None = None,
) -> TimelineItem:
    item = TimelineItem(
        mentorship=mentorship, kind=kind, summary=summary[:300], actor=actor, ref=ref, url=url
    )
    if at is not None:
        item.at = at
    item.save()
    return item
