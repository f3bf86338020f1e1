"""The steps of a sign-in on the pages (the site's and the admin's): the password, then,
for a person with two-factor sign-in on, a code on /signin/code/.

Between the two steps the session holds only who passed the password and when (for
PENDING_SECONDS), never a signed-in user: nothing but the code page accepts it.
"""

import time
from typing import Any

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from alongside.people.audit import audit
from alongside.people.models import AuditAction, Person
from alongside.people.twofactor import twofactor_enabled

PENDING_KEY = "_alongside_2fa_pending"
PENDING_SECONDS = 300


def signin_complete(
    request: HttpRequest, person: Person, *, via: str = "site", factor: str | None = None
) -> None:
    """Sign the browser in, and record it."""
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    detail: dict[str, Any] = {"via": via}
    if factor:
        detail["second_factor"] = factor
    audit(AuditAction.SIGNIN, actor=person, request=request, detail=detail)


def signin_after_password(
    request: HttpRequest, person: Person, *, next_url: str, via: str = "site"
) -> HttpResponse:
    """The password was right: sign in, or ask for the code first."""
    if twofactor_enabled(person):
        request.session[PENDING_KEY] = {
            "pk": person.pk,
            "at": int(time.time()),
            "next": next_url,
            "via": via,
            # A password changed meanwhile voids the step.
            "mark": person.get_session_auth_hash(),
        }
        return redirect("signin_code")
    signin_complete(request, person, via=via)
    return redirect(next_url)


def pending_signin(request: HttpRequest) -> tuple[Person, dict[str, Any]] | None:
    """Who passed the password step in this browser a moment ago, if anyone."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if int(time.time()) - int(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    person = Person.objects.filter(pk=pending.get("pk"), is_active=True).first()
    if person is None or person.get_session_auth_hash() != pending.get("mark"):
        request.session.pop(PENDING_KEY, None)
        return None
    return person, pending


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
