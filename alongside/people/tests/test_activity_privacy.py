"""When someone was last active is shown to themselves and to the people they are in an
active mentorship with, never to every signed-in stranger: pages and API."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.people.models import Person
from conftest import page_client


@pytest.fixture
def recently(mentee, mentor, outsider):
    """Everyone was active an hour ago."""
    Person.objects.update(last_active=tz.now() - dt.timedelta(hours=1))


def test_last_active_in_the_directory_is_hidden_from_people_without_a_mentorship_together(
    recently, mentor, outsider, api_as
):
    # The review's finding: a stranger read everyone's last activity from the directory.
    listed = api_as(outsider).get("/people?open_to_mentor=true").json()["items"]
    grace = next(p for p in listed if p["id"] == str(mentor.public_id))
    assert grace["last_active"] is None
    assert api_as(outsider).get(f"/people/{mentor.public_id}").json()["last_active"] is None
    for url in ("/people/?mentors=1", f"/people/{mentor.public_id}/"):
        html = page_client(outsider).get(url).content.decode()
        assert "Grace Mentor" in html
        assert "ctive recently" not in html
        assert " ago" not in html


def test_the_other_member_of_an_active_pair_sees_active_recently(
    pair, recently, mentor, mentee, api_as
):
    one = api_as(mentee).get(f"/people/{mentor.public_id}").json()
    assert one["last_active"] is not None
    listed = api_as(mentee).get("/people?q=grace").json()["items"]
    assert listed[0]["last_active"] is not None
    assert (
        "Active recently"
        in page_client(mentee).get(f"/people/{mentor.public_id}/").content.decode()
    )
    assert "active recently" in page_client(mentee).get("/people/?q=grace").content.decode()


def test_a_request_alone_does_not_show_when_someone_was_active(recently, mentor, outsider, api_as):
    asked = api_as(outsider).post("/mentorships", {"mentor_id": str(mentor.public_id)})
    assert asked.status_code == 201
    assert api_as(outsider).get(f"/people/{mentor.public_id}").json()["last_active"] is None


def test_i_see_my_own_last_activity(recently, mentee, api_as):
    assert api_as(mentee).get("/me").json()["last_active"] is not None
    assert api_as(mentee).get(f"/people/{mentee.public_id}").json()["last_active"] is not None


def test_long_ago_is_not_active_recently_even_for_the_pair(pair, mentor, mentee):
    Person.objects.filter(pk=mentor.pk).update(last_active=tz.now() - dt.timedelta(days=30))
    html = page_client(mentee).get(f"/people/{mentor.public_id}/").content.decode()
    assert "Active recently" not in html
