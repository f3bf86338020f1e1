from django.db import IntegrityError, transaction

from alongside.growth import timeline
from alongside.mentorships.models import Celebration, Mentorship
from alongside.people.models import Person


def celebration_record(
    *, mentorship: Mentorship, kind: str, title: str, source: str = "", author: Person | None = None
) -> Celebration | None:
    """Store a celebration; an event with the same `source` is celebrated only once."""
    if source and Celebration.objects.filter(mentorship=mentorship, source=source).exists():
        return None
    try:
        with transaction.atomic():
            celebration = Celebration.objects.create(
                mentorship=mentorship, kind=kind, title=title[:300], source=source, author=author
            )
    except IntegrityError:  # the same event, celebrated at the same moment elsewhere
        return None
    timeline.record(
        mentorship=mentorship,
        kind="celebration",
        actor=author,
        summary=celebration.title,
        ref=celebration.public_id,
    )
    return celebration
