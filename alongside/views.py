"""The error pages (the home page lives in alongside.home)."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from alongside.lib.api_errors import error_body


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = error_body("There is nothing at this address. See /api/v1/docs.", "not_found")
        return HttpResponse(json.dumps(body), status=404, content_type="application/json")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = error_body("Something went wrong on our side. Try again later.", "server_error")
        return HttpResponse(json.dumps(body), status=500, content_type="application/json")
    # Rendered without the request: its context processors may need the database,
    # which may be what failed.
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = error_body("The request could not be understood.", "bad_request")
        return HttpResponse(json.dumps(body), status=400, content_type="application/json")
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, usually from a page left open too long."""
    if request.path.startswith("/api/"):
        body = error_body(
            "This request came without a valid CSRF token: reload the page and try again, "
            "or send 'Authorization: Bearer <token>' instead of the session cookie.",
            "csrf_failed",
        )
        return HttpResponse(json.dumps(body), status=403, content_type="application/json")
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("alongside/favicon.svg"))
