"""Finding 2 of the security review: API tokens survived a password change or reset and
never expired. A token now ends when the password changes (by any path), when it
expires, or when it is revoked; a person has a capped number of live tokens; the token
list says when each was last used."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from alongside.lib.errors import Conflict
from alongside.people.models import ApiToken
from alongside.people.services import token_create
from alongside.tests.servers import race
from alongside.tests.threads import at_once
from conftest import PASSWORD, make_person, page_client

NEW_PASSWORD = "a-brand-new-secret-88"


def bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def me_status(client: Client) -> int:
    return int(client.get("/api/v1/me").status_code)


def a_token(email: str = "ada@example.org", password: str = PASSWORD, name: str = "") -> str:
    r = Client().post(
        "/api/v1/auth/token",
        {"email": email, "password": password, "name": name},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return str(r.json()["token"])


# --- Revoked on a password change or reset ----------------------------------------------


def test_api_tokens_do_not_survive_a_password_change_on_the_page(mentee):
    first, second = a_token(), a_token()
    here, elsewhere = page_client(mentee), page_client(mentee)
    assert me_status(bearer(first)) == 200
    r = here.post(
        "/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert r.status_code == 200
    assert me_status(bearer(first)) == 401
    assert me_status(bearer(second)) == 401
    assert "Your 2 API tokens were revoked." in r.content.decode()
    assert not ApiToken.objects.filter(person=mentee).exists()
    assert me_status(here) == 200  # the session that made the change stays signed in
    assert me_status(elsewhere) == 401  # every other session ends


def test_api_tokens_do_not_survive_a_password_change_through_the_api(mentee):
    used, other = a_token(name="laptop"), a_token(name="phone")
    session = page_client(mentee)
    r = bearer(used).post(
        "/api/v1/me/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["revoked_tokens"] == 2
    assert me_status(bearer(used)) == 401
    assert me_status(bearer(other)) == 401
    assert me_status(session) == 401
    # The caller stays signed in with the new token of the answer, and only with it.
    assert me_status(bearer(body["token"])) == 200
    listed = bearer(body["token"]).get("/api/v1/auth/tokens").json()["items"]
    assert [t["id"] for t in listed] == [body["id"]]
    mentee.refresh_from_db()
    assert mentee.check_password(NEW_PASSWORD)


def test_a_password_change_through_the_api_keeps_the_callers_session(mentee):
    token = a_token()
    here, elsewhere = page_client(mentee), page_client(mentee)
    r = here.post(
        "/api/v1/me/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json() == {"revoked_tokens": 1, "token": None, "id": None}
    assert me_status(here) == 200
    assert me_status(elsewhere) == 401
    assert me_status(bearer(token)) == 401


def test_api_tokens_do_not_survive_a_password_reset_from_the_emailed_link(mentee, client):
    token = a_token()
    session = page_client(mentee)
    assert client.post("/password/reset/", {"email": "ada@example.org"}).status_code == 302
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[-1].body)
    assert link
    form_url = client.get(link.group(1))["Location"]
    r = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert r["Location"] == "/password/reset/complete/"
    assert me_status(bearer(token)) == 401
    assert me_status(session) == 401
    assert not ApiToken.objects.filter(person=mentee).exists()


def test_a_token_ends_when_the_password_is_set_by_any_other_path(mentee):
    """The admin's password form or `manage changepassword` call set_password only."""
    token = a_token()
    mentee.set_password(NEW_PASSWORD)
    mentee.save()
    r = bearer(token).get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["code"] == "token_revoked"
    assert "password changed" in r.json()["detail"]
    assert r["WWW-Authenticate"] == "Bearer"
    # Ended tokens are not listed, and hold no place under the cap.
    fresh = a_token(password=NEW_PASSWORD)
    assert bearer(fresh).get("/api/v1/auth/tokens").json()["count"] == 1


def test_the_api_refuses_a_wrong_current_password_and_counts_it_as_a_failed_sign_in(mentee):
    token = a_token()
    api = bearer(token)

    def change(current: str) -> object:
        return api.post(
            "/api/v1/me/password",
            {"current_password": current, "new_password": NEW_PASSWORD},
            content_type="application/json",
        )

    r = change("not-my-password")
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "current_password", "message": "This is not your current password."}
    ]
    for _ in range(4):
        assert change("not-my-password").status_code == 422
    r = change(PASSWORD)  # a stolen token must not be a way to guess the password
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    mentee.refresh_from_db()
    assert mentee.check_password(PASSWORD)
    assert me_status(api) == 200


def test_the_api_refuses_a_weak_new_password_and_revokes_nothing(mentee):
    token = a_token()
    r = bearer(token).post(
        "/api/v1/me/password",
        {"current_password": PASSWORD, "new_password": "12345678"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"new_password"}
    assert me_status(bearer(token)) == 200


# --- Expiry -------------------------------------------------------------------------------


def test_an_expired_token_answers_401_saying_it_expired(mentee):
    token = a_token()
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    r = bearer(token).get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["code"] == "token_expired"
    assert "expired" in r.json()["detail"]
    assert "POST /api/v1/auth/token" in r.json()["detail"]
    assert r["WWW-Authenticate"] == "Bearer"


def test_a_token_is_made_to_expire_after_the_days_of_the_setting(mentee, settings):
    settings.API_TOKEN_DAYS = 7
    before = timezone.now()
    r = Client().post(
        "/api/v1/auth/token",
        {"email": "ada@example.org", "password": PASSWORD},
        content_type="application/json",
    )
    expires = ApiToken.objects.get(person=mentee).expires_at
    assert before + timedelta(days=7) <= expires <= timezone.now() + timedelta(days=7)
    assert r.json()["expires_at"].startswith(expires.date().isoformat())
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(seconds=5))
    assert me_status(bearer(r.json()["token"])) == 200  # not before its end


