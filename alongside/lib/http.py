from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from alongside.people.models import Person


def client_address(request: HttpRequest) -> str:
    """The caller's address. Behind a proxy, REMOTE_ADDR must be set by the proxy layer."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def signed_in(request: HttpRequest) -> "Person":
    """The person behind a request that login_required or the API's auth let through."""
    from alongside.people.models import Person

    user = request.user
    if not isinstance(user, Person):  # pragma: no cover - the decorators guarantee it
        raise TypeError("signed_in() needs a request that passed the sign-in check")
    return user
