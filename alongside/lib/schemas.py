"""API shapes every app shares: the base of request bodies, the empty body, the base of an
answer about a stored thing, a reference to a person, and the one limit/offset query of
every list."""

import uuid
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from alongside.lib.text import schema_check

PAGE_LIMIT_DEFAULT = 20
PAGE_LIMIT_MAX = 100
# Deep offsets only page through rows nobody reads; the cap keeps them from costing a scan.
PAGE_OFFSET_MAX = 1_000_000


class In(Schema):
    """Base of every request body: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _text_rule(cls, value: Any, info: ValidationInfo) -> Any:
        """Every text field is one line unless marked Annotated[str, MultiLine]."""
        name = info.field_name or "value"
        marks = cls.model_fields[name].metadata if name in cls.model_fields else []
        multi = any(getattr(mark, "multi_line", False) for mark in marks)
        return schema_check(value, field=name, multi_line=multi)


class EmptyIn(In):
    pass


class Out(Schema):
    """Base of an answer about a stored thing: its `id` is the row's public id (the
    database's own key never leaves the server)."""

    id: uuid.UUID

    @staticmethod
    def resolve_id(obj: Any) -> uuid.UUID:
        return obj.public_id


def public_id_of(relation: str) -> Any:
    """The resolver of a field that names a related row (`<relation>_id`, `rerun_of`): its
    public id, as `Out` gives a thing's own (None when there is no related row)."""

    def resolve(obj: Any) -> uuid.UUID | None:
        related = getattr(obj, relation)
        return related.public_id if related is not None else None

    return staticmethod(resolve)


class PersonRef(Out):
    name: str


class PageQuery(Schema):
    """`?limit=&offset=` of every list; a list with filters extends it."""

    limit: int = Field(PAGE_LIMIT_DEFAULT, ge=1, le=PAGE_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=PAGE_OFFSET_MAX)


class Page(Schema):
    """Every list answers `{items, count}`; a subclass names the type of its items."""

    count: int
