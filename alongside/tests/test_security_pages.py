"""The Security page and GET /me/security-events (each their own), the program's audit log
(its admins only), and privacy: the audit log never holds what a pair writes.

Ada is the mentee, Grace her mentor, Morgan runs the Community program, Eve an outsider."""

import datetime as dt
import json

import time_machine
from django.utils import timezone

from alongside.people.audit import audit
from alongside.people.models import AuditAction, AuditEvent, Person
from alongside.programs.selectors import community_program
from alongside.programs.services import program_admin_add, program_update
from conftest import PASSWORD, page_client


def test_the_security_page_lists_my_own_events_newest_first_with_pages(mentee, outsider):
    start = timezone.now()
    for n in range(30):
        with time_machine.travel(start - dt.timedelta(minutes=30 - n), tick=False):
            audit(AuditAction.SIGNIN, actor=mentee, detail={"n": n})
    audit(AuditAction.TOKEN_CREATED, actor=outsider, detail={"name": "eves-token"})
    client = page_client(mentee)
    first = client.get("/profile/security/").content.decode()
    assert first.count("<li>\n      <p>Signed in") == 25
    assert "Page 1 of 2" in first
    second = client.get("/profile/security/?page=2").content.decode()
    assert second.count("<li>\n      <p>Signed in") == 5
    assert "eves-token" not in first + second
    assert "An API token was created" not in first + second


def test_the_api_lists_my_security_events_and_nobody_elses(mentee, outsider, api_as):
    audit(AuditAction.SIGNIN_FAILED, target=mentee)
    audit(AuditAction.PASSWORD_SET_BY_STAFF, actor=outsider, target=mentee)
    r = api_as(mentee).get("/me/security-events?limit=10")
    assert r.status_code == 200
    body = r.json()
    kinds = [e["action"] for e in body["items"]]
    # api_as made a token for the test: that is an event too.
    assert kinds == ["token_created", "password_set_by_staff", "signin_failed"]
    staff_set = body["items"][1]
    assert staff_set["label"] == "Staff set the password"
    assert staff_set["actor"]["name"] == outsider.name
    assert body["items"][2]["actor"] is None
    assert set(body["items"][0]) == {
        "id",
        "at",
        "action",
        "label",
        "actor",
        "address",
        "browser",
        "detail",
    }
    theirs = api_as(outsider).get("/me/security-events").json()
    assert [e["action"] for e in theirs["items"]] == ["token_created"]


def test_a_sign_in_from_the_page_shows_on_the_security_page(mentee, client):
    client.post(
        "/signin/",
        {"email": mentee.email, "password": PASSWORD},
        HTTP_USER_AGENT="Mozilla/5.0 Firefox/140.0",
    )
    page = client.get("/profile/security/").content.decode()
    assert "Signed in" in page and "Firefox/140.0" in page and "127.0.0.1" in page


def test_the_program_audit_log_is_for_its_admins(program_admin, mentee, outsider, api_as):
    program = community_program()
    program_update(program=program, actor=program_admin, description="New words")
    r = api_as(program_admin).get(f"/programs/{program.public_id}/audit")
    assert r.status_code == 200
    (event,) = r.json()["items"]
    assert event["action"] == "program_updated"
    assert event["actor"]["name"] == program_admin.name
    assert event["detail"] == {"fields": ["description"]}
    assert "address" not in event
    page = page_client(program_admin).get(f"/programs/{program.public_id}/audit/")
    assert "Changed the program&#x27;s settings" in page.content.decode()
    # The Community program is open: members see it, but not its log.
    assert api_as(mentee).get(f"/programs/{program.public_id}/audit").status_code == 403
    assert page_client(outsider).get(f"/programs/{program.public_id}/audit/").status_code == 403
    assert api_as(None).get(f"/programs/{program.public_id}/audit").status_code == 401


def test_admin_actions_are_not_on_the_admins_security_page_but_becoming_one_is(
    program_admin, mentor, api_as
):
    program = community_program()
    program_update(program=program, actor=program_admin, description="x")
    program_admin_add(program=program, actor=program_admin, person=mentor)
    mine = api_as(program_admin).get("/me/security-events").json()["items"]
    assert [e["action"] for e in mine] == ["token_created"]
    theirs = api_as(mentor).get("/me/security-events").json()["items"]
    assert [e["action"] for e in theirs] == ["token_created", "program_admin_added"]
    assert theirs[1]["actor"]["name"] == program_admin.name


MARKERS = {
    "goal": "goal-marker-7f3a",
    "note": "shared-note-marker-19c",
    "private": "private-note-marker-c0d",
    "journal": "journal-marker-5e2",
    "checkin": "checkin-marker-8b1",
    "message": "appreciation-marker-a44",
}


def test_the_audit_log_never_holds_what_a_pair_writes(pair, mentee, mentor, api_as):
    ada, grace = api_as(mentee), api_as(mentor)
    m = str(pair.public_id)
    goal = ada.post(
        f"/mentorships/{m}/goals",
        {"title": MARKERS["goal"], "objective": MARKERS["goal"], "measure": "Done"},
    )
    assert goal.status_code == 201
    starts = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0).isoformat()
    meeting = grace.post(f"/mentorships/{m}/meetings", {"starts_at": starts})
    meeting_id = (
        meeting.json()[0]["id"] if isinstance(meeting.json(), list) else meeting.json()["id"]
    )
    for body, visibility in [(MARKERS["note"], "shared"), (MARKERS["private"], "private")]:
        r = ada.post(f"/meetings/{meeting_id}/notes", {"body": body, "visibility": visibility})
        assert r.status_code == 201
    assert ada.post("/journal", {"body": MARKERS["journal"], "mentorship_id": m}).status_code == 201
    r = ada.post(f"/mentorships/{m}/checkins", {"feeling": 4, "wins": MARKERS["checkin"]})
    assert r.status_code == 201
    r = grace.post(f"/mentorships/{m}/appreciations", {"message": MARKERS["message"]})
    assert r.status_code == 201
    # Security events around the pair's work: a password change, tokens, sign-ins.
    new = "a-brand-new-passphrase-61"
    ada.post("/me/password", {"current_password": PASSWORD, "new_password": new})
    page_client(mentor).post("/signout/")
    assert AuditEvent.objects.count() >= 4
    everything = json.dumps(
        list(AuditEvent.objects.values("detail", "address", "user_agent", "action")), default=str
    )
    for marker in MARKERS.values():
        assert marker not in everything
    for person in (mentee, mentor):
        person = Person.objects.get(pk=person.pk)
        listed = page_client(person).get("/profile/security/").content.decode()
        assert not any(marker in listed for marker in MARKERS.values())
