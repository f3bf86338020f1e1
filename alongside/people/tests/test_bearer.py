"""A bearer token is checked in one query: the token, its person and, for a mentor, their
active mentees (GET /me's has_capacity), read together (people.selectors.bearer_of)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as tz

from alongside.lib.errors import NotAuthenticated
from alongside.people.models import ApiToken, Person
from alongside.people.services import token_authenticate, token_create
from conftest import make_pair, make_person


def me_with_queries(api):  # type: ignore[no-untyped-def]
    api.get("/me")  # the first use writes last_used_at and last_active
    with CaptureQueriesContext(connection) as captured:  # the request alone, no mail run
        r = api.client.get("/api/v1/me", headers=api.headers)
    assert r.status_code == 200
    return r.json(), [q["sql"][:120] for q in captured.captured_queries]


def test_get_me_is_one_query_for_a_mentor_with_mentees(mentor, pair, api_as):
    body, queries = me_with_queries(api_as(mentor))
    assert len(queries) == 1, queries
    assert body["has_capacity"] is True  # one active mentee of two


def test_get_me_is_one_query_for_someone_not_mentoring(mentee, api_as):
    body, queries = me_with_queries(api_as(mentee))
    assert len(queries) == 1, queries
    assert body["has_capacity"] is False


def test_a_mentor_below_capacity_has_room_and_at_capacity_has_none(mentor, pair, api_as):
    api = api_as(mentor)
    assert api.get("/me").json()["has_capacity"] is True
    make_pair(make_person("bo@example.org", "Bo Mentee"), mentor)  # the second of two
    assert api.get("/me").json()["has_capacity"] is False
    # Room again with a larger capacity: the answer of the PATCH itself says so.
    assert api.patch("/me", {"mentor_capacity": 3}).json()["has_capacity"] is True
    assert api.get("/me").json()["has_capacity"] is True


def test_only_active_mentorships_take_a_place(mentor, pair, api_as):
    mentor.mentor_capacity = 1
    mentor.save()
    api = api_as(mentor)
    assert api.get("/me").json()["has_capacity"] is False
    mentor.mentoring.filter(pk=pair.pk).update(status="ended")
    assert api.get("/me").json()["has_capacity"] is True


def test_turning_mentoring_on_answers_has_capacity_from_the_mentorships(mentee, api_as):
    api = api_as(mentee)
    assert api.get("/me").json()["has_capacity"] is False
    r = api.patch("/me", {"open_to_mentor": True})
    assert r.json()["has_capacity"] is True  # capacity 1 given, no mentee yet
    Person.objects.filter(pk=mentee.pk).update(mentor_capacity=0)
    assert api.get("/me").json()["has_capacity"] is False


def test_an_inactive_persons_token_is_refused(mentee, api_as):
    api = api_as(mentee)
    assert api.get("/me").status_code == 200
    Person.objects.filter(pk=mentee.pk).update(is_active=False)
    r = api.get("/me")
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"


def test_the_tokens_person_is_the_whole_row_as_the_orm_reads_it(mentor, pair):
    _, raw = token_create(person=mentor, name="t")
    person = token_authenticate(raw=raw)
    assert person is not None
    stored = Person.objects.get(pk=mentor.pk)
    assert person.get_deferred_fields() == set()
    assert not person._state.adding and person._state.db == "default"
    for field in Person._meta.concrete_fields:
        assert getattr(person, field.attname) == getattr(stored, field.attname), field.name
    assert person.active_mentees == 1  # type: ignore[attr-defined]
    assert person.last_active is None or person.last_active.tzinfo is not None


def test_a_token_of_someone_not_mentoring_carries_no_count(mentee):
    _, raw = token_create(person=mentee, name="t")
    person = token_authenticate(raw=raw)
    assert person is not None and not hasattr(person, "active_mentees")


def test_an_expired_or_revoked_token_is_still_refused_in_one_query(mentee):
    _, raw = token_create(person=mentee, name="t")
    token = ApiToken.objects.get(digest=ApiToken.digest_of(raw))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=tz.now() - dt.timedelta(seconds=1))
    with CaptureQueriesContext(connection) as captured, pytest.raises(NotAuthenticated) as ended:
        token_authenticate(raw=raw)
    assert ended.value.code == "token_expired"
    assert len(captured.captured_queries) == 1
    ApiToken.objects.filter(pk=token.pk).update(expires_at=tz.now() + dt.timedelta(days=1))
    mentee.set_password("a-new-long-password-1")
    mentee.save()
    with pytest.raises(NotAuthenticated) as ended:
        token_authenticate(raw=raw)
    assert ended.value.code == "token_revoked"
