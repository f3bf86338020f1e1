import pytest
from django.core import mail

from alongside.mentorships.models import Mentorship, Status, Transition
from conftest import make_person


def ask(api, mentor, **extra):
    return api.post("/mentorships", {"mentor_id": str(mentor.public_id), **extra})


def test_a_mentee_asks_a_mentor_and_the_mentor_is_emailed(mentee, mentor, api_as):
    r = ask(api_as(mentee), mentor, message="I want to speak at a meetup")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "requested"
    assert body["mentor"]["id"] == str(mentor.public_id)
    assert body["mentee"]["id"] == str(mentee.public_id)
    assert body["program"]["name"] == "Community"
    assert body["transitions"][0]["to_status"] == "requested"
    assert body["transitions"][0]["actor"]["id"] == str(mentee.public_id)
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "Ada Mentee asks you to be their mentor" in mail.outbox[0].subject
    assert "I want to speak at a meetup" in mail.outbox[0].body


def test_a_mentor_can_offer_to_mentor_someone(mentee, mentor, api_as):
    r = api_as(mentor).post("/mentorships", {"mentee_id": str(mentee.public_id)})
    assert r.status_code == 201, r.content
    assert r.json()["requested_by"]["id"] == str(mentor.public_id)
    assert mail.outbox[0].to == [mentee.email]
    assert "offers to mentor you" in mail.outbox[0].subject


def test_a_person_not_open_to_mentoring_cannot_offer(mentee, outsider, api_as):
    r = api_as(outsider).post("/mentorships", {"mentee_id": str(mentee.public_id)})
    assert r.status_code == 409
    assert "Turn it on in your profile" in r.json()["detail"]


def test_nobody_can_mentor_themselves(mentor, api_as):
    r = ask(api_as(mentor), mentor)
    assert r.status_code == 422
    assert r.json()["code"] == "self"
    assert not Mentorship.objects.exists()


def test_a_person_not_open_to_mentor_cannot_receive_a_request(mentee, outsider, api_as):
    r = ask(api_as(mentee), outsider)
    assert r.status_code == 409
    assert r.json()["code"] == "not_open_to_mentor"
    assert "Eve Outsider is not open to mentoring" in r.json()["detail"]


def test_a_second_open_request_between_the_same_two_is_refused(mentee, mentor, api_as):
    assert ask(api_as(mentee), mentor).status_code == 201
    again = ask(api_as(mentee), mentor)
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate"
    # Nor may the mentor open a parallel offer.
    offer = api_as(mentor).post("/mentorships", {"mentee_id": str(mentee.public_id)})
    assert offer.status_code == 409
    assert Mentorship.objects.count() == 1


def test_a_new_request_is_allowed_once_the_first_was_declined(mentee, mentor, api_as):
    first = ask(api_as(mentee), mentor).json()
    api_as(mentor).post(f"/mentorships/{first['id']}/decline", {"reason": "Busy"})
    assert ask(api_as(mentee), mentor).status_code == 201


def test_mentor_id_and_mentee_id_together_are_refused(mentee, mentor, outsider, api_as):
    r = api_as(outsider).post(
        "/mentorships",
        {"mentor_id": str(mentor.public_id), "mentee_id": str(mentee.public_id)},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "mentor_id"


def test_neither_mentor_id_nor_mentee_id_is_refused(mentee, api_as):
    r = api_as(mentee).post("/mentorships", {"message": "hello"})
    assert r.status_code == 422


def test_an_unknown_mentor_or_program_is_a_404(mentee, mentor, api_as):
    r = api_as(mentee).post("/mentorships", {"mentor_id": "7b0c4a0e-6c1f-4a57-9a55-1a4d1a1b6b0f"})
    assert r.status_code == 404
    r = ask(api_as(mentee), mentor, program_id="7b0c4a0e-6c1f-4a57-9a55-1a4d1a1b6b0f")
    assert r.status_code == 404


def test_an_overlong_message_is_refused_and_nothing_is_created(mentee, mentor, api_as):
    r = ask(api_as(mentee), mentor, message="x" * 2001)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "message"
    assert not Mentorship.objects.exists()


def test_hostile_text_is_kept_verbatim_and_escaped_on_the_page(mentee, mentor, api_as):
    from conftest import page_client

    hostile = "<script>alert(1)</script>'; DROP TABLE people_person; --"
    r = ask(api_as(mentee), mentor, message=hostile)
    assert r.json()["message"] == hostile
    html = page_client(mentor).get(f"/mentorships/{r.json()['id']}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_anonymous_gets_401_on_requests(mentor, api_as):
    r = ask(api_as(None), mentor)
    assert r.status_code == 401
    assert api_as(None).get("/mentorships").status_code == 401


@pytest.mark.parametrize("status", ["requested", "active"])
def test_the_list_filters_by_status_and_paginates(mentee, mentor, api_as, status):
    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.programs.selectors import community_program

    others = [
        make_person(f"m{i}@example.org", f"Mentor {i}", open_to_mentor=True, mentor_capacity=1)
        for i in range(3)
    ]
    for other in others:
        m = mentorship_request(requester=mentee, mentor=other, program=community_program())
    mentorship_accept(mentorship=m, actor=others[-1])
    body = api_as(mentee).get(f"/mentorships?status={status}&limit=1").json()
    assert body["count"] == (2 if status == "requested" else 1)
    assert len(body["items"]) == 1
    assert all(item["status"] == status for item in body["items"])


def test_an_unknown_status_filter_is_a_422(mentee, api_as):
    r = api_as(mentee).get("/mentorships?status=bogus")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "status"


def test_every_request_records_who_and_when(mentee, mentor, api_as):
    mid = ask(api_as(mentee), mentor).json()["id"]
    api_as(mentor).post(f"/mentorships/{mid}/accept")
    rows = list(Transition.objects.values_list("from_status", "to_status", "actor__email"))
    assert rows == [("", "requested", mentee.email), ("requested", "active", mentor.email)]
    assert Mentorship.objects.get().status == Status.ACTIVE


def test_an_offer_the_other_way_while_a_request_is_open_is_refused(mentee, mentor, api_as):
    from alongside.people.services import profile_update

    profile_update(person=mentee, open_to_mentor=True, mentor_capacity=1)
    assert ask(api_as(mentee), mentor).status_code == 201
    # The mentor, instead of answering, asks the mentee to be *their* mentor.
    swapped = api_as(mentor).post("/mentorships", {"mentor_id": str(mentee.public_id)})
    assert swapped.status_code == 409
    assert swapped.json()["code"] == "duplicate"
    assert Mentorship.objects.count() == 1
