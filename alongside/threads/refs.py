"""What a message may refer to, and how a reference shows as a card.

A message stores a reference as a kind and a public id, nothing more: the thread sits on
the line of goals and meetings and may not import them, nor growth above it. The app
that sees all of them (home/cards.py) registers, for each kind, where its rows live and
how one reads; the thread asks this registry when a message is posted (does the thing
exist, in this pair?) and when messages are shown (one query per kind on the page). A
thing deleted later simply shows no card.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from alongside.mentorships.models import Mentorship


@dataclass(frozen=True)
class Card:
    kind: str
    id: uuid.UUID
    label: str  # "Goal", "Meeting": what kind of thing this is, for people
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class RefSpec:
    label: str
    # The rows of this kind in a pair, ready to read (select_related as `title` needs).
    rows: Callable[[Mentorship], QuerySet[Any]]
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    detail: Callable[[Any], str] = lambda row: ""
    # The few a person is offered to refer to on the page, newest or soonest first.
    offered: Callable[[Mentorship], QuerySet[Any]] | None = None


_KINDS: dict[str, RefSpec] = {}


def register(kind: str, spec: RefSpec) -> None:
    _KINDS[kind] = spec


def registered() -> dict[str, RefSpec]:
    return dict(_KINDS)


def card_of(kind: str, row: Model) -> Card:
    spec = _KINDS[kind]
    return Card(
        kind=kind,
        id=row.public_id,  # type: ignore[attr-defined]
        label=spec.label,
        title=spec.title(row),
        detail=spec.detail(row),
        url=spec.url(row),
    )


def resolve(mentorship: Mentorship, kind: str, public_id: uuid.UUID) -> Card | None:
    """The card of the thing, if it exists in this pair; None otherwise."""
    spec = _KINDS.get(kind)
    if spec is None:
        return None
    row = spec.rows(mentorship).filter(public_id=public_id).first()
    return None if row is None else card_of(kind, row)


def cards_for(
    mentorship: Mentorship, refs: Iterable[tuple[str, uuid.UUID | None]]
) -> dict[Any, Card]:
    """(kind, id) -> card for the references of a page of messages: one query per kind."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for kind, public_id in refs:
        if kind and public_id:
            wanted.setdefault(kind, set()).add(public_id)
    cards: dict[Any, Card] = {}
    for kind, ids in wanted.items():
        spec = _KINDS.get(kind)
        if spec is None:
            continue
        for row in spec.rows(mentorship).filter(public_id__in=ids):
            cards[(kind, row.public_id)] = card_of(kind, row)
    return cards


def offered_for(mentorship: Mentorship, *, each: int = 10) -> list[tuple[str, list[Card]]]:
    """What the page offers to refer to: (label, cards) per kind."""
    groups = []
    for kind, spec in _KINDS.items():
        found = (spec.offered or spec.rows)(mentorship)[:each]
        cards = [card_of(kind, row) for row in found]
        if cards:
            groups.append((spec.label, cards))
    return groups


@dataclass(frozen=True)
class Action:
    """Something a member can do with a message that writes outside the thread ("make it
    an action item"): a POST to `url_name` with the message's id, registered from above."""

    label: str
    url_name: str


_ACTIONS: list[Action] = []


def register_action(action: Action) -> None:
    if action not in _ACTIONS:
        _ACTIONS.append(action)


def actions() -> list[Action]:
    return list(_ACTIONS)
