"""The people directory lists people open to mentoring by default (looking for a mentor
is why most people open it), with filters for skill, language and time zone; the same
filters in the API; paging keeps them."""

import time_machine

from alongside.people.models import Person
from conftest import make_person, page_client

SUMMER = "2027-07-01T12:00:00Z"  # Berlin UTC+2, Lagos UTC+1, New York UTC-4, Tokyo UTC+9


MENTORS = [
    ("Berlin Mentor", "Europe/Berlin", ["German", "Spanish"], ["Python"]),
    ("Lagos Mentor", "Africa/Lagos", ["English"], ["Design"]),
    ("Tokyo Mentor", "Asia/Tokyo", ["Japanese", "Spanish"], ["Python"]),
]


def _people():
    for name, zone, languages, skills in MENTORS:
        email = f"{name.split()[0].lower()}@example.org"
        make_person(email, name, timezone=zone, languages=languages, skills=skills,
                    open_to_mentor=True, mentor_capacity=2)  # fmt: skip
    make_person("n@example.org", "Nina Mentee", timezone="Europe/Berlin", languages=["Spanish"])


def _names(html: str) -> set[str]:
    names = {p.name for p in Person.objects.all()}
    return {name for name in names if f">{name}<" in html}


def test_by_default_only_people_open_to_mentoring_are_listed(mentee):
    _people()
    html = page_client(mentee).get("/people/").content.decode()
    assert _names(html) >= {"Berlin Mentor", "Lagos Mentor", "Tokyo Mentor"}
    assert "Nina Mentee" not in _names(html)
    everyone = page_client(mentee).get("/people/?who=everyone").content.decode()
    assert "Nina Mentee" in _names(everyone)


def test_language_and_skill_narrow_the_list(mentee):
    _people()
    client = page_client(mentee)
    spanish = _names(client.get("/people/?language=spanish").content.decode())
    assert spanish == {"Berlin Mentor", "Tokyo Mentor"}
    python_spanish = client.get("/people/?language=Spanish&skill=python").content.decode()
    assert _names(python_spanish) == {"Berlin Mentor", "Tokyo Mentor"}
    # A whole language, not a piece of one: "span" is no language.
    assert not _names(client.get("/people/?language=span").content.decode()) - {mentee.name}


@time_machine.travel(SUMMER, tick=False)
def test_time_zone_finds_people_whose_clock_is_near_mine(mentee):
    _people()
    Person.objects.filter(pk=mentee.pk).update(timezone="Europe/Berlin")
    client = page_client(mentee)
    assert _names(client.get("/people/?near=0").content.decode()) == {"Berlin Mentor"}
    near_3 = _names(client.get("/people/?near=3").content.decode())
    assert near_3 == {"Berlin Mentor", "Lagos Mentor"}
    near_6 = _names(client.get("/people/?near=6").content.decode())
    assert "Tokyo Mentor" not in near_6 and "Lagos Mentor" in near_6
    # An unknown choice is ignored, not an error.
    assert client.get("/people/?near=99").status_code == 200


@time_machine.travel(SUMMER, tick=False)
def test_the_api_offers_the_same_filters_and_refuses_out_of_range(mentee, api_as):
    _people()
    Person.objects.filter(pk=mentee.pk).update(timezone="Europe/Berlin")
    api = api_as(mentee)
    body = api.get("/people?open_to_mentor=true&language=Spanish&within_hours=3").json()
    assert [p["name"] for p in body["items"]] == ["Berlin Mentor"]
    assert api.get("/people?within_hours=13").status_code == 422
    assert api.get("/people?language=" + "x" * 61).status_code == 422


def test_paging_keeps_the_filters(mentee):
    for i in range(25):
        make_person(f"s{i}@example.org", f"Speaker {i:02}", languages=["Spanish"],
                    open_to_mentor=True, mentor_capacity=1)  # fmt: skip
    html = page_client(mentee).get("/people/?language=Spanish").content.decode()
    assert 'href="?language=Spanish&amp;page=2"' in html
