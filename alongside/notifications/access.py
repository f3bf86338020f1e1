from typing import Any

from django.http import Http404

from alongside.notifications.models import Notification
from alongside.people.access import parse_public_id
from alongside.people.models import Person


def get_notification_for(person: Person, public_id: Any) -> Notification:
    """A person's own notification; anyone else's is a 404."""
    if not person.is_authenticated:
        raise Http404
    found = Notification.objects.filter(person=person, public_id=parse_public_id(public_id)).first()
    if found is None:
        raise Http404("No such notification.")
    return found
