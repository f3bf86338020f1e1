"""Programs over the API, as each persona: staff create them, admins run them, members
see the ones they take part in, outsiders see only the open ones, anonymous callers
nothing."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.mentorships.services import mentorship_propose
from alongside.programs.models import Enrollment, Program

NEW = {
    "name": "Autumn leaders",
    "description": "Six months, one mentor each.",
    "starts_on": "2027-01-10",
    "ends_on": "2027-07-10",
    "enrollment": "import",
    "matching": "both",
    "require_shared_language": True,
    "avoid_same_department": True,
}


def ids(response):
    return [item["id"] for item in response.json()["items"]]


# --- POST /programs ----------------------------------------------------------------------


def test_staff_create_a_program_and_become_its_admin(api_as, staff):
    response = api_as(staff).post("/programs", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in NEW} == NEW
    assert body["is_admin"] is True
    program = Program.objects.get(public_id=body["id"])
    assert list(program.admins.all()) == [staff]
    assert program.slug == "autumn-leaders"


def test_a_new_program_is_invite_only_and_admin_matched_unless_said_otherwise(api_as, staff):
    body = api_as(staff).post("/programs", {"name": "Quiet one"}).json()
    assert (body["enrollment"], body["matching"]) == ("invite", "admin")


def test_two_programs_of_the_same_name_get_different_slugs(api_as, staff):
    api_as(staff).post("/programs", {"name": "Twins"})
    api_as(staff).post("/programs", {"name": "Twins"})
    assert sorted(Program.objects.filter(name="Twins").values_list("slug", flat=True)) == [
        "twins",
        "twins-2",
    ]


@pytest.mark.parametrize("persona", ["program_admin", "mentee", "outsider"])
def test_only_staff_create_programs(api_as, request, persona, staff):
    response = api_as(request.getfixturevalue(persona)).post("/programs", NEW)
    assert response.status_code == 403
    assert response.json()["code"] == "staff_only"
    assert not Program.objects.filter(name=NEW["name"]).exists()


def test_anonymous_callers_create_nothing(api_as, db):
    assert api_as(None).post("/programs", NEW).status_code == 401


def test_a_program_cannot_end_before_it_starts(api_as, staff):
    response = api_as(staff).post("/programs", {**NEW, "ends_on": "2026-12-31"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "ends_on"
    assert "before it starts (2027-01-10)" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "Two\nlines"}, "name"),
        ({"enrollment": "anyone"}, "enrollment"),
        ({"matching": "random"}, "matching"),
        ({"starts_on": "next week"}, "starts_on"),
        ({"require_shared_language": "yes"}, "require_shared_language"),
        ({"name": "x" * 121}, "name"),
    ],
)
def test_a_bad_field_is_named_in_a_422(api_as, staff, change, field):
    response = api_as(staff).post("/programs", {**NEW, **change})
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]


# --- GET /programs and GET /programs/{id} -----------------------------------------------


def test_the_list_shows_what_each_persona_may_see(
    api_as, cohort, open_program, mentee, program_admin, outsider
):
    everyone_sees = {"Community", "Open circle"}
    names = lambda person: {i["name"] for i in api_as(person).get("/programs").json()["items"]}  # noqa: E731
    assert names(outsider) == everyone_sees
    assert names(mentee) == everyone_sees | {"Spring cohort"}
    assert names(program_admin) == everyone_sees | {"Spring cohort"}


def test_the_list_says_what_each_program_is_to_the_caller(api_as, cohort, mentee):
    items = {i["name"]: i for i in api_as(mentee).get("/programs").json()["items"]}
    assert items["Spring cohort"]["my_roles"] == ["mentee"]
    assert items["Spring cohort"]["is_admin"] is False
    assert items["Community"]["my_roles"] == []


def test_the_list_pages_with_limit_and_offset(api_as, cohort, open_program, program_admin):
    body = api_as(program_admin).get("/programs?limit=1&offset=1").json()
    assert body["count"] == 3
    assert [i["name"] for i in body["items"]] == ["Open circle"]


def test_anonymous_callers_get_no_list(api_as, db):
    assert api_as(None).get("/programs").status_code == 401


def test_a_closed_program_is_a_404_to_an_outsider_and_seen_by_its_members(
    api_as, cohort, mentee, program_admin, outsider
):
    path = f"/programs/{cohort.public_id}"
    assert api_as(outsider).get(path).status_code == 404
    assert api_as(None).get(path).status_code == 401
    assert api_as(mentee).get(path).json()["name"] == "Spring cohort"
    assert api_as(program_admin).get(path).json()["is_admin"] is True


def test_a_malformed_program_id_is_a_404(api_as, mentee):
    assert api_as(mentee).get("/programs/not-a-uuid").status_code == 404


# --- PATCH /programs/{id} -----------------------------------------------------------------


def test_an_admin_changes_the_settings_sent_and_nothing_else(api_as, cohort, program_admin):
    response = api_as(program_admin).patch(
        f"/programs/{cohort.public_id}", {"matching": "both", "ends_on": "2030-01-01"}
    )
    assert response.status_code == 200, response.content
    cohort.refresh_from_db()
    assert (cohort.matching, cohort.ends_on, cohort.name) == (
        "both",
        dt.date(2030, 1, 1),
        "Spring cohort",
    )


def test_a_member_may_see_the_program_but_not_change_it(api_as, cohort, mentee, outsider):
    path = f"/programs/{cohort.public_id}"
    assert api_as(mentee).patch(path, {"name": "Mine now"}).status_code == 403
    assert api_as(outsider).patch(path, {"name": "Mine now"}).status_code == 404
    assert api_as(None).patch(path, {"name": "Mine now"}).status_code == 401
    cohort.refresh_from_db()
    assert cohort.name == "Spring cohort"


def test_a_patch_keeps_the_dates_in_order_with_the_stored_ones(api_as, cohort, program_admin):
    path = f"/programs/{cohort.public_id}"
    api_as(program_admin).patch(path, {"starts_on": "2027-03-01"})
    response = api_as(program_admin).patch(path, {"ends_on": "2027-02-01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ends_on"


def test_a_patch_cannot_empty_the_name(api_as, cohort, program_admin):
    response = api_as(program_admin).patch(f"/programs/{cohort.public_id}", {"name": None})
    assert response.status_code == 422


def test_the_community_program_stays_open(api_as, program_admin):
    from alongside.programs.selectors import community_program

    path = f"/programs/{community_program().public_id}"
    response = api_as(program_admin).patch(path, {"enrollment": "invite"})
    assert response.status_code == 409
    assert response.json()["code"] == "community_stays_open"


# --- POST /programs/{id}/admins ---------------------------------------------------------


def test_an_admin_adds_an_admin_who_then_runs_the_program(api_as, cohort, program_admin, outsider):
    response = api_as(program_admin).post(
        f"/programs/{cohort.public_id}/admins", {"person_id": str(outsider.public_id)}
    )
    assert response.status_code == 200, response.content
    assert {a["name"] for a in response.json()["admins"]} == {"Morgan Admin", "Eve Outsider"}
    again = api_as(outsider).patch(f"/programs/{cohort.public_id}", {"description": "Run by Eve"})
    assert again.status_code == 200


def test_adding_an_admin_twice_changes_nothing(api_as, cohort, program_admin):
    path = f"/programs/{cohort.public_id}/admins"
    body = {"person_id": str(program_admin.public_id)}
    assert api_as(program_admin).post(path, body).status_code == 200
    assert cohort.admins.count() == 1


def test_members_and_outsiders_add_no_admins(api_as, cohort, mentee, outsider):
    path = f"/programs/{cohort.public_id}/admins"
    body = {"person_id": str(mentee.public_id)}
    assert api_as(mentee).post(path, body).status_code == 403
    assert api_as(outsider).post(path, body).status_code == 404
    assert api_as(None).post(path, body).status_code == 401
    assert list(cohort.admins.values_list("email", flat=True)) == ["morgan@example.org"]


def test_an_unknown_person_is_a_404(api_as, cohort, program_admin):
    response = api_as(program_admin).post(
        f"/programs/{cohort.public_id}/admins",
        {"person_id": "00000000-0000-4000-8000-000000000000"},
    )
    assert response.status_code == 404


# --- POST /programs/{id}/enrollments ------------------------------------------------------


def test_anyone_signed_in_enrolls_in_an_open_program(api_as, open_program, outsider):
    response = api_as(outsider).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentor", "capacity": 2}
    )
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "mentor"
    enrollment = Enrollment.objects.get(program=open_program, person=outsider)
    assert (enrollment.role, enrollment.capacity, enrollment.status) == ("mentor", 2, "active")


def test_a_mentor_says_their_capacity_and_a_mentee_has_none(api_as, open_program, outsider):
    path = f"/programs/{open_program.public_id}/enrollments"
    no_capacity = api_as(outsider).post(path, {"role": "mentor"})
    assert no_capacity.status_code == 422
    assert no_capacity.json()["errors"][0]["field"] == "capacity"
    assert api_as(outsider).post(path, {"role": "mentee", "capacity": 3}).status_code == 422
    assert api_as(outsider).post(path, {"role": "mentor", "capacity": 21}).status_code == 422


def test_enrolling_twice_in_the_same_role_is_a_409(api_as, open_program, outsider):
    path = f"/programs/{open_program.public_id}/enrollments"
    assert api_as(outsider).post(path, {"role": "mentee"}).status_code == 201
    again = api_as(outsider).post(path, {"role": "mentee"})
    assert again.status_code == 409
    assert again.json()["code"] == "already_enrolled"


def test_a_person_may_mentor_in_one_program_and_be_mentored_in_another(
    api_as, open_program, cohort, mentee
):
    response = api_as(mentee).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentor", "capacity": 1}
    )
    assert response.status_code == 201
    roles = set(Enrollment.objects.filter(person=mentee).values_list("program__name", "role"))
    assert roles == {("Open circle", "mentor"), ("Spring cohort", "mentee")}


def test_a_member_cannot_enroll_themself_in_another_role_of_an_invite_only_program(
    api_as, cohort, mentee
):
    response = api_as(mentee).post(
        f"/programs/{cohort.public_id}/enrollments", {"role": "mentor", "capacity": 1}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "enrollment_closed"


def test_an_invited_person_accepts_their_invitation_by_enrolling(api_as, cohort, outsider):
    from alongside.programs.services import enrollment_create

    enrollment_create(program=cohort, person=outsider, role="mentee", status="invited")
    response = api_as(outsider).post(
        f"/programs/{cohort.public_id}/enrollments", {"role": "mentee"}
    )
    assert response.status_code == 201, response.content
    assert Enrollment.objects.get(program=cohort, person=outsider).status == "active"


def test_an_outsider_cannot_enroll_in_a_program_they_cannot_see(api_as, cohort, outsider):
    response = api_as(outsider).post(
        f"/programs/{cohort.public_id}/enrollments", {"role": "mentee"}
    )
    assert response.status_code == 404
    assert (
        api_as(None)
        .post(f"/programs/{cohort.public_id}/enrollments", {"role": "mentee"})
        .status_code
        == 401
    )
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_an_admin_enrolls_someone_in_an_invite_only_program(
    api_as, cohort, program_admin, outsider
):
    response = api_as(program_admin).post(
        f"/programs/{cohort.public_id}/enrollments",
        {"role": "mentor", "capacity": 3, "person_id": str(outsider.public_id)},
    )
    assert response.status_code == 201, response.content
    assert response.json()["person"]["name"] == "Eve Outsider"


def test_a_member_does_not_enroll_someone_else(api_as, open_program, mentee, outsider):
    response = api_as(mentee).post(
        f"/programs/{open_program.public_id}/enrollments",
        {"role": "mentee", "person_id": str(outsider.public_id)},
    )
    assert response.status_code == 403
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_nobody_enrolls_themself_in_a_program_that_has_ended(api_as, open_program, outsider):
    open_program.ends_on = tz.localdate() - dt.timedelta(days=2)
    open_program.save()
    response = api_as(outsider).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentee"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "program_ended"


# --- GET /programs/{id}/participants ----------------------------------------------------


@pytest.fixture
def roster(cohort, mentor, outsider, program_admin):
    """Ada (mentee) is proposed a pair with Grace (mentor); Eve is an unmatched mentee."""
    from alongside.programs.services import enrollment_create

    enrollment_create(program=cohort, person=mentor, role="mentor", capacity=2)
    enrollment_create(program=cohort, person=outsider, role="mentee")
    mentee = Enrollment.objects.get(program=cohort, role="mentee", person__name="Ada Mentee").person
    mentorship_propose(program=cohort, mentor=mentor, mentee=mentee, proposer=program_admin)
    return cohort


def names(response):
    assert response.status_code == 200, response.content
    return [(i["person"]["name"], i["role"], i["matched"]) for i in response.json()["items"]]


def test_an_admin_lists_participants_with_whether_they_are_matched(api_as, roster, program_admin):
    response = api_as(program_admin).get(f"/programs/{roster.public_id}/participants")
    assert names(response) == [
        ("Ada Mentee", "mentee", True),
        ("Eve Outsider", "mentee", False),
        ("Grace Mentor", "mentor", True),
    ]
    assert response.json()["count"] == 3
    assert response.json()["items"][0]["email"] == "ada@example.org"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=mentor", [("Grace Mentor", "mentor", True)]),
        ("matched=false", [("Eve Outsider", "mentee", False)]),
        ("matched=true&role=mentee", [("Ada Mentee", "mentee", True)]),
        ("q=eve", [("Eve Outsider", "mentee", False)]),
        ("q=GRACE@example", [("Grace Mentor", "mentor", True)]),
        ("status=invited", []),
        ("limit=1&offset=1", [("Eve Outsider", "mentee", False)]),
    ],
)
def test_an_admin_filters_participants(api_as, roster, program_admin, query, expected):
    response = api_as(program_admin).get(f"/programs/{roster.public_id}/participants?{query}")
    assert names(response) == expected


def test_participants_are_for_admins_alone(api_as, roster, mentee, outsider, mentor):
    path = f"/programs/{roster.public_id}/participants"
    assert api_as(mentee).get(path).status_code == 403
    assert api_as(mentor).get(path).status_code == 403
    assert api_as(None).get(path).status_code == 401
    Enrollment.objects.filter(person=outsider).delete()
    assert api_as(outsider).get(path).status_code == 404


def test_a_bad_filter_is_a_422(api_as, roster, program_admin):
    response = api_as(program_admin).get(f"/programs/{roster.public_id}/participants?role=boss")
    assert response.status_code == 422


def queries(api, path):
    """The SQL queries of one GET, made as a bare request (Api.call also runs the worker),
    after a first one that may note the caller's activity."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.client.get("/api/v1" + path, headers=api.headers)
    with CaptureQueriesContext(connection) as captured:
        response = api.client.get("/api/v1" + path, headers=api.headers)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def test_the_participants_list_costs_the_same_queries_for_3_or_30_people(
    api_as, roster, program_admin
):
    from alongside.programs.services import enrollment_create
    from conftest import make_person

    api = api_as(program_admin)
    path = f"/programs/{roster.public_id}/participants?limit=100"
    few = queries(api, path)
    for i in range(27):
        enrollment_create(
            program=roster, person=make_person(f"p{i}@example.org", f"P {i}"), role="mentee"
        )
    assert queries(api, path) == few
    assert api.get(path).json()["count"] == 30


def test_the_program_list_costs_the_same_queries_for_any_number_of_programs(api_as, staff):
    api = api_as(staff)
    api.post("/programs", {"name": "First"})
    few = queries(api, "/programs")
    for i in range(10):
        api.post("/programs", {"name": f"Program {i}"})
    assert queries(api, "/programs") == few
    assert api.get("/programs").json()["count"] == 12


def test_a_description_keeps_its_line_breaks_and_a_name_may_not_have_any(
    api_as, cohort, program_admin
):
    path = f"/programs/{cohort.public_id}"
    response = api_as(program_admin).patch(path, {"description": "Six months.\nOne mentor."})
    assert response.status_code == 200, response.content
    assert response.json()["description"] == "Six months.\nOne mentor."
    refused = api_as(program_admin).patch(path, {"name": "Spring\u202ecohort"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "name"
