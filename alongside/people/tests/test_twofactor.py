"""Two-factor sign-in: setup with a QR code, the code after the password (pages, the admin
site and API tokens), wrong codes throttled, single-use codes, recovery codes, turning it
off, and REQUIRE_2FA_FOR_ADMINS.

Ada is a mentee; Root is staff. The clock stands still in each test (`clock`), and moves
on by a 30-second step when a test needs a fresh code."""

import datetime as dt

import pyotp
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from alongside.lib.errors import NotAuthenticated, Throttled
from alongside.people.models import AuditAction, AuditEvent, Person, RecoveryCode, TwoFactor
from alongside.people.twofactor import (
    second_factor_verify,
    twofactor_begin,
    twofactor_confirm,
    twofactor_enabled,
)
from alongside.tests.servers import race
from alongside.tests.threads import at_once
from conftest import PASSWORD, make_person, page_client

STAFF_PASSWORD = "root-pass-123456-long"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def next_code(clock, secret: str) -> str:
    """A code of the next 30-second step (a code is accepted once)."""
    clock.shift(dt.timedelta(seconds=30))
    return pyotp.TOTP(secret).now()


def turn_on(person: Person) -> tuple[str, list[str]]:
    device = twofactor_begin(person=person)
    codes = twofactor_confirm(person=person, code=pyotp.TOTP(device.secret).now(), client="t")
    return device.secret, codes


@pytest.fixture
def staff(db):
    return Person.objects.create_superuser(
        email="root@example.org", password=STAFF_PASSWORD, name="Root"
    )


def signed_in(client: Client) -> bool:
    return client.get("/profile/").status_code == 200


# --- Setup -----------------------------------------------------------------------------


def test_setup_shows_a_qr_code_inline_and_turns_on_with_the_first_code(mentee, clock):
    client = page_client(mentee)
    assert "Set up two-factor sign-in" in client.get("/profile/two-factor/").content.decode()
    r = client.post("/profile/two-factor/start/")
    assert r.status_code == 302 and r["Location"] == "/profile/two-factor/setup/"
    page = client.get("/profile/two-factor/setup/").content.decode()
    assert "<svg" in page and "<img" not in page.split("<main", 1)[-1]
    device = TwoFactor.objects.get(person=mentee)
    assert device.secret in page  # the key to type when the camera cannot scan
    assert not twofactor_enabled(mentee)
    r = client.post("/profile/two-factor/setup/", {"code": pyotp.TOTP(device.secret).now()})
    assert r.status_code == 200
    assert "Your recovery codes" in r.content.decode()
    assert "no-store" in r["Cache-Control"]
    assert twofactor_enabled(mentee)
    assert RecoveryCode.objects.filter(person=mentee).count() == 10
    assert AuditEvent.objects.filter(action=AuditAction.TWOFACTOR_ENABLED, target=mentee).exists()


def test_a_wrong_first_code_leaves_it_off(mentee, clock):
    client = page_client(mentee)
    client.post("/profile/two-factor/start/")
    r = client.post("/profile/two-factor/setup/", {"code": "000000"})
    assert r.status_code == 400
    assert "not right" in r.content.decode()
    assert not twofactor_enabled(mentee)


def test_recovery_codes_are_kept_only_as_digests(mentee, clock):
    _, codes = turn_on(mentee)
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)


# --- Sign-in ---------------------------------------------------------------------------


def test_the_password_alone_no_longer_signs_in(mentee, clock):
    turn_on(mentee)
    client = Client()
    r = client.post("/signin/", {"email": mentee.email, "password": PASSWORD, "next": "/people/"})
    assert r.status_code == 302 and r["Location"] == "/signin/code/"
    assert not signed_in(client)
    assert not AuditEvent.objects.filter(action=AuditAction.SIGNIN).exists()


def test_the_code_after_the_password_signs_in_and_goes_on_to_next(mentee, clock):
    secret, _ = turn_on(mentee)
    client = Client()
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD, "next": "/people/"})
    r = client.post("/signin/code/", {"code": next_code(clock, secret)})
    assert r.status_code == 302 and r["Location"] == "/people/"
    assert signed_in(client)
    row = AuditEvent.objects.get(action=AuditAction.SIGNIN)
    assert row.detail == {"via": "site", "second_factor": "app"}


def test_a_code_works_once(mentee, clock):
    secret, _ = turn_on(mentee)
    code = next_code(clock, secret)
    assert second_factor_verify(person=mentee, code=code, client="t") == "app"
    client = Client()
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    r = client.post("/signin/code/", {"code": code})
    assert r.status_code == 400
    assert not signed_in(client)


