"""How the API knows who is calling: a bearer token, or the session of a signed-in page."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from alongside.people.middleware import activate_timezone
from alongside.people.services import person_touch, token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # An expired or revoked token raises NotAuthenticated: a 401 that says why.
        person = token_authenticate(raw=token)
        if person is not None:
            request.user = person
            person_touch(person=person)
            activate_timezone(person)  # as PersonTimezoneMiddleware does for pages
        return person


api_auth = [BearerToken(), django_auth]
