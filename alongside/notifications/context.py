"""What every page's template needs: whether sign-up is open, and the unread count."""

from django.conf import settings
from django.http import HttpRequest

from alongside.notifications.models import Notification


def site(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {"open_signup": settings.OPEN_SIGNUP}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["unread_count"] = Notification.objects.filter(
            person=user, read_at__isnull=True
        ).count()
    return context
