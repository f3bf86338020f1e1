"""GET /people: search by name and skill, the mentor filter, and pagination."""

import pytest

from alongside.people.models import Person


def names(response) -> set[str]:
    return {p["name"] for p in response.json()["items"]}


def make_many(count: int) -> None:
    """People without a usable password: quick to create, enough to page through."""
    for i in range(count):
        Person.objects.create_user(email=f"p{i:02}@example.org", name=f"Person {i:02}")


@pytest.fixture
def everyone(mentee, mentor, program_admin, outsider) -> None:
    return None


def test_it_lists_people_as_items_and_count(everyone, outsider, api_as):
    r = api_as(outsider).get("/people")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"items", "count"}
    assert body["count"] == 4
    assert names(r) == {"Ada Mentee", "Grace Mentor", "Morgan Admin", "Eve Outsider"}


def test_it_never_shows_an_email_in_the_list(everyone, outsider, api_as):
    r = api_as(outsider).get("/people")
    assert all("email" not in p for p in r.json()["items"])
    assert b"@example.org" not in r.content


def test_it_searches_by_name_whatever_the_case(everyone, outsider, api_as):
    assert names(api_as(outsider).get("/people?q=GRACE")) == {"Grace Mentor"}
    assert names(api_as(outsider).get("/people?q=ada%20mentee")) == {"Ada Mentee"}


def test_it_searches_words_in_skills_and_interests(everyone, outsider, api_as):
    assert names(api_as(outsider).get("/people?q=python")) == {"Ada Mentee", "Eve Outsider"}
    # Ada lists public speaking as an interest, Grace as a skill.
    r = api_as(outsider).get("/people?q=public+speaking")
    assert names(r) == {"Ada Mentee", "Grace Mentor"}
    assert r.json()["count"] == 2


def test_it_needs_every_word_of_the_query(everyone, outsider, api_as):
    assert names(api_as(outsider).get("/people?q=python+grace")) == set()


def test_it_filters_by_one_exact_skill(everyone, outsider, api_as):
    r = api_as(outsider).get("/people?skill=Public%20Speaking")
    assert names(r) == {"Grace Mentor"}
    assert names(api_as(outsider).get("/people?skill=lead")) == set()
    assert names(api_as(outsider).get("/people?skill=leadership")) == {"Grace Mentor"}


def test_it_treats_like_wildcards_in_a_query_as_plain_text(everyone, outsider, api_as):
    assert api_as(outsider).get("/people?q=%25").json()["count"] == 0
    assert api_as(outsider).get("/people?q=_").json()["count"] == 0


def test_it_filters_people_open_to_mentoring(everyone, mentee, api_as):
    r = api_as(mentee).get("/people?open_to_mentor=true")
    assert names(r) == {"Grace Mentor"}
    assert r.json()["count"] == 1
    r = api_as(mentee).get("/people?open_to_mentor=false")
    assert "Grace Mentor" not in names(r)
    assert "Eve Outsider" in names(r)


def test_it_leaves_out_deactivated_people(everyone, outsider, mentor, api_as):
    mentor.is_active = False
    mentor.save()
    r = api_as(outsider).get("/people?q=grace")
    assert r.json() == {"items": [], "count": 0}


def test_it_pages_with_limit_and_offset(outsider, api_as):
    make_many(25)
    api = api_as(outsider)
    first = api.get("/people?limit=10").json()
    assert first["count"] == 26
    assert len(first["items"]) == 10
    assert first["items"][0]["name"] == "Eve Outsider"
    last = api.get("/people?q=person&limit=10&offset=20").json()
    assert last["count"] == 25
    assert [p["name"] for p in last["items"]] == [f"Person {i:02}" for i in range(20, 25)]
    beyond = api.get("/people?q=person&offset=500").json()
    assert beyond == {"items": [], "count": 25}


def test_it_never_repeats_or_skips_anyone_across_pages(outsider, api_as):
    make_many(12)
    api = api_as(outsider)
    seen = []
    for offset in range(0, 13, 5):
        seen += [p["id"] for p in api.get(f"/people?limit=5&offset={offset}").json()["items"]]
    assert len(seen) == len(set(seen)) == 13


def test_it_pages_20_at_a_time_by_default(outsider, api_as):
    make_many(30)
    body = api_as(outsider).get("/people").json()
    assert len(body["items"]) == 20
    assert body["count"] == 31


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=ten",
        "offset=-1",
        "open_to_mentor=perhaps",
        "q=" + "x" * 201,
        "skill=" + "x" * 61,
    ],
)
def test_it_refuses_bad_list_parameters_with_422(outsider, api_as, query):
    r = api_as(outsider).get(f"/people?{query}")
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid"
    assert body["errors"][0]["field"] == query.split("=")[0]


def test_it_answers_401_to_anonymous_on_the_list(everyone, api_as):
    r = api_as(None).get("/people")
    assert r.status_code == 401
    assert b"Grace" not in r.content
