"""GET and PATCH /me, and one person's public profile at /people/{id}."""

import uuid

import pytest

from alongside.people.models import Person


def field_errors(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


# --- GET /me -------------------------------------------------------------------------


def test_it_shows_me_my_own_profile_with_my_email(mentee, api_as):
    r = api_as(mentee).get("/me")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == str(mentee.public_id)
    assert body["email"] == "ada@example.org"
    assert body["skills"] == ["Python"]
    assert body["timezone"] == "America/New_York"
    assert body["seeking_mentor"] is True
    assert "password" not in body
    assert "pk" not in body and "search_text" not in body


def test_it_records_when_i_was_last_active(mentee, api_as):
    assert mentee.last_active is None
    api_as(mentee).get("/me")
    mentee.refresh_from_db()
    assert mentee.last_active is not None


def test_it_answers_401_to_anonymous_on_me(db, api_as):
    for r in [api_as(None).get("/me"), api_as(None).patch("/me", {"headline": "Hi"})]:
        assert r.status_code == 401
        assert r.json()["code"] == "not_authenticated"
        assert "Bearer" in r.json()["detail"]


# --- PATCH /me -----------------------------------------------------------------------


def test_it_changes_only_the_fields_sent(mentee, api_as):
    r = api_as(mentee).patch("/me", {"headline": "Backend developer", "mentor_capacity": 0})
    assert r.status_code == 200, r.content
    assert r.json()["headline"] == "Backend developer"
    mentee.refresh_from_db()
    assert mentee.headline == "Backend developer"
    assert mentee.name == "Ada Mentee"
    assert mentee.skills == ["Python"]
    assert mentee.timezone == "America/New_York"


def test_it_trims_skills_and_drops_duplicates_whatever_their_case(mentee, api_as):
    r = api_as(mentee).patch("/me", {"skills": [" Python ", "python", "SQL", "", "  "]})
    assert r.status_code == 200, r.content
    assert r.json()["skills"] == ["Python", "SQL"]
    mentee.refresh_from_db()
    assert mentee.skills == ["Python", "SQL"]


def test_it_collapses_inner_spaces_in_tags(mentee, api_as):
    r = api_as(mentee).patch("/me", {"interests": ["public    speaking", "Public Speaking"]})
    assert r.json()["interests"] == ["public speaking"]


def test_it_trims_text_fields(mentee, api_as):
    r = api_as(mentee).patch("/me", {"name": "  Ada Lovelace  ", "headline": " Hi "})
    assert r.status_code == 200
    assert r.json()["name"] == "Ada Lovelace"
    assert r.json()["headline"] == "Hi"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Kolkata", "UTC"])
def test_it_accepts_an_iana_timezone(mentee, api_as, zone):
    r = api_as(mentee).patch("/me", {"timezone": zone})
    assert r.status_code == 200
    assert r.json()["timezone"] == zone


@pytest.mark.parametrize("zone", ["Mars/Olympus", "CEST", "europe/berlin", "", "+02:00"])
def test_it_refuses_a_timezone_that_is_not_an_iana_name(mentee, api_as, zone):
    r = api_as(mentee).patch("/me", {"timezone": zone})
    assert r.status_code == 422
    assert "timezone" in field_errors(r)
    assert "IANA" in field_errors(r)["timezone"]
    mentee.refresh_from_db()
    assert mentee.timezone == "America/New_York"


@pytest.mark.parametrize("capacity", [0, 1, 20])
def test_it_accepts_a_capacity_from_0_to_20(mentor, api_as, capacity):
    r = api_as(mentor).patch("/me", {"mentor_capacity": capacity})
    assert r.status_code == 200
    mentor.refresh_from_db()
    assert mentor.mentor_capacity == capacity


@pytest.mark.parametrize("capacity", [-1, 21, 1000, 2.5, "many", True])
def test_it_refuses_a_capacity_outside_0_to_20(mentor, api_as, capacity):
    r = api_as(mentor).patch("/me", {"mentor_capacity": capacity})
    assert r.status_code == 422
    assert "mentor_capacity" in field_errors(r)
    mentor.refresh_from_db()
    assert mentor.mentor_capacity == 2


def test_it_gives_a_capacity_of_one_to_a_new_mentor_with_none(mentee, api_as):
    r = api_as(mentee).patch("/me", {"open_to_mentor": True})
    assert r.json()["open_to_mentor"] is True
    assert r.json()["mentor_capacity"] == 1


@pytest.mark.parametrize(("field", "limit"), [("name", 120), ("headline", 200), ("bio", 4000)])
def test_it_enforces_the_length_of_text_fields(mentee, api_as, field, limit):
    api = api_as(mentee)
    assert api.patch("/me", {field: "x" * limit}).status_code == 200
    r = api.patch("/me", {field: "y" * (limit + 1)})
    assert r.status_code == 422
    assert field in field_errors(r)
    mentee.refresh_from_db()
    assert getattr(mentee, field) == "x" * limit


def test_it_enforces_the_length_and_number_of_tags(mentee, api_as):
    api = api_as(mentee)
    r = api.patch("/me", {"skills": ["x" * 61]})
    assert r.status_code == 422
    assert field_errors(r).keys() == {"skills.0"}
    r = api.patch("/me", {"skills": [f"skill {i}" for i in range(31)]})
    assert r.status_code == 422
    assert "at most 30" in field_errors(r)["skills"]
    r = api.patch("/me", {"skills": [f"skill {i}" for i in range(30)]})
    assert r.status_code == 200
    assert len(r.json()["skills"]) == 30


def test_it_refuses_a_blank_name(mentee, api_as):
    r = api_as(mentee).patch("/me", {"name": "   "})
    assert r.status_code == 422
    assert field_errors(r) == {"name": "This field is required."}


def test_it_refuses_null_for_a_field_that_needs_a_value(mentee, api_as):
    r = api_as(mentee).patch("/me", {"name": None, "open_to_mentor": None})
    assert r.status_code == 422
    assert field_errors(r).keys() == {"name", "open_to_mentor"}
    mentee.refresh_from_db()
    assert mentee.name == "Ada Mentee"


def test_it_reports_every_bad_field_and_saves_none_of_the_good_ones(mentee, api_as):
    r = api_as(mentee).patch("/me", {"headline": "Saved?", "timezone": "Nowhere/Else", "name": " "})
    assert r.status_code == 422
    assert field_errors(r).keys() == {"timezone", "name"}
    assert "2 fields need attention" in r.json()["detail"]
    mentee.refresh_from_db()
    assert mentee.headline == ""


def test_it_refuses_a_channel_it_does_not_know(mentee, api_as):
    r = api_as(mentee).patch("/me", {"channel": "carrier pigeon"})
    assert r.status_code == 422
    assert "channel" in field_errors(r)
    assert api_as(mentee).patch("/me", {"channel": "phone"}).json()["channel"] == "phone"


def test_it_refuses_to_change_the_email_or_the_id(mentee, api_as):
    for body in [{"email": "other@example.org"}, {"id": str(uuid.uuid4())}, {"is_staff": True}]:
        r = api_as(mentee).patch("/me", body)
        assert r.status_code == 422
    mentee.refresh_from_db()
    assert mentee.email == "ada@example.org"
    assert mentee.is_staff is False


def test_it_keeps_search_in_step_with_the_profile(mentee, api_as):
    api_as(mentee).patch("/me", {"skills": ["Rust"]})
    assert Person.objects.filter(skills_text__contains="|rust|").get() == mentee
    assert not Person.objects.filter(pk=mentee.pk, skills_text__contains="|python|").exists()


# --- GET /people/{id} ----------------------------------------------------------------


def test_it_shows_an_outsider_a_public_profile_without_the_email(mentee, outsider, api_as):
    r = api_as(outsider).get(f"/people/{mentee.public_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == str(mentee.public_id)
    assert body["name"] == "Ada Mentee"
    assert body["skills"] == ["Python"]
    assert "email" not in body
    assert b"ada@example.org" not in r.content


@pytest.mark.parametrize("persona", ["mentor", "program_admin", "mentee"])
def test_it_shows_every_signed_in_persona_a_profile_without_the_email(
    mentee, api_as, persona, request
):
    viewer = request.getfixturevalue(persona)
    r = api_as(viewer).get(f"/people/{mentee.public_id}")
    assert r.status_code == 200
    assert "email" not in r.json()


def test_it_answers_401_to_anonymous_on_a_profile(mentee, api_as):
    r = api_as(None).get(f"/people/{mentee.public_id}")
    assert r.status_code == 401
    assert b"Ada" not in r.content


@pytest.mark.parametrize(
    "person_id",
    # A fixed unknown id, not uuid4(): pytest-xdist's workers must collect the same names.
    [
        "5f0c7a52-3b7e-4d8f-9a41-2c6e8d9b1f03",
        "not-a-uuid",
        "1",
        "%20",
        "00000000-0000-0000-0000-0000000000zz",
    ],
)
def test_it_answers_404_json_for_an_unknown_or_malformed_id(outsider, api_as, person_id):
    r = api_as(outsider).get(f"/people/{person_id}")
    assert r.status_code == 404
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["code"] == "not_found"
    assert r.json()["detail"]


def test_it_answers_404_for_the_integer_key_of_a_person(mentee, outsider, api_as):
    r = api_as(outsider).get(f"/people/{mentee.pk}")
    assert r.status_code == 404


def test_it_hides_a_deactivated_person(mentee, outsider, api_as):
    mentee.is_active = False
    mentee.save()
    assert api_as(outsider).get(f"/people/{mentee.public_id}").status_code == 404
