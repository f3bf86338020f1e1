from typing import Any

from alongside.lib.access import visible_one
from alongside.notifications.models import Notification
from alongside.people.models import Person


def get_notification_for(person: Person, public_id: Any) -> Notification:
    """A person's own notification; anyone else's is a 404."""
    found = Notification.objects.filter(person=person if person.is_authenticated else None)
    return visible_one(person, found, public_id, what="notification")
