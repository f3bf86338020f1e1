import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.template import loader

from alongside.lib.api_errors import error_body

_MESSAGES = {
    404: ("not_found", "There is nothing at this address. Check the path against /api/v1/docs."),
    405: ("method_not_allowed", "This address does not accept {method}. See /api/v1/docs."),
}


class ApiErrorMiddleware:
    """Under /api, answers that Django or ninja produce without a body become JSON errors."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code not in _MESSAGES:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = _MESSAGES[response.status_code]
        body = error_body(message.format(method=request.method), code)
        new = HttpResponse(
            json.dumps(body), status=response.status_code, content_type="application/json"
        )
        if response.has_header("Allow"):
            new["Allow"] = response["Allow"]
        return new


def _nul_in_json(value: Any, path: str = "") -> str | None:
    """The path ("skills.0") of the first string or key holding a NUL, else None."""
    if isinstance(value, str):
        return path or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return where
            found = _nul_in_json(item, where)
            if found:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _nul_in_json(item, f"{path}.{i}" if path else str(i))
            if found:
                return found
    return None


class RefuseNulMiddleware:
    """A NUL character anywhere a request carries text is refused here, in one place.

    PostgreSQL cannot store or even compare a string holding NUL (the driver raises), so a
    NUL that reached a query was a 500 (`/people/?q=%00`). The path, the query string, the
    cookies, a form's fields and a JSON body's strings are checked before any view runs:
    the API answers 422 naming the field, a page answers 400 saying what to remove.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = self._where(request)
        if where is None:
            return self.get_response(request)
        message = f"The request holds a NUL character (\\0) in {where}: remove it and try again."
        if request.path_info.startswith("/api/"):
            field = where.removeprefix("the field ").removeprefix("the parameter ")
            body = error_body(message, "invalid", [{"field": field, "message": message}])
            status = 422 if where.startswith(("the field", "the parameter")) else 400
            return HttpResponse(json.dumps(body), status=status, content_type="application/json")
        # Rendered without the request: a NUL cookie must not reach the session lookup.
        page = loader.render_to_string("400.html", {"message": message})
        return HttpResponse(page, status=400)

    def _where(self, request: HttpRequest) -> str | None:
        if "\x00" in request.path_info:
            return "the address"
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return f"the parameter {key.replace(chr(0), '')}"
        for key, value in request.COOKIES.items():
            if "\x00" in key or "\x00" in value:
                return "a cookie"
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        # A body over the limit is left to the view, which answers it as it always did (413
        # on the API, the 400 page): reading it here would spoil that answer.
        length = str(request.META.get("CONTENT_LENGTH") or "0")
        if not length.isdigit() or int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return None
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in v for v in values):
                    return f"the field {key.replace(chr(0), '')}"
            return None
        try:
            if b"\\u0000" not in request.body:
                return None
            found = _nul_in_json(json.loads(request.body))
        except (ValueError, RequestDataTooBig, UnreadablePostError):
            return None  # not JSON, or not readable: the view answers that
        return f"the field {found}" if found else None


class ErrorTitleMiddleware:
    """A page that comes back with a form's errors (400, 409, 422) says so in its title,
    the first thing a screen reader reads: "Error: Fortnightly · 6 Dec 2026 · Alongside".
    Error pages (404, 500) have titles of their own and are left alone."""

    STATUSES = (400, 409, 422)

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        if (
            response.status_code in self.STATUSES
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"<title>" in response.content
            and b"<title>Error: " not in response.content
        ):
            response.content = response.content.replace(b"<title>", b"<title>Error: ", 1)
        return response
