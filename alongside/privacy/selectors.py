from django.db.models import QuerySet
from django.utils import timezone as tz

from alongside.people.models import Person
from alongside.privacy.models import Export


def exports_of(person: Person) -> QuerySet[Export]:
    """A person's exports that have not expired, newest first."""
    return Export.objects.filter(person=person, expires_at__gt=tz.now()).order_by(
        "-created_at", "-pk"
    )
