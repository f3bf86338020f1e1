"""Finding 3 of the security review: the Django admin sign-in had no throttle (30 wrong
passwords answered 200 each and the right one still signed in). It now counts with the
site's own counters and answers 429 with Retry-After, the right password included."""

import pytest
from django.test import Client

from alongside.people.models import ApiToken, Person
from alongside.people.services import token_create

STAFF_PASSWORD = "root-pass-123456-long"


@pytest.fixture
def staff(db):
    return Person.objects.create_superuser(
        email="root@example.org", password=STAFF_PASSWORD, name="Root"
    )


def admin_signin(client: Client, password: str, email: str = "root@example.org") -> object:
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password})


def signed_in_to_admin(client: Client) -> bool:
    return bool(client.get("/admin/").status_code == 200)


def test_the_django_admin_sign_in_is_throttled_and_refuses_the_right_password_too(staff):
    client = Client()
    for _ in range(5):
        r = admin_signin(client, "wrong-wrong-wrong")
        assert r.status_code == 200
        assert "Please enter the correct email" in r.content.decode()
    r = admin_signin(client, STAFF_PASSWORD)
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 15 * 60
    assert "Too many failed sign-ins" in r.content.decode()
    assert not signed_in_to_admin(client)
    # Another address, with the right password, is let in: the lock-out is per pair.
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert admin_signin(other, STAFF_PASSWORD).status_code == 302
    assert signed_in_to_admin(other)


def test_the_admin_and_the_site_share_one_throttle(staff, client):
    api = Client()
    for _ in range(5):
        api.post(
            "/api/v1/auth/token",
            {"email": "root@example.org", "password": "wrong"},
            content_type="application/json",
        )
    assert admin_signin(client, STAFF_PASSWORD).status_code == 429
    r = client.post("/signin/", {"email": "root@example.org", "password": STAFF_PASSWORD})
    assert r.status_code == 429


def test_the_admin_sign_in_still_lets_staff_in_and_keeps_others_out(staff, mentee):
    from conftest import PASSWORD

    client = Client()
    r = admin_signin(client, PASSWORD, email="ada@example.org")  # right password, not staff
    assert r.status_code == 200
    assert "staff account" in r.content.decode()
    assert not signed_in_to_admin(client)
    assert admin_signin(client, STAFF_PASSWORD).status_code == 302
    assert signed_in_to_admin(client)


def test_the_admin_password_change_is_throttled_and_revokes_tokens(staff):
    _, raw = token_create(person=staff)
    client = Client()
    client.force_login(staff)
    for _ in range(5):
        r = client.post(
            "/admin/password_change/",
            {"old_password": "wrong", "new_password1": "x" * 20, "new_password2": "x" * 20},
        )
        assert r.status_code == 200
    right = {
        "old_password": STAFF_PASSWORD,
        "new_password1": "a-new-staff-passphrase-1",
        "new_password2": "a-new-staff-passphrase-1",
    }
    r = client.post("/admin/password_change/", right)
    assert r.status_code == 429
    staff.refresh_from_db()
    assert staff.check_password(STAFF_PASSWORD)

    fresh = Client(REMOTE_ADDR="198.51.100.4")
    fresh.force_login(staff)
    r = fresh.post("/admin/password_change/", right)
    assert r.status_code == 302
    assert r["Location"] == "/admin/password_change/done/"
    assert not ApiToken.objects.filter(person=staff).exists()
    bearer = Client(headers={"Authorization": f"Bearer {raw}"})
    assert bearer.get("/api/v1/me").status_code == 401
    assert signed_in_to_admin(fresh)


@pytest.mark.parametrize(
    "body",
    [
        {"username": "root@example.org\x00", "password": "x"},
        {"username": "r" * 10_000, "password": "x"},
        {"username": "root@example.org", "password": "p" * 100_000},
        {"username": ["a", "b"], "password": ["c"]},
        {},
    ],
)
def test_the_admin_sign_in_answers_hostile_input_without_a_500(staff, body):
    client = Client()
    r = client.post("/admin/login/", body)
    assert r.status_code in (200, 400)
    assert not signed_in_to_admin(client)
