"""The operations of /api/v1/openapi.json, for tests that sweep every endpoint.

Read when the test module is collected, so that each operation becomes its own test;
test_openapi.py checks that this is the same document the site serves.
"""

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from alongside.api import api

PREFIX = "/api/v1"


def document() -> dict[str, Any]:
    return dict(api.get_openapi_schema(path_prefix=PREFIX))


SCHEMA = document()


@dataclass(frozen=True)
class Operation:
    method: str
    template: str  # "/api/v1/people/{person_id}"
    needs_auth: bool
    body: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    body_required: bool = False

    @property
    def path(self) -> str:
        """The path below /api/v1 with every parameter filled with an id nobody has."""
        return self.path_with({})

    def path_with(self, ids: dict[str, Any]) -> str:
        """The path below /api/v1 with these ids for its parameters, unknown ids for the rest."""
        filled = re.sub(
            r"\{([^}]+)\}", lambda m: str(ids.get(m.group(1)) or uuid.uuid4()), self.template
        )
        return filled.removeprefix(PREFIX)

    def __str__(self) -> str:
        return f"{self.method} {self.template.removeprefix(PREFIX)}"


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow $ref, and take the non-null branch of an optional field."""
    while True:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = SCHEMA["components"]["schemas"][name]
        elif "anyOf" in schema or "allOf" in schema:
            branches = [
                s for s in schema.get("anyOf", schema.get("allOf")) if s != {"type": "null"}
            ]
            schema = branches[0]
        else:
            return schema


def _operations() -> list[Operation]:
    found = []
    for template, methods in SCHEMA["paths"].items():
        for method, op in methods.items():
            request_body = op.get("requestBody", {})
            content = request_body.get("content", {})
            json_schema = content.get("application/json", {}).get("schema")
            body = resolve(json_schema) if json_schema else None
            found.append(
                Operation(
                    method.upper(),
                    template,
                    bool(op.get("security")),
                    body,
                    bool(request_body.get("required")),
                )
            )
    return found


OPERATIONS = _operations()
JSON_BODY_OPERATIONS = [op for op in OPERATIONS if op.body is not None]
AUTH_OPERATIONS = [op for op in OPERATIONS if op.needs_auth]


def example(schema: dict[str, Any]) -> Any:
    """A value of the right type and format (not necessarily one the service accepts)."""
    schema = resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    fmt = schema.get("format")
    if kind == "string":
        # A month ahead of the clock (moved or not), so that it is never in the past.
        ahead = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        return {
            "uuid": str(uuid.uuid4()),
            "date": ahead.date().isoformat(),
            "date-time": ahead.isoformat(),
            "email": "someone@example.org",
            "uri": "https://example.org/",
        }.get(fmt, "text")
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    return {}


def required_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {name: example(schema["properties"][name]) for name in schema.get("required", [])}


def wrong_values(schema: dict[str, Any]) -> list[Any]:
    """Values of the wrong JSON type for a field: an object or a list, and a confused scalar."""
    schema = resolve(schema)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    confused = {
        "string": True,  # not a number: pydantic reads 12345 as a time for a date-time field
        "integer": "twelve",
        "number": "twelve",
        "boolean": "maybe",
        "array": "not a list",
        "object": "not an object",
    }[kind]
    return [["a", "list"] if kind == "object" else {"an": "object"}, confused]


def string_fields(schema: dict[str, Any]) -> list[tuple[str, bool]]:
    """(name, is_list) for each field that holds text or a list of texts."""
    out = []
    for name, prop in schema.get("properties", {}).items():
        prop = resolve(prop)
        if prop.get("type") == "string":
            out.append((name, False))
        elif prop.get("type") == "array" and resolve(prop.get("items", {})).get("type") == "string":
            out.append((name, True))
    return out


def is_multi_line(schema: dict[str, Any], name: str) -> bool:
    """A text field documented as keeping line breaks (`x-multiline`); every other text
    field of a request body must be one line."""
    return bool(schema.get("properties", {}).get(name, {}).get("x-multiline"))


def query_parameters(op: Operation) -> list[str]:
    methods = SCHEMA["paths"][op.template]
    return [
        p["name"] for p in methods[op.method.lower()].get("parameters", []) if p["in"] == "query"
    ]
