"""How the pair's timeline shows check-ins, thank-you notes, resources and shared
journal entries."""

from alongside.growth.models import Appreciation, CheckIn, Resource, SharedEntry
from alongside.mentorships.models import Kind
from alongside.mentorships.timeline import pair_url, register

register(
    Kind.CHECKIN,
    CheckIn,
    "mentorship",
    text=lambda c: "Check-in" + (f": {c.wins[:180]}" if c.wins else ""),
    url=pair_url("growth"),
    related=["mentorship"],
)
# A thank-you note and a shared journal entry live on the timeline alone: whole texts.
register(
    Kind.APPRECIATION,
    Appreciation,
    "mentorship",
    text=lambda a: f"Thank you: {a.message[:200]}",
    url=pair_url("timeline"),
    quote=lambda a: a.message,
    related=["mentorship"],
)
register(
    Kind.RESOURCE,
    Resource,
    "mentorship",
    text=lambda r: f"Shared: {r.title}",
    url=pair_url("resources"),
    related=["mentorship"],
)
register(
    Kind.JOURNAL,
    SharedEntry,
    "mentorship",
    text=lambda e: f"From {e.author.get_short_name()}'s journal: {e.body[:180]}",
    url=pair_url("timeline"),
    quote=lambda e: e.body,
    related=["mentorship", "author"],
)
