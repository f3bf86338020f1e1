"""Who may call what: every API operation and every page, as each persona.

The tables below are "Who sees what" (DESIGN.md) written out: one row for each operation
of the OpenAPI document and for each page of the URL conf, with the answer each persona
gets. An operation or a page without a row fails by name, so that adding an endpoint
means deciding who may call it.

Each test builds its own world (a pair with an agreement, a goal with milestones and a
suggestion, a meeting with agenda, notes and action items, a check-in, a resource, a
journal entry) and makes every persona's call in a savepoint that is rolled back: the
mentor ending the mentorship must not turn the mentee's call into a 409.
"""

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone as tz
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alongside.tests.apispec import OPERATIONS, required_body
from conftest import PASSWORD, Api, make_person, page_client

# --- What a persona may get ------------------------------------------------------------

OK = "2xx"  # API: 2xx. Page: 2xx, or a redirect (not to sign-in) without an error message.
UNAUTH = "401"  # API only: not signed in.
HIDDEN = "404"  # not visible to you: its existence does not leak.
FORBIDDEN = "403"  # API only: visible, but not yours to do.
SIGNIN = "sign-in"  # page only: a redirect to /signin/?next=...
REFUSED = "refused"  # page only: 403, or back to the page with an error message.

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
    state: str = "active"  # the pair's state: requested (by the mentee), proposed, active
    ids: dict[str, str] = field(default_factory=dict)  # path parameter -> world id, if not its own
    body: dict[str, Any] | Callable[["World"], dict[str, Any]] | None = None

    def but(self, **changes: Any) -> "Row":
        return replace(self, **changes)


# API rows
PUBLIC = Row(OK, OK, OK, OK, OK)
SIGNED_IN = Row(UNAUTH, OK, OK, OK, OK)
PAIR = Row(UNAUTH, HIDDEN, OK, HIDDEN, OK)
MENTEE_ONLY = Row(UNAUTH, HIDDEN, FORBIDDEN, HIDDEN, OK)
MENTOR_ONLY = MENTEE_ONLY.but(owner_is="mentor")
AUTHOR_ONLY = Row(UNAUTH, HIDDEN, HIDDEN, HIDDEN, OK)

# Page rows
P_PUBLIC = PUBLIC
P_SIGNED_IN = Row(SIGNIN, OK, OK, OK, OK)
P_PAIR = Row(SIGNIN, HIDDEN, OK, HIDDEN, OK)
P_MENTEE_ONLY = Row(SIGNIN, HIDDEN, REFUSED, HIDDEN, OK)
P_MENTOR_ONLY = P_MENTEE_ONLY.but(owner_is="mentor")
P_AUTHOR_ONLY = Row(SIGNIN, HIDDEN, HIDDEN, HIDDEN, OK)


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

