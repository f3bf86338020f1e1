import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone as tz

from alongside.mentorships.models import AgreementVersion, Mentorship, Status
from alongside.mentorships.services import mentorship_request
from alongside.programs.selectors import community_program
from conftest import agreement, page_client


def agreement_form(**changes):
    ends = (tz.localdate() + dt.timedelta(days=120)).isoformat()
    return {
        "mentee_hopes": "Lead a design review",
        "mentor_offers": "Monthly shadowing",
        "meeting_every_days": "14",
        "channel": "video",
        "meeting_minutes": "45",
        "ends_on": ends,
        "confidentiality": "on",
        "reason": "",
        **changes,
    }


def test_a_newcomers_home_says_what_to_do_first(mentee):
    html = page_client(mentee).get("/").content.decode()
    assert "You have no mentorships yet" in html
    assert "/people/?mentors=1" in html


def test_the_home_page_shows_requests_waiting_for_my_answer(mentee, mentor):
    mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    mentor_home = page_client(mentor).get("/").content.decode()
    assert "Waiting for your answer" in mentor_home
    assert "Mentoring Ada Mentee" in mentor_home
    mentee_home = page_client(mentee).get("/").content.decode()
    assert "Waiting for your answer" not in mentee_home
    assert "Requested" in mentee_home


def test_the_home_page_lists_next_steps_for_the_agreement(pair, mentee, mentor):
    for person in (mentee, mentor):
        assert "Write your agreement with" in page_client(person).get("/").content.decode()
    agreement(
        pair,
        every_days=7,
        minutes=30,
        ends_on=tz.localdate() + dt.timedelta(days=30),
        acknowledged=False,
    )
    assert "Read and acknowledge version 1" in page_client(mentor).get("/").content.decode()
    assert "acknowledge version 1" not in page_client(mentee).get("/").content.decode()


def test_the_home_page_query_count_does_not_grow_with_mentorships(
    mentee, django_assert_max_num_queries
):
    from alongside.mentorships.services import mentorship_accept
    from conftest import make_person

    for i in range(8):
        other = make_person(f"m{i}@example.org", f"M {i}", open_to_mentor=True, mentor_capacity=3)
        m = mentorship_request(requester=mentee, mentor=other, program=community_program())
        if i % 2:
            mentorship_accept(mentorship=m, actor=other)
    client = page_client(mentee)
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_a_mentee_requests_through_the_page(mentee, mentor):
    client = page_client(mentee)
    form = client.get(f"/people/{mentor.public_id}/request/")
    assert "Ask Grace Mentor to mentor you" in form.content.decode()
    r = client.post(f"/people/{mentor.public_id}/request/", {"message": "Help with talks"})
    m = Mentorship.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/mentorships/{m.public_id}/"
    assert m.message == "Help with talks"


def test_a_refused_request_on_the_page_says_why(mentee, outsider):
    r = page_client(mentee).post(f"/people/{outsider.public_id}/request/", {"message": "hi"})
    assert r.status_code == 409
    assert "not open to mentoring" in r.content.decode()
    assert not Mentorship.objects.exists()


def test_an_overlong_message_on_the_page_is_a_400_beside_the_field(mentee, mentor):
    r = page_client(mentee).post(f"/people/{mentor.public_id}/request/", {"message": "x" * 3000})
    assert r.status_code == 400
    assert 'id="id_message_error"' in r.content.decode()


def test_the_mentor_accepts_and_declines_through_the_page(mentee, mentor):
    m = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    client = page_client(mentor)
    page = client.get(f"/mentorships/{m.public_id}/").content.decode()
    assert "is waiting for your answer" in page
    r = client.post(f"/mentorships/{m.public_id}/accept/", follow=True)
    assert "You accepted the mentorship." in r.content.decode()
    m.refresh_from_db()
    assert m.status == Status.ACTIVE


def test_a_wrong_transition_on_the_page_shows_the_reason(pair, mentee):
    r = page_client(mentee).post(f"/mentorships/{pair.public_id}/withdraw/", follow=True)
    assert "cannot be withdrawn now" in r.content.decode()
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE


def test_transitions_need_post(pair, mentee):
    for action in ("reopen", "complete/decline"):
        r = page_client(mentee).get(f"/mentorships/{pair.public_id}/{action}/")
        assert r.status_code == 405


