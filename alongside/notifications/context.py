"""What every page's template needs: whether sign-up is open, the unread count, and
whether the person runs a program (the "Programs" link)."""

from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.http import HttpRequest

from alongside.lib.compiled import Compiled
from alongside.notifications.models import Notification
from alongside.people.models import Person
from alongside.programs.models import Program


def _site(*, person_id: int) -> QuerySet[Person, Any]:
    """The unread count and whether the person runs a program: one query for both."""
    unread = (
        Notification.objects.filter(person=OuterRef("pk"), read_at__isnull=True)
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    runs = Program.admins.through.objects.filter(person=OuterRef("pk"))
    return (
        Person.objects.filter(pk=person_id)
        .annotate(unread=Subquery(unread), runs=Exists(runs))
        .order_by("pk")
        .values("unread", "runs")[:1]
    )


# On every page: built and compiled once per connection (lib/compiled.py).
_SITE = Compiled(_site, person_id=int)


def site(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {"open_signup": settings.OPEN_SIGNUP}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        rows = _SITE.rows(person_id=user.pk)
        context["unread_count"] = (rows[0]["unread"] if rows else 0) or 0
        context["runs_programs"] = bool(rows[0]["runs"]) if rows else False
    return context
