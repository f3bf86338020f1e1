import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, StrictBool

from alongside.lib.schemas import EmptyIn, In, Out, Page, PageQuery
from alongside.notifications import services
from alongside.notifications.access import get_notification_for
from alongside.notifications.models import Kind, Notification
from alongside.people.api import me

router = Router()
me_router = Router()


class NotificationOut(Out):
    kind: str
    title: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Page):
    items: list[NotificationOut]
    unread: int


class ListQuery(PageQuery):
    unread: bool | None = None


@router.get("/notifications", response=NotificationPage)
def notifications(request: HttpRequest, q: Query[ListQuery]) -> dict[str, Any]:
    """Your notifications, newest first, with the number still unread."""
    mine = Notification.objects.filter(person=me(request))
    found = mine.filter(read_at__isnull=True) if q.unread else mine
    return {
        "items": list(found[q.offset : q.offset + q.limit]),
        "count": found.count(),
        "unread": mine.filter(read_at__isnull=True).count(),
    }


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
def read(
    request: HttpRequest, notification_id: str, payload: EmptyIn | None = None
) -> Notification:
    return services.mark_read(notification=get_notification_for(me(request), notification_id))


class SettingsOut(Schema):
    kinds: dict[str, str] = Field(description="Every kind and what it is about.")
    email_off: list[str]
    weekly_digest: bool


class SettingsPatch(In):
    email_off: list[Kind] | None = Field(None, max_length=50)
    weekly_digest: StrictBool | None = None


def _settings(prefs: Any) -> dict[str, Any]:
    return {
        "kinds": dict(Kind.choices),
        "email_off": prefs.email_off,
        "weekly_digest": prefs.weekly_digest,
    }


@me_router.get("/notification-settings", response=SettingsOut)
def read_settings(request: HttpRequest) -> dict[str, Any]:
    return _settings(services.preferences_for(me(request)))


@me_router.patch("/notification-settings", response=SettingsOut)
def update_settings(request: HttpRequest, payload: SettingsPatch) -> dict[str, Any]:
    """Turn emails off per kind (in-app notifications stay), or choose a weekly digest."""
    changes = payload.dict(exclude_unset=True)
    prefs = services.preferences_update(person=me(request), **changes)
    return _settings(prefs)
