"""Who may see a person. Public profiles are visible to anyone signed in."""

from typing import Any

from django.http import Http404, HttpRequest

from alongside.lib.inputs import parse_public_id
from alongside.people.models import Person


def get_person_for(viewer: Person, public_id: Any) -> Person:
    if not viewer.is_authenticated:
        raise Http404
    try:
        return Person.objects.get(public_id=parse_public_id(public_id), is_active=True)
    except Person.DoesNotExist:
        raise Http404("No such person.") from None


def signed_in(request: HttpRequest) -> Person:
    """The person behind a request that login_required or the API's auth let through."""
    user = request.user
    if not isinstance(user, Person):  # pragma: no cover - the decorators guarantee it
        raise TypeError("signed_in() needs a request that passed the sign-in check")
    return user
