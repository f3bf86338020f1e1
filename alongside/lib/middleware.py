import json

from django.http import HttpRequest, HttpResponse

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
