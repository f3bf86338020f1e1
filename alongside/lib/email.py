"""Templated email: a subject, a text part and an HTML part.

Sending goes through the task queue: the message is enqueued in the same transaction
as the change it tells about, so a rollback sends nothing and a commit always sends it;
the worker (`alongside worker`) delivers it after the commit.
"""

import base64
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


def render_email(*, to: str, template: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """`template` names three files: <template>_subject.txt, <template>.txt, <template>.html."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = str(render_to_string(f"{template}.txt", context))
    if context.get("unsubscribe_url"):
        text += f"\n\nTurn off emails like this one: {context['unsubscribe_url']}\n"
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


@task()
def deliver(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    headers: dict[str, str],
    attachments: list[tuple[str, str, str]],
) -> None:
    """Runs in the worker: send one email (attachments arrive base64-encoded)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    message.send()


def send_email(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render now, deliver from the worker once the current transaction commits."""
    message = render_email(to=to, template=template, context=context)
    deliver.enqueue(
        to=to,
        subject=str(message.subject),
        text=str(message.body),
        html=str(message.alternatives[0][0]),
        headers=headers or {},
        attachments=[
            (name, base64.b64encode(content).decode(), mimetype)
            for name, content, mimetype in attachments or []
        ],
    )
