"""Tokens in paths (calendar feed, unsubscribe, password reset) never reach a log."""

import logging

import pytest

from alongside.lib.logmask import MASK, MaskSecretsFilter, mask_secrets

FEED = "/calendar/5b7f2c9e-0d1a-4c55-9a0e-2f1b3c4d5e6f/Zq8-secretFeedToken_1.ics"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (
            f"GET {FEED} HTTP/1.1",
            f"GET /calendar/5b7f2c9e-0d1a-4c55-9a0e-2f1b3c4d5e6f/{MASK}.ics HTTP/1.1",
        ),
        ("/unsubscribe/eyJwIjoxfQ:1tXyZ:abcdef/", f"/unsubscribe/{MASK}/"),
        (
            "https://site.example/unsubscribe/abc:def/?x=1",
            f"https://site.example/unsubscribe/{MASK}/?x=1",
        ),
        ("/password/reset/MQ/cx3k2p-0123456789abcdef/", f"/password/reset/MQ/{MASK}/"),
        # Django's own next step, and the pages around the reset, carry no secret.
        ("/password/reset/MQ/set-password/", "/password/reset/MQ/set-password/"),
        ("/password/reset/sent/", "/password/reset/sent/"),
        ("/password/reset/", "/password/reset/"),
        ("/calendar/", "/calendar/"),
        ("/meetings/5b7f2c9e/meeting.ics", "/meetings/5b7f2c9e/meeting.ics"),
    ],
)
def test_it_masks_the_token_and_nothing_else(raw, masked):
    assert mask_secrets(raw) == masked


def test_django_request_logging_masks_the_token(caplog):
    logger = logging.getLogger("alongside.tests.request")
    logger.addFilter(MaskSecretsFilter())
    with caplog.at_level(logging.WARNING):
        logger.warning("Not Found: %s", FEED)
    assert "secretFeedToken" not in caplog.text
    assert MASK in caplog.text


def test_the_configured_django_request_logger_masks_a_404_path(client, db, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        logging.getLogger("django.request").error("Internal Server Error: %s", FEED)
    assert "secretFeedToken" not in caplog.text
