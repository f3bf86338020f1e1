"""Passwords are hashed with Argon2id; older PBKDF2 hashes are re-hashed at sign-in, and
that re-hash is no password change: the person's API tokens keep working."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.test import Client

from alongside.people.models import ApiToken, Person
from alongside.people.services import token_create

REAL_HASHERS = [
    "alongside.people.hashers.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD = "an-old-passphrase-from-2025"


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = REAL_HASHERS


@pytest.fixture
def old_account(db, real_hashers):
    """An account whose password was hashed with PBKDF2 before the move to Argon2 (few
    iterations, so that the test stays fast: the check reads them from the hash)."""
    person = Person.objects.create_user(email="old@example.org", password=None, name="Old Timer")
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000)
    person.save(update_fields=["password"])
    return person


def test_the_site_hashes_new_passwords_with_argon2id_and_reads_pbkdf2():
    # The settings module itself (the tests swap in MD5 for speed).
    from alongside import settings as site

    assert site.PASSWORD_HASHERS[0] == "alongside.people.hashers.Argon2Hasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in site.PASSWORD_HASHERS


def test_a_new_password_is_an_argon2id_hash(real_hashers, db):
    person = Person.objects.create_user(email="new@example.org", password=PASSWORD, name="New")
    assert person.password.startswith("argon2$argon2id$")
    assert identify_hasher(person.password).algorithm == "argon2"
    assert person.check_password(PASSWORD)
    assert not person.check_password(PASSWORD + "x")


def test_an_old_hash_is_upgraded_at_sign_in(old_account):
    r = Client().post("/signin/", {"email": "old@example.org", "password": PASSWORD})
    assert r.status_code == 302
    old_account.refresh_from_db()
    assert old_account.password.startswith("argon2$argon2id$")


def test_tokens_made_under_the_old_hash_keep_working_after_the_upgrade(old_account):
    _, raw = token_create(person=old_account)
    mark_before = ApiToken.objects.get().password_mark
    Client().post("/signin/", {"email": "old@example.org", "password": PASSWORD})
    old_account.refresh_from_db()
    assert ApiToken.objects.get().password_mark != mark_before  # moved to the new hash
    r = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert r.status_code == 200


def test_a_real_password_change_still_ends_the_tokens(old_account):
    _, raw = token_create(person=old_account)
    old_account.set_password("an-entirely-new-passphrase")
    old_account.save()
    r = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert r.status_code == 401
    assert r.json()["code"] == "token_revoked"


def test_a_wrong_password_upgrades_nothing(old_account):
    before = old_account.password
    Client().post("/signin/", {"email": "old@example.org", "password": "wrong-one"})
    old_account.refresh_from_db()
    assert old_account.password == before
