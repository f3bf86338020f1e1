"""The error answers of docs/api.md, declared on every operation of the OpenAPI document.

Views return only their success; errors come from the handlers in api_errors.py. So
that the document tells clients (and schema checkers) every status they may get, each
operation lists the error statuses it can answer, all with the same `ApiError` body.
The success responses are left as ninja built them: adding response models to the
operations themselves would change which status a view's plain return value gets.
"""

import functools
from collections.abc import Callable
from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

ERROR_SCHEMA_NAME = "ApiError"

ERROR_SCHEMA: dict[str, Any] = {
    "title": ERROR_SCHEMA_NAME,
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "string", "description": "What to do about it."},
        "code": {"title": "Code", "type": "string", "description": "A machine-readable code."},
        "errors": {
            "title": "Errors",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["detail", "code", "errors"],
}

DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "Not signed in: send 'Authorization: Bearer <token>'.",
    403: "Visible to you, but not yours to change.",
    404: "Not found, or not visible to you.",
    409: "A state conflict: not pending any more, full, or a duplicate.",
    413: "The body is larger than 2 MB.",
    422: "Invalid input; `errors` names each field.",
    429: "Too many attempts; retry after the `Retry-After` seconds.",
}
EVERY_OPERATION = (403, 404, 409, 422)


def error_statuses(operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation of the document can answer."""
    statuses = set(EVERY_OPERATION)
    if operation.get("security"):
        statuses.add(401)
    if "requestBody" in operation:
        statuses |= {400, 413}
    return sorted(statuses)


def declare_error_responses(
    schema: dict[str, Any], extra: dict[str, dict[str, list[int]]] | None = None
) -> None:
    """Add the error responses to every operation.

    `extra` adds statuses by the operation's path in the document and its method.
    """
    schema.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    extra = extra or {}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            more = extra.get(path, {}).get(method, [])
            statuses = sorted({*error_statuses(operation), *more})
            responses = operation.setdefault("responses", {})
            for status in statuses:
                responses.setdefault(
                    status,
                    {
                        "description": DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": ref}},
                    },
                )


class DocumentedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document declares the error answers of every operation.

    `extra_error_statuses` maps a path below the API root ("/auth/token") and a method
    ("post") to statuses only that operation answers, such as 429 when throttled.
    """

    def __init__(
        self, *args: Any, extra_error_statuses: dict[str, dict[str, list[int]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.extra_error_statuses = extra_error_statuses

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        root = path_prefix if path_prefix is not None else self.get_root_path(path_params or {})
        root = root.rstrip("/")
        extra = {root + path: methods for path, methods in self.extra_error_statuses.items()}
        declare_error_responses(schema, extra)
        return schema


def docs_page_in_english(view: Callable[..., Any]) -> Callable[..., Any]:
    """Swagger UI's page comes without a language (axe: html-has-lang); that is ours to
    say. Its other faults are Swagger UI's, so the page is linked only where the API is
    (the tokens page, the export page, the README), not from every footer."""

    @functools.wraps(view)
    def in_english(request: Any, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if response.get("Content-Type", "").startswith("text/html"):
            response.content = response.content.replace(b"<html>", b'<html lang="en">', 1)
        return response

    return in_english