API: dict[str, Row] = {
    "POST /auth/signup": PUBLIC.but(
        body={"email": "nia@example.org", "password": NEW_PASSWORD, "name": "Nia Newcomer"}
    ),
    "POST /auth/token": PUBLIC.but(body={"email": "ada@example.org", "password": PASSWORD}),
    "GET /auth/tokens": SIGNED_IN,
    "DELETE /auth/tokens/{token_id}": AUTHOR_ONLY,  # the mentee's own token
    "GET /me": SIGNED_IN,
    "PATCH /me": SIGNED_IN.but(body={"headline": "Learning in public"}),
    "GET /people": SIGNED_IN,
    "GET /people/{person_id}": SIGNED_IN,
    "POST /mentorships": SIGNED_IN.but(body=lambda w: {"mentor_id": w.ids["candidate_id"]}),
    "GET /mentorships": SIGNED_IN,
    "GET /mentorships/{mentorship_id}": PAIR,
    # The mentee asked: the mentor answers, the mentee may only withdraw.
    "POST /mentorships/{mentorship_id}/accept": MENTOR_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/decline": MENTOR_ONLY.but(
        state="requested", body={"reason": "Full this season"}
    ),
    "POST /mentorships/{mentorship_id}/withdraw": MENTEE_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/confirm": PAIR.but(state="proposed"),
    "POST /mentorships/{mentorship_id}/end": PAIR.but(body={"reason": "Moving abroad"}),
    "POST /mentorships/{mentorship_id}/complete": PAIR,
    "GET /mentorships/{mentorship_id}/agreement": PAIR,
    "PUT /mentorships/{mentorship_id}/agreement": PAIR.but(body=_terms()),
    "POST /mentorships/{mentorship_id}/agreement/acknowledge": PAIR,
    "POST /mentorships/{mentorship_id}/goals": PAIR.but(
        body={"title": "Lead a review", "objective": "Chair one", "measure": "It happened"}
    ),
    "GET /mentorships/{mentorship_id}/goals": PAIR,
    "GET /goals/{goal_id}": PAIR,
    "PATCH /goals/{goal_id}": PAIR.but(body={"title": "Give my first talk, at PyCon"}),
    "GET /goals/{goal_id}/revisions": PAIR,
    "POST /goals/{goal_id}/comments": PAIR.but(body={"body": "Proud of this one"}),
    "GET /goals/{goal_id}/comments": PAIR,
    "POST /goals/{goal_id}/milestones": PAIR.but(body={"title": "Book the room"}),
    "POST /goals/{goal_id}/milestones/order": PAIR.but(
        body=lambda w: {"ids": [w.ids["milestone_id"], w.ids["done_milestone_id"]]}
    ),
    "POST /milestones/{milestone_id}/complete": PAIR,
    "POST /milestones/{milestone_id}/reopen": PAIR.but(ids={"milestone_id": "done_milestone_id"}),
    "DELETE /milestones/{milestone_id}": PAIR,
    "POST /goals/{goal_id}/suggestions": MENTOR_ONLY.but(
        body={"note": "Name the meetup", "objective": "Talk at the Berlin Python meetup"}
    ),
    "GET /goals/{goal_id}/suggestions": PAIR,
    "POST /suggestions/{suggestion_id}/accept": MENTEE_ONLY,
    "POST /suggestions/{suggestion_id}/decline": MENTEE_ONLY,
    "POST /mentorships/{mentorship_id}/meetings": PAIR.but(
        body=lambda w: {"starts_at": w.starts_at}
    ),
    "GET /mentorships/{mentorship_id}/meetings": PAIR,
    "GET /meetings/{meeting_id}": PAIR.but(ids=HELD),
    "PATCH /meetings/{meeting_id}": PAIR.but(body={"title": "Talk rehearsal"}),
    "POST /meetings/{meeting_id}/cancel": PAIR.but(body={"note": "Ill today"}),
    "GET /meetings/{meeting_id}/ics": PAIR.but(ids=HELD),
    "POST /meetings/{meeting_id}/agenda": PAIR.but(body={"text": "Slides"}),
    "POST /agenda/{agenda_item_id}/cover": PAIR,
    "POST /meetings/{meeting_id}/notes": PAIR.but(body={"body": "Good", "visibility": "shared"}),
    "GET /meetings/{meeting_id}/notes": PAIR.but(ids=HELD),
    "POST /meetings/{meeting_id}/action-items": PAIR.but(
        body=lambda w: {"text": "Send slides", "owner_id": w.ids["mentee_id"]}
    ),
    "POST /action-items/{item_id}/complete": PAIR,
    "POST /meetings/{meeting_id}/feedback": PAIR.but(body={"rating": 4}),
    "GET /prompts": SIGNED_IN,
    "GET /me/action-items": SIGNED_IN,
    "GET /me/calendar": SIGNED_IN,
    "POST /me/calendar/reset": SIGNED_IN,
    "POST /mentorships/{mentorship_id}/checkins": MENTEE_ONLY.but(
        body={"feeling": 4, "wins": "Spoke twice", "ratings": [{"skill": "Python", "level": 3}]}
    ),
    "GET /mentorships/{mentorship_id}/checkins": PAIR,
    "GET /mentorships/{mentorship_id}/growth": PAIR,
    "POST /mentorships/{mentorship_id}/appreciations": PAIR.but(body={"message": "Thank you"}),
    "GET /mentorships/{mentorship_id}/appreciations": PAIR,
    "POST /mentorships/{mentorship_id}/resources": PAIR.but(
        body={"title": "On pauses", "url": "https://example.org/pauses"}
    ),
    "GET /mentorships/{mentorship_id}/resources": PAIR,
    "POST /mentorships/{mentorship_id}/celebrations": PAIR.but(body={"title": "First talk!"}),
    "GET /mentorships/{mentorship_id}/celebrations": PAIR,
    "GET /mentorships/{mentorship_id}/timeline": PAIR,
    "POST /checkins/{checkin_id}/reply": MENTOR_ONLY.but(body={"reply": "Well done"}),
    "POST /resources/{resource_id}/responses": PAIR.but(body={"reaction": "helpful"}),
    "GET /journal": SIGNED_IN,  # each their own journal
    # Tied to the pair, an entry is only for its members to write (without the tie: anyone).
    "POST /journal": PAIR.but(
        body=lambda w: {"body": "Nervous", "mentorship_id": w.ids["mentorship_id"]}
    ),
    "GET /journal/{entry_id}": AUTHOR_ONLY,
    "POST /journal/{entry_id}/share": AUTHOR_ONLY,
    "GET /notifications": SIGNED_IN,  # each their own
    "POST /notifications/{notification_id}/read": AUTHOR_ONLY,
    "GET /me/notification-settings": SIGNED_IN,
    "PATCH /me/notification-settings": SIGNED_IN.but(body={"weekly_digest": True}),
    "POST /mentorships/{mentorship_id}/unreachable": PAIR,
}

