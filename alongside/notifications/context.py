"""What every page's template needs: whether sign-up is open, the unread count, and
whether the person runs a program (the "Programs" link)."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import HttpRequest

from alongside.notifications.models import Notification
from alongside.people.models import Person
from alongside.programs.models import Program


def site(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {"open_signup": settings.OPEN_SIGNUP}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # One query for both, on every page.
        unread = (
            Notification.objects.filter(person=OuterRef("pk"), read_at__isnull=True)
            .values("person")
            .annotate(n=Count("pk"))
            .values("n")
        )
        runs = Program.admins.through.objects.filter(person=OuterRef("pk"))
        row = (
            Person.objects.filter(pk=user.pk)
            .annotate(unread=Subquery(unread), runs=Exists(runs))
            .values_list("unread", "runs")
            .first()
        )
        count, runs_programs = row if row is not None else (0, False)
        context["unread_count"] = count or 0
        context["runs_programs"] = bool(runs_programs)
    return context
