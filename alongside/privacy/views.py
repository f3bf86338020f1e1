"""The pages of a person's data rights: the export and the deletion of the account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from alongside.lib.http import client_address, download
from alongside.lib.pages import form_page, success
from alongside.lib.routes import Routes
from alongside.people.access import signed_in
from alongside.privacy import services
from alongside.privacy.access import get_export_for
from alongside.privacy.build import export_filename
from alongside.privacy.forms import DeleteForm
from alongside.privacy.selectors import exports_of

routes = Routes()


@routes.page("profile/export/", name="privacy_export")
def export_page(request: HttpRequest) -> HttpResponse:
    """Ask for an export (the worker builds it; an email says when it is ready), and
    download the ones ready."""
    person = signed_in(request)
    if request.method == "POST":
        services.export_request(person=person)
        messages.success(
            request, "Your export is being prepared. We will email you when it is ready."
        )
        return redirect("privacy_export")
    context = {"exports": list(exports_of(person)[:10]), "days": settings.EXPORT_DAYS}
    return render(request, "privacy/export.html", context)


@routes.page("profile/export/<str:export_id>/download/", name="privacy_export_download")
def export_download(request: HttpRequest, export_id: str) -> HttpResponse:
    export = get_export_for(signed_in(request), export_id)
    if export.status != "ready":
        messages.info(request, "This export is still being prepared.")
        return redirect("privacy_export")
    content = services.export_content(export)
    services.export_downloaded(person=export.person, export=export)
    return download(
        content, filename=export_filename(export.ready_at), content_type="application/zip"
    )


@routes.page("profile/delete/", name="privacy_delete")
def delete_page(request: HttpRequest) -> HttpResponse:
    """What deleting an account removes and what stays, and the confirmation."""
    person = signed_in(request)
    form = DeleteForm(request.POST or None)

    def deleted(_: object) -> HttpResponse:
        logout(request)
        return success(request, "Your account is deleted. Thank you for being here.", "home")

    return form_page(
        request,
        form,
        lambda: services.account_delete(
            person=person, password=form.cleaned_data["password"], client=client_address(request)
        ),
        page=lambda status: render(request, "privacy/delete.html", {"form": form}, status=status),
        done=deleted,
    )