def test_ending_without_a_reason_on_the_page_is_refused(pair, mentee):
    r = page_client(mentee).post(f"/mentorships/{pair.public_id}/end/", {"reason": ""}, follow=True)
    assert "This field is required." in r.content.decode()
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE


def test_the_agreement_form_saves_versions_and_shows_the_history(pair, mentee, mentor):
    client = page_client(mentee)
    r = client.post(f"/mentorships/{pair.public_id}/agreement/", agreement_form())
    assert r.status_code == 302
    page_client(mentor).post(f"/mentorships/{pair.public_id}/agreement/acknowledge/")
    r = client.post(
        f"/mentorships/{pair.public_id}/agreement/",
        agreement_form(meeting_minutes="60", reason="We need longer sessions"),
    )
    assert r.status_code == 302
    html = page_client(mentor).get(f"/mentorships/{pair.public_id}/agreement/").content.decode()
    assert "We need longer sessions" in html
    assert "Still in force: version 1" in html
    assert "I acknowledge version 2" in html
    assert "Minutes per meeting" in html  # the before/after table names the changed term
    assert AgreementVersion.objects.count() == 2


def test_the_agreement_form_shows_errors_beside_fields(pair, mentee):
    r = page_client(mentee).post(
        f"/mentorships/{pair.public_id}/agreement/",
        agreement_form(confidentiality="", ends_on="2001-01-01"),
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "The planned end date must be after today." in html
    assert "tick it to go on" in html
    assert 'aria-invalid="true"' in html
    assert not AgreementVersion.objects.exists()


PAGES = [
    "/mentorships/{id}/",
    "/mentorships/{id}/agreement/",
    "/mentorships/{id}/end/",
    "/mentorships/{id}/complete/",
]
POSTS = [
    "/mentorships/{id}/accept/",
    "/mentorships/{id}/decline/",
    "/mentorships/{id}/withdraw/",
    "/mentorships/{id}/confirm/",
    "/mentorships/{id}/end/",
    "/mentorships/{id}/complete/",
    "/mentorships/{id}/complete/decline/",
    "/mentorships/{id}/reopen/",
    "/mentorships/{id}/agreement/",
    "/mentorships/{id}/agreement/acknowledge/",
]


@pytest.mark.parametrize("url", PAGES + POSTS)
def test_outsiders_and_admins_get_404_and_anonymous_is_sent_to_sign_in(
    pair, outsider, program_admin, url
):
    target = url.format(id=pair.public_id)
    method = "post" if url in POSTS else "get"
    for person in (outsider, program_admin):
        assert getattr(page_client(person), method)(target).status_code == 404
    r = getattr(Client(), method)(target)
    assert r.status_code == 302
    assert r["Location"].startswith("/signin/")
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE


def test_times_on_pages_are_shown_in_the_viewers_time_zone(pair, mentee, mentor):
    from alongside.mentorships.models import Transition

    Transition.objects.filter(mentorship=pair).update(
        at=dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    )
    # The mentee lives in New York (UTC-4 in July), the mentor in Berlin (UTC+2).
    assert (
        "1 Jul 2026, 08:00"
        in page_client(mentee).get(f"/mentorships/{pair.public_id}/").content.decode()
    )
    assert (
        "1 Jul 2026, 14:00"
        in page_client(mentor).get(f"/mentorships/{pair.public_id}/").content.decode()
    )


def test_the_first_agreement_form_asks_no_reason_and_names_the_pair(pair, mentee):
    html = page_client(mentee).get(f"/mentorships/{pair.public_id}/agreement/").content.decode()
    assert 'name="reason"' not in html
    assert "What Ada hopes to get" in html
    assert "What Grace offers" in html


def test_a_new_mentor_is_offered_to_find_a_mentor_in_plain_words(db):
    from conftest import make_person

    lin = make_person("lin@example.org", "Lin New", open_to_mentor=True)
    page = page_client(lin).get("/").content.decode()
    assert "You can also\n      <a" in page or "You can also" in page
    assert "find a mentor</a>" in page
    assert "also finding" not in " ".join(page.split())


def test_the_favicon_is_there(client):
    r = client.get("/favicon.ico", follow=True)
    assert r.status_code == 200
    assert b"<svg" in b"".join(r.streaming_content) if r.streaming else r.content