PAGES: dict[str, Row] = {
    "GET /": P_PUBLIC,
    "GET /signup/": P_PUBLIC,
    "POST /signup/": P_PUBLIC.but(
        body={"name": "Nia Newcomer", "email": "nia@example.org", "password": NEW_PASSWORD}
    ),
    "GET /signin/": P_PUBLIC,
    "POST /signin/": P_PUBLIC.but(body={"email": "ada@example.org", "password": PASSWORD}),
    "POST /signout/": P_PUBLIC,
    "GET /profile/": P_SIGNED_IN,
    "POST /profile/": P_SIGNED_IN.but(
        body={
            "name": "Renamed Person",
            "timezone": "Europe/Lisbon",
            "mentor_capacity": "1",
            "channel": "video",
            "meeting_every_days": "14",
            "meeting_minutes": "45",
        }
    ),
    "GET /people/": P_SIGNED_IN,
    "GET /people/{person_id}/": P_SIGNED_IN,
    "GET /password/change/": P_SIGNED_IN,
    "POST /password/change/": P_SIGNED_IN.but(
        body={
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
    ),
    "GET /password/change/done/": P_SIGNED_IN,
    "GET /password/reset/": P_PUBLIC,
    "POST /password/reset/": P_PUBLIC.but(body={"email": "ada@example.org"}),
    "GET /password/reset/sent/": P_PUBLIC,
    # The link in the email is the key, whoever follows it.
    "GET /password/reset/{uidb64}/{token}/": P_PUBLIC.but(ids={"token": "reset_token"}),
    "GET /password/reset/complete/": P_PUBLIC,
    "GET /people/{person_id}/request/": P_SIGNED_IN.but(ids={"person_id": "candidate_id"}),
    "POST /people/{person_id}/request/": P_SIGNED_IN.but(
        ids={"person_id": "candidate_id"}, body={"message": "Would you mentor me?"}
    ),
    "GET /mentorships/{mentorship_id}/": P_PAIR,
    "GET /mentorships/{mentorship_id}/agreement/": P_PAIR,
    "POST /mentorships/{mentorship_id}/agreement/": P_PAIR.but(body=_terms()),
    "POST /mentorships/{mentorship_id}/agreement/acknowledge/": P_PAIR,
    "POST /mentorships/{mentorship_id}/accept/": P_MENTOR_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/decline/": P_MENTOR_ONLY.but(
        state="requested", body={"reason": "Full this season"}
    ),
    "POST /mentorships/{mentorship_id}/withdraw/": P_MENTEE_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/confirm/": P_PAIR.but(state="proposed"),
    "POST /mentorships/{mentorship_id}/end/": P_PAIR.but(body={"reason": "Moving abroad"}),
    "POST /mentorships/{mentorship_id}/complete/": P_PAIR,
    "GET /mentorships/{mentorship_id}/goals/new/": P_PAIR,
    "POST /mentorships/{mentorship_id}/goals/new/": P_PAIR.but(
        body={"title": "Lead a review", "objective": "Chair one", "measure": "It happened"}
    ),
    "GET /goals/{goal_id}/": P_PAIR,
    "POST /goals/{goal_id}/edit/": P_PAIR.but(
        body={"title": "Give my first talk, at PyCon", "objective": "Talk", "measure": "Given"}
    ),
    "POST /goals/{goal_id}/status/": P_PAIR.but(body={"status": "achieved"}),
    "POST /goals/{goal_id}/milestones/": P_PAIR.but(body={"title": "Book the room"}),
    "POST /goals/{goal_id}/comments/": P_PAIR.but(body={"body": "Proud of this one"}),
    "POST /goals/{goal_id}/suggest/": P_MENTOR_ONLY.but(
        body={"note": "Name the meetup", "objective": "Talk at the Berlin Python meetup"}
    ),
    "POST /milestones/{milestone_id}/complete/": P_PAIR,
    "POST /milestones/{milestone_id}/reopen/": P_PAIR.but(
        ids={"milestone_id": "done_milestone_id"}
    ),
    "POST /milestones/{milestone_id}/delete/": P_PAIR,
    "POST /milestones/{milestone_id}/up/": P_PAIR,
    "POST /milestones/{milestone_id}/down/": P_PAIR,
    "POST /suggestions/{suggestion_id}/accept/": P_MENTEE_ONLY,
    "POST /suggestions/{suggestion_id}/decline/": P_MENTEE_ONLY,
    "GET /mentorships/{mentorship_id}/meetings/new/": P_PAIR,
    "POST /mentorships/{mentorship_id}/meetings/new/": P_PAIR.but(
        body=lambda w: {"starts_at": w.local_start, "minutes": "45"}
    ),
    "GET /meetings/{meeting_id}/": P_PAIR.but(ids=HELD),
    "GET /meetings/{meeting_id}/meeting.ics": P_PAIR.but(ids=HELD),
    "POST /meetings/{meeting_id}/edit/": P_PAIR.but(
        body=lambda w: {"starts_at": w.local_start, "minutes": "30", "title": "Rehearsal"}
    ),
    "POST /meetings/{meeting_id}/cancel/": P_PAIR.but(body={"note": "Ill today"}),
    "POST /meetings/{meeting_id}/agenda/": P_PAIR.but(body={"text": "Slides"}),
    "POST /meetings/{meeting_id}/notes/": P_PAIR.but(
        body={"body": "Good", "kind": "note", "visibility": "shared"}
    ),
    "POST /meetings/{meeting_id}/action-items/": P_PAIR.but(
        body=lambda w: {"text": "Send slides", "owner": w.ids["mentee_id"]}
    ),
    "POST /meetings/{meeting_id}/feedback/": P_PAIR.but(body={"rating": "4"}),
    "POST /agenda/{item_id}/cover/": P_PAIR.but(ids={"item_id": "agenda_item_id"}),
    "POST /action-items/{item_id}/complete/": P_PAIR,
    "GET /calendar/": P_SIGNED_IN,
    "POST /calendar/": P_SIGNED_IN,
    # The secret feed address is the key: no sign-in (calendar apps have none).
    "GET /calendar/{person_id}/{token}.ics": P_PUBLIC.but(
        ids={"person_id": "mentee_id", "token": "feed_token"}
    ),
    "GET /mentorships/{mentorship_id}/growth/": P_PAIR,
    "POST /mentorships/{mentorship_id}/checkins/": P_MENTEE_ONLY.but(
        body={"feeling": "4", "wins": "Spoke twice"}
    ),
    "POST /checkins/{checkin_id}/reply/": P_MENTOR_ONLY.but(body={"reply": "Well done"}),
    "GET /mentorships/{mentorship_id}/timeline/": P_PAIR,
    "POST /mentorships/{mentorship_id}/thanks/": P_PAIR.but(body={"message": "Thank you"}),
    "POST /mentorships/{mentorship_id}/celebrate/": P_PAIR.but(body={"title": "First talk!"}),
    "GET /mentorships/{mentorship_id}/resources/": P_PAIR,
    "POST /mentorships/{mentorship_id}/resources/share/": P_PAIR.but(body={"title": "On pauses"}),
    "POST /resources/{resource_id}/respond/": P_PAIR.but(body={"reaction": "helpful"}),
    "GET /journal/": P_SIGNED_IN,
    "POST /journal/": P_SIGNED_IN.but(body={"body": "Nervous about the talk"}),
    "POST /journal/{entry_id}/share/": P_AUTHOR_ONLY,
    "GET /mentorships/{mentorship_id}/report/": P_PAIR,
    "GET /mentorships/{mentorship_id}/report.pdf": P_PAIR,
    "GET /notifications/": P_SIGNED_IN,
    "POST /notifications/read-all/": P_SIGNED_IN,
    "GET /notifications/settings/": P_SIGNED_IN,
    "POST /notifications/settings/": P_SIGNED_IN.but(body={"weekly_digest": "on"}),
    "POST /notifications/{notification_id}/open/": P_AUTHOR_ONLY,
    # The signed link in an email is the key (one-click unsubscribe, RFC 8058).
    "GET /unsubscribe/{token}/": P_PUBLIC.but(ids={"token": "unsubscribe_token"}),
    "POST /unsubscribe/{token}/": P_PUBLIC.but(ids={"token": "unsubscribe_token"}),
    "POST /mentorships/{mentorship_id}/unreachable/": P_PAIR,
}