def test_the_token_lifetime_is_90_days_unless_configured(settings):
    from alongside import settings as configured

    assert configured.API_TOKEN_DAYS == 90
    assert configured.API_TOKENS_MAX == 20


# --- Last used ----------------------------------------------------------------------------


def test_last_used_is_written_at_most_once_a_minute_and_listed(mentee):
    token = a_token()
    stored = ApiToken.objects.get(person=mentee)
    assert stored.last_used_at is None
    api = bearer(token)
    listed = api.get("/api/v1/auth/tokens").json()["items"]
    first_use = ApiToken.objects.get(pk=stored.pk).last_used_at
    assert first_use is not None
    shown = datetime.fromisoformat(listed[0]["last_used_at"])
    assert abs(shown - first_use) < timedelta(milliseconds=1)
    # Used again within the minute: nothing is written.
    recent = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=recent)
    api.get("/api/v1/me")
    assert ApiToken.objects.get(pk=stored.pk).last_used_at == recent
    # A minute later: it is.
    old = timezone.now() - timedelta(seconds=61)
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=old)
    api.get("/api/v1/me")
    assert ApiToken.objects.get(pk=stored.pk).last_used_at > old
    listed = api.get("/api/v1/auth/tokens").json()["items"]
    assert listed[0]["last_used_at"] is not None
    assert listed[0]["expires_at"]


def test_the_tokens_page_lists_live_tokens_with_their_last_use_and_revokes_one(mentee):
    token = a_token(name="my laptop")
    bearer(token).get("/api/v1/me")
    ended, _ = token_create(person=mentee, name="old script")
    ApiToken.objects.filter(pk=ended.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client = page_client(mentee)
    html = client.get("/profile/tokens/").content.decode()
    assert "my laptop" in html
    assert "old script" not in html  # expired: not listed
    assert "Last used" in html
    assert "never" not in html
    live = ApiToken.objects.get(name="my laptop")
    r = client.post(f"/profile/tokens/{live.public_id}/revoke/", follow=True)
    assert "The token is revoked" in r.content.decode()
    assert me_status(bearer(token)) == 401


def test_nobody_revokes_another_persons_token_on_the_page(mentee, outsider):
    theirs, raw = token_create(person=mentee)
    r = page_client(outsider).post(f"/profile/tokens/{theirs.public_id}/revoke/")
    assert r.status_code == 404
    assert me_status(bearer(raw)) == 200
    assert page_client(outsider).get("/profile/tokens/").status_code == 200
    assert Client().get("/profile/tokens/")["Location"].startswith("/signin/")


# --- The cap ------------------------------------------------------------------------------


def test_a_person_has_at_most_the_configured_number_of_live_tokens(mentee, settings):
    settings.API_TOKENS_MAX = 3
    tokens = [a_token() for _ in range(3)]
    r = Client().post(
        "/api/v1/auth/token",
        {"email": "ada@example.org", "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 409
    assert r.json()["code"] == "too_many_tokens"
    assert "Revoke one" in r.json()["detail"]
    assert ApiToken.objects.filter(person=mentee).count() == 3
    # Revoking one, or one expiring, makes room.
    first = bearer(tokens[0]).get("/api/v1/auth/tokens").json()["items"][0]["id"]
    assert bearer(tokens[0]).delete(f"/api/v1/auth/tokens/{first}").status_code == 204
    a_token()
    ApiToken.objects.filter(person=mentee).filter(
        pk=ApiToken.objects.filter(person=mentee).earliest("created_at").pk
    ).update(expires_at=timezone.now())
    a_token()
    assert ApiToken.objects.filter(person=mentee).count() == 3


@pytest.mark.parametrize("header", ["Bearer " + "x" * 5000, "Bearer al_ünïcode", "Bearer al_\x7f"])
def test_a_malformed_bearer_token_is_a_plain_401(mentee, header):
    r = Client(headers={"Authorization": header}).get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("API_TOKEN_DAYS", "0", "API_TOKEN_DAYS must be at least 1"),
        ("API_TOKENS_MAX", "many", "API_TOKENS_MAX must be a whole number"),
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be at least 0"),
    ],
)
def test_a_bad_token_or_proxy_setting_stops_the_start_by_name(tmp_path, name, value, says):
    from alongside.tests.test_settings import run_alongside

    result = run_alongside("manage", "check", DATA_DIR=str(tmp_path), **{name: value})
    assert result.returncode != 0
    assert says in result.stderr


@race
def test_concurrent_token_requests_never_pass_the_cap(settings):
    settings.API_TOKENS_MAX = 5
    person = make_person("ada@example.org", "Ada Mentee")
    tries = 16
    outcomes: list[str] = []

    def create() -> None:
        try:
            token_create(person=person)
            outcomes.append("created")
        except Conflict as exc:
            outcomes.append(exc.code)

    at_once(*[create] * tries)
    assert outcomes.count("created") == 5, outcomes
    assert outcomes.count("too_many_tokens") == tries - 5
    assert ApiToken.objects.filter(person=person).count() == 5
