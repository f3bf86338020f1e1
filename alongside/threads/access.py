"""A message is seen by the two members of its pair alone; anyone else gets a 404."""

from typing import Any

from alongside.lib.access import visible_in_pair
from alongside.people.models import Person
from alongside.threads.models import Message


def get_message_for(person: Person, public_id: Any) -> Message:
    found = Message.objects.select_related("mentorship__mentor", "mentorship__mentee", "author")
    return visible_in_pair(person, found, public_id, what="message")