def test_the_code_page_without_the_password_step_sends_back_to_sign_in(mentee, clock):
    turn_on(mentee)
    r = Client().post("/signin/code/", {"code": "123456"})
    assert r.status_code == 302 and r["Location"] == "/signin/?next=/"


def test_the_password_step_expires_after_five_minutes(mentee, clock):
    secret, _ = turn_on(mentee)
    client = Client()
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    clock.shift(dt.timedelta(minutes=6))
    r = client.post("/signin/code/", {"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302 and r["Location"] == "/signin/?next=/"
    assert not signed_in(client)


def test_wrong_codes_are_throttled_and_then_the_right_one_is_refused_too(mentee, clock):
    secret, _ = turn_on(mentee)
    client = Client()
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    for _ in range(5):
        assert client.post("/signin/code/", {"code": "000000"}).status_code == 400
    r = client.post("/signin/code/", {"code": next_code(clock, secret)})
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    assert "Too many wrong two-factor codes" in r.content.decode()
    assert not signed_in(client)
    failed = AuditEvent.objects.filter(action=AuditAction.TWOFACTOR_FAILED, target=mentee)
    assert failed.count() == 5


def test_the_code_throttle_counts_per_account_from_any_address(mentee, clock):
    secret, _ = turn_on(mentee)
    for n in range(5):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
        client.post("/signin/code/", {"code": "000000"})
    fresh = Client(REMOTE_ADDR="203.0.113.50")
    fresh.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    assert fresh.post("/signin/code/", {"code": next_code(clock, secret)}).status_code == 429


def test_a_recovery_code_signs_in_once(mentee, clock):
    _, codes = turn_on(mentee)
    client = Client()
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    r = client.post("/signin/code/", {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert "9 left" in r.content.decode()
    assert signed_in(client)
    again = Client()
    again.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    assert again.post("/signin/code/", {"code": codes[0]}).status_code == 400
    assert not signed_in(again)
    row = AuditEvent.objects.get(action=AuditAction.RECOVERY_CODE_USED)
    assert row.detail == {"left": 9}


def test_the_admin_site_asks_for_the_code_too(staff, clock):
    secret, _ = turn_on(staff)
    client = Client()
    r = client.post(
        "/admin/login/?next=/admin/people/", {"username": staff.email, "password": STAFF_PASSWORD}
    )
    assert r.status_code == 302 and r["Location"] == "/signin/code/"
    assert client.get("/admin/").status_code == 302  # not in
    r = client.post("/signin/code/", {"code": next_code(clock, secret)})
    assert r["Location"] == "/admin/people/"
    assert client.get("/admin/").status_code == 200
    row = AuditEvent.objects.get(action=AuditAction.SIGNIN)
    assert row.detail["via"] == "admin"


# --- API tokens ------------------------------------------------------------------------


def ask_token(email: str, password: str, **extra: str) -> object:
    return Client().post(
        "/api/v1/auth/token",
        {"email": email, "password": password, **extra},
        content_type="application/json",
    )


def test_a_token_is_refused_without_the_code(mentee, clock):
    turn_on(mentee)
    r = ask_token(mentee.email, PASSWORD)
    assert r.status_code == 401
    assert r.json()["code"] == "code_required"
    assert not mentee.api_tokens.exists()


def test_a_token_with_a_wrong_code_is_refused(mentee, clock):
    turn_on(mentee)
    r = ask_token(mentee.email, PASSWORD, code="000000")
    assert r.status_code == 401 and r.json()["code"] == "bad_code"
    assert not mentee.api_tokens.exists()


def test_a_token_with_the_code_is_made(mentee, clock):
    secret, _ = turn_on(mentee)
    r = ask_token(mentee.email, PASSWORD, code=next_code(clock, secret))
    assert r.status_code == 200
    assert r.json()["token"].startswith("al_")


def test_the_code_is_not_asked_of_accounts_without_two_factor(mentee):
    assert ask_token(mentee.email, PASSWORD).status_code == 200


# --- Turning it off, new recovery codes ------------------------------------------------


def test_turning_it_off_needs_the_password_and_a_code(mentee, clock):
    secret, _ = turn_on(mentee)
    client = page_client(mentee)
    r = client.post(
        "/profile/two-factor/disable/", {"password": "wrong", "code": next_code(clock, secret)}
    )
    assert r.status_code == 400
    assert twofactor_enabled(mentee)
    r = client.post("/profile/two-factor/disable/", {"password": PASSWORD, "code": "000000"})
    assert r.status_code == 400
    assert twofactor_enabled(mentee)
    r = client.post(
        "/profile/two-factor/disable/", {"password": PASSWORD, "code": next_code(clock, secret)}
    )
    assert r.status_code == 302
    assert not twofactor_enabled(mentee)
    assert not RecoveryCode.objects.filter(person=mentee).exists()
    assert AuditEvent.objects.filter(action=AuditAction.TWOFACTOR_DISABLED).exists()


def test_new_recovery_codes_replace_the_old_ones(mentee, clock):
    secret, old = turn_on(mentee)
    client = page_client(mentee)
    r = client.post("/profile/two-factor/recovery-codes/", {"code": next_code(clock, secret)})
    assert r.status_code == 200
    assert old[1] not in r.content.decode()
    with pytest.raises(Exception):  # noqa: B017 - NotAuthenticated
        second_factor_verify(person=mentee, code=old[1], client="t")
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODES_RENEWED).exists()


def test_setting_up_twice_is_refused_while_it_is_on(mentee, clock):
    turn_on(mentee)
    client = page_client(mentee)
    r = client.post("/profile/two-factor/start/", follow=True)
    assert "already on" in r.content.decode()
    assert client.get("/profile/two-factor/setup/").status_code == 302


# --- Required for admins ---------------------------------------------------------------


def test_a_required_admin_is_sent_to_setup_before_anything_else(settings, program_admin, clock):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    client = page_client(program_admin)
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == "/profile/two-factor/?required=1"
    assert client.get("/programs/").status_code == 302
    page = client.get("/profile/two-factor/?required=1")
    assert page.status_code == 200
    assert "requires staff and program admins" in page.content.decode()
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json()["code"] == "twofactor_setup_required"
    # Once set up, the site opens.
    client.post("/profile/two-factor/start/")
    device = TwoFactor.objects.get(person=program_admin)
    client.post("/profile/two-factor/setup/", {"code": pyotp.TOTP(device.secret).now()})
    assert client.get("/").status_code == 200


def test_staff_are_required_too_but_members_are_not(settings, staff, mentee):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    assert page_client(staff).get("/admin/").status_code == 302
    assert page_client(mentee).get("/").status_code == 200


def test_a_required_admin_gets_no_token_before_setup(settings, program_admin):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    r = ask_token(program_admin.email, PASSWORD)
    assert r.status_code == 403 and r.json()["code"] == "twofactor_setup_required"


def test_a_required_admin_cannot_turn_it_off(settings, program_admin, clock):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    secret, _ = turn_on(program_admin)
    client = page_client(program_admin)
    page = client.get("/profile/two-factor/").content.decode()
    assert "required for staff and program admins" in page
    r = client.post(
        "/profile/two-factor/disable/",
        {"password": PASSWORD, "code": next_code(clock, secret)},
        follow=True,
    )
    assert "required for staff and program admins" in r.content.decode()
    assert twofactor_enabled(program_admin)


def test_without_the_setting_nobody_is_sent_anywhere(program_admin):
    assert page_client(program_admin).get("/").status_code == 200


# --- Races: a code is spent once, whatever the concurrency -----------------------------


@race
def test_one_recovery_code_sent_10_times_at_once_signs_in_once():
    person = make_person("ada@example.org", "Ada Mentee")
    _, codes = turn_on(person)
    used: list[str] = []

    def attempt() -> None:
        try:
            used.append(second_factor_verify(person=person, code=codes[0], client="203.0.113.9"))
        except (NotAuthenticated, Throttled):  # past 5 tries at once the throttle answers
            used.append("refused")

    at_once(*[attempt] * 10)
    assert used.count("recovery code") == 1, used
    assert used.count("refused") == 9


@race
def test_one_app_code_sent_10_times_at_once_signs_in_once():
    person = make_person("ada@example.org", "Ada Mentee")
    secret, _ = turn_on(person)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30), tick=False):
        code = pyotp.TOTP(secret).now()
        used: list[str] = []

        def attempt() -> None:
            try:
                used.append(second_factor_verify(person=person, code=code, client="203.0.113.9"))
            except (NotAuthenticated, Throttled):
                used.append("refused")

        at_once(*[attempt] * 10)
    assert used.count("app") == 1, used
    assert used.count("refused") == 9
