"""From the security review ("also close"): sign-up, password-reset requests and token
creation had no rate limit per address. Each now answers 429 with Retry-After and a
message, on the pages and in the API; other addresses are not affected."""

from django.core import mail
from django.test import Client

from alongside.people.models import ApiToken, Person
from conftest import PASSWORD

GOOD_PASSWORD = "a-long-fine-password-7"


def api_signup(client: Client, i: int) -> object:
    return client.post(
        "/api/v1/auth/signup",
        {"email": f"new{i}@example.org", "password": GOOD_PASSWORD, "name": f"New {i}"},
        content_type="application/json",
    )


def test_signup_is_rate_limited_per_address_in_the_api(db, settings):
    settings.SIGNUPS_PER_HOUR = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(3):
        assert api_signup(client, i).status_code == 201
    r = api_signup(client, 3)
    assert r.status_code == 429
    assert r.json()["code"] == "throttled"
    assert "Too many sign-ups from your address" in r.json()["detail"]
    assert 3000 < int(r["Retry-After"]) <= 3600
    assert not Person.objects.filter(email="new3@example.org").exists()
    assert api_signup(Client(REMOTE_ADDR="198.51.100.4"), 3).status_code == 201


def test_a_refused_signup_form_is_not_counted_but_a_taken_email_is(mentee, settings):
    settings.SIGNUPS_PER_HOUR = 2
    client = Client()
    for _ in range(5):  # a weak password: fix it and try again, as often as needed
        r = client.post(
            "/api/v1/auth/signup",
            {"email": "nia@example.org", "password": "1234", "name": "Nia"},
            content_type="application/json",
        )
        assert r.status_code == 422
    for _ in range(2):  # probing which emails have an account is counted
        r = client.post(
            "/api/v1/auth/signup",
            {"email": "ada@example.org", "password": GOOD_PASSWORD, "name": "Ada"},
            content_type="application/json",
        )
        assert r.status_code == 409
    assert api_signup(client, 1).status_code == 429


def test_signup_is_rate_limited_per_address_on_the_page(db, settings):
    settings.SIGNUPS_PER_HOUR = 1
    r = Client().post(
        "/signup/", {"name": "Nia", "email": "nia@example.org", "password": GOOD_PASSWORD}
    )
    assert r.status_code == 302
    r = Client().post(
        "/signup/", {"name": "Noa", "email": "noa@example.org", "password": GOOD_PASSWORD}
    )
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    html = r.content.decode()
    assert "Too many sign-ups from your address" in html
    assert 'role="alert"' in html
    assert not Person.objects.filter(email="noa@example.org").exists()


def test_password_reset_emails_are_rate_limited_per_address(db, settings, mentee, mentor):
    settings.PASSWORD_RESETS_PER_HOUR = 2
    client = Client()
    assert client.post("/password/reset/", {"email": "ada@example.org"}).status_code == 302
    assert client.post("/password/reset/", {"email": "grace@example.org"}).status_code == 302
    r = client.post("/password/reset/", {"email": "nobody@example.org"})
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    assert "Too many password reset emails asked for" in r.content.decode()
    assert len(mail.outbox) == 2
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert other.post("/password/reset/", {"email": "nobody@example.org"}).status_code == 302


def test_nobodys_inbox_can_be_flooded_with_reset_emails_from_many_addresses(mentee, settings):
    settings.PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 3
    for i in range(3):
        client = Client(REMOTE_ADDR=f"203.0.113.{i + 1}")
        assert client.post("/password/reset/", {"email": "ada@example.org"}).status_code == 302
    r = Client(REMOTE_ADDR="203.0.113.50").post("/password/reset/", {"email": "ADA@example.org"})
    assert r.status_code == 429
    assert len(mail.outbox) == 3
    # The same answer for an email without an account: the limit says nothing of who has one.
    for i in range(3):
        client = Client(REMOTE_ADDR=f"203.0.113.{i + 1}")
        assert client.post("/password/reset/", {"email": "no@example.org"}).status_code == 302
    r = Client(REMOTE_ADDR="203.0.113.50").post("/password/reset/", {"email": "no@example.org"})
    assert r.status_code == 429


def test_token_creation_is_rate_limited_per_address(mentee, mentor, settings):
    settings.TOKENS_PER_HOUR = 2
    client = Client()

    def new_token(email: str) -> object:
        return client.post(
            "/api/v1/auth/token",
            {"email": email, "password": PASSWORD},
            content_type="application/json",
        )

    assert new_token("ada@example.org").status_code == 200
    assert new_token("grace@example.org").status_code == 200
    r = new_token("ada@example.org")
    assert r.status_code == 429
    assert "Too many API tokens created from your address" in r.json()["detail"]
    assert int(r["Retry-After"]) > 0
    assert ApiToken.objects.count() == 2
