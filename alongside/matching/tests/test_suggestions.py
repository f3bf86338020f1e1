"""Mentee-choice suggestions, over the API and on the page: Ada is a mentee of the Choice
circle (invite-only, mentees choose); Grace and Lin mentor there; Morgan runs it; Eve is
an outsider. A mentor at capacity is never suggested; equal fits come in a different
order for different mentees; a request goes through the program's rules."""

from typing import Any

import pytest

from alongside.mentorships.models import Mentorship, Status
from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.programs.models import Program
from alongside.programs.services import enrollment_create
from conftest import make_person, make_program, page_client

ADA_ANSWERS = {
    "skills_wanted": ["Public speaking"],
    "goals": "Give a talk at the meetup without freezing.",
    "timezone": "Asia/Kolkata",
    "languages": ["English"],
    "seniority": 2,
}


@pytest.fixture
def circle(mentee: Any, mentor: Any, program_admin: Any) -> Program:
    program = make_program(
        program_admin, slug="choice-circle", name="Choice circle", matching="mentee_choice"
    )
    enrollment_create(program=program, person=mentee, role="mentee", answers=ADA_ANSWERS)
    enrollment_create(
        program=program,
        person=mentor,
        role="mentor",
        capacity=2,
        answers={
            "skills_offered": ["Public speaking", "Leadership"],
            "goals": "I coach people who give their first talk at a meetup.",
            "timezone": "Asia/Tokyo",
            "languages": ["English", "German"],
            "seniority": 6,
        },
    )
    return program


@pytest.fixture
def lin(circle: Program) -> Any:
    """A second mentor who fits Ada less: other skills, another language."""
    person = make_person("lin@example.org", "Lin Mentor", skills=["Go"])
    enrollment_create(
        program=circle,
        person=person,
        role="mentor",
        capacity=1,
        answers={
            "skills_offered": ["Go"],
            "timezone": "Asia/Tokyo",
            "languages": ["French"],
            "seniority": 3,
        },
    )
    return person


def path(program: Program) -> str:
    return f"/programs/{program.public_id}/suggestions"


def test_a_mentee_gets_the_best_fitting_mentor_first_with_the_engines_words(
    api_as, circle, lin, mentee
):
    response = api_as(mentee).get(path(circle))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert [first["rank"], second["rank"]] == [1, 2]
    assert first["mentor"]["name"] == "Grace Mentor" and second["mentor"]["name"] == "Lin Mentor"
    assert first["score"] > second["score"]
    assert set(first["factors"]) == {"language", "skills", "text", "timezone", "seniority"}
    assert all(0 <= v <= 1 for v in first["factors"].values())
    assert first["factors"]["skills"] == 1.0 and second["factors"]["skills"] == 0.0
    words = first["explanation"]
    assert "both speak English" in words
    assert "1 of 1 wanted skill (Public speaking)" in words
    assert "3.5 h apart" in words
    assert "mentor 4 levels more senior" in words
    assert "no shared language" in second["explanation"]
    assert first["free_places"] == 2


def test_seniority_counts_only_when_every_mentor_said_theirs(api_as, circle, mentee):
    olu = make_person("olu@example.org", "Olu Mentor")
    enrollment_create(program=circle, person=olu, role="mentor", capacity=1)
    items = api_as(mentee).get(path(circle)).json()["items"]
    assert all("seniority" not in i["factors"] for i in items)
    assert all("senior" not in i["explanation"] for i in items)


def test_a_mentor_at_capacity_in_the_program_is_not_suggested(api_as, circle, lin, mentee):
    other = make_person("bo@example.org", "Bo Mentee")
    enrollment_create(program=circle, person=other, role="mentee")
    # Lin's one place is taken by an active pair in this program.
    pair = mentorship_request(requester=other, mentor=lin, program=circle)
    mentorship_accept(mentorship=pair, actor=lin)
    names = [i["mentor"]["name"] for i in api_as(mentee).get(path(circle)).json()["items"]]
    assert names == ["Grace Mentor"]