# --- What exists ------------------------------------------------------------------------

SKIPPED_PREFIXES = ("admin/", "api/", "static/", "media/")


def _regex_routes(regex: str) -> list[str]:
    """Paths of a simple regex pattern, one per alternative of `(?P<action>a|b)`."""
    choice = re.search(r"\(\?P<\w+>([\w.-]+(?:\|[\w.-]+)+)\)", regex)
    if choice:
        start, end = choice.span()
        return [
            path
            for option in choice.group(1).split("|")
            for path in _regex_routes(regex[:start] + option + regex[end:])
        ]
    return [re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", regex).replace("\\", "")]


def _routes(pattern: Any) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return [re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern))]
    return _regex_routes(str(pattern).removeprefix("^").removesuffix("$"))


def page_paths() -> list[str]:
    """Every page of the URL conf, as "/goals/{goal_id}/", with each fixed action apart."""
    found: list[str] = []

    def walk(patterns: list[Any], prefixes: list[str]) -> None:
        for entry in patterns:
            routes = [p + r for p in prefixes for r in _routes(entry.pattern)]
            if isinstance(entry, URLResolver):
                kept = [r for r in routes if not r.startswith(SKIPPED_PREFIXES)]
                if kept:
                    walk(entry.url_patterns, kept)
            else:
                found.extend("/" + r for r in routes)

    walk(get_resolver().url_patterns, [""])
    return sorted(set(found))


