"""Reading the pair's timeline.

A timeline row says what happened (kind), when, who did it, and which thing it is about
(ref, the thing's public id). The words and the link come from the thing itself when the
timeline is read, so an edit shows at once, and a thing deleted (or made private) leaves
the timeline at once. The apps that own the things tell the timeline how to show them
with `register`, from their AppConfig.ready(): the pair core never imports them.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse

from alongside.lib.access import pair_members, visible_one
from alongside.lib.pagination import rows_and_count
from alongside.mentorships.models import (
    FILED_UNDER,
    AgreementVersion,
    Celebration,
    Closing,
    Kind,
    Mentorship,
    TimelineItem,
)

REMOVED = "Removed"
# What a timeline row shows of the person who acted: a name and the id the API gives.
ITEM_FIELDS = ("kind", "at", "ref", "mentorship", "actor", "actor__public_id", "actor__name")


@dataclass(frozen=True)
class Renderer:
    """How the timeline shows one kind: the model it refers to and the words for it."""

    model: type[Model]
    # The lookup from the model to its mentorship: a thing of another pair never shows.
    pair: str
    text: Callable[[Any], str]
    url: Callable[[Any], str] = lambda thing: ""
    # The whole text, shown as a quote, for things that live on the timeline alone.
    quote: Callable[[Any], str] | None = None
    # Rows that may be shown (a shared note, never one made private).
    visible: Q = field(default_factory=Q)
    related: Sequence[str] = ()
    # Annotations the text needs, applied to the one query per kind.
    annotate: Callable[[QuerySet[Any]], QuerySet[Any]] = lambda found: found


_RENDERERS: dict[str, Renderer] = {}


def register(kind: Kind, model: type[Model], pair: str, **how: Any) -> None:
    """Show `kind` rows from `model`, found through `pair`; `how` is the rest of a Renderer."""
    _RENDERERS[kind.value] = Renderer(model=model, pair=pair, **how)


def link(name: str, via: str = "") -> Callable[[Any], str]:
    """A link to page `name` of the thing, or of the thing it belongs to (`via`)."""
    return lambda thing: reverse(name, args=[(getattr(thing, via) if via else thing).public_id])


def timeline_for(mentorship: Mentorship, *, kind: str | None = None) -> QuerySet[TimelineItem]:
    """The pair's timeline, newest first; `kind` filters by the kinds the API shows."""
    # Through the pair's own manager: each item comes with `mentorship`, not joined to it.
    items = mentorship.timeline.all()
    if kind:
        items = items.filter(kind__in=[kind, *(k for k, v in FILED_UNDER.items() if v == kind)])
    # No check here that each item's thing still exists: whatever deletes a thing, makes it
    # private or undoes it removes its rows through `events.pair_event_undone`, and
    # `rendered` reads the things anyway (one query per model on the page, not an EXISTS
    # per kind on every row counted and fetched).
    return items.select_related("actor").only(*ITEM_FIELDS).order_by("-at", "-pk")


def timeline_page(person: Any, pair_id: Any, *, kind: str | None, offset: int, limit: int) -> Any:
    """`{items, count}`: the items `offset` to `offset + limit` of the timeline of the pair
    `pair_id`, rendered, for one of its members (anyone else: a 404).

    Two queries: the pair (its id alone, through the person), then the page with its count.
    The pair is not a subquery of the page's: PostgreSQL then planned for a pair of average length,
    sorting all of a long timeline's rows for a page of one kind or far back (1.5-5.6 ms
    for the busy pair's 5,000) where the index gives them in order."""
    mine_only = Mentorship.objects.filter(pair_members(person)).only("public_id")
    pair = visible_one(person, mine_only, pair_id, what="mentorship")
    items, count = rows_and_count(timeline_for(pair, kind=kind), offset, limit)
    return {"items": rendered(items), "count": count}


