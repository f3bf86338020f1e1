"""Sign-up, token exchange and sign-in throttling through /api/v1/auth."""

from datetime import timedelta

import pytest

from alongside.people import throttle
from alongside.people.models import ApiToken, Person, RateCounter
from conftest import PASSWORD

NEW = {"email": "new.person@example.org", "password": "a-long-fine-password-7", "name": "Nia New"}


def wrong(email: str) -> dict[str, str]:
    return {"email": email, "password": "not-the-password"}


def age_failures(seconds: int) -> None:
    """Move every counting window back in time instead of sleeping."""
    for counter in RateCounter.objects.all():
        counter.window_ends -= timedelta(seconds=seconds)
        counter.save(update_fields=["window_ends"])


def counted(kind: str, *parts: str) -> int:
    """What a rate counter holds, 0 when it was never made."""
    found = RateCounter.objects.filter(key=throttle.key(kind, *parts)).first()
    return found.count if found else 0


# --- Sign-up -------------------------------------------------------------------------


def test_it_signs_up_and_answers_201_with_the_profile(db, api_as):
    r = api_as(None).post("/auth/signup", NEW)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["email"] == "new.person@example.org"
    assert body["name"] == "Nia New"
    person = Person.objects.get(email="new.person@example.org")
    assert body["id"] == str(person.public_id)
    assert "password" not in body
    assert person.check_password(NEW["password"])


def test_it_stores_the_email_trimmed_and_lower_cased(db, api_as):
    r = api_as(None).post("/auth/signup", {**NEW, "email": "  New.Person@Example.ORG "})
    assert r.status_code == 201, r.content
    assert r.json()["email"] == "new.person@example.org"


def test_it_answers_409_for_an_email_already_taken_in_any_case(mentee, api_as):
    r = api_as(None).post("/auth/signup", {**NEW, "email": "ADA@Example.org"})
    assert r.status_code == 409
    assert r.json()["code"] == "email_taken"
    assert "already exists" in r.json()["detail"]
    assert Person.objects.filter(email__iexact="ada@example.org").count() == 1


def test_it_refuses_a_weak_password_with_a_field_error(db, api_as):
    r = api_as(None).post("/auth/signup", {**NEW, "password": "12345678"})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid"
    assert {e["field"] for e in body["errors"]} == {"password"}
    assert any("numeric" in e["message"] for e in body["errors"])
    assert not Person.objects.filter(email=NEW["email"]).exists()