API_KEYS = [str(op) for op in OPERATIONS]
OPERATION_BY_KEY = {str(op): op for op in OPERATIONS}
PAGE_PATHS = page_paths()


def page_cases() -> list[str]:
    """One case per row of each page; a page without a row is a case that fails by name."""
    out = []
    for path in PAGE_PATHS:
        keys = [k for k in PAGES if k.split(" ", 1)[1] == path]
        out.extend(keys or [f"NO-ROW {path}"])
    return out


def test_every_operation_and_every_page_has_a_row_and_every_row_exists():
    no_row = [k for k in API_KEYS if k not in API] + [
        p for p in PAGE_PATHS if not any(k.split(" ", 1)[1] == p for k in PAGES)
    ]
    assert not no_row, f"Decide who may call these and add rows for them: {no_row}"
    stale = [k for k in API if k not in OPERATION_BY_KEY] + [
        k for k in PAGES if k.split(" ", 1)[1] not in PAGE_PATHS
    ]
    assert not stale, f"These rows name nothing that exists any more: {stale}"


def test_the_sweep_is_as_wide_as_the_site():
    assert len(API_KEYS) >= 69
    assert len(PAGE_PATHS) >= 60
    assert "/milestones/{milestone_id}/delete/" in PAGE_PATHS  # regex alternatives expanded
    assert not any(p.startswith(("/admin/", "/api/")) for p in PAGE_PATHS)


