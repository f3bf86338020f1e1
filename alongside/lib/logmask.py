"""Secrets that travel in URL paths (the calendar feed, one-click unsubscribe and password
reset links) are masked before a path reaches a log: an access log is read by more people,
and kept longer, than the links it would otherwise hand out."""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

MASK = "[token]"

# Anywhere in a string: a request line, a path, a full Referer URL.
_SECRET_PATHS = [
    # /calendar/<person>/<token>.ics
    (re.compile(r"(/calendar/[^/\s?#\"]+/)[^/\s?#\"]+(\.ics)"), rf"\g<1>{MASK}\g<2>"),
    # /unsubscribe/<token>/
    (re.compile(r"(/unsubscribe/)[^/\s?#\"]+"), rf"\g<1>{MASK}"),
    # /password/reset/<uidb64>/<token>/ (Django's own next step, set-password, is no secret)
    (
        re.compile(r"(/password/reset/[^/\s?#\"]+/)(?!set-password(?:[/\s?#\"]|$))[^/\s?#\"]+"),
        rf"\g<1>{MASK}",
    ),
]


def mask_secrets(text: str) -> str:
    for pattern, replacement in _SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


class MaskSecretsFilter(logging.Filter):
    """For Django's request loggers ("Not Found: /unsubscribe/...", runserver's lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class AccessLogger(Logger):
    """gunicorn's logger, with the path, the request line, the query and the Referer masked
    (`alongside serve` passes it as --logger-class)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str) and (key in "rUqf" or key.startswith("{")):
                atoms[key] = mask_secrets(value)
        return atoms
