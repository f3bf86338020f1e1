"""Templated email: a subject, a text part and an HTML part.

Sending goes through the task queue: the message is enqueued in the same transaction
as the change it tells about, so a rollback sends nothing and a commit always sends it;
the worker (`alongside worker`) delivers it after the commit.
"""

import base64
import logging
from collections.abc import Callable, Sequence
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
    about: list[str] | None = None,
) -> None:
    """Runs in the worker: send one email (attachments arrive base64-encoded). `about`
    names what it tells of (notification keys), so that `unsend` can find it."""
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
    about: Sequence[str] = (),
) -> None:
    """Render now, deliver from the worker once the current transaction commits.
    `about` names what the email tells of (notification keys), for `unsend`."""
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
        about=list(about),
    )


def unsend(matches: Callable[[str, str], bool]) -> list[tuple[str, list[str]]]:
    """Drop the emails not sent yet (queued, or failed and waiting) that tell of anything
    `matches(to, key)` accepts, text and all. Answers whom each dropped email was to, and
    what it was about.

    An email the worker has already claimed is on its way and cannot be called back.
    The queue holds the emails of the last few seconds, so it is read whole."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=deliver.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.FAILED],
    ).only("id", "args_kwargs")
    dropped: dict[Any, tuple[str, list[str]]] = {}
    for result in waiting.iterator():
        kwargs = result.args_kwargs.get("kwargs", {})
        about = kwargs.get("about") or []
        if any(matches(kwargs.get("to", ""), key) for key in about):
            dropped[result.pk] = (kwargs.get("to", ""), about)
    if dropped:
        DBTaskResult.objects.filter(
            pk__in=list(dropped), status__in=[TaskResultStatus.READY, TaskResultStatus.FAILED]
        ).delete()
    return list(dropped.values())