# --- The world --------------------------------------------------------------------------


@dataclass
class World:
    people: dict[str, Any]
    ids: dict[str, str]
    local_start: str  # a start for a meeting form, in the server's time zone
    starts_at: str  # the same start for the API, with its offset
    key: str = ""  # the row this world was built for
    # Text only one member may ever read, and who that is.
    secrets: dict[str, str] = field(default_factory=dict)


JOURNAL_SECRET = "journal-entry-nobody-else-reads-4d1"
NOTE_SECRET = "private-meeting-note-of-the-mentee-9b7"
FEEDBACK_SECRET = "blind-feedback-of-the-mentor-c52"


def build_world(state: str, mentee: Any, mentor: Any, admin: Any, outsider: Any) -> World:
    """A pair in `state` and, when active, something of every kind in it."""
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import calendar
    from alongside.meetings import services as meetings
    from alongside.mentorships import agreements
    from alongside.mentorships import services as mentorships
    from alongside.notifications import services as notifications
    from alongside.people.services import token_create
    from alongside.programs.selectors import community_program

    candidate = make_person(
        "lin@example.org", "Lin Candidate", open_to_mentor=True, mentor_capacity=3
    )
    program = community_program()
    if state == "proposed":
        m = mentorships.mentorship_propose(
            program=program, mentor=mentor, mentee=mentee, proposer=admin
        )
    else:
        m = mentorships.mentorship_request(
            requester=mentee, mentor=mentor, program=program, message="Help me grow"
        )
    feed = calendar.feed_url(mentee).rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")
    token, _ = token_create(person=mentee, name="spare")
    notification = notifications.notify(
        person=mentee, kind="appreciation", key="matrix", title="A thank-you", url="/journal/"
    )
    assert notification is not None
    ids = {
        "person_id": str(mentor.public_id),
        "mentee_id": str(mentee.public_id),
        "candidate_id": str(candidate.public_id),
        "mentorship_id": str(m.public_id),
        "token_id": str(token.public_id),
        "feed_token": feed,
        "uidb64": urlsafe_base64_encode(force_bytes(mentee.pk)),
        "reset_token": default_token_generator.make_token(mentee),
        "notification_id": str(notification.public_id),
        "unsubscribe_token": notifications.unsubscribe_token(mentee, "appreciation"),
    }
    start = tz.localtime() + dt.timedelta(days=3)
    world = World(
        people={"mentee": mentee, "mentor": mentor, "admin": admin, "outsider": outsider},
        ids=ids,
        local_start=start.strftime("%Y-%m-%dT%H:%M"),
        starts_at=start.replace(second=0, microsecond=0).isoformat(),
    )
    if state != "active":
        return world
    m = mentorships.mentorship_accept(mentorship=m, actor=mentor)

    terms = _terms(meeting_every_days=14, reason="")
    terms["ends_on"] = dt.date.fromisoformat(terms["ends_on"])
    agreements.agreement_save(mentorship=m, author=mentee, **terms)
    goal = goals.goal_create(
        mentorship=m, author=mentee, title="Give my first talk", objective="Talk", measure="Given"
    )
    done = goals.milestone_add(goal=goal, author=mentee, title="Pick a topic")
    goals.milestone_complete(milestone=done, actor=mentee)
    milestone = goals.milestone_add(goal=goal, author=mentee, title="Write the outline")
    suggestion = goals.suggestion_create(
        goal=goal, author=mentor, note="Give it a date", title="My first talk, in May"
    )
    (meeting,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    agenda = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    meetings.note_add(meeting=meeting, author=mentor, body="Shared", visibility="shared")
    action = meetings.action_item_add(meeting=meeting, author=mentor, text="Do", owner=mentee)
    checkin = growth.checkin_create(mentorship=m, author=mentee, wins="Spoke up", feeling=3)
    resource = growth.resource_share(mentorship=m, author=mentor, title="Pacing", url="", note="")
    entry = growth.journal_write(author=mentee, body=JOURNAL_SECRET, mentorship=m)
    # A meeting held three days ago: the mentee's private note, the mentor's feedback,
    # blind to the mentee until they answer too.
    (held,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() - dt.timedelta(days=3)
    )
    meetings.note_add(meeting=held, author=mentee, body=NOTE_SECRET, visibility="private")
    meetings.feedback_give(meeting=held, author=mentor, rating=2, went_well=FEEDBACK_SECRET)
    world.secrets = {JOURNAL_SECRET: "mentee", NOTE_SECRET: "mentee", FEEDBACK_SECRET: "mentor"}
    ids.update(
        goal_id=str(goal.public_id),
        milestone_id=str(milestone.public_id),
        done_milestone_id=str(done.public_id),
        suggestion_id=str(suggestion.public_id),
        meeting_id=str(meeting.public_id),
        held_meeting_id=str(held.public_id),
        agenda_item_id=str(agenda.public_id),
        item_id=str(action.public_id),
        checkin_id=str(checkin.public_id),
        resource_id=str(resource.public_id),
        entry_id=str(entry.public_id),
    )
    return world


def _row_for(key: str) -> Row | None:
    return API.get(key) or PAGES.get(key)


@pytest.fixture
def world(request, mentee, mentor, program_admin, outsider) -> World:
    """A fresh world for one row; its state (requested, proposed, active) is the row's."""
    row = _row_for(request.param)
    state = row.state if row else "active"
    built = build_world(state, mentee, mentor, program_admin, outsider)
    built.key = request.param
    return built


def _caller(world: World, row: Row, persona: str) -> Any:
    """The person behind a persona of this row (None: not signed in)."""
    if persona == "anon":
        return None
    if persona == "owner":
        return world.people[row.owner_is]
    if persona == "other":
        return world.people["mentor" if row.owner_is == "mentee" else "mentee"]
    return world.people[persona]


def _fill(template: str, world: World, row: Row) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return world.ids.get(row.ids.get(name, name), "00000000-0000-4000-8000-000000000000")

    return re.sub(r"\{([^}]+)\}", one, template)


def _body(row: Row, world: World) -> dict[str, Any] | None:
    return row.body(world) if callable(row.body) else row.body


def _rolled_back(call: Callable[[], Any]) -> Any:
    """Make the call, then undo whatever it changed: the next persona sees the same world."""
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


def _error_messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= message_levels.ERROR]


