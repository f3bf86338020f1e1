"""Finding 8 of the security review: the sign-in throttle could lock out a victim from
every address, lock out everyone behind one proxy, and be raced (40 concurrent wrong
tries got 6 through a limit of 5). Failures are now counted per (email, address) pair,
more loosely per email and per address, with one conditional UPDATE per counter."""

import threading

import pytest
from django.test import Client, RequestFactory

from alongside.lib.errors import NotAuthenticated, Throttled
from alongside.lib.http import client_address
from alongside.people import throttle
from alongside.people.models import RateCounter
from alongside.people.services import person_signin
from alongside.tests.servers import race
from alongside.tests.threads import at_once
from conftest import PASSWORD, make_person

WRONG = "not-the-password"


def token_from(address: str, email: str, password: str = WRONG) -> int:
    r = Client(REMOTE_ADDR=address).post(
        "/api/v1/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
    )
    return int(r.status_code)


def test_the_sign_in_throttle_cannot_lock_out_a_victim_from_another_address(mentee):
    for _ in range(5):
        assert token_from("203.0.113.9", "ada@example.org") == 401
    assert token_from("203.0.113.9", "ada@example.org", PASSWORD) == 429
    # Ada, at home, signs in: the stranger's failures were counted for their address.
    assert token_from("198.51.100.4", "ada@example.org", PASSWORD) == 200


def test_the_sign_in_page_says_when_to_come_back(mentee):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        client.post("/signin/", {"email": "ada@example.org", "password": WRONG})
    r = client.post("/signin/", {"email": "ada@example.org", "password": PASSWORD})
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 15 * 60
    assert "Wait 15 minutes and try again, or reset your password." in r.content.decode()


def test_the_sign_in_throttle_does_not_lock_out_everyone_behind_one_proxy(mentee, mentor):
    for i in range(5):
        assert token_from("192.0.2.1", f"someone{i}@example.org") == 401
    for _ in range(5):
        assert token_from("192.0.2.1", "eve@example.org") == 401
    # Grace shares the office proxy: her own sign-in still works.
    assert token_from("192.0.2.1", "grace@example.org", PASSWORD) == 200


def test_a_looser_limit_per_email_stops_an_attacker_on_many_addresses(mentee, settings):
    settings.SIGNIN_MAX_FAILURES_PER_EMAIL = 12
    for i in range(12):
        assert token_from(f"203.0.113.{i + 1}", "ada@example.org") == 401
    assert token_from("203.0.113.99", "ada@example.org") == 429
    assert token_from("203.0.113.99", "grace@example.org") == 401  # only that email


def test_a_looser_limit_per_address_stops_one_address_trying_many_emails(db, settings):
    settings.SIGNIN_MAX_FAILURES_PER_ADDRESS = 8
    for i in range(8):
        assert token_from("203.0.113.5", f"person{i}@example.org") == 401
    assert token_from("203.0.113.5", "someone.new@example.org") == 429
    assert token_from("203.0.113.6", "someone.new@example.org") == 401


def test_addresses_in_one_ipv6_64_count_as_one(mentee):
    for i in range(5):
        assert token_from(f"2001:db8:1:2::{i + 1:x}", "ada@example.org") == 401
    assert token_from("2001:db8:1:2:ffff::1", "ada@example.org", PASSWORD) == 429
    assert token_from("2001:db8:1:3::1", "ada@example.org", PASSWORD) == 200


def test_a_reset_password_lets_its_owner_in_at_once(mentee, client):
    """The 429 says "or reset your password": after a reset, the count is forgotten."""
    import re

    from django.core import mail

    for _ in range(6):
        token_from("127.0.0.1", "ada@example.org")
    assert token_from("127.0.0.1", "ada@example.org", PASSWORD) == 429
    client.post("/password/reset/", {"email": "ada@example.org"})
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[-1].body)
    assert link
    form_url = client.get(link.group(1))["Location"]
    new = "a-fresh-start-password-5"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert token_from("127.0.0.1", "ada@example.org", new) == 200


def test_the_count_is_kept_under_a_digest_not_the_email_or_address(mentee):
    token_from("203.0.113.9", "ada@example.org")
    keys = list(RateCounter.objects.values_list("key", flat=True))
    assert len(keys) == 3
    assert not any("ada" in k or "203.0" in k for k in keys)


def test_a_nul_byte_in_the_email_is_a_plain_failure_on_every_database(db):
    assert token_from("203.0.113.9", "ada\x00@example.org") in (401, 422)


def test_a_throttled_try_counts_nothing_and_a_success_gives_its_try_back(mentee):
    rules = throttle.signin_rules(email="ada@example.org", client="203.0.113.9")
    for _ in range(4):
        token_from("203.0.113.9", "ada@example.org")
    assert [RateCounter.objects.get(key=r.key).count for r in rules] == [4, 4, 4]
    assert token_from("203.0.113.9", "ada@example.org", PASSWORD) == 200
    assert [RateCounter.objects.get(key=r.key).count for r in rules] == [0, 4, 4]
    for _ in range(9):
        token_from("203.0.113.9", "ada@example.org")
    assert [RateCounter.objects.get(key=r.key).count for r in rules] == [
        5,
        9,
        9,
    ]  # 5 tries checked, 4 refused uncounted


# --- The address behind a proxy -------------------------------------------------------------


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.2"),  # no proxy trusted: the header is the client's
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged entry on the left
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: the connection
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_behind_the_trusted_proxies_only(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_forged_forwarded_header_does_not_escape_the_throttle(mentee, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(6):
        r = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{i}, 203.0.113.9").post(
            "/api/v1/auth/token",
            {"email": "ada@example.org", "password": "wrong"},
            content_type="application/json",
        )
    assert r.status_code == 429


# --- Races --------------------------------------------------------------------------------

TRIES = 40


@race
def test_the_sign_in_throttle_cannot_be_raced_by_40_concurrent_wrong_tries():
    make_person("ada@example.org", "Ada Mentee")
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            person_signin(email="ada@example.org", password="wrong", client="203.0.113.9")
        except NotAuthenticated:
            outcomes.append("checked")
        except Throttled:
            outcomes.append("throttled")

    at_once(*[attempt] * TRIES)
    assert outcomes.count("checked") == 5, outcomes
    assert outcomes.count("throttled") == TRIES - 5
    pair = throttle.signin_rules(email="ada@example.org", client="203.0.113.9")[0]
    assert RateCounter.objects.get(key=pair.key).count == 5


@race
def test_40_concurrent_wrong_tries_on_two_servers_get_5_through():
    import json
    import urllib.error
    import urllib.request

    from alongside.tests.servers import two_gunicorns

    make_person("ada@example.org", "Ada Mentee")
    statuses: list[int] = []
    with two_gunicorns() as ports:
        barrier = threading.Barrier(TRIES)

        def attempt(i: int) -> None:
            req = urllib.request.Request(
                f"http://127.0.0.1:{ports[i % 2]}/api/v1/auth/token",
                data=json.dumps({"email": "ada@example.org", "password": "wrong"}).encode(),
                method="POST",
                headers={"Content-Type": "application/json"},
            )
            barrier.wait()
            try:
                with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310 - our server
                    statuses.append(r.status)
            except urllib.error.HTTPError as e:
                statuses.append(e.code)

        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(TRIES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert statuses.count(401) == 5, sorted(statuses)
    assert statuses.count(429) == TRIES - 5
