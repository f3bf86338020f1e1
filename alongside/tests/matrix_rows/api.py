"""The API rows: one for each operation of the OpenAPI document."""

from conftest import PASSWORD

from .rows import (
    ANSWERABLE,
    AUTHOR_ONLY,
    COHORT_PAIR,
    CONFLICT,
    EXPORT,
    FORBIDDEN,
    HELD,
    HIDDEN,
    MENTEE_ONLY,
    MENTOR_ONLY,
    MENTOR_WROTE,
    NEW_PASSWORD,
    OK,
    PAIR,
    PROGRAM_ADMIN_ONLY,
    PUBLIC,
    SIGNED_IN,
    UNAUTH,
    WRITER,
    Row,
    _edit_api,
    _terms,
)

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
    **_edit_api(
        {
            "/agenda/{agenda_item_id}": (WRITER, {"text": "Timing, and pauses"}),
            "/notes/{note_id}": (MENTOR_WROTE, {"body": "Shared, and more"}),
            "/action-items/{item_id}": (MENTOR_WROTE, {"text": "Do it by Friday"}),
            "/resources/{resource_id}": (MENTOR_WROTE, {"title": "Pacing, part 2"}),
            "/appreciations/{appreciation_id}": (WRITER, {"message": "Thank you!"}),
            "/comments/{comment_id}": (WRITER, {"body": "Prouder still"}),
            "/checkins/{checkin_id}": (WRITER, {"wins": "Spoke up twice"}),
            "/journal/{entry_id}": (AUTHOR_ONLY, {"body": "Less nervous now"}),
        }
    ),
    "DELETE /checkins/{checkin_id}/reply": MENTOR_WROTE,
    "POST /agenda/{agenda_item_id}/uncover": PAIR.but(ids={"agenda_item_id": "covered_id"}),
    "POST /action-items/{item_id}/reopen": PAIR.but(ids={"item_id": "done_item_id"}),
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