def _matches(expected: str, response: Any, *, page: bool) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if expected == SIGNIN:
        return status == 302 and location.startswith("/signin/?next=")
    if expected == REFUSED:
        return status == 403 or (status == 302 and bool(_error_messages(response)))
    if expected == OK and page:
        if 300 <= status < 400:
            return not location.startswith("/signin/") and not _error_messages(response)
        return 200 <= status < 300
    if expected == OK:
        return 200 <= status < 300
    if not page and not response.get("Content-Type", "").startswith(JSON):
        return False  # an API error is JSON in the house format
    return status == int(expected)


def _said(response: Any) -> str:
    said = f"{response.status_code}"
    if response.get("Location"):
        said += f" -> {response['Location']}"
    errors = _error_messages(response)
    if errors:
        said += f" {errors}"
    elif response.get("Content-Type", "").startswith(JSON):
        said += f" {response.content[:200]!r}"
    return said


def _leaks(world: World, who: Any, response: Any) -> list[str]:
    """Text only someone else may read, found in the answer to `who`."""
    if getattr(response, "streaming", False):
        return []
    return [
        text
        for text, author in world.secrets.items()
        if (who is None or who != world.people[author]) and text.encode() in response.content
    ]


def _sweep(world: World, row: Row, call: Callable[[Any], Any], *, page: bool) -> list[str]:
    wrong = []
    for persona in PERSONAS:
        expected = getattr(row, persona)
        who = _caller(world, row, persona)
        response = _rolled_back(lambda who=who: call(who))
        name = f"{persona} ({who.name})" if who is not None else persona
        if not _matches(expected, response, page=page):
            wrong.append(f"{name}: expected {expected}, got {_said(response)}")
        for text in _leaks(world, who, response):
            wrong.append(f"{name}: the answer shows what only its author may read: {text}")
    return wrong


