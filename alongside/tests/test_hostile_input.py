"""No input, however malformed, gives a 500 or changes what is saved.

Every operation of the OpenAPI document that takes a JSON body gets malformed JSON, a
list instead of an object, a wrong type in each field, 100,000 characters in each text
field and an unknown field. Each must answer a 4xx JSON error in the house format.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps

from alongside.tests.apispec import (
    JSON_BODY_OPERATIONS,
    Operation,
    required_body,
    string_fields,
    wrong_values,
)
from conftest import (
    make_mentee,
    make_mentor,
    make_outsider,
    make_pair,
    make_program_admin,
    shared_rows,
)

# Touched by every request that authenticates; not something the request "saved".
VOLATILE = {"last_active", "last_used_at", "last_login"}
HUGE = "x" * 100_000


def snapshot() -> dict[str, list[Any]]:
    """Every row of every Alongside model, including many-to-many tables."""
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("alongside."):
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE]
        out[model._meta.label] = sorted(model.objects.values_list(*fields), key=repr)
    return out


def assert_error_format(response: Any, *statuses: int) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, response.content[:500]
    if statuses:
        assert response.status_code in statuses, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert {"detail", "code", "errors"} <= set(body)
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["errors"], list)
    assert all(set(e) == {"field", "message"} for e in body["errors"])
    return body


def cases() -> list[Any]:
    """(operation, raw body) for every hostile body of every operation."""
    out = []

    def add(op: Operation, name: str, raw: Any, expect: tuple[int, ...]) -> None:
        out.append(pytest.param(op, raw, expect, id=f"{op}-{name}"))

    for op in JSON_BODY_OPERATIONS:
        schema = op.body or {}
        base = required_body(schema)
        for i, raw in enumerate(['{"name": ', "{'single': 1}", "{,}", "tru", b"\xff\xfe\x00"]):
            add(op, f"malformed{i}", raw, (400,))
        for i, raw in enumerate(["[]", '[{"name": "x"}]', '"text"', "42", "NaN"]):
            add(op, f"not-an-object{i}", raw, (422,))
        if op.body_required:  # an optional body may well be null or absent
            add(op, "null", "null", (422,))
            add(op, "empty", "", (400, 422))
        add(op, "unknown-field", {**base, "is_superuser": True}, (422,))
        for name, prop in schema.get("properties", {}).items():
            for i, value in enumerate(wrong_values(prop)):
                add(op, f"{name}-wrong-type{i}", {**base, name: value}, (422,))
        for name, is_list in string_fields(schema):
            add(op, f"{name}-huge", {**base, name: [HUGE] if is_list else HUGE}, ())
    return out


@pytest.fixture(scope="module")
def known(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The personas, a pair, and ids the mentee may act on, so that a request that got
    through would change things. Made once for the 800 hostile bodies of this module: each
    test rolls back what it did."""
    with shared_rows(django_db_blocker):
        mentee, mentor = make_mentee(), make_mentor()
        make_program_admin()
        outsider = make_outsider()
        pair = make_pair(mentee, mentor)
        yield {
            "mentee": mentee,
            "mentor": mentor,
            "outsider": outsider,
            "ids": ids_to_act_on(mentee, mentor, pair),
        }


# The module's personas are the shared ones (a second Ada would clash with the first).
@pytest.fixture
def mentee(db: None, known: dict[str, Any]) -> Any:
    known["mentee"].refresh_from_db()
    return known["mentee"]


@pytest.fixture
def mentor(db: None, known: dict[str, Any]) -> Any:
    known["mentor"].refresh_from_db()
    return known["mentor"]


@pytest.fixture
def outsider(db: None, known: dict[str, Any]) -> Any:
    known["outsider"].refresh_from_db()
    return known["outsider"]


@pytest.fixture
def known_ids(known: dict[str, Any]) -> dict[str, Any]:
    return known["ids"]