def test_a_mentor_already_asked_is_left_out(api_as, circle, lin, mentee, mentor):
    mentorship_request(requester=mentee, mentor=mentor, program=circle)
    names = [i["mentor"]["name"] for i in api_as(mentee).get(path(circle)).json()["items"]]
    assert names == ["Lin Mentor"]


def test_equal_fits_are_not_shown_in_the_same_order_to_everyone(api_as, circle, mentor):
    equal = []
    for n in range(4):
        person = make_person(f"twin{n}@example.org", f"Twin {n}")
        enrollment_create(program=circle, person=person, role="mentor", capacity=3)
        equal.append(person.name)
    mentees = []
    for n in range(12):
        person = make_person(f"m{n}@example.org", f"Mentee {n}")
        enrollment_create(program=circle, person=person, role="mentee")
        mentees.append(person)
    firsts = []
    for person in mentees:
        items = api_as(person).get(path(circle) + "?limit=10").json()["items"]
        twins = [i["mentor"]["name"] for i in items if i["mentor"]["name"] in equal]
        assert sorted(twins) == sorted(equal)
        assert len({i["score"] for i in items if i["mentor"]["name"] in equal}) == 1
        firsts.append(twins[0])
        # The same mentee sees the same order each time.
        again = api_as(person).get(path(circle) + "?limit=10").json()["items"]
        assert [i["mentor"]["name"] for i in again] == [i["mentor"]["name"] for i in items]
    assert len(set(firsts)) >= 2, firsts


def test_only_the_programs_enrolled_mentees_get_suggestions(
    api_as, circle, mentee, mentor, program_admin, outsider
):
    assert api_as(None).get(path(circle)).status_code == 401
    assert api_as(outsider).get(path(circle)).status_code == 404
    for person in (mentor, program_admin):
        refused = api_as(person).get(path(circle))
        assert refused.status_code == 403 and refused.json()["code"] == "not_enrolled_mentee"
    assert api_as(mentee).get(path(circle)).status_code == 200


@pytest.mark.parametrize(("matching", "status"), [("admin", 403), ("both", 200)])
def test_where_the_admins_match_mentees_get_no_suggestions(
    api_as, circle, mentee, matching, status
):
    Program.objects.filter(pk=circle.pk).update(matching=matching)
    response = api_as(mentee).get(path(circle))
    assert response.status_code == status, response.content
    if status == 403:
        assert response.json()["code"] == "admin_matching"


def test_in_an_open_program_one_enrolls_as_a_mentee_first(api_as, outsider):
    open_program = Program.objects.create(
        slug="open-circle", name="Open circle", enrollment="open", matching="both"
    )
    refused = api_as(outsider).get(path(open_program))
    assert refused.status_code == 403 and "enroll as a mentee" in refused.json()["detail"]
    enrolled = api_as(outsider).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentee"}
    )
    assert enrolled.status_code == 201
    assert api_as(outsider).get(path(open_program)).json() == {"items": [], "count": 0}


def test_limit_and_offset_page_through_the_ranking(api_as, circle, lin, mentee):
    page = api_as(mentee).get(path(circle) + "?limit=1&offset=1").json()
    assert page["count"] == 2
    assert [i["mentor"]["name"] for i in page["items"]] == ["Lin Mentor"]
    assert page["items"][0]["rank"] == 2


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=101", "?limit=abc", "?limit=%00", "?offset=-1"]
)
def test_a_bad_limit_is_a_422(api_as, circle, mentee, query):
    response = api_as(mentee).get(path(circle) + query)
    assert response.status_code == 422, response.content


# --- The page ----------------------------------------------------------------------------


