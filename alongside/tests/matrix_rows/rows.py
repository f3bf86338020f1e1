"""What a persona may get, the row that says it, and the shapes rows share."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.utils import timezone as tz

if TYPE_CHECKING:
    from alongside.tests.test_authorization_matrix import World

# --- What a persona may get ------------------------------------------------------------

OK = "2xx"  # API: 2xx. Page: 2xx, or a redirect (not to sign-in) without an error message.
UNAUTH = "401"  # API only: not signed in.
HIDDEN = "404"  # not visible to you: its existence does not leak.
FORBIDDEN = "403"  # API only: visible, but not yours to do.
SIGNIN = "sign-in"  # page only: a redirect to /signin/?next=...
REFUSED = "refused"  # page only: 403, or back to the page with an error message.
THROTTLED = "429"  # too many tries: refused whoever asks, the right password included.
CONFLICT = "409"  # visible, but a rule (of the program, of the state) refuses it

JSON = "application/json"
PERSONAS = ("anon", "outsider", "admin", "other", "owner")


@dataclass(frozen=True)
class Row:
    """The expected answer per persona. `owner` is the member the call is for (the
    mentee unless `owner_is` says otherwise); `other` is the other member of the pair."""

    anon: str
    outsider: str
    other: str
    admin: str
    owner: str
    owner_is: str = "mentee"
    # The pair's state: requested (by the mentee), proposed, active, completion_proposed
    # (active, the mentor proposed completing), ended (by the mentor).
    state: str = "active"
    ids: dict[str, str] = field(default_factory=dict)  # path parameter -> world id, if not its own
    body: dict[str, Any] | Callable[["World"], dict[str, Any]] | None = None
    csv: str | None = None  # a text/csv body instead of JSON (the participants import)

    def but(self, **changes: Any) -> "Row":
        return replace(self, **changes)

    def on_page(self) -> "Row":
        """The same row for the page: not signed in is a redirect to sign-in, not a 401;
        visible but not yours is refused, not a 403."""
        page = {UNAUTH: SIGNIN, FORBIDDEN: REFUSED}
        return self.but(**{p: page.get(getattr(self, p), getattr(self, p)) for p in PERSONAS})


# API rows
PUBLIC = Row(OK, OK, OK, OK, OK)
# The world's program (invite-only, admins match): the admin runs it, the mentee and the
# mentor are enrolled in it in their roles, the outsider was never invited.
PROGRAM_ADMIN_ONLY = Row(UNAUTH, HIDDEN, FORBIDDEN, OK, FORBIDDEN)
SIGNED_IN = Row(UNAUTH, OK, OK, OK, OK)
PAIR = Row(UNAUTH, HIDDEN, OK, HIDDEN, OK)
MENTEE_ONLY = Row(UNAUTH, HIDDEN, FORBIDDEN, HIDDEN, OK)
MENTOR_ONLY = MENTEE_ONLY.but(owner_is="mentor")
AUTHOR_ONLY = Row(UNAUTH, HIDDEN, HIDDEN, HIDDEN, OK)
# What one member wrote for the pair: the other reads it but may not change it (403).
WRITER = Row(UNAUTH, HIDDEN, FORBIDDEN, HIDDEN, OK)
MENTOR_WROTE = WRITER.but(owner_is="mentor")

# Page rows
P_PUBLIC = PUBLIC
P_SIGNED_IN = SIGNED_IN.on_page()
P_PAIR = PAIR.on_page()
P_MENTEE_ONLY = MENTEE_ONLY.on_page()
P_MENTOR_ONLY = MENTOR_ONLY.on_page()
P_AUTHOR_ONLY = AUTHOR_ONLY.on_page()
P_WRITER = WRITER.on_page()
P_MENTOR_WROTE = MENTOR_WROTE.on_page()


def _in_days(days: int) -> str:
    return (tz.localdate() + dt.timedelta(days=days)).isoformat()


def _terms(**extra: Any) -> dict[str, Any]:
    return {
        "mentee_hopes": "Speak up in reviews",
        "mentor_offers": "Rehearsals and honest feedback",
        "meeting_every_days": 7,
        "channel": "video",
        "meeting_minutes": 30,
        "ends_on": _in_days(120),
        "confidentiality": True,
        "reason": "Meet every week",
        **extra,
    }


NEW_PASSWORD = "a-brand-new-passphrase-93"
# Reads of a meeting look at the one held, with a private note and blind feedback in it.
HELD = {"meeting_id": "held_meeting_id"}
# Feedback is given on a meeting that has started and that neither has answered yet.
ANSWERABLE = {"meeting_id": "answerable_meeting_id"}
# The program's admins act on a pair of the program they run.
COHORT_PAIR = {"mentorship_id": "cohort_pair_id"}
EXPORT = {"kind": "export_kind"}
# Program console pages: 404 to those who may not see the program, refused to its members.
P_PROGRAM_ADMIN_ONLY = PROGRAM_ADMIN_ONLY.on_page()


def _edit_pages(kinds: dict[str, tuple[Row, str, Any]]) -> dict[str, Row]:
    """The edit page (GET shows the form, POST saves) and the delete page (GET asks, POST
    deletes) of each kind a person may correct: the same row for all four."""
    rows = {}
    for base, (row, thing, body) in kinds.items():
        at = row.but(ids={"thing_id": thing})
        rows[f"GET {base}/edit/"] = at
        rows[f"POST {base}/edit/"] = at.but(body=body)
        rows[f"GET {base}/delete/"] = at
        rows[f"POST {base}/delete/"] = at
    return rows


def _edit_api(kinds: dict[str, tuple[Row, dict[str, Any]]]) -> dict[str, Row]:
    """PATCH (with the body) and DELETE of each kind a person may correct: the same row."""
    rows = {}
    for path, (row, body) in kinds.items():
        rows[f"PATCH {path}"] = row.but(body=body)
        rows[f"DELETE {path}"] = row
    return rows
