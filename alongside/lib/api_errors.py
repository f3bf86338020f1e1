"""The JSON error format of docs/api.md, and the ninja handlers that produce it."""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from alongside.lib.errors import ServiceError, Throttled

logger = logging.getLogger(__name__)

# Pydantic's wording for the common cases, said the way a person can act on.
_FRIENDLY = {
    "missing": "This field is required.",
    "extra_forbidden": "This field is not accepted here; remove it.",
    "json_invalid": "The body is not valid JSON.",
    "model_attributes_type": "The body must be a JSON object.",
    "dict_type": "The body must be a JSON object.",
    "uuid_parsing": "This must be an id (a UUID).",
}
_LOCATIONS = {"body", "query", "path", "form", "header", "cookie", "file"}


def error_body(
    detail: str, code: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    return {"detail": detail, "code": code, "errors": errors or []}


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        # ninja nests the body under the parameter name ("payload"); drop it, also
        # when the error is about the body as a whole (a list, or nothing at all).
        nested = parts[0] == "body" or (len(parts) > 2 and not parts[1].isdigit())
        parts = parts[2:] if nested else parts[1:]
    return ".".join(parts) or "body"


def pydantic_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for err in errors:
        field = _field_name(err.get("loc", ()))
        message = _FRIENDLY.get(err.get("type", ""), str(err.get("msg", "This value is invalid.")))
        if field == "body" and err.get("type") == "missing":
            message = "The body is empty; send a JSON object."
        out.append({"field": field, "message": message})
    return out


def django_errors(exc: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": "body" if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "body", "message": m} for m in exc.messages]


def _summary(errors: list[dict[str, str]]) -> str:
    if len(errors) == 1:
        e = errors[0]
        return e["message"] if e["field"] == "body" else f"{e['field']}: {e['message']}"
    return f"{len(errors)} fields need attention: " + ", ".join(e["field"] for e in errors) + "."


def install_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = pydantic_errors(list(exc.errors))
        return respond(request, 422, error_body(_summary(errors), "invalid", errors))

    @api.exception_handler(DjangoValidationError)
    def on_service_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = django_errors(exc)
        return respond(request, 422, error_body(_summary(errors), "invalid", errors))

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = "Sign in first: send 'Authorization: Bearer <token>' (POST /api/v1/auth/token)."
        response = respond(request, 401, error_body(detail, "not_authenticated"))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = respond(request, 429, error_body(exc.detail, exc.code))
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ServiceError)
    def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        response = respond(request, exc.status, error_body(exc.detail, exc.code))
        if exc.status == 401:  # an ended token, a wrong password: say how to sign in
            response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {400: "bad_request", 401: "not_authenticated", 403: "forbidden"}.get(
            exc.status_code, "error"
        )
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = "The body is not valid JSON; send a JSON object."
        return respond(request, exc.status_code, error_body(message, code))

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = "Not found, or not visible to you."
        return respond(request, 404, error_body(detail, "not_found"))

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        detail = "The request body is too large. Send less than 2 MB."
        return respond(request, 413, error_body(detail, "too_large"))

    @api.exception_handler(Exception)
    def on_crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        detail = "Something went wrong on our side. It has been logged; try again later."
        return respond(request, 500, error_body(detail, "server_error"))
