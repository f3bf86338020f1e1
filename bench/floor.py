"""The floor: what the API endpoints would cost as bare Django views.

    gunicorn --pythonpath bench floor:application   (bench/run.py starts it so)

The WSGI application serves the whole site as alongside.wsgi does, plus one bare view
beside each measured API endpoint under /floor/. A bare view reads the same rows of the
same database and answers the same JSON fields, with nothing else: no token check (the
person is fixed by BENCH_FLOOR_PERSON), no schema, no pagination envelope, no middleware
work beyond Django's own. Our endpoint's time minus its floor's is what the product adds
over Django itself: authentication, validation, the privacy rules and the envelope.
"""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

from alongside.mentorships.models import Mentorship, TimelineItem  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.urls import urlpatterns as site  # noqa: E402

PERSON_FIELDS = (
    "public_id", "name", "headline", "bio", "timezone", "skills", "interests", "languages",
    "open_to_mentor", "mentor_capacity", "seeking_mentor", "channel", "meeting_every_days",
    "meeting_minutes", "last_active",
)  # fmt: skip
MENTORSHIP_FIELDS = (
    "public_id", "program__public_id", "program__name", "mentor__public_id", "mentor__name",
    "mentee__public_id", "mentee__name", "status", "requested_by__public_id",
    "requested_by__name", "message", "decline_reason", "end_reason", "created_at",
    "started_at", "closed_at",
)  # fmt: skip


def _me() -> int:
    return int(os.environ["BENCH_FLOOR_PERSON"])


def _json(data: Any) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"default": str})


def me(request: HttpRequest) -> JsonResponse:
    return _json(Person.objects.filter(pk=_me()).values(*PERSON_FIELDS, "email").first())


def mentorships(request: HttpRequest) -> JsonResponse:
    mine = Mentorship.objects.filter(Q(mentor_id=_me()) | Q(mentee_id=_me()))
    return _json(list(mine.order_by("-created_at", "-pk").values(*MENTORSHIP_FIELDS)[:20]))


def people(request: HttpRequest) -> JsonResponse:
    found = Person.objects.filter(open_to_mentor=True, is_active=True).order_by("name", "pk")
    return _json(list(found.values(*PERSON_FIELDS)[:20]))


def timeline(request: HttpRequest, mentorship_id: str) -> JsonResponse:
    items = TimelineItem.objects.filter(
        Q(mentorship__mentor_id=_me()) | Q(mentorship__mentee_id=_me()),
        mentorship__public_id=mentorship_id,
    )
    fields = ("kind", "at", "ref", "actor__public_id", "actor__name")
    return _json(list(items.order_by("-at", "-pk").values(*fields)[:20]))


urlpatterns = [
    path("floor/me", me),
    path("floor/mentorships", mentorships),
    path("floor/people", people),
    path("floor/mentorships/<str:mentorship_id>/timeline", timeline),
    *site,
]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
