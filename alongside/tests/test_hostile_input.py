"""No input, however malformed, gives a 500 or changes what is saved.

Every operation of the OpenAPI document that takes a JSON body gets malformed JSON, a
list instead of an object, a wrong type in each field, 100,000 characters in each text
field and an unknown field. Each must answer a 4xx JSON error in the house format.
"""

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from alongside.people.models import AuditAction, AuditEvent
from alongside.tests.apispec import (
    JSON_BODY_OPERATIONS,
    OPERATIONS,
    Operation,
    is_multi_line,
    query_parameters,
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
    page_client,
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
            # PostgreSQL cannot hold a NUL: refused (422) before it reaches a query.
            add(op, f"{name}-nul", {**base, name: ["a\x00b"] if is_list else "a\x00b"}, (422,))
            if is_multi_line(schema, name):
                bad = ["Ring\x07", "Esc\x1b[2J", "abc\u202eexe"]
            else:  # one line: no line break, control character or direction override
                bad = ["Poison\nline", "Poison\rline", "Tab\tbed", "abc\u202eexe", "\u2066x"]
            bodies = Several({**base, name: [value] if is_list else value} for value in bad)
            add(op, f"{name}-control", bodies, (422,))
    return out


class Several(list[Any]):
    """Bodies sent one after the other in one test case (the sweep is big enough)."""


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
    from alongside.growth import services as growth
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
    # The mentee's own writing, so that a hostile edit reaches the edit itself.
    note = meetings.note_add(meeting=meeting, author=mentee, body="Note", visibility="shared")
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message="Thanks")
    resource = growth.resource_share(mentorship=pair, author=mentee, title="Read", url="")
    checkin = growth.checkin_create(mentorship=pair, author=mentee, wins="Won", feeling=3)
    comment = goals.comment_add(goal=goal, author=mentee, body="Comment")
    entry = growth.journal_write(author=mentee, body="Entry", mentorship=pair)
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
        "note_id": note.public_id,
        "appreciation_id": thanks.public_id,
        "resource_id": resource.public_id,
        "checkin_id": checkin.public_id,
        "comment_id": comment.public_id,
        "entry_id": entry.public_id,
    }


@pytest.mark.sweep
@pytest.mark.parametrize(("op", "raw", "expect"), cases())
def test_it_answers_hostile_bodies_with_a_json_4xx_and_saves_nothing(
    mentee, known, api_as, op, raw, expect
):
    api = api_as(mentee)
    path = op.path_with(known["ids"])
    before = snapshot()
    for body in raw if isinstance(raw, Several) else [raw]:
        if isinstance(body, str | bytes):
            r = api.call(op.method, path, raw=body)
        else:
            r = api.call(op.method, path, body)
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


def test_it_refuses_control_characters_in_text_and_says_what_to_remove(mentee, api_as):
    # Until issue 11 these were silently stripped (and a line break was kept); now the
    # person is told, and nothing is saved.
    api = api_as(mentee)
    r = api.patch("/me", {"headline": "Hi there\u0007"})
    body = assert_error_format(r, 422)
    assert body["errors"] == [
        {
            "field": "headline",
            "message": "The headline must be one line: remove line breaks and control characters.",
        }
    ]
    r = api.patch("/me", {"skills": ["Python", "Py\nthon"]})
    assert assert_error_format(r, 422)["errors"][0]["field"] == "skills"
    r = api.patch("/me", {"skills": ["Py\u0000thon"]})
    body = assert_error_format(r, 422)
    assert body["errors"][0]["field"] == "skills.0"
    assert "NUL" in body["detail"]
    r = api.patch("/me", {"bio": "Two\nlines\tand a tab"})
    assert r.status_code == 200
    assert r.json()["bio"] == "Two\nlines\tand a tab"
    assert api.get("/me").json()["skills"] == ["Python"]


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
    for url in [f"/people/{mentee.public_id}/", "/people/?who=everyone&q=drop"]:
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
    others = AuditEvent.objects.exclude(action=AuditAction.SIGNIN_FAILED).count()
    r = client.post("/admin/login/", body)
    assert r.status_code in (200, 400)
    assert client.get("/admin/").status_code == 302  # still not signed in
    changed = {k for k, v in snapshot().items() if before.get(k) != v}
    # A failed sign-in is counted (and, for an account that exists, in its audit log).
    assert changed <= {"people.RateCounter", "people.AuditEvent"}
    assert AuditEvent.objects.exclude(action=AuditAction.SIGNIN_FAILED).count() == others