def test_it_refuses_a_password_like_the_email(db, api_as):
    r = api_as(None).post("/auth/signup", {**NEW, "password": "new.person@example.org"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"password"}


def test_it_refuses_an_invalid_email_or_a_blank_name(db, api_as):
    r = api_as(None).post("/auth/signup", {**NEW, "email": "not-an-email"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "email"
    r = api_as(None).post("/auth/signup", {**NEW, "name": "   "})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "name"
    assert not Person.objects.exists()


def test_it_answers_403_when_open_signup_is_off(db, api_as, settings):
    settings.OPEN_SIGNUP = False
    r = api_as(None).post("/auth/signup", NEW)
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert "closed" in r.json()["detail"]
    assert not Person.objects.exists()


# --- Tokens --------------------------------------------------------------------------


def test_it_exchanges_email_and_password_for_a_token(mentee, api_as):
    anon = api_as(None)
    r = anon.post("/auth/token", {"email": "ada@example.org", "password": PASSWORD, "name": "cli"})
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    assert token.startswith("al_")
    stored = ApiToken.objects.get(person=mentee)
    assert stored.name == "cli"
    assert stored.digest == ApiToken.digest_of(token)
    anon.headers["Authorization"] = f"Bearer {token}"
    assert anon.get("/me").json()["id"] == str(mentee.public_id)


def test_it_answers_401_with_json_for_a_wrong_password(mentee, api_as):
    r = api_as(None).post("/auth/token", wrong("ada@example.org"))
    assert r.status_code == 401
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["detail"] == "Wrong email or password."
    assert r.json()["code"] == "bad_credentials"
    assert not ApiToken.objects.exists()


def test_it_answers_the_same_401_for_an_unknown_email(db, api_as):
    r = api_as(None).post("/auth/token", wrong("nobody@example.org"))
    assert r.status_code == 401
    assert r.json()["detail"] == "Wrong email or password."


def test_it_refuses_an_inactive_person(mentee, api_as):
    mentee.is_active = False
    mentee.save()
    r = api_as(None).post("/auth/token", {"email": "ada@example.org", "password": PASSWORD})
    assert r.status_code == 401


def test_it_ignores_a_made_up_bearer_token(mentee, api_as):
    anon = api_as(None)
    anon.headers["Authorization"] = "Bearer al_made-up"
    r = anon.get("/me")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Bearer"


# --- Throttling ----------------------------------------------------------------------


def test_it_throttles_the_sixth_wrong_password_for_one_email(mentee, api_as):
    anon = api_as(None)
    for _ in range(5):
        assert anon.post("/auth/token", wrong("ada@example.org")).status_code == 401
    r = anon.post("/auth/token", wrong("ada@example.org"))
    assert r.status_code == 429
    assert r.json()["code"] == "throttled"
    assert "Too many failed sign-ins" in r.json()["detail"]
    assert 1 <= int(r["Retry-After"]) <= 15 * 60


def test_it_counts_failures_by_email_whatever_its_case(mentee, api_as):
    anon = api_as(None)
    for email in ["ada@example.org", "ADA@example.org", " Ada@Example.org", "ada@EXAMPLE.org"]:
        anon.post("/auth/token", wrong(email))
    anon.post("/auth/token", wrong("ada@example.org"))
    assert anon.post("/auth/token", wrong("AdA@example.org")).status_code == 429


def test_it_throttles_one_client_address_across_emails(mentee, mentor, outsider, api_as, settings):
    settings.SIGNIN_MAX_FAILURES_PER_ADDRESS = 5  # looser by default (100): see below
    anon = api_as(None)
    emails = [f"someone{i}@example.org" for i in range(5)]
    for email in emails:
        assert anon.post("/auth/token", wrong(email)).status_code == 401
    r = anon.post("/auth/token", wrong("grace@example.org"))
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    # Another address is not blocked for an email that has no failures of its own.
    other = api_as(None)
    other.client.defaults["REMOTE_ADDR"] = "192.0.2.7"
    r = other.post("/auth/token", {"email": "grace@example.org", "password": PASSWORD})
    assert r.status_code == 200


def test_it_refuses_even_the_right_password_during_the_cool_down(mentee, api_as):
    anon = api_as(None)
    for _ in range(5):
        anon.post("/auth/token", wrong("ada@example.org"))
    r = anon.post("/auth/token", {"email": "ada@example.org", "password": PASSWORD})
    assert r.status_code == 429
    assert "Retry-After" in r
    assert not ApiToken.objects.exists()


def test_it_does_not_count_the_throttled_tries_themselves(mentee, api_as):
    anon = api_as(None)
    for _ in range(8):
        anon.post("/auth/token", wrong("ada@example.org"))
    assert counted("signin-pair", "ada@example.org", "127.0.0.1") == 5
    assert counted("signin-email", "ada@example.org") == 5


def test_it_lets_a_person_in_again_once_the_window_has_passed(mentee, api_as, settings):
    anon = api_as(None)
    for _ in range(6):
        anon.post("/auth/token", wrong("ada@example.org"))
    age_failures(settings.SIGNIN_WINDOW_SECONDS - 30)
    r = anon.post("/auth/token", {"email": "ada@example.org", "password": PASSWORD})
    assert r.status_code == 429
    assert int(r["Retry-After"]) <= 30
    age_failures(31)
    r = anon.post("/auth/token", {"email": "ada@example.org", "password": PASSWORD})
    assert r.status_code == 200, r.content
    # A success forgets the failures for that email (from that address).
    assert counted("signin-pair", "ada@example.org", "127.0.0.1") == 0
    assert counted("signin-email", "ada@example.org") == 0


@pytest.mark.parametrize("max_failures", [1, 3])
def test_it_reads_the_limit_from_settings(mentee, api_as, settings, max_failures):
    settings.SIGNIN_MAX_FAILURES = max_failures
    anon = api_as(None)
    for _ in range(max_failures):
        assert anon.post("/auth/token", wrong("ada@example.org")).status_code == 401
    assert anon.post("/auth/token", wrong("ada@example.org")).status_code == 429