def ids_to_act_on(mentee: Any, mentor: Any, pair: Any) -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone as tz

    from alongside.goals import services as goals
    from alongside.meetings import services as meetings
    from alongside.people.services import token_create

    goal = goals.goal_create(mentorship=pair, author=mentee, title="T", objective="O", measure="M")
    milestone = goals.milestone_add(goal=goal, author=mentee, title="Step")
    suggestion = goals.suggestion_create(goal=goal, author=mentor, note="N", title="New")
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    agenda = meetings.agenda_add(meeting=meeting, author=mentee, text="Item")
    action = meetings.action_item_add(meeting=meeting, author=mentee, text="Do", owner=mentee)
    token, _ = token_create(person=mentee)
    return {
        "person_id": mentor.public_id,
        "mentorship_id": pair.public_id,
        "goal_id": goal.public_id,
        "milestone_id": milestone.public_id,
        "suggestion_id": suggestion.public_id,
        "meeting_id": meeting.public_id,
        "item_id": action.public_id,
        "agenda_item_id": agenda.public_id,
        "token_id": token.public_id,
    }


@pytest.mark.sweep
@pytest.mark.parametrize(("op", "raw", "expect"), cases())
def test_it_answers_hostile_bodies_with_a_json_4xx_and_saves_nothing(
    mentee, known, api_as, op, raw, expect
):
    api = api_as(mentee)
    path = op.path_with(known["ids"])
    before = snapshot()
    if isinstance(raw, str | bytes):
        r = api.call(op.method, path, raw=raw)
    else:
        r = api.call(op.method, path, raw)
    assert_error_format(r, *expect)
    assert snapshot() == before


def test_it_sweeps_the_operations_that_exist():
    swept = {str(op) for op in JSON_BODY_OPERATIONS}
    assert {"POST /auth/signup", "POST /auth/token", "PATCH /me"} <= swept


def test_it_names_the_bad_field_in_the_errors(mentee, api_as):
    r = api_as(mentee).patch("/me", {"headline": HUGE, "nickname": "Ada"})
    body = assert_error_format(r, 422)
    assert {e["field"] for e in body["errors"]} == {"headline", "nickname"}


def test_it_names_the_body_not_an_internal_parameter(mentee, api_as):
    r = api_as(mentee).patch("/me", raw="[]")
    body = assert_error_format(r, 422)
    assert body["errors"] == [{"field": "body", "message": "The body must be a JSON object."}]
    assert "payload" not in r.content.decode()
    r = api_as(mentee).patch("/me", raw="")
    body = assert_error_format(r, 422)
    assert body["errors"] == [
        {"field": "body", "message": "The body is empty; send a JSON object."}
    ]
    assert body["detail"] == "The body is empty; send a JSON object."


def test_it_leaves_the_profile_as_it_was_after_a_bad_patch(mentee, api_as):
    api = api_as(mentee)
    api.patch("/me", {"headline": "Kept", "skills": ["Python", "SQL"]})
    for bad in [{"headline": "Lost", "timezone": "Atlantis/Deep"}, {"skills": "SQL"}]:
        assert api.patch("/me", bad).status_code == 422
    profile = api.get("/me").json()
    assert profile["headline"] == "Kept"
    assert profile["skills"] == ["Python", "SQL"]
    assert profile["timezone"] == "America/New_York"


def test_it_refuses_json_true_as_a_number_and_yes_as_true(mentor, api_as):
    api = api_as(mentor)
    for body in [{"mentor_capacity": True}, {"meeting_minutes": "60"}, {"open_to_mentor": "no"}]:
        assert_error_format(api.patch("/me", body), 422)
    mentor.refresh_from_db()
    assert (mentor.mentor_capacity, mentor.meeting_minutes, mentor.open_to_mentor) == (2, 45, True)


def test_it_strips_control_characters_from_text(mentee, api_as):
    r = api_as(mentee).patch(
        "/me", {"headline": "Hi\u0000 there\u0007", "skills": ["Py\u0000thon"]}
    )
    assert r.status_code == 200
    assert r.json()["headline"] == "Hi there"
    assert r.json()["skills"] == ["Python"]


def test_it_answers_413_json_to_a_body_over_2_mb(mentee, api_as):
    big = '{"bio": "' + "x" * (2 * 1024 * 1024 + 10) + '"}'
    api, anon = api_as(mentee), api_as(None)
    before = snapshot()
    body = assert_error_format(api.patch("/me", raw=big), 413)
    assert body["code"] == "too_large"
    body = assert_error_format(anon.post("/auth/signup", raw=big), 413)
    assert "2 MB" in body["detail"]
    assert snapshot() == before


# --- Text that looks like code is kept as text ----------------------------------------

