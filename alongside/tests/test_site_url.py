"""Finding 7 of the review: every emailed link is built from SITE_URL, never from the Host
header of the request; `testserver` is no production host; `make run` on another PORT
sends links to the port it serves."""

import datetime as dt
import re
import secrets

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone as tz

from alongside.tests.test_settings import run_alongside

SITE = "https://mentoring.example.org"


def test_finding_7_the_password_reset_link_is_built_from_site_url_not_the_host_header(
    mentee, settings
):
    settings.SITE_URL = SITE
    # "localhost" is an allowed host, yet not where people should be sent.
    r = Client().post("/password/reset/", {"email": mentee.email}, HTTP_HOST="localhost:9999")
    assert r.status_code == 302
    (email,) = mail.outbox
    links = re.findall(r"\w+://[^\s\"'<>]+", email.body)
    assert links, email.body
    assert all(link.startswith(f"{SITE}/password/reset/") for link in links), links
    assert "localhost" not in email.body


def test_every_email_link_starts_with_site_url(pair, mentee, mentor, settings, api_as):
    settings.SITE_URL = SITE
    mail.outbox.clear()
    api_as(mentee).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks"})
    soon = (tz.now() + dt.timedelta(days=3)).replace(microsecond=0)
    r = api_as(mentor).post(
        f"/mentorships/{pair.public_id}/meetings", {"starts_at": soon.isoformat()}
    )
    assert r.status_code == 201
    assert len(mail.outbox) >= 2
    for email in mail.outbox:
        bodies = [email.body] + [str(alt[0]) for alt in getattr(email, "alternatives", [])]
        for body in bodies:
            for link in re.findall(r"https?://[^\s\"'<>]+", body):
                assert link.startswith(SITE), (email.subject, link)


def test_testserver_is_not_an_allowed_host_when_debug_is_off(tmp_path):
    shown = run_alongside(
        "manage",
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATA_DIR=str(tmp_path),
    )
    assert shown.returncode == 0, shown.stderr
    assert "127.0.0.1" in shown.stdout
    assert "testserver" not in shown.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123", "SITE_URL": "https://x.example/"}, "https://x.example"),
    ],
)
def test_site_url_defaults_from_the_port_served(tmp_path, env, expected):
    shown = run_alongside(
        "manage",
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SITE_URL)",
        DATA_DIR=str(tmp_path),
        **env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == expected
