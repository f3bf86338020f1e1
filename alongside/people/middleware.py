import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone as tz

from alongside.people.models import Person
from alongside.people.services import person_touch


def activate_timezone(person: Person) -> None:
    """Dates and times of this request are the person's own ("today" included)."""
    try:
        tz.activate(zoneinfo.ZoneInfo(person.timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz.deactivate()


class PersonTimezoneMiddleware:
    """Shows every time in the signed-in person's own time zone (stored in UTC)."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, Person) and user.is_authenticated:
            activate_timezone(user)
        else:
            tz.deactivate()
        try:
            return self.get_response(request)
        finally:
            tz.deactivate()


class LastActiveMiddleware:
    """Keeps `last_active` roughly current for people using the pages."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        user = getattr(request, "user", None)
        if isinstance(user, Person) and user.is_authenticated and response.status_code < 400:
            person_touch(person=user)
        return response