SCRIPT = "<script>alert('hi')</script>"
HOSTILE = {
    "name": "Robert'); DROP TABLE people_person;--",
    "headline": SCRIPT,
    "bio": '<img src=x onerror="alert(1)"> & {{ request }} {% debug %}',
    "skills": ["<b>bold</b>", "' OR 1=1 --"],
    "interests": ["\"quoted\" & 'single'"],
}


def test_it_returns_html_and_sql_looking_text_verbatim(mentee, outsider, api_as):
    r = api_as(mentee).patch("/me", HOSTILE)
    assert r.status_code == 200, r.content
    for field, value in HOSTILE.items():
        assert r.json()[field] == value
    theirs = api_as(outsider).get(f"/people/{mentee.public_id}").json()
    assert theirs["headline"] == SCRIPT
    assert theirs["name"] == HOSTILE["name"]
    found = api_as(outsider).get("/people?q=drop+table").json()
    assert [p["id"] for p in found["items"]] == [str(mentee.public_id)]


def test_it_escapes_html_looking_text_on_the_pages(mentee, outsider, api_as, client):
    api_as(mentee).patch("/me", HOSTILE)
    client.force_login(outsider)
    for url in [f"/people/{mentee.public_id}/", "/people/?q=drop"]:
        html = client.get(url).content.decode()
        assert "<script" not in html
        assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
        assert "<b>bold</b>" not in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html
    html = client.get(f"/people/{mentee.public_id}/").content.decode()
    assert "<img" not in html
    assert "{{ request }}" in html  # shown as typed, not evaluated
    client.force_login(mentee)
    html = client.get("/profile/").content.decode()
    assert "<script" not in html
    assert 'value="&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;"' in html


# --- Sign-in doors: bearer headers and the admin's form ------------------------------

HOSTILE_BEARERS = [
    "Bearer",
    "Bearer ",
    "Bearer " + "al_" + "x" * 100_000,
    "Bearer al_\u00fcn\u00efcode",
    "Bearer al_%00",
    "Bearer al_\u0000nul",
    "Bearer al_a b c",
    "Basic YWRhOnBhc3M=",
    "bearer\tal_tab",
]


@pytest.mark.parametrize("header", HOSTILE_BEARERS)
def test_it_answers_hostile_bearer_headers_with_a_json_401_and_saves_nothing(
    mentee, known_ids, header
):
    from django.test import Client

    before = snapshot()
    try:
        r = Client(headers={"Authorization": header}).get("/api/v1/me")
    except ValueError:  # the test client itself refuses a header it cannot send
        return
    body = assert_error_format(r, 401)
    assert body["code"] == "not_authenticated"
    assert snapshot() == before


def test_it_answers_an_expired_token_with_a_json_401_on_every_kind_of_call(mentee, known_ids):
    from django.test import Client
    from django.utils import timezone as tz

    from alongside.people.models import ApiToken
    from alongside.people.services import token_create

    _, raw = token_create(person=mentee, name="expiring")
    ApiToken.objects.filter(name="expiring").update(expires_at=tz.now())
    before = snapshot()
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    for op in JSON_BODY_OPERATIONS:
        if not op.needs_auth:
            continue  # sign-up and the token exchange take no token
        r = client.generic(
            op.method,
            "/api/v1" + op.path_with(known_ids),
            data="{",
            content_type="application/json",
        )
        body = assert_error_format(r, 401)
        assert body["code"] == "token_expired", op
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"username": "ada@example.org\x00", "password": "x"},
        {"username": "a" * 100_000, "password": "x"},
        {"username": "ada@example.org", "password": "p" * 100_000},
        {"username": ["ada@example.org", "b"], "password": ["c", "d"]},
        {"username": "' OR 1=1 --", "password": "' OR 1=1 --"},
        {},
    ],
)
def test_it_answers_hostile_admin_sign_ins_without_a_500_or_a_sign_in(mentee, body):
    from django.test import Client

    client = Client()
    before = snapshot()
    r = client.post("/admin/login/", body)
    assert r.status_code in (200, 400)
    assert client.get("/admin/").status_code == 302  # still not signed in
    changed = {k for k, v in snapshot().items() if before.get(k) != v}
    assert changed <= {"people.RateCounter"}  # a failed sign-in is counted, nothing more