# --- NUL bytes and control characters: a 4xx on SQLite and PostgreSQL alike --------------
# PostgreSQL cannot store or compare a string holding NUL: a NUL that reached a query was
# a 500 there (`/people/?q=%00`) and a 200 on SQLite. It is refused in one place
# (lib.middleware.RefuseNulMiddleware) before any view runs.

NUL = "NUL character"
PROFILE = {
    "name": "Ada Mentee",
    "headline": "",
    "bio": "",
    "timezone": "America/New_York",
    "skills": "Python",
    "interests": "",
    "languages": "",
    "mentor_capacity": 0,
    "channel": "video",
    "meeting_every_days": 14,
    "meeting_minutes": 45,
}


def test_a_nul_byte_in_the_people_search_answers_4xx_not_500(mentee, api_as):
    client = page_client(mentee)
    r = client.get("/people/?q=%00")
    assert r.status_code == 400
    assert "The request holds a NUL character (\\0) in the parameter q" in r.content.decode()
    body = assert_error_format(api_as(mentee).get("/people?q=%00"), 422)
    assert body["errors"][0]["field"] == "q"
    assert NUL in body["detail"]


def _query_cases() -> list[Any]:
    return [
        pytest.param(op, name, id=f"{op}-{name}")
        for op in OPERATIONS
        for name in query_parameters(op)
    ]


@pytest.mark.parametrize(("op", "param"), _query_cases())
def test_a_nul_in_any_query_parameter_of_the_api_answers_422(mentee, known_ids, api_as, op, param):
    api = api_as(mentee)
    before = snapshot()
    r = api.call(op.method, f"{op.path_with(known_ids)}?{param}=a%00b")
    body = assert_error_format(r, 422)
    assert body["errors"] == [{"field": param, "message": body["detail"]}]
    assert snapshot() == before


def _page_paths() -> list[str]:
    from alongside.tests.matrix_rows import PAGES

    return sorted({key.split(" ", 1)[1] for key in PAGES if key.startswith("GET ")})


@pytest.mark.parametrize("path", _page_paths())
def test_a_nul_in_the_query_string_of_any_page_answers_400(mentee, path):
    url = re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)
    for client in (page_client(mentee), Client()):
        r = client.get(f"{url}?q=a%00b&page=1")
        assert r.status_code == 400, (url, r.status_code)
        assert NUL in r.content.decode()


def test_a_nul_in_a_form_field_answers_400_and_saves_nothing(mentee):
    client = page_client(mentee)
    before = snapshot()
    r = client.post("/profile/", {**PROFILE, "bio": "Hello\x00"})
    assert r.status_code == 400
    assert "NUL character (\\0) in the field bio" in r.content.decode()
    r = client.post("/signin/", {"email": "ada@example.org\x00", "password": "x"})
    assert r.status_code == 400
    assert snapshot() == before


def test_a_nul_in_the_address_or_a_cookie_answers_400(mentee, api_as):
    client = page_client(mentee)
    assert client.get("/people/%00/").status_code == 400
    assert_error_format(api_as(mentee).get("/people/%00"), 400)
    anonymous = Client()
    anonymous.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    r = anonymous.get("/")
    assert r.status_code == 400
    assert "NUL character (\\0) in a cookie" in r.content.decode()


def test_a_nul_escaped_deep_in_a_json_body_is_named_by_its_path(mentee, known, api_as):
    body = {
        "wins": "",
        "challenges": "",
        "feeling": 3,
        "ratings": [{"skill": "Py\x00", "level": 2}],
    }
    pair_id = known["ids"]["mentorship_id"]  # the module's shared pair
    r = api_as(mentee).post(f"/mentorships/{pair_id}/checkins", body)
    out = assert_error_format(r, 422)
    assert out["errors"][0]["field"] == "ratings.0.skill"


def test_a_line_break_in_a_one_line_field_of_a_page_form_is_refused(mentee):
    client = page_client(mentee)
    client.get("/")  # the browser's first request records it in "My sessions"
    before = snapshot()
    for field, value in [
        ("name", "Ada\nMentee"),
        ("headline", "Hi\r\nthere"),
        ("skills", "a\u202eb"),
    ]:
        r = client.post("/profile/", {**PROFILE, field: value})
        assert r.status_code == 400, field
        assert f"The {field} must be one line: remove line breaks and control characters." in (
            r.content.decode()
        )
    assert snapshot() == before
    r = client.post("/profile/", {**PROFILE, "bio": "Two\r\nlines"})
    assert r.status_code == 302
    mentee.refresh_from_db()
    assert mentee.bio.splitlines() == ["Two", "lines"]