@pytest.mark.parametrize("world", API_KEYS, indirect=True)
def test_each_persona_gets_the_api_answer_of_its_row(world):
    key = world.key
    row = API.get(key)
    if row is None:
        pytest.fail(f"No row for the API operation {key}: decide who may call it.")
    op = OPERATION_BY_KEY[key]
    clients = {id(p): Api(p) for p in world.people.values()}
    anonymous = Api(None)
    path = _fill(op.template, world, row).removeprefix("/api/v1")
    body = _body(row, world)
    if body is None and op.body is not None:  # an optional body is still a JSON object
        body = required_body(op.body)

    def call(who: Any) -> Any:
        # The bare request, without Api.call's run of the mail worker: this sweep is about
        # who gets in, and whatever a call queued is rolled back with it.
        api = anonymous if who is None else clients[id(who)]
        data = {} if body is None else {"data": json.dumps(body), "content_type": JSON}
        return api.client.generic(op.method, "/api/v1" + path, headers=api.headers, **data)

    wrong = _sweep(world, row, call, page=False)
    assert not wrong, f"{key} ({path}):\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("world", page_cases(), indirect=True)
def test_each_persona_gets_the_page_answer_of_its_row(world):
    key = world.key
    row = PAGES.get(key)
    if row is None:
        pytest.fail(f"No row for the page {key.split(' ', 1)[1]}: decide who may open it.")
    method, template = key.split(" ", 1)
    path = _fill(template, world, row)
    body = _body(row, world) or {}

    def call(who: Any) -> Any:
        client = Client() if who is None else page_client(who)
        if method == "GET":
            return client.get(path)
        return client.post(path, body)

    wrong = _sweep(world, row, call, page=True)
    assert not wrong, f"{key} ({path}):\n  " + "\n  ".join(wrong)
