"""My sessions: the browsers I am signed in on (browser, address, when), signing one out,
and signing out everywhere (every session and API token, this one kept if I ask).

Ada is a mentee with two browsers (a laptop and a phone) and an API token."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.utils import timezone

from alongside.people.models import ApiToken, AuditAction, AuditEvent, BrowserSession
from alongside.people.services import token_create
from alongside.people.sessions import TOUCH_SECONDS, live_sessions, session_person, sessions_prune
from conftest import PASSWORD

LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1"


def browser(person, agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    r = client.post("/signin/", {"email": person.email, "password": PASSWORD})
    assert r.status_code == 302
    client.get("/")  # the first page after signing in
    return client


def signed_in(client: Client) -> bool:
    return client.get("/profile/").status_code == 200


@pytest.fixture
def laptop(mentee):
    return browser(mentee, LAPTOP, "203.0.113.10")


@pytest.fixture
def phone(mentee):
    return browser(mentee, PHONE, "198.51.100.20")


def test_each_signed_in_browser_is_listed_with_its_browser_address_and_times(mentee, laptop, phone):
    rows = list(live_sessions(mentee))
    assert {(r.user_agent, r.address) for r in rows} == {
        (LAPTOP, "203.0.113.10"),
        (PHONE, "198.51.100.20"),
    }
    page = laptop.get("/profile/sessions/").content.decode()
    assert "Firefox" in page and "iPhone" in page
    assert "(this browser)" in page


def test_the_api_lists_my_sessions_and_marks_the_current_one(mentee, laptop, phone):
    r = laptop.get("/api/v1/me/sessions")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 2
    current = [s for s in body["items"] if s["current"]]
    assert len(current) == 1 and current[0]["browser"] == LAPTOP
    assert set(body["items"][0]) == {
        "id",
        "browser",
        "address",
        "created_at",
        "last_seen_at",
        "current",
    }


def test_last_seen_moves_on_at_most_every_five_minutes(mentee, laptop):
    row = BrowserSession.objects.get(person=mentee)
    first = row.last_seen_at
    laptop.get("/")
    row.refresh_from_db()
    assert row.last_seen_at == first  # no write on every request
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=TOUCH_SECONDS + 1)):
        laptop.get("/")
    row.refresh_from_db()
    assert row.last_seen_at > first


def test_signing_one_browser_out_ends_it_and_leaves_the_others(mentee, laptop, phone):
    row = BrowserSession.objects.get(person=mentee, user_agent=PHONE)
    r = laptop.post(f"/profile/sessions/{row.public_id}/end/")
    assert r.status_code == 302
    assert not signed_in(phone)
    assert signed_in(laptop)
    assert [s.user_agent for s in live_sessions(mentee)] == [LAPTOP]
    event = AuditEvent.objects.get(action=AuditAction.SESSION_REVOKED)
    assert event.detail["browser"].startswith("Mozilla/5.0 (iPhone")


def test_the_api_ends_one_session(mentee, laptop, phone, api_as):
    row = BrowserSession.objects.get(person=mentee, user_agent=LAPTOP)
    assert api_as(mentee).delete(f"/me/sessions/{row.public_id}").status_code == 204
    assert not signed_in(laptop)
    assert signed_in(phone)


def test_nobody_ends_another_persons_session(mentee, mentor, laptop, api_as):
    row = BrowserSession.objects.get(person=mentee)
    assert api_as(mentor).delete(f"/me/sessions/{row.public_id}").status_code == 404
    assert api_as(mentor).get("/me/sessions").json()["count"] == 0
    assert signed_in(laptop)


def test_sign_out_everywhere_keeps_this_browser_when_asked(mentee, laptop, phone):
    token_create(person=mentee)
    r = laptop.post("/profile/sessions/signout-everywhere/", {"keep_current": "on"}, follow=True)
    assert "1 other browser and 1 API token" in r.content.decode()
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert not ApiToken.objects.filter(person=mentee).exists()
    mentee.refresh_from_db()
    assert [s.user_agent for s in live_sessions(mentee)] == [LAPTOP]
    event = AuditEvent.objects.get(action=AuditAction.SIGNED_OUT_EVERYWHERE)
    assert event.detail == {"sessions_ended": 1, "tokens_revoked": 1}


def test_sign_out_everywhere_without_keeping_ends_this_browser_too(mentee, laptop, phone):
    r = laptop.post("/profile/sessions/signout-everywhere/", {})
    assert r.status_code == 302 and r["Location"] == "/signin/"
    assert not signed_in(laptop)
    assert not signed_in(phone)


def test_sign_out_everywhere_ends_sessions_nobody_recorded(mentee, laptop):
    quiet = Client()
    quiet.force_login(mentee)  # a session whose browser never made a second request
    BrowserSession.objects.filter(person=mentee).exclude(user_agent=LAPTOP).delete()
    laptop.post("/profile/sessions/signout-everywhere/", {"keep_current": "on"})
    assert not signed_in(quiet)
    assert signed_in(laptop)


def test_the_api_signs_out_everywhere_but_keeps_the_calling_token(mentee, laptop):
    _, keep = token_create(person=mentee)
    token_create(person=mentee)
    api = Client(headers={"Authorization": f"Bearer {keep}"})
    r = api.post("/api/v1/me/signout-everywhere", {}, content_type="application/json")
    assert r.status_code == 200
    assert r.json() == {"sessions_ended": 1, "tokens_revoked": 1}
    assert api.get("/api/v1/me").status_code == 200
    assert not signed_in(laptop)


def test_the_api_can_end_the_calling_token_too(mentee):
    _, raw = token_create(person=mentee)
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    r = api.post(
        "/api/v1/me/signout-everywhere", {"keep_current": False}, content_type="application/json"
    )
    assert r.json()["tokens_revoked"] == 1
    assert api.get("/api/v1/me").status_code == 401


def test_a_password_change_hides_the_sessions_it_ended(mentee, laptop, phone):
    new = "a-brand-new-passphrase-77"
    r = laptop.post(
        "/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert r.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    mentee.refresh_from_db()
    assert [s.user_agent for s in live_sessions(mentee)] == [LAPTOP]
    assert BrowserSession.objects.count() == 2  # the phone's row, until the sweep


def test_signing_out_forgets_the_browser(mentee, laptop, phone):
    laptop.post("/signout/")
    assert [s.user_agent for s in live_sessions(mentee)] == [PHONE]
    assert not BrowserSession.objects.filter(user_agent=LAPTOP).exists()


def test_the_tokens_are_listed_with_their_last_use(mentee, laptop):
    _, raw = token_create(person=mentee, name="cli")
    Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me")
    page = laptop.get("/profile/sessions/").content.decode()
    assert "cli" in page and "Last used never" not in page


def test_rows_of_ended_sessions_are_pruned(mentee, laptop, phone):
    phone_key = BrowserSession.objects.get(user_agent=PHONE).session_key
    Session.objects.filter(session_key=phone_key).delete()
    assert sessions_prune() == 1
    assert list(BrowserSession.objects.values_list("user_agent", flat=True)) == [LAPTOP]


def test_the_session_person_is_who_the_session_signed_in_and_no_one_else(mentee):
    request = RequestFactory().get("/")
    request.user = mentee
    assert session_person(request) is None  # no session at all: a bearer token's request
    request.session = SessionStore()
    assert session_person(request) is None  # a session no one signed in to
    request.session[SESSION_KEY] = str(mentee.pk)
    assert session_person(request) == mentee
    request.user = AnonymousUser()
    assert session_person(request) is None
