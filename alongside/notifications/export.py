"""What a person's data export holds of notifications: their own, and their settings."""

from typing import Any

from pydantic import BaseModel

from alongside.notifications.models import Notification, Preferences
from alongside.people.export import iso, register
from alongside.people.models import Person


class NotificationRow(BaseModel):
    kind: str
    title: str
    url: str
    created_at: str
    read_at: str | None
    emailed_at: str | None


class PreferencesRow(BaseModel):
    email_off: list[str]
    weekly_digest: bool


def _notifications(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "kind": n.kind,
            "title": n.title,
            "url": n.url,
            "created_at": iso(n.created_at),
            "read_at": iso(n.read_at),
            "emailed_at": iso(n.emailed_at),
        }
        for n in Notification.objects.filter(person=person).order_by("created_at", "pk")
    ]


def _preferences(person: Person) -> list[dict[str, Any]]:
    return [
        {"email_off": p.email_off, "weekly_digest": p.weekly_digest}
        for p in Preferences.objects.filter(person=person)
    ]


register(
    "notifications",
    NotificationRow,
    collect=_notifications,
    title="Notifications",
    about="The notifications you received in the app.",
    count=lambda person: Notification.objects.filter(person=person).count(),
)
register(
    "notification_settings",
    PreferencesRow,
    collect=_preferences,
    title="Notification settings",
    about="Which emails you turned off, and whether you get a weekly digest.",
    count=lambda person: 1,
)
