"""Sign-up asks what a new person is here for (a mentor, to mentor, or both: the profile's
two flags follow) and their time zone: the browser's is chosen for them, and the list is
grouped by region with places only (no "Factory", no "localtime")."""

import re

import pytest
from django.test import Client

from alongside.people.models import Person
from alongside.people.services import timezone_choices
from conftest import screenshot


def _signup(**extra):
    data = {"name": "Ada", "email": "ada@example.org", "password": "a long sentence 42"}
    return Client().post("/signup/", {**data, **extra})


@pytest.mark.parametrize(
    ("here_to", "seeking", "open_to_mentor"),
    [("find", True, False), ("mentor", False, True), ("both", True, True)],
)
def test_what_a_person_is_here_for_sets_the_profile_flags(db, here_to, seeking, open_to_mentor):
    response = _signup(here_to=here_to, timezone="Europe/Berlin")
    assert response.status_code == 302, response.content.decode()[:1500]
    person = Person.objects.get(email="ada@example.org")
    assert (person.seeking_mentor, person.open_to_mentor) == (seeking, open_to_mentor)
    assert person.timezone == "Europe/Berlin"


def test_an_unknown_time_zone_or_purpose_is_refused_beside_the_field(db):
    response = _signup(here_to="lurk", timezone="Mars/Olympus")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_here_to_error"' in html and 'id="id_timezone_error"' in html
    assert not Person.objects.exists()


def test_the_api_takes_the_same_choices_and_defaults_to_finding_a_mentor(db, api_as):
    body = {"name": "Ada", "email": "ada@example.org", "password": "a long sentence 42"}
    assert (
        api_as().post("/auth/signup", {**body, "timezone": "Atlantis/Capital"}).status_code == 422
    )
    assert api_as().post("/auth/signup", {**body, "here_to": "lurk"}).status_code == 422
    assert api_as().post("/auth/signup", body).status_code == 201
    ada = Person.objects.get(email="ada@example.org")
    assert (ada.seeking_mentor, ada.open_to_mentor, ada.timezone) == (True, False, "UTC")
    body = {**body, "email": "grace@example.org", "here_to": "both", "timezone": "Asia/Tokyo"}
    assert api_as().post("/auth/signup", body).status_code == 201
    grace = Person.objects.get(email="grace@example.org")
    assert (grace.seeking_mentor, grace.open_to_mentor, grace.timezone) == (
        True,
        True,
        "Asia/Tokyo",
    )


def test_the_time_zone_list_is_grouped_by_region_with_places_only():
    groups = dict(timezone_choices())
    names = {name for zones in groups.values() for name, _ in zones}
    assert {"Factory", "localtime", "US/Eastern", "EST5EDT", "Etc/GMT+3"}.isdisjoint(names)
    assert ("Europe/Berlin", "Berlin") in groups["Europe"]
    assert ("America/New_York", "New York") in groups["America"]
    assert groups[""] == [("UTC", "UTC")]


def test_a_profile_saved_under_an_old_zone_name_keeps_it(mentee):
    from alongside.people.forms import ProfileForm

    Person.objects.filter(pk=mentee.pk).update(timezone="US/Eastern")
    mentee.refresh_from_db()
    html = ProfileForm.for_person(mentee).as_p()
    assert re.search(r'<option value="US/Eastern" selected>', html)


@pytest.mark.browser
def test_the_browser_time_zone_is_chosen_at_sign_up(new_page):
    for width in (1280, 375):
        page = new_page(width=width, timezone_id="Asia/Tokyo")
        page.goto(page.base + "/signup/")
        assert page.locator("#id_timezone").input_value() == "Asia/Tokyo"
        page.get_by_label("Mentor others").check()
        screenshot(page, f"signup-{width}")
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill("a long sentence 42")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/profile/")
    ada = Person.objects.get(email="ada@example.org")
    assert (ada.timezone, ada.open_to_mentor, ada.seeking_mentor) == ("Asia/Tokyo", True, False)
