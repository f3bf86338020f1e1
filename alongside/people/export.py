"""What a person's data export holds, kind by kind: each app registers its own part.

The export itself (the zip, the report, the worker) lives in the top layer
(`alongside.privacy`), because it reads every feature; this registry lives down here so
that any app, at any layer, can add what it holds about a person without the export
importing it, the way the pair's timeline works (`mentorships/timeline.py`). An app
registers from its AppConfig.ready(), in its own `export.py`:

    register("goals", Goal_, collect=goals_of, title="Goals", about="...")

`collect(person)` answers the rows of that kind the person may read: everything they
wrote, their private things included, and what their pair shared with them; never
another person's private content or feedback still blind to them. Each row is checked
against `row` (a pydantic model), whose JSON Schema is written into the export.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter

from alongside.people.models import Person
from alongside.people.schemas import Profile


class Author(BaseModel):
    """Who wrote or did something: a name, and whether it was the person exported."""

    name: str
    is_me: bool


def author_of(person: Person | None, me: Person) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"name": person.name or "a former member", "is_me": person.pk == me.pk}


@dataclass(frozen=True)
class Part:
    kind: str  # the file name (<kind>.json) and the key in the manifest
    row: type[BaseModel]
    collect: Callable[[Person], list[dict[str, Any]]]
    title: str  # the heading in the readable report
    about: str  # one sentence: what it holds and who else could read it
    # How many rows the person has, cheaply, to decide whether the worker builds it.
    count: Callable[[Person], int] | None = None

    def rows(self, person: Person) -> list[dict[str, Any]]:
        """The rows, checked and normalised by the documented shape."""
        adapter = TypeAdapter(list[self.row])  # type: ignore[name-defined]
        return adapter.dump_python(adapter.validate_python(self.collect(person)), mode="json")

    def schema(self) -> dict[str, Any]:
        return TypeAdapter(list[self.row]).json_schema()  # type: ignore[name-defined]


_PARTS: dict[str, Part] = {}


def register(
    kind: str,
    row: type[BaseModel],
    *,
    collect: Callable[[Person], list[dict[str, Any]]],
    title: str,
    about: str,
    count: Callable[[Person], int] | None = None,
) -> None:
    if not kind.isidentifier():
        raise ValueError(f"An export kind is a plain name (it names a file): {kind!r}")
    _PARTS[kind] = Part(kind=kind, row=row, collect=collect, title=title, about=about, count=count)


def parts() -> list[Part]:
    """Every registered part, in the order registered (the profile first)."""
    return list(_PARTS.values())


# --- What people holds: the profile and the API tokens ------------------------------


class _Account(BaseModel):
    id: str
    email: str


class ProfileRow(Profile, _Account):  # _Account last in the bases: id and email lead the row
    date_joined: str
    last_login: str | None


def iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profile(person: Person) -> list[dict[str, Any]]:
    row = {name: getattr(person, name) for name in [*Profile.model_fields, "email"]}
    row.update(
        id=str(person.public_id),
        date_joined=iso(person.date_joined),
        last_login=iso(person.last_login),
    )
    return [row]


class TokenRow(BaseModel):
    """A token's name and dates; never the token itself (only its digest is kept)."""

    name: str
    prefix: str
    created_at: str
    expires_at: str
    last_used_at: str | None


def _tokens(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created_at": iso(t.created_at),
            "expires_at": iso(t.expires_at),
            "last_used_at": iso(t.last_used_at),
        }
        for t in person.api_tokens.order_by("created_at", "pk")
    ]


register(
    "profile",
    ProfileRow,
    collect=_profile,
    title="Profile",
    about="Your profile, as other members see it, and your account's email and dates.",
    count=lambda person: 1,
)
register(
    "api_tokens",
    TokenRow,
    collect=_tokens,
    title="API tokens",
    about="Your API tokens: names and dates only. The tokens themselves are never stored.",
    count=lambda person: person.api_tokens.count(),
)