def test_the_page_shows_the_suggestions_and_a_mentee_asks_one(circle, lin, mentee, mentor):
    client = page_client(mentee)
    page = client.get(f"{path(circle)}/").content.decode()
    assert page.index("Grace Mentor") < page.index("Lin Mentor")
    assert "1 of 1 wanted skill (Public speaking)" in page
    assert "Ask Grace to mentor you" in page
    response = client.post(
        f"{path(circle)}/request/",
        {"prefix": "m1", "m1-mentor_id": str(mentor.public_id), "m1-message": "Hello!"},
        follow=True,
    )
    pair = Mentorship.objects.get(program=circle, mentee=mentee)
    assert response.redirect_chain[-1][0] == f"/mentorships/{pair.public_id}/"
    assert (pair.mentor, pair.status, pair.message) == (mentor, Status.REQUESTED, "Hello!")
    assert b"Your request is on its way to Grace Mentor." in response.content
    after = client.get(f"{path(circle)}/").content.decode()
    assert "Your requests here" in after and "waiting for an answer" in after
    assert "Ask Grace to mentor you" not in after


def test_a_request_from_the_page_obeys_the_programs_rules(circle, mentee, outsider):
    # Eve is not enrolled as a mentor here: the service refuses, the page says why.
    response = page_client(mentee).post(
        f"{path(circle)}/request/",
        {"prefix": "m1", "m1-mentor_id": str(outsider.public_id)},
        follow=True,
    )
    assert b"not enrolled as a mentor in Choice circle" in response.content
    assert not Mentorship.objects.filter(program=circle).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"prefix": "m1", "m1-mentor_id": "not-a-uuid"},
        {"prefix": "../../", "mentor_id": "x"},
        {"prefix": "m1", "m1-mentor_id": "00000000-0000-4000-8000-000000000000"},
        {"prefix": "m1", "m1-mentor_id": "", "m1-message": "x" * 5000},
    ],
)
def test_hostile_requests_from_the_page_change_nothing(circle, mentee, data):
    response = page_client(mentee).post(f"{path(circle)}/request/", data)
    assert response.status_code in (302, 404), response.status_code
    assert not Mentorship.objects.filter(program=circle).exists()


def test_the_page_refuses_who_may_not_choose(circle, mentor, program_admin, outsider):
    assert page_client(mentor).get(f"{path(circle)}/").status_code == 403
    assert page_client(program_admin).get(f"{path(circle)}/").status_code == 403
    assert page_client(outsider).get(f"{path(circle)}/").status_code == 404


def test_with_nobody_to_suggest_the_page_says_so(circle, mentee, mentor):
    Program.objects.filter(pk=circle.pk).update(require_shared_language=True)
    from alongside.programs.models import Enrollment

    Enrollment.objects.filter(person=mentor).update(answers={"languages": ["German"]})
    page = page_client(mentee).get(f"{path(circle)}/").content.decode()
    assert "No mentor with room fits you at the moment (pairs here must share a language)" in page


# --- A mentor's capacity in the program --------------------------------------------------


def test_an_imported_mentor_is_asked_and_accepts_within_the_programs_capacity(api_as, circle):
    # Imported people are not "open to mentor" in their profile, and have no capacity
    # there: their enrollment in the program says they mentor, and how many.
    olu = make_person("olu@example.org", "Olu Mentor")
    enrollment_create(program=circle, person=olu, role="mentor", capacity=1)
    first = make_person("p1@example.org", "First Mentee")
    second = make_person("p2@example.org", "Second Mentee")
    for person in (first, second):
        enrollment_create(program=circle, person=person, role="mentee")
    body = {"mentor_id": str(olu.public_id), "program_id": str(circle.public_id)}
    asked = [api_as(p).post("/mentorships", body) for p in (first, second)]
    assert [r.status_code for r in asked] == [201, 201], asked[0].content
    accepted = api_as(olu).post(f"/mentorships/{asked[0].json()['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    full = api_as(olu).post(f"/mentorships/{asked[1].json()['id']}/accept")
    assert full.status_code == 409 and full.json()["code"] == "at_capacity"
    assert "at capacity in Choice circle" in full.json()["detail"]
    # And Olu is suggested to nobody any more.
    items = api_as(second).get(path(circle)).json()["items"]
    assert "Olu Mentor" not in [i["mentor"]["name"] for i in items]
