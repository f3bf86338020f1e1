import time
import zoneinfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone as tz

from alongside.people.models import Person
from alongside.people.services import person_touch
from alongside.people.sessions import session_person
from alongside.people.twofactor import twofactor_enabled, twofactor_required


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
            # The person itself in place of Django's lazy wrapper, now that it is loaded:
            # every attribute read through the wrapper (thousands on a busy page, in the
            # selectors and the templates) costs two extra calls.
            person: Person = getattr(user, "_wrapped", user)
            request.user = person
            activate_timezone(person)
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


# Where a person who must set up two-factor sign-in may still go.
SETUP_PATHS = ("/profile/two-factor/", "/signout/", "/static/", "/admin/logout/")
CHECKED_KEY = "_alongside_2fa_checked"
CHECK_SECONDS = 300


class TwoFactorRequiredMiddleware:
    """With REQUIRE_2FA_FOR_ADMINS, staff and program admins signed in without two-factor
    sign-in are sent to set it up before anything else (the API answers 403). Whether a
    person is fine is remembered in their session for five minutes: no query on most
    requests, and none at all with the setting off."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_2FA_FOR_ADMINS and self._must_set_up(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "Staff and program admins turn on two-factor sign-in "
                        "before using the site: set it up at /profile/two-factor/.",
                        "code": "twofactor_setup_required",
                        "errors": [],
                    },
                    status=403,
                )
            return redirect(f"{reverse('twofactor')}?required=1")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        if request.path.startswith(SETUP_PATHS):
            return False
        user = session_person(request)
        if user is None:
            return False
        now = int(time.time())
        checked = request.session.get(CHECKED_KEY)
        if isinstance(checked, int) and now - checked < CHECK_SECONDS:
            return False
        if twofactor_required(user) and not twofactor_enabled(user):
            return True
        request.session[CHECKED_KEY] = now
        return False