def rendered(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    """Give each item its current `summary`, `url` and `full_text`: one query per model
    on the page, however many items it has."""
    items = list(items)
    groups: dict[type[Model], list[TimelineItem]] = defaultdict(list)
    for item in items:
        r = _RENDERERS.get(item.kind)
        item.summary, item.url, item.full_text, item.edited = REMOVED, "", "", False
        if r is not None and item.ref is not None:
            groups[r.model].append(item)
    for model, group in groups.items():
        first = _RENDERERS[group[0].kind]
        related = {name for item in group for name in _RENDERERS[item.kind].related}
        # A thing of the pair itself is given the pair the items came with (its public
        # id is all its links need) rather than joined to it again.
        pair = group[0].mentorship if first.pair == "mentorship" else None
        if pair is not None:
            related.discard("mentorship")
        found: QuerySet[Any] = model._default_manager.filter(
            first.visible,
            public_id__in={item.ref for item in group},
            **{first.pair: group[0].mentorship_id},
        ).order_by()
        # Only the relations named: select_related() with none follows every foreign key
        # (a goal or a meeting came with its pair, program, mentor and mentee, the
        # people's JSON lists decoded: half the timeline page's time).
        if related:
            found = found.select_related(*sorted(related))
        found = first.annotate(found)
        things = {thing.public_id: thing for thing in found}
        for item in group:
            thing = things.get(item.ref)
            if thing is None:
                continue
            if pair is not None:
                thing.mentorship = pair
            r = _RENDERERS[item.kind]
            item.summary = r.text(thing)[:300]
            item.url = r.url(thing)
            item.full_text = r.quote(thing) if r.quote else ""
            item.edited = getattr(thing, "edited_at", None) is not None
    return items


# Events off the timeline that point at a thing shown by another kind.
_SHOWN_AS = {Kind.CHECKIN_REPLY: Kind.CHECKIN, Kind.ACTION_ASSIGNED: Kind.ACTION}


def url_of(kind: Kind, thing: Model) -> str:
    """The link the timeline gives `thing` (empty when its kind has none)."""
    r = _RENDERERS.get(_SHOWN_AS.get(kind, kind).value)
    return r.url(thing) if r is not None and isinstance(thing, r.model) else ""


def pair_url(name: str) -> Callable[[Any], str]:
    """A link to one of the pair's pages, for a thing with a `mentorship`."""
    return link(name, via="mentorship")


register(
    Kind.AGREEMENT,
    AgreementVersion,
    "mentorship",
    text=lambda v: f"Agreement version {v.number}: {v.reason}",
    url=pair_url("mentorship_agreement"),
    related=["mentorship"],
)
register(Kind.CELEBRATION, Celebration, "mentorship", text=lambda c: c.title)


def _closing_name(person: Any) -> str:
    return person.name if person is not None else "Someone"


def _completed(c: Closing) -> str:
    return (
        f"Mentorship completed: proposed by {_closing_name(c.proposed_by)}, "
        f"confirmed by {_closing_name(c.confirmed_by)}"
    )


def _completed_quote(c: Closing) -> str:
    words = [f"{_closing_name(c.proposed_by)}: {c.reflection}"]
    if c.confirm_reflection:
        words.append(f"{_closing_name(c.confirmed_by)}: {c.confirm_reflection}")
    return "\n\n".join(words)


_closing_how: dict[str, Any] = {
    "url": link("mentorship", via="mentorship"),
    "related": ["mentorship", "proposed_by", "confirmed_by", "reopened_by"],
}
register(
    Kind.COMPLETED, Closing, "mentorship", text=_completed, quote=_completed_quote, **_closing_how
)
register(
    Kind.ENDED,
    Closing,
    "mentorship",
    text=lambda c: f"{_closing_name(c.proposed_by)} ended the mentorship early",
    quote=lambda c: c.reflection,
    **_closing_how,
)
register(
    Kind.REOPENED,
    Closing,
    "mentorship",
    text=lambda c: f"{_closing_name(c.reopened_by)} reopened the mentorship",
    **_closing_how,
)
