import pytest
from django.core import mail

from alongside.mentorships.models import Mentorship, Status
from alongside.mentorships.services import mentorship_propose, mentorship_request
from alongside.programs.selectors import community_program
from conftest import deliver_mail, make_person


@pytest.fixture
def request_(mentee, mentor):
    requested = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    deliver_mail()
    mail.outbox.clear()
    return requested


def url(m, action):
    return f"/mentorships/{m.public_id}/{action}"


def test_the_mentor_accepts_and_the_mentee_is_emailed(request_, mentee, mentor, api_as):
    mail.outbox.clear()
    r = api_as(mentor).post(url(request_, "accept"))
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "active"
    assert r.json()["started_at"]
    assert mail.outbox[0].to == [mentee.email]
    assert "accepted" in mail.outbox[0].subject


def test_only_the_other_person_answers_a_request(request_, mentee, api_as):
    for action in ("accept", "decline"):
        r = api_as(mentee).post(url(request_, action))
        assert r.status_code == 403, action
        assert "you can withdraw it" in r.json()["detail"]
    assert Mentorship.objects.get().status == Status.REQUESTED


def test_only_the_requester_withdraws(request_, mentee, mentor, api_as):
    r = api_as(mentor).post(url(request_, "withdraw"))
    assert r.status_code == 403
    r = api_as(mentee).post(url(request_, "withdraw"))
    assert r.status_code == 200
    assert r.json()["status"] == "withdrawn"


def test_a_decline_carries_a_reason_the_requester_sees(request_, mentee, mentor, api_as):
    mail.outbox.clear()
    r = api_as(mentor).post(url(request_, "decline"), {"reason": "Fully booked until June"})
    assert r.json()["status"] == "declined"
    seen = api_as(mentee).get(f"/mentorships/{request_.public_id}").json()
    assert seen["decline_reason"] == "Fully booked until June"
    assert "Fully booked until June" in mail.outbox[0].body
    assert mail.outbox[0].to == [mentee.email]


@pytest.mark.parametrize(
    ("setup", "action", "who"),
    [
        ("withdraw", "accept", "mentor"),
        ("decline", "withdraw", "mentee"),
        ("accept", "accept", "mentor"),
        ("accept", "withdraw", "mentee"),
        ("accept", "confirm", "mentee"),
        ("withdraw", "end", "mentee"),
        ("withdraw", "complete", "mentor"),
    ],
)
def test_a_transition_from_the_wrong_state_is_a_409_naming_the_state(
    request_, mentee, mentor, api_as, setup, action, who
):
    actors = {"mentee": mentee, "mentor": mentor}
    first = "mentee" if setup == "withdraw" else "mentor"
    assert api_as(actors[first]).post(url(request_, setup), {}).status_code == 200
    before = Mentorship.objects.get().status
    r = api_as(actors[who]).post(
        url(request_, action), {"reason": "because"} if action in ("end", "decline") else {}
    )
    assert r.status_code == 409, r.content
    assert f"is {before}" in r.json()["detail"] or "ended" in r.json()["detail"]
    assert Mentorship.objects.get().status == before


def test_either_member_ends_with_a_reason(pair, mentee, mentor, api_as):
    mail.outbox.clear()
    missing = api_as(mentee).post(url(pair, "end"), {"reason": "  "})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "reason"
    r = api_as(mentee).post(url(pair, "end"), {"reason": "I changed jobs"})
    assert r.json()["status"] == "ended"
    assert r.json()["end_reason"] == "I changed jobs"
    assert mail.outbox[0].to == [mentor.email]


def test_completing_needs_both_members(pair, mentee, mentor, api_as):
    r = api_as(mentor).post(url(pair, "complete"), {"reflection": "Ada speaks up now"})
    assert r.json()["status"] == "active"
    r = api_as(mentee).post(url(pair, "complete"), {})
    assert r.json()["status"] == "completed"
    assert r.json()["closed_at"]


def test_a_proposed_pair_becomes_active_when_both_confirm(mentee, mentor, program_admin, api_as):
    m = mentorship_propose(
        program=community_program(), mentor=mentor, mentee=mentee, proposer=program_admin
    )
    r = api_as(mentee).post(url(m, "confirm"))
    assert r.json()["status"] == "proposed"
    r = api_as(mentee).post(url(m, "confirm"))  # twice is harmless
    assert r.json()["status"] == "proposed"
    r = api_as(mentor).post(url(m, "confirm"))
    assert r.json()["status"] == "active"
    assert [t["to_status"] for t in r.json()["transitions"]] == ["proposed", "active"]


def test_a_proposed_pair_is_not_confirmed_past_capacity(mentee, mentor, api_as):
    mentor.mentor_capacity = 0
    mentor.save()
    m = mentorship_propose(program=community_program(), mentor=mentor, mentee=mentee, proposer=None)
    api_as(mentee).post(url(m, "confirm"))
    r = api_as(mentor).post(url(m, "confirm"))
    assert r.status_code == 409
    assert r.json()["code"] == "at_capacity"


def test_a_mentor_at_capacity_cannot_accept(mentor, api_as):
    mentor.mentor_capacity = 1
    mentor.save()
    mentees = [make_person(f"e{i}@example.org", f"Mentee {i}") for i in range(2)]
    asks = [
        mentorship_request(requester=e, mentor=mentor, program=community_program()) for e in mentees
    ]
    assert api_as(mentor).post(url(asks[0], "accept")).status_code == 200
    r = api_as(mentor).post(url(asks[1], "accept"))
    assert r.status_code == 409
    assert "at capacity" in r.json()["detail"]
    assert Mentorship.objects.filter(status="active").count() == 1
    # has_capacity reflects it in the search.
    found = api_as(mentees[1]).get("/people?open_to_mentor=true").json()["items"]
    assert [p["has_capacity"] for p in found if p["id"] == str(mentor.public_id)] == [False]


ACTIONS = [
    "accept",
    "decline",
    "withdraw",
    "confirm",
    "end",
    "complete",
    "complete/decline",
    "reopen",
]


@pytest.mark.parametrize("action", ACTIONS)
def test_an_outsider_and_the_program_admin_get_404_on_every_action(
    request_, outsider, program_admin, api_as, action
):
    for person in (outsider, program_admin):
        r = api_as(person).post(url(request_, action), {})
        assert r.status_code == 404
        assert r.json()["code"] == "not_found"
    assert api_as(None).post(url(request_, action), {}).status_code == 401


def test_an_outsider_gets_404_reading_and_anonymous_401(request_, outsider, program_admin, api_as):
    path = f"/mentorships/{request_.public_id}"
    for person in (outsider, program_admin):
        assert api_as(person).get(path).status_code == 404
        assert api_as(person).get(path + "/agreement").status_code == 404
        assert api_as(person).get("/mentorships").json()["count"] == 0
    assert api_as(None).get(path).status_code == 401
    assert api_as(None).get(path + "/agreement").status_code == 401
    assert api_as(outsider).get("/mentorships/not-a-uuid").status_code == 404
