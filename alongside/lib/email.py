"""Templated email: a subject, a text part and an HTML part, sent after the commit."""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def render_email(*, to: str, template: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """`template` names three files: <template>_subject.txt, <template>.txt, <template>.html."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def send_email(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Send once the current transaction commits, so a rollback sends nothing."""
    message = render_email(to=to, template=template, context=context)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)

    def deliver() -> None:
        try:
            message.send()
        except OSError:
            # A mail server outage must not undo the user's action; it is logged.
            logger.exception("Could not send %r to %s", message.subject, to)

    transaction.on_commit(deliver)
