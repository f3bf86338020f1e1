"""The page rows: one for each page of the URL conf, and the Django admin's sign-in."""

from typing import Any

from conftest import PASSWORD

from .rows import (
    ANSWERABLE,
    COHORT_PAIR,
    HELD,
    HIDDEN,
    NEW_PASSWORD,
    OK,
    P_AUTHOR_ONLY,
    P_MENTEE_ONLY,
    P_MENTOR_ONLY,
    P_MENTOR_WROTE,
    P_PAIR,
    P_PROGRAM_ADMIN_ONLY,
    P_PUBLIC,
    P_SIGNED_IN,
    P_WRITER,
    REFUSED,
    SIGNIN,
    THROTTLED,
    Row,
    _edit_pages,
    _terms,
)

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
    "GET /programs/{program_id}/settings/": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/settings/": P_PROGRAM_ADMIN_ONLY.but(
        body={"name": "Matrix cohort", "enrollment": "invite", "matching": "both"}
    ),
    "GET /programs/{program_id}/admins/": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/admins/": P_PROGRAM_ADMIN_ONLY.but(
        body={"email": "lin@example.org"}
    ),
    # The enrollment page: anyone who sees the program (it says when they cannot enroll).
    "GET /programs/{program_id}/enroll/": Row(SIGNIN, HIDDEN, OK, OK, OK),
    "GET /programs/{program_id}/invitations/": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/invitations/": P_PROGRAM_ADMIN_ONLY.but(
        body={"emails": "nia@example.org", "role": "mentee"}
    ),
    "POST /programs/{program_id}/invitations/link/": P_PROGRAM_ADMIN_ONLY.but(
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
    "GET /programs/{program_id}/import/": P_PROGRAM_ADMIN_ONLY,
    "GET /programs/{program_id}/audit/": P_PROGRAM_ADMIN_ONLY,
    "POST /programs/{program_id}/import/": P_PROGRAM_ADMIN_ONLY.but(
        body={"text": "email,name,role\nnia@example.org,Nia Newcomer,mentee\n"}
    ),
    **{key: P_PROGRAM_ADMIN_ONLY.but(body=body) for key, body in MATCHING_PAGES.items()},
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
