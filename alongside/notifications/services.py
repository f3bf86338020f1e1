"""Notifications: in-app always, by email unless the person turned that kind off or
chose the weekly digest. Each notification has a key and happens once per person."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone as tz

from alongside.lib.email import send_email, unsend
from alongside.notifications.models import Kind, Notification, Preferences, ReminderDay
from alongside.people.models import Person

UNSUBSCRIBE_SALT = "alongside.unsubscribe"


def preferences_for(person: Person) -> Preferences:
    prefs, _ = Preferences.objects.get_or_create(person=person)
    return prefs


def unsubscribe_token(person: Person, kind: str) -> str:
    return signing.dumps({"p": str(person.public_id), "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(person: Person, kind: str) -> str:
    return f"{settings.SITE_URL}/unsubscribe/{unsubscribe_token(person, kind)}/"


def read_unsubscribe_token(token: str) -> tuple[Person, str] | None:
    """The person and kind a link was made for, or None when forged or garbled."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    person = Person.objects.filter(public_id=data.get("p"), is_active=True).first()
    if person is None or data.get("k") not in Kind.values:
        return None
    return person, data["k"]


@transaction.atomic
def email_turn_off(*, person: Person, kind: str) -> Preferences:
    prefs = Preferences.objects.select_for_update().get(pk=preferences_for(person).pk)
    if kind not in prefs.email_off:
        prefs.email_off = sorted([*prefs.email_off, kind])
        prefs.save(update_fields=["email_off"])
    return prefs


@transaction.atomic
def preferences_update(
    *, person: Person, email_off: list[str] | None = None, weekly_digest: bool | None = None
) -> Preferences:
    prefs = Preferences.objects.select_for_update().get(pk=preferences_for(person).pk)
    if email_off is not None:
        unknown = sorted(set(email_off) - set(Kind.values))
        if unknown:
            raise ValidationError({"email_off": "Unknown kinds: " + ", ".join(unknown) + "."})
        prefs.email_off = sorted(set(email_off))
    if weekly_digest is not None:
        prefs.weekly_digest = weekly_digest
    prefs.save()
    return prefs


def _reminded_today(person: Person, kind: str, now: dt.datetime) -> bool:
    """Claim today's reminder of this kind for the person; False when already claimed."""
    day = now.astimezone(_zone(person)).date()
    try:
        with transaction.atomic():
            ReminderDay.objects.create(person=person, kind=kind, day=day)
    except IntegrityError:
        return True
    return False


def _zone(person: Person) -> Any:
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(person.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


@transaction.atomic
def notify(
    *,
    person: Person,
    kind: str,
    key: str,
    title: str = "",
    url: str = "",
    template: str | None = None,
    context: dict[str, Any] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    reminder: bool = False,
    email: bool = True,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Create the notification once (by `key`) and email it unless turned off.

    A `reminder` is also capped at one of its kind per person per day. With `email` false
    it is in the app only (its email, if any, is someone else's to send: a digest).
    """
    now = now or tz.now()
    if not title and template:
        title = " ".join(
            render_to_string(
                f"{template}_subject.txt", {**(context or {}), "recipient": person}
            ).split()
        )
    if Notification.objects.filter(person=person, key=key).exists():
        return None
    if reminder and _reminded_today(person, kind, now):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                person=person, kind=kind, title=title[:300], url=url, key=key, created_at=now
            )
    except IntegrityError:  # another worker made it a moment ago
        return None
    prefs = preferences_for(person)
    if email and template and kind not in prefs.email_off and not prefs.weekly_digest:
        off = unsubscribe_url(person, kind)
        send_email(
            to=person.email,
            template=template,
            context={
                **(context or {}),
                "recipient": person,
                "title": title,
                "unsubscribe_url": off,
            },
            attachments=attachments,
            headers={
                "List-Unsubscribe": f"<{off}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            about=[key],
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
    return notification


REMINDER = "notifications/email/reminder"


def remind(
    *,
    person: Person,
    kind: str,
    key: str,
    title: str,
    url: str,
    lines: list[str],
    action: str,
    **options: Any,
) -> Notification | None:
    """A reminder: in the app, and by email with a few lines and one button (`action`,
    to `url`). `options` are notify's (`now`, `reminder`, `attachments`)."""
    return notify(
        person=person,
        kind=kind,
        key=key,
        title=title,
        url=url,
        template=REMINDER,
        context={"lines": lines, "url": url, "action": action},
        **options,
    )


@transaction.atomic
def forget_about(*, about: str, person: Person | None = None) -> int:
    """Something was deleted or taken back: the notifications whose key names it (its
    public id) go, and so do their emails not sent yet, so that no copy of its words is
    left behind; only `person`'s, when given. A weekly digest not sent yet that told of it
    is dropped, and the other updates it held wait for the next digest. Answers how many
    notifications went."""
    if not about:
        return 0
    found = Notification.objects.filter(key__contains=about)
    if person is not None:
        found = found.filter(person=person)
    gone = set(found.values_list("key", flat=True))
    found.delete()

    def told_of_it(to: str, key: str) -> bool:
        return (key in gone or about in key) and (person is None or to == person.email)

    for to, keys in unsend(told_of_it):
        others = [key for key in keys if not told_of_it(to, key)]
        if others:  # a digest: its other updates go out with the next one
            Notification.objects.filter(person__email=to, key__in=others).update(emailed_at=None)
    return len(gone)


def mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=tz.now()
        )
        notification.refresh_from_db()
    return notification


def mark_read_where(*, person: Person, kind: str, url: str) -> int:
    """Mark read the person's unread notifications of a kind about one page (a thread the
    person has just read)."""
    return Notification.objects.filter(
        person=person, kind=kind, url=url, read_at__isnull=True
    ).update(read_at=tz.now())


def unread_exists(*, person: Person, kind: str, url: str) -> bool:
    return Notification.objects.filter(
        person=person, kind=kind, url=url, read_at__isnull=True
    ).exists()


def mark_all_read(*, person: Person) -> int:
    return Notification.objects.filter(person=person, read_at__isnull=True).update(read_at=tz.now())
