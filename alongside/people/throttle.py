"""Sign-in throttling, counted in the database so that every app process sees it."""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from alongside.lib.errors import Throttled
from alongside.people.models import SignInFailure


def keys_for(*, email: str, client: str) -> list[str]:
    return [f"email:{email.strip().lower()}", f"addr:{client}"]


def check(keys: list[str]) -> None:
    """Raise Throttled when any key reached the limit within the window."""
    window = timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS)
    now = timezone.now()
    for key in keys:
        recent = list(
            SignInFailure.objects.filter(key=key, at__gt=now - window)
            .order_by("-at")
            .values_list("at", flat=True)[: settings.SIGNIN_MAX_FAILURES]
        )
        if len(recent) >= settings.SIGNIN_MAX_FAILURES:
            # Blocked until the oldest of the last N failures leaves the window.
            wait = max(1, math.ceil((recent[-1] + window - now).total_seconds()))
            minutes = max(1, math.ceil(wait / 60))
            raise Throttled(
                f"Too many failed sign-ins. Wait {minutes} minute{'s' if minutes > 1 else ''} "
                "and try again, or reset your password.",
                retry_after=wait,
            )


def record_failure(keys: list[str]) -> None:
    now = timezone.now()
    SignInFailure.objects.bulk_create([SignInFailure(key=k, at=now) for k in keys])
    # Keep the table small: forget failures well past any window.
    SignInFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()


def clear(key: str) -> None:
    SignInFailure.objects.filter(key=key).delete()
