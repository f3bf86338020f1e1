"""The rows of the authorization matrix: "Who sees what" (docs/api.md) written out, one row
for each API operation and each page, with the answer each persona gets."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.utils import timezone as tz

from conftest import PASSWORD

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
P_SIGNED_IN = Row(SIGNIN, OK, OK, OK, OK)
P_PAIR = Row(SIGNIN, HIDDEN, OK, HIDDEN, OK)
P_MENTEE_ONLY = Row(SIGNIN, HIDDEN, REFUSED, HIDDEN, OK)
P_MENTOR_ONLY = P_MENTEE_ONLY.but(owner_is="mentor")
P_AUTHOR_ONLY = Row(SIGNIN, HIDDEN, HIDDEN, HIDDEN, OK)
P_WRITER = Row(SIGNIN, HIDDEN, REFUSED, HIDDEN, OK)
P_MENTOR_WROTE = P_WRITER.but(owner_is="mentor")


# The matching pages of a program's console, with the form a POST sends.
RUN_PAGE = "/programs/{program_id}/matching/{run_id}/"
MATCHING_PAGES: dict[str, Any] = {
    "GET /programs/{program_id}/matching/": None,
    "POST /programs/{program_id}/matching/": {
        **{
            f"weight_{name}": "1"
            for name in ("skills", "text", "timezone", "language", "seniority", "picks")
        },
        "floor": "0",
    },
    f"GET {RUN_PAGE}": None,
    f"POST {RUN_PAGE}rerun/": None,
    f"POST {RUN_PAGE}publish/": None,
    f"GET {RUN_PAGE}pairs/{{mentee_id}}/": None,
    f"POST {RUN_PAGE}pairs/{{mentee_id}}/lock/": None,
    f"POST {RUN_PAGE}pairs/{{mentee_id}}/unlock/": None,
    f"POST {RUN_PAGE}pairs/{{mentee_id}}/swap/": lambda w: {"mentor": w.ids["swap_to_id"]},
}


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
P_PROGRAM_ADMIN_ONLY = Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED)

API: dict[str, Row] = {
    "POST /auth/signup": PUBLIC.but(
        body={"email": "nia@example.org", "password": NEW_PASSWORD, "name": "Nia Newcomer"}
    ),
    "POST /auth/token": PUBLIC.but(body={"email": "ada@example.org", "password": PASSWORD}),
    "GET /auth/tokens": SIGNED_IN,
    "DELETE /auth/tokens/{token_id}": AUTHOR_ONLY,  # the mentee's own token
    "GET /me": SIGNED_IN,
    "POST /me/password": SIGNED_IN.but(
        body={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    ),
    "PATCH /me": SIGNED_IN.but(body={"headline": "Learning in public"}),
    "GET /me/security-events": SIGNED_IN,  # each their own
    "GET /me/sessions": SIGNED_IN,  # each their own
    "DELETE /me/sessions/{session_id}": AUTHOR_ONLY,  # the mentee's other browser
    "POST /me/signout-everywhere": SIGNED_IN.but(body={"keep_current": True}),
    "GET /people": SIGNED_IN,
    "GET /people/{person_id}": SIGNED_IN,
    "GET /programs": Row(UNAUTH, OK, OK, OK, OK),
    # Staff only, and no persona of the world is staff (the program tests have one).
    "POST /programs": Row(UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN).but(
        body={"name": "Autumn leaders"}
    ),
    "GET /programs/{program_id}": Row(UNAUTH, HIDDEN, OK, OK, OK),
    "PATCH /programs/{program_id}": PROGRAM_ADMIN_ONLY.but(body={"description": "Six months"}),
    "POST /programs/{program_id}/admins": PROGRAM_ADMIN_ONLY.but(
        body=lambda w: {"person_id": w.ids["candidate_id"]}
    ),
    # Members enroll themselves only in open programs (the owner is already a mentee here:
    # a duplicate); the admin enrolls anyone, themself too.
    "POST /programs/{program_id}/enrollments": Row(UNAUTH, HIDDEN, CONFLICT, OK, CONFLICT).but(
        body={"role": "mentee"}
    ),
    "GET /programs/{program_id}/participants": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/audit": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/admins": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/invitations": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/invitations": PROGRAM_ADMIN_ONLY.but(
        body={"emails": ["nia@example.org"], "role": "mentee"}
    ),
    "POST /programs/{program_id}/invite-link": PROGRAM_ADMIN_ONLY,
    "DELETE /programs/{program_id}/invite-link": PROGRAM_ADMIN_ONLY,
    # Whoever has the link sees the program and joins it (the owner is a mentee already).
    "GET /programs/join/{token}": Row(UNAUTH, OK, OK, OK, OK),
    "POST /programs/join/{token}": Row(UNAUTH, OK, OK, OK, CONFLICT).but(body={"role": "mentee"}),
    # In the program where mentees choose: its mentee only; the mentor and the admin see
    # the program but are not its mentees.
    "GET /programs/{program_id}/suggestions": Row(
        UNAUTH, HIDDEN, FORBIDDEN, FORBIDDEN, OK, ids={"program_id": "choice_program_id"}
    ),
    "POST /programs/{program_id}/participants/import": PROGRAM_ADMIN_ONLY.but(
        csv="email,name,role\nnia@example.org,Nia Newcomer,mentee\n"
    ),
    # Matching runs: the program's admins (and staff); the members of the program see it
    # without running it (403), the outsider does not see it (404). The world has a run of
    # the cohort in which the mentee is paired ({mentee_id} names the pair).
    "POST /programs/{program_id}/matching/runs": PROGRAM_ADMIN_ONLY.but(body={"fairness": True}),
    "GET /programs/{program_id}/matching/runs": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/matching/runs/{run_id}": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/matching/runs/{run_id}/pairs": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/matching/runs/{run_id}/unmatched": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/matching/runs/{run_id}/pairs/{mentee_id}/lock": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/matching/runs/{run_id}/pairs/{mentee_id}/unlock": (
        PROGRAM_ADMIN_ONLY
    ),
    "POST /programs/{program_id}/matching/runs/{run_id}/pairs/{mentee_id}/swap": (
        PROGRAM_ADMIN_ONLY.but(body=lambda w: {"mentor_id": w.ids["swap_to_id"]})
    ),
    "POST /programs/{program_id}/matching/runs/{run_id}/rerun": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/matching/runs/{run_id}/publish": PROGRAM_ADMIN_ONLY,
    # Program insights: the world's cohort has an active pair of the mentee and the mentor
    # (`cohort_pair_id`); the admin runs the cohort, the members see it but do not run it.
    "GET /programs/{program_id}/insights": PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/at-risk": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/pairs/{mentorship_id}/nudge": PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR
    ),
    "POST /programs/{program_id}/pairs/{mentorship_id}/rematch": PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR
    ),
    "POST /programs/{program_id}/pairs/{mentorship_id}/end": PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR, body={"reason": "no_time"}
    ),
    "GET /programs/{program_id}/exports/{kind}.csv": PROGRAM_ADMIN_ONLY.but(ids=EXPORT),
    "GET /programs/{program_id}/exports/{kind}.xlsx": PROGRAM_ADMIN_ONLY.but(ids=EXPORT),
    "GET /programs/{program_id}/survey": PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/survey": PROGRAM_ADMIN_ONLY,
    # The Community program (the pair's) has sent its survey: its members answer.
    "GET /mentorships/{mentorship_id}/survey": PAIR,
    "POST /mentorships/{mentorship_id}/survey": PAIR.but(
        body={"useful": 4, "goals": 4, "recommend": 5, "what_changed": "Braver"}
    ),
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
    # Completing needs both: one proposes with a reflection, the other confirms.
    "POST /mentorships/{mentorship_id}/complete": PAIR.but(body={"reflection": "We got there"}),
    "POST /mentorships/{mentorship_id}/complete/decline": PAIR.but(
        state="completion_proposed", body={"reason": "One more goal first"}
    ),
    "POST /mentorships/{mentorship_id}/reopen": PAIR.but(state="ended"),
    "GET /mentorships/{mentorship_id}/agreement": PAIR,
    # The terms are made when the test runs: the end date is ahead of its (moved) clock.
    "PUT /mentorships/{mentorship_id}/agreement": PAIR.but(body=lambda w: _terms()),
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
    "POST /meetings/{meeting_id}/feedback": PAIR.but(ids=ANSWERABLE, body={"rating": 4}),
    "GET /prompts": SIGNED_IN,
    "GET /me/action-items": SIGNED_IN,
    "GET /me/calendar": SIGNED_IN,
    "POST /me/calendar/reset": SIGNED_IN,
    "POST /mentorships/{mentorship_id}/checkins": MENTEE_ONLY.but(
        body={"feeling": 4, "wins": "Spoke twice", "ratings": [{"skill": "Python", "level": 3}]}
    ),
    "GET /mentorships/{mentorship_id}/checkins": PAIR,
    "GET /mentorships/{mentorship_id}/skills": PAIR,
    "PUT /mentorships/{mentorship_id}/skills": MENTEE_ONLY.but(body={"skills": ["SQL"]}),
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
    # Correcting and taking back: the author only; "covered" and "done" undone by either.
    "PATCH /agenda/{agenda_item_id}": WRITER.but(body={"text": "Timing, and pauses"}),
    "DELETE /agenda/{agenda_item_id}": WRITER,
    "POST /agenda/{agenda_item_id}/uncover": PAIR.but(ids={"agenda_item_id": "covered_id"}),
    "PATCH /notes/{note_id}": MENTOR_WROTE.but(body={"body": "Shared, and more"}),
    "DELETE /notes/{note_id}": MENTOR_WROTE,
    "PATCH /action-items/{item_id}": MENTOR_WROTE.but(body={"text": "Do it by Friday"}),
    "DELETE /action-items/{item_id}": MENTOR_WROTE,
    "POST /action-items/{item_id}/reopen": PAIR.but(ids={"item_id": "done_item_id"}),
    "PATCH /resources/{resource_id}": MENTOR_WROTE.but(body={"title": "Pacing, part 2"}),
    "DELETE /resources/{resource_id}": MENTOR_WROTE,
    "PATCH /appreciations/{appreciation_id}": WRITER.but(body={"message": "Thank you!"}),
    "DELETE /appreciations/{appreciation_id}": WRITER,
    "PATCH /comments/{comment_id}": WRITER.but(body={"body": "Prouder still"}),
    "DELETE /comments/{comment_id}": WRITER,
    "PATCH /checkins/{checkin_id}": WRITER.but(body={"wins": "Spoke up twice"}),
    "DELETE /checkins/{checkin_id}": WRITER,
    "DELETE /checkins/{checkin_id}/reply": MENTOR_WROTE,
    "PATCH /journal/{entry_id}": AUTHOR_ONLY.but(body={"body": "Less nervous now"}),
    "DELETE /journal/{entry_id}": AUTHOR_ONLY,
    "POST /journal/{entry_id}/unshare": AUTHOR_ONLY.but(ids={"entry_id": "shared_entry_id"}),
    "GET /notifications": SIGNED_IN,  # each their own
    "POST /notifications/{notification_id}/read": AUTHOR_ONLY,
    "GET /me/notification-settings": SIGNED_IN,
    # Data rights: each their own export; the download is the mentee's own export.
    "GET /me/export": SIGNED_IN,
    "POST /me/exports": SIGNED_IN,
    "GET /me/exports": SIGNED_IN,
    "GET /me/exports/{export_id}/download": AUTHOR_ONLY,
    # Each deletes their own account, confirmed with their password (rolled back after).
    "DELETE /me": SIGNED_IN.but(body={"password": PASSWORD}),
    "PATCH /me/notification-settings": SIGNED_IN.but(body={"weekly_digest": True}),
    "POST /mentorships/{mentorship_id}/unreachable": PAIR,
    # The pair's thread: the world's message is the mentee's; only its author changes it.
    "GET /mentorships/{mentorship_id}/messages": PAIR,
    "POST /mentorships/{mentorship_id}/messages": PAIR.but(body={"body": "Read this?"}),
    "POST /mentorships/{mentorship_id}/messages/read": PAIR,
    "PATCH /messages/{message_id}": MENTEE_ONLY.but(body={"body": "Read this, please?"}),
    "DELETE /messages/{message_id}": MENTEE_ONLY,
    # What a message becomes: either member, on the world's next meeting.
    "POST /messages/{message_id}/action-item": PAIR,
    "POST /messages/{message_id}/agenda": PAIR,
}


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


PAGES: dict[str, Row] = {
    "GET /": P_PUBLIC,
    "GET /favicon.ico": P_PUBLIC,
    "GET /signup/": P_PUBLIC,
    "POST /signup/": P_PUBLIC.but(
        body={"name": "Nia Newcomer", "email": "nia@example.org", "password": NEW_PASSWORD}
    ),
    "GET /signin/": P_PUBLIC,
    "POST /signin/": P_PUBLIC.but(body={"email": "ada@example.org", "password": PASSWORD}),
    "POST /signout/": P_PUBLIC,
    # The second step of a sign-in, without the first: back to sign-in (signed in: home).
    "GET /signin/code/": P_SIGNED_IN,
    "POST /signin/code/": P_SIGNED_IN.but(body={"code": "123456"}),
    "GET /profile/security/": P_SIGNED_IN,  # each their own
    "GET /profile/sessions/": P_SIGNED_IN,
    "POST /profile/sessions/signout-everywhere/": P_SIGNED_IN.but(body={"keep_current": "on"}),
    "POST /profile/sessions/{session_id}/end/": P_AUTHOR_ONLY,  # the mentee's other browser
    "GET /profile/two-factor/": P_SIGNED_IN,
    "POST /profile/two-factor/start/": P_SIGNED_IN,
    "GET /profile/two-factor/setup/": P_SIGNED_IN,
    "POST /profile/two-factor/setup/": P_SIGNED_IN.but(body={"code": "123456"}),
    # Nobody in the world has two-factor sign-in on: "it is not on".
    "POST /profile/two-factor/disable/": Row(SIGNIN, REFUSED, REFUSED, REFUSED, REFUSED).but(
        body={"password": PASSWORD, "code": "123456"}
    ),
    "POST /profile/two-factor/recovery-codes/": Row(SIGNIN, REFUSED, REFUSED, REFUSED, REFUSED).but(
        body={"code": "123456"}
    ),
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
    "GET /profile/tokens/": P_SIGNED_IN,  # each their own
    "GET /profile/export/": P_SIGNED_IN,
    "POST /profile/export/": P_SIGNED_IN,
    "GET /profile/export/{export_id}/download/": P_AUTHOR_ONLY,  # the mentee's own export
    "GET /profile/delete/": P_SIGNED_IN,
    "POST /profile/delete/": P_SIGNED_IN.but(body={"password": PASSWORD, "confirm": "on"}),
    "POST /profile/tokens/{token_id}/revoke/": P_AUTHOR_ONLY,  # the mentee's own token
    "GET /programs/": P_SIGNED_IN,
    "GET /programs/{program_id}/": Row(SIGNIN, HIDDEN, OK, OK, OK),
    # Invite-only: the mentee is enrolled already, the mentor is not invited as a mentee;
    # the admin enrolls anyone, themself too.
    "POST /programs/{program_id}/enroll/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"role": "mentee"}
    ),
    # Staff only: no persona of the world is staff (the program page tests have one).
    "GET /programs/new/": Row(SIGNIN, REFUSED, REFUSED, REFUSED, REFUSED),
    "POST /programs/new/": Row(SIGNIN, REFUSED, REFUSED, REFUSED, REFUSED).but(
        body={"name": "Autumn leaders", "enrollment": "invite", "matching": "admin"}
    ),
    "GET /programs/{program_id}/settings/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED),
    "POST /programs/{program_id}/settings/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"name": "Matrix cohort", "enrollment": "invite", "matching": "both"}
    ),
    "GET /programs/{program_id}/admins/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED),
    "POST /programs/{program_id}/admins/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"email": "lin@example.org"}
    ),
    # The enrollment page: anyone who sees the program (it says when they cannot enroll).
    "GET /programs/{program_id}/enroll/": Row(SIGNIN, HIDDEN, OK, OK, OK),
    "GET /programs/{program_id}/invitations/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED),
    "POST /programs/{program_id}/invitations/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"emails": "nia@example.org", "role": "mentee"}
    ),
    "POST /programs/{program_id}/invitations/link/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"action": "new"}
    ),
    "GET /join/{token}/": P_SIGNED_IN,
    "POST /join/{token}/": Row(SIGNIN, OK, OK, OK, REFUSED).but(body={"role": "mentee"}),
    "GET /programs/{program_id}/suggestions/": Row(
        SIGNIN, HIDDEN, REFUSED, REFUSED, OK, ids={"program_id": "choice_program_id"}
    ),
    "POST /programs/{program_id}/suggestions/request/": Row(
        SIGNIN, HIDDEN, REFUSED, REFUSED, OK, ids={"program_id": "choice_program_id"}
    ).but(body=lambda w: {"mentor_id": w.ids["person_id"], "message": "Hello"}),
    "GET /programs/{program_id}/import/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED),
    "GET /programs/{program_id}/audit/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED),
    "POST /programs/{program_id}/import/": Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(
        body={"text": "email,name,role\nnia@example.org,Nia Newcomer,mentee\n"}
    ),
    **{
        key: Row(SIGNIN, HIDDEN, REFUSED, OK, REFUSED).but(body=body)
        for key, body in MATCHING_PAGES.items()
    },
    "GET /programs/{program_id}/insights/": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/at-risk/": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/pairs/{mentorship_id}/nudge/": P_PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR
    ),
    "POST /programs/{program_id}/pairs/{mentorship_id}/rematch/": P_PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR
    ),
    "POST /programs/{program_id}/pairs/{mentorship_id}/end/": P_PROGRAM_ADMIN_ONLY.but(
        ids=COHORT_PAIR, body={"reason": "no_time"}
    ),
    "GET /programs/{program_id}/exports/participants.csv": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/exports/participants.xlsx": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/exports/pairs.csv": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/exports/pairs.xlsx": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/exports/aggregates.csv": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/exports/aggregates.xlsx": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/survey/send/": P_PROGRAM_ADMIN_ONLY,
    "GET /mentorships/{mentorship_id}/survey/": P_PAIR,
    "POST /mentorships/{mentorship_id}/survey/": P_PAIR.but(
        body={"useful": "4", "goals": "4", "recommend": "5"}
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
    "POST /mentorships/{mentorship_id}/agreement/": P_PAIR.but(body=lambda w: _terms()),
    "POST /mentorships/{mentorship_id}/agreement/acknowledge/": P_PAIR,
    "POST /mentorships/{mentorship_id}/accept/": P_MENTOR_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/decline/": P_MENTOR_ONLY.but(
        state="requested", body={"reason": "Full this season"}
    ),
    "POST /mentorships/{mentorship_id}/withdraw/": P_MENTEE_ONLY.but(state="requested"),
    "POST /mentorships/{mentorship_id}/confirm/": P_PAIR.but(state="proposed"),
    "POST /mentorships/{mentorship_id}/end/": P_PAIR.but(body={"reason": "Moving abroad"}),
    "GET /mentorships/{mentorship_id}/end/": P_PAIR,
    "GET /mentorships/{mentorship_id}/complete/": P_PAIR,
    "POST /mentorships/{mentorship_id}/complete/": P_PAIR.but(body={"reflection": "We got there"}),
    "POST /mentorships/{mentorship_id}/complete/decline/": P_PAIR.but(
        state="completion_proposed", body={"reason": "One more goal first"}
    ),
    "POST /mentorships/{mentorship_id}/reopen/": P_PAIR.but(state="ended"),
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
    "POST /meetings/{meeting_id}/feedback/": P_PAIR.but(ids=ANSWERABLE, body={"rating": "4"}),
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
    "POST /mentorships/{mentorship_id}/skills/": P_MENTEE_ONLY.but(body={"more": "SQL"}),
    "GET /mentorships/{mentorship_id}/timeline/": P_PAIR,
    "POST /mentorships/{mentorship_id}/thanks/": P_PAIR.but(body={"message": "Thank you"}),
    "POST /mentorships/{mentorship_id}/celebrate/": P_PAIR.but(body={"title": "First talk!"}),
    "GET /mentorships/{mentorship_id}/resources/": P_PAIR,
    "POST /mentorships/{mentorship_id}/resources/share/": P_PAIR.but(body={"title": "On pauses"}),
    "POST /resources/{resource_id}/respond/": P_PAIR.but(body={"reaction": "helpful"}),
    "GET /journal/": P_SIGNED_IN,
    "POST /journal/": P_SIGNED_IN.but(body={"body": "Nervous about the talk"}),
    "GET /journal/{entry_id}/share/": P_AUTHOR_ONLY,  # asks first, naming who will read it
    "POST /journal/{entry_id}/share/": P_AUTHOR_ONLY,
    **_edit_pages(
        {
            "/agenda/{thing_id}": (P_WRITER, "agenda_item_id", {"text": "Timing, and pauses"}),
            "/notes/{thing_id}": (
                P_MENTOR_WROTE,
                "note_id",
                {"body": "Shared, and more", "kind": "note", "visibility": "shared"},
            ),
            "/action-items/{thing_id}": (
                P_MENTOR_WROTE,
                "item_id",
                lambda w: {"text": "Do it by Friday", "owner": w.ids["mentee_id"]},
            ),
            "/thanks/{thing_id}": (P_WRITER, "appreciation_id", {"message": "Thank you!"}),
            "/resources/{thing_id}": (P_MENTOR_WROTE, "resource_id", {"title": "Pacing, 2"}),
            "/checkins/{thing_id}": (
                P_WRITER,
                "checkin_id",
                {"wins": "Spoke up twice", "feeling": "4"},
            ),
            "/checkins/{thing_id}/reply": (P_MENTOR_WROTE, "checkin_id", {"reply": "Bravo"}),
            "/journal/{thing_id}": (P_AUTHOR_ONLY, "entry_id", {"body": "Less nervous now"}),
            "/comments/{thing_id}": (P_WRITER, "comment_id", {"body": "Prouder still"}),
        }
    ),
    "POST /agenda/{item_id}/uncover/": P_PAIR.but(ids={"item_id": "covered_id"}),
    "POST /action-items/{item_id}/reopen/": P_PAIR.but(ids={"item_id": "done_item_id"}),
    "POST /journal/{entry_id}/unshare/": P_AUTHOR_ONLY.but(ids={"entry_id": "shared_entry_id"}),
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
    "GET /mentorships/{mentorship_id}/messages/": P_PAIR,
    "POST /mentorships/{mentorship_id}/messages/": P_PAIR.but(body={"body": "Read this?"}),
    "POST /mentorships/{mentorship_id}/messages/read/": P_PAIR,
    "GET /mentorships/{mentorship_id}/messages/updates/": P_PAIR,
    "GET /messages/{message_id}/edit/": P_MENTEE_ONLY,
    "POST /messages/{message_id}/edit/": P_MENTEE_ONLY.but(body={"body": "Read this, please?"}),
    "POST /messages/{message_id}/delete/": P_MENTEE_ONLY,
    # What a message becomes: either member, on the world's next meeting.
    "POST /messages/{message_id}/action-item/": P_PAIR,
    "POST /messages/{message_id}/agenda/": P_PAIR,
}

# The Django admin's sign-in (the rest of /admin/ is for staff, and has its own tests in
# test_admin_privacy.py). In the "throttled" world the mentee's email has had too many
# failed sign-ins from this address: the right password is refused too, whoever sends it.
ADMIN_PAGES: dict[str, Row] = {
    "GET /admin/login/": P_PUBLIC,
    "POST /admin/login/": Row(
        THROTTLED,
        THROTTLED,
        THROTTLED,
        THROTTLED,
        THROTTLED,
        state="throttled",
        body={"username": "ada@example.org", "password": PASSWORD},
    ),
}

# --- Program rules ------------------------------------------------------------------------
# Pairing inside a program, as each persona: the mentee and the mentor are enrolled in their
# roles, the admin runs the program without being enrolled, the outsider was never invited.
# For a request, the owner (the mentee) asks the mentor, the other (the mentor) offers to
# mentor the mentee, the admin and the outsider ask the mentor. For an answer, the owner is
# the mentor who was asked.


@dataclass(frozen=True)
class ProgramRow:
    call: str  # "request" or "accept"
    enrollment: str  # the program's enrollment mode
    matching: str  # the program's matching mode
    row: Row


PROGRAM_RULES: dict[str, ProgramRow] = {
    "request in the Community program": ProgramRow(
        "request", "open", "mentee_choice", Row(UNAUTH, OK, OK, OK, OK)
    ),
    "request in an open program where admins match": ProgramRow(
        "request", "open", "admin", Row(UNAUTH, CONFLICT, CONFLICT, CONFLICT, CONFLICT)
    ),
    "request in an invite-only program where mentees choose": ProgramRow(
        "request", "invite", "mentee_choice", Row(UNAUTH, HIDDEN, OK, CONFLICT, OK)
    ),
    "request in an import-only program where both match": ProgramRow(
        "request", "import", "both", Row(UNAUTH, HIDDEN, OK, CONFLICT, OK)
    ),
    "request in an invite-only program where admins match": ProgramRow(
        "request", "invite", "admin", Row(UNAUTH, HIDDEN, CONFLICT, CONFLICT, CONFLICT)
    ),
    "accept in an invite-only program where mentees choose": ProgramRow(
        "accept", "invite", "mentee_choice", MENTOR_ONLY.but(state="requested")
    ),
    # A request left from before the program was admin-matched is not accepted.
    "accept in an invite-only program where admins match": ProgramRow(
        "accept",
        "invite",
        "admin",
        Row(UNAUTH, HIDDEN, FORBIDDEN, HIDDEN, CONFLICT, owner_is="mentor", state="requested"),
    ),
}
