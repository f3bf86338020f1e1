"""An export is its owner's alone: anyone else, and an expired one, get a 404."""

from typing import Any

from django.utils import timezone as tz

from alongside.lib.access import visible_one
from alongside.people.models import Person
from alongside.privacy.models import Export


def get_export_for(person: Person, public_id: Any) -> Export:
    found = Export.objects.filter(
        person=person if person.is_authenticated else None, expires_at__gt=tz.now()
    )
    return visible_one(person, found, public_id, what="export")
