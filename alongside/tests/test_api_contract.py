"""What every API answer shares: sign-in required, and errors that are JSON."""

from typing import Any

import pytest
from django.test import Client

from alongside.tests.apispec import AUTH_OPERATIONS, OPERATIONS, Operation


def assert_json_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["code"] == code
    assert body["detail"]
    return body


@pytest.mark.parametrize("op", AUTH_OPERATIONS, ids=str)
def test_it_answers_401_to_anonymous_on_every_operation_that_needs_auth(
    mentee, api_as, op: Operation
):
    anon = api_as(None)
    r = anon.call(op.method, op.path, {} if op.body is not None else None)
    body = assert_json_error(r, 401, "not_authenticated")
    assert "/api/v1/auth/token" in body["detail"]
    assert r["WWW-Authenticate"] == "Bearer"
    assert b"ada@example.org" not in r.content


@pytest.mark.parametrize("op", AUTH_OPERATIONS, ids=str)
def test_it_answers_401_to_a_malformed_authorization_header(mentee, api_as, op: Operation):
    for header in ["Bearer", "Bearer ", "Basic YWRhOnB3", "Bearer " + "x" * 500, "al_only"]:
        anon = api_as(None)
        anon.headers["Authorization"] = header
        r = anon.call(op.method, op.path, {} if op.body is not None else None)
        assert_json_error(r, 401, "not_authenticated")


def test_it_requires_auth_everywhere_except_sign_up_and_token():
    public = {str(op) for op in OPERATIONS if not op.needs_auth}
    assert public == {"POST /auth/signup", "POST /auth/token"}


def test_it_accepts_the_session_of_a_signed_in_page(mentee):
    client = Client()
    client.force_login(mentee)
    r = client.get("/api/v1/me")
    assert r.status_code == 200
    assert r.json()["email"] == "ada@example.org"


def test_it_refuses_a_session_write_without_a_csrf_token(mentee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentee)
    r = client.patch("/api/v1/me", {"headline": "Forged"}, content_type="application/json")
    assert_json_error(r, 403, "forbidden")
    mentee.refresh_from_db()
    assert mentee.headline == ""


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v1/", "/api/v1/people/x/y", "/api/v2/me", "/api/"]
)
def test_it_answers_404_json_for_an_unknown_api_path(outsider, api_as, path):
    api = api_as(outsider)
    r = api.client.get(path, headers=api.headers)
    assert_json_error(r, 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/v1/people", "GET"),
        ("put", "/api/v1/me", "GET, PATCH, DELETE"),
        ("get", "/api/v1/auth/token", "POST"),
        ("patch", "/api/v1/auth/signup", "POST"),
    ],
)
def test_it_answers_405_json_for_a_wrong_method(outsider, api_as, method, path, allowed):
    api = api_as(outsider)
    r = getattr(api.client, method)(path, headers=api.headers)
    body = assert_json_error(r, 405, "method_not_allowed")
    assert method.upper() in body["detail"]
    assert sorted(r["Allow"].split(", ")) == sorted(allowed.split(", "))


def test_it_shows_the_friendly_html_404_page_for_an_unknown_page(mentee):
    signed_in = Client()
    signed_in.force_login(mentee)
    for client in [Client(), signed_in]:
        r = client.get("/no-such-page/")
        assert r.status_code == 404
        assert r["Content-Type"].startswith("text/html")
        html = r.content.decode()
        assert "We could not find that page" in html
        assert '<a href="/">your home page</a>' in html
        assert "Traceback" not in html


def test_it_answers_a_page_post_over_2_mb_with_the_html_400_page(db, client):
    r = client.post("/signup/", {"name": "x" * (3 * 1024 * 1024)})
    assert r.status_code == 400
    assert r["Content-Type"].startswith("text/html")
    assert "We could not understand that request" in r.content.decode()
