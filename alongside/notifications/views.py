from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alongside.lib.routes import Routes
from alongside.notifications import services
from alongside.notifications.access import get_notification_for
from alongside.notifications.models import Kind, Notification
from alongside.people.access import signed_in

routes = Routes()


@routes.page("notifications/", name="notifications")
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(Notification.objects.filter(person=signed_in(request)), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@routes.page("notifications/<str:notification_id>/open/", name="notification_open")
@require_POST
def open_one(request: HttpRequest, notification_id: str) -> HttpResponse:
    notification = services.mark_read(
        notification=get_notification_for(signed_in(request), notification_id)
    )
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications")


@routes.page("notifications/read-all/", name="notifications_read_all")
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(person=signed_in(request))
    return redirect("notifications")


@routes.page("notifications/settings/", name="notification_settings")
def preferences(request: HttpRequest) -> HttpResponse:
    me = signed_in(request)
    prefs = services.preferences_for(me)
    if request.method == "POST":
        on = set(request.POST.getlist("email"))
        services.preferences_update(
            person=me,
            email_off=[k for k in Kind.values if k not in on],
            weekly_digest=request.POST.get("weekly_digest") == "on",
        )
        messages.success(request, "Your notification settings are saved.")
        return redirect("notification_settings")
    kinds = [(value, label, value not in prefs.email_off) for value, label in Kind.choices]
    return render(request, "notifications/settings.html", {"kinds": kinds, "prefs": prefs})


@routes.page("unsubscribe/<str:token>/", name="unsubscribe", public=True)
@csrf_exempt  # one-click unsubscribe (RFC 8058): the signed token is the credential
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404("This link is not valid.")
    person, kind = found
    label = dict(Kind.choices)[kind]
    if request.method == "POST":
        services.email_turn_off(person=person, kind=kind)
        return render(request, "notifications/unsubscribed.html", {"label": label})
    return render(
        request, "notifications/unsubscribe.html", {"label": label, "email": person.email}
    )
