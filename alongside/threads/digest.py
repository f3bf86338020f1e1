"""The message digest: a step of the reminder sweep (home/sweep.py).

New messages tell the other member in the app at once (services.message_post). By email
they come batched: at most one email per person per thread every 15 minutes, none while
the person is on the site (`last_active` in the last 10 minutes), none for messages read
or deleted in the meantime, none when the person turned message emails off or chose the
weekly digest (which lists the in-app notification instead). The email names the sender
and how many messages wait; it never quotes them: an inbox is read, forwarded and kept
in places the pair does not control, and a message edited or deleted later would live on
there.
"""

import datetime as dt
import logging
from collections import Counter

from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string

from alongside.lib.email import send_email
from alongside.mentorships.models import Status
from alongside.notifications.models import Kind
from alongside.notifications.services import preferences_for, unsubscribe_url
from alongside.threads.models import Message, ReadMark
from alongside.threads.services import thread_url

logger = logging.getLogger(__name__)

EVERY = dt.timedelta(minutes=15)
ACTIVE = dt.timedelta(minutes=10)
# A message waits this long unread before it may be emailed: a reply typed at once, or
# a burst of short messages, makes one email.
GRACE = dt.timedelta(minutes=2)


def message_digests(now: dt.datetime, count: Counter[str]) -> None:
    due = (
        ReadMark.objects.filter(
            Q(mentorship__thread__last_seq__gt=F("last_read_seq"))
            & Q(mentorship__thread__last_seq__gt=F("emailed_seq")),
            Q(emailed_at__isnull=True) | Q(emailed_at__lte=now - EVERY),
            Q(person__last_active__isnull=True) | Q(person__last_active__lt=now - ACTIVE),
            mentorship__status=Status.ACTIVE,
            person__is_active=True,
        )
        .select_related("person", "mentorship__mentor", "mentorship__mentee")
        .order_by("pk")
    )
    for mark in due:
        try:
            if _digest(mark, now):
                count["message_digest"] += 1
        except Exception:  # one that fails is logged and skipped; the next sweep tries again
            logger.exception("Sweep step message_digests skipped read mark %s", mark.pk)
            count["failed"] += 1


@transaction.atomic  # the claim and the email (enqueued) commit together
def _digest(mark: ReadMark, now: dt.datetime) -> bool:
    person = mark.person
    prefs = preferences_for(person)
    if Kind.MESSAGE in prefs.email_off or prefs.weekly_digest:
        return False
    waiting = Message.objects.filter(
        mentorship=mark.mentorship,
        seq__gt=max(mark.last_read_seq, mark.emailed_seq),
        deleted_at__isnull=True,
        created_at__lte=now - GRACE,
    ).exclude(author=person)
    found = waiting.aggregate(n=Max("seq"))["n"]
    if found is None:
        return False
    how_many = waiting.count()
    # The claim: a conditional update that only one worker wins.
    claimed = ReadMark.objects.filter(
        Q(emailed_at__isnull=True) | Q(emailed_at__lte=now - EVERY),
        pk=mark.pk,
        emailed_seq=mark.emailed_seq,
    ).update(emailed_at=now, emailed_seq=found)
    if not claimed:
        return False
    mentorship = mark.mentorship
    context = {
        "recipient": person,
        "sender": mentorship.other(person),
        "count": how_many,
        "mentorship": mentorship,
        "url": thread_url(mentorship),
    }
    title = " ".join(render_to_string("threads/email/digest_subject.txt", context).split())
    off = unsubscribe_url(person, Kind.MESSAGE)
    send_email(
        to=person.email,
        template="threads/email/digest",
        context={**context, "title": title, "unsubscribe_url": off},
        headers={
            "List-Unsubscribe": f"<{off}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return True
