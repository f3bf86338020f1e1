"""Invitations over the API: Morgan (the admin of the Spring cohort, invite-only) makes an
invite link and invites people by email; those invited accept, those with the link join;
the admins list; the enrollment questions a program asks and the answers it accepts."""

import pytest
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alongside.people.models import Person
from alongside.programs.models import Enrollment, Program


def base(cohort: Program) -> str:
    return f"/programs/{cohort.public_id}"


# --- Invite link -------------------------------------------------------------------------


def test_an_admin_makes_an_invite_link_and_only_admins_see_it(
    api_as, cohort, program_admin, mentee
):
    made = api_as(program_admin).post(f"{base(cohort)}/invite-link")
    assert made.status_code == 200, made.content
    url = made.json()["url"]
    cohort.refresh_from_db()
    assert url.endswith(f"/join/{cohort.invite_token}/")
    assert api_as(program_admin).get(base(cohort)).json()["invite_url"] == url
    assert api_as(mentee).get(base(cohort)).json()["invite_url"] is None


def test_someone_with_the_link_sees_the_program_and_joins_it(
    api_as, cohort, program_admin, outsider
):
    api_as(program_admin).post(f"{base(cohort)}/invite-link")
    cohort.refresh_from_db()
    path = f"/programs/join/{cohort.invite_token}"
    assert api_as(outsider).get(base(cohort)).status_code == 404  # without the link
    seen = api_as(outsider).get(path)
    assert seen.status_code == 200 and seen.json()["name"] == "Spring cohort"
    joined = api_as(outsider).post(path, {"role": "mentor", "capacity": 3})
    assert joined.status_code == 201, joined.content
    assert joined.json()["status"] == "active" and joined.json()["capacity"] == 3
    assert api_as(outsider).get(base(cohort)).json()["my_roles"] == ["mentor"]
    again = api_as(outsider).post(path, {"role": "mentor", "capacity": 3})
    assert again.status_code == 409 and again.json()["code"] == "already_enrolled"


def test_a_new_link_stops_the_old_one_and_off_stops_both(api_as, cohort, program_admin, outsider):
    api = api_as(program_admin)
    api.post(f"{base(cohort)}/invite-link")
    cohort.refresh_from_db()
    old = cohort.invite_token
    api.post(f"{base(cohort)}/invite-link")
    cohort.refresh_from_db()
    assert cohort.invite_token != old
    assert api_as(outsider).get(f"/programs/join/{old}").status_code == 404
    assert api_as(outsider).post(f"/programs/join/{old}", {"role": "mentee"}).status_code == 404
    off = api.delete(f"{base(cohort)}/invite-link")
    assert off.status_code == 200 and off.json() == {"url": None}
    new = cohort.invite_token
    cohort.refresh_from_db()
    assert cohort.invite_token == ""
    assert api_as(outsider).get(f"/programs/join/{new}").status_code == 404
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_a_link_works_only_while_the_program_takes_people_by_invitation(
    api_as, cohort, program_admin, outsider
):
    api_as(program_admin).post(f"{base(cohort)}/invite-link")
    cohort.refresh_from_db()
    token = cohort.invite_token
    api_as(program_admin).patch(base(cohort), {"enrollment": "import"})
    assert api_as(outsider).post(f"/programs/join/{token}", {"role": "mentee"}).status_code == 404
    refused = api_as(program_admin).post(f"{base(cohort)}/invite-link")
    assert refused.status_code == 409 and refused.json()["code"] == "not_by_invitation"


def test_only_the_admins_make_or_remove_the_link(api_as, cohort, mentee, outsider):
    assert api_as(mentee).post(f"{base(cohort)}/invite-link").status_code == 403
    assert api_as(mentee).delete(f"{base(cohort)}/invite-link").status_code == 403
    assert api_as(outsider).post(f"{base(cohort)}/invite-link").status_code == 404
    assert api_as(None).post(f"{base(cohort)}/invite-link").status_code == 401
    cohort.refresh_from_db()
    assert cohort.invite_token == ""


def test_a_made_up_or_hostile_token_is_a_404(api_as, cohort, outsider):
    for token in ["nope", "x" * 500, "%00", "' OR 1=1 --"]:
        response = api_as(outsider).get(f"/programs/join/{token}")
        assert response.status_code in (400, 404), (token, response.status_code)


# --- Invitations by email ----------------------------------------------------------------


def test_an_admin_invites_by_email_and_sees_who_joined(api_as, cohort, program_admin, outsider):
    api = api_as(program_admin)
    sent = api.post(
        f"{base(cohort)}/invitations",
        {"emails": ["Eve@Example.org", "nia@example.org", "nia@example.org"], "role": "mentee"},
    )
    assert sent.status_code == 201, sent.content
    assert sent.json() == {
        "invited": ["eve@example.org", "nia@example.org"],
        "already": [],
        "errors": [],
    }
    nia = Person.objects.get(email="nia@example.org")
    assert not nia.has_usable_password()
    # One email each: Nia (new) chooses a password first; Eve opens the program.
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_person) == {"eve@example.org", "nia@example.org"}
    reset_link = f"/password/reset/{urlsafe_base64_encode(force_bytes(nia.pk))}/"
    assert "First choose your password" in by_person["nia@example.org"]
    assert reset_link in by_person["nia@example.org"]
    assert f"/programs/{cohort.public_id}/" in by_person["eve@example.org"]
    assert "/password/reset/" not in by_person["eve@example.org"].split("ask for a new one")[0]
    assert "First choose your password" not in by_person["eve@example.org"]
    # Eve sees the program now, and accepts.
    assert api_as(outsider).get(base(cohort)).status_code == 200
    joined = api_as(outsider).post(f"{base(cohort)}/enrollments", {"role": "mentee"})
    assert joined.status_code == 201, joined.content
    listed = api.get(f"{base(cohort)}/invitations").json()
    assert listed["count"] == 2
    status = {item["email"]: item["status"] for item in listed["items"]}
    assert status == {"eve@example.org": "active", "nia@example.org": "invited"}
    waiting = api.get(f"{base(cohort)}/invitations?waiting=true").json()
    assert [i["email"] for i in waiting["items"]] == ["nia@example.org"]


def test_someone_enrolled_already_is_not_invited_again(api_as, cohort, program_admin, mentee):
    sent = api_as(program_admin).post(
        f"{base(cohort)}/invitations", {"emails": [mentee.email], "role": "mentee"}
    )
    assert sent.json()["already"] == [mentee.email] and sent.json()["invited"] == []
    assert mail.outbox == []


def test_a_closed_account_is_said_not_invited(api_as, cohort, program_admin, outsider):
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    sent = api_as(program_admin).post(
        f"{base(cohort)}/invitations", {"emails": [outsider.email], "role": "mentor"}
    )
    assert sent.json()["errors"] == [
        {"email": outsider.email, "message": "This account is closed."}
    ]
    assert not Enrollment.objects.filter(person=outsider).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"emails": ["not-an-address"], "role": "mentee"}, "emails"),
        ({"emails": [], "role": "mentee"}, "emails"),
        ({"emails": ["a@example.org"], "role": "admin"}, "role"),
        ({"emails": [f"p{i}@example.org" for i in range(201)], "role": "mentee"}, "emails"),
        ({"emails": "a@example.org", "role": "mentee"}, "emails"),
    ],
)
def test_bad_invitations_are_a_422_that_names_the_field(api_as, cohort, program_admin, body, field):
    response = api_as(program_admin).post(f"{base(cohort)}/invitations", body)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert Enrollment.objects.filter(program=cohort).count() == 1  # Ada only


def test_an_open_program_does_not_invite(api_as, open_program, program_admin):
    response = api_as(program_admin).post(
        f"/programs/{open_program.public_id}/invitations",
        {"emails": ["nia@example.org"], "role": "mentee"},
    )
    assert response.status_code == 409 and response.json()["code"] == "not_by_invitation"
    assert not Person.objects.filter(email="nia@example.org").exists()


def test_members_and_outsiders_neither_invite_nor_list(api_as, cohort, mentee, outsider):
    body = {"emails": ["nia@example.org"], "role": "mentee"}
    assert api_as(mentee).post(f"{base(cohort)}/invitations", body).status_code == 403
    assert api_as(mentee).get(f"{base(cohort)}/invitations").status_code == 403
    assert api_as(outsider).get(f"{base(cohort)}/invitations").status_code == 404
    assert api_as(None).get(f"{base(cohort)}/invitations").status_code == 401
    assert not Person.objects.filter(email="nia@example.org").exists()


# --- Admins ------------------------------------------------------------------------------


def test_admins_list_and_add_an_admin_by_email(api_as, cohort, program_admin, outsider, mentee):
    api = api_as(program_admin)
    assert [a["name"] for a in api.get(f"{base(cohort)}/admins").json()["admins"]] == [
        "Morgan Admin"
    ]
    added = api.post(f"{base(cohort)}/admins", {"email": "EVE@example.org"})
    assert added.status_code == 200, added.content
    assert {a["name"] for a in added.json()["admins"]} == {"Morgan Admin", "Eve Outsider"}
    unknown = api.post(f"{base(cohort)}/admins", {"email": "nobody@example.org"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "email"
    both = api.post(
        f"{base(cohort)}/admins", {"email": "eve@example.org", "person_id": str(mentee.public_id)}
    )
    assert both.status_code == 422
    assert api_as(mentee).get(f"{base(cohort)}/admins").status_code == 403


# --- Questions and answers ---------------------------------------------------------------


def test_a_program_asks_the_questions_its_admins_choose(api_as, cohort, program_admin):
    api = api_as(program_admin)
    assert "goals" in api.get(base(cohort)).json()["questions"]
    changed = api.patch(base(cohort), {"questions": ["skills_wanted", "languages"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["questions"] == ["skills_wanted", "languages"]
    bad = api.patch(base(cohort), {"questions": ["favourite_colour"]})
    assert bad.status_code == 422


def test_answers_are_checked_against_the_questions_of_the_role(api_as, open_program, outsider):
    api = api_as(outsider)
    path = f"/programs/{open_program.public_id}/enrollments"
    wrong = api.post(
        path,
        {
            "role": "mentee",
            "answers": {"skills_offered": ["Go"], "seniority": 12, "timezone": "Mars/Base"},
        },
    )
    assert wrong.status_code == 422, wrong.content
    fields = {e["field"] for e in wrong.json()["errors"]}
    assert {"skills_offered", "seniority", "timezone"} <= fields
    assert not Enrollment.objects.filter(person=outsider).exists()
    good = api.post(
        path,
        {
            "role": "mentee",
            "answers": {
                "skills_wanted": ["SQL", " sql ", "Public speaking"],
                "goals": "Lead my first project.\nThen a second.",
                "timezone": "Europe/Lisbon",
                "seniority": 2,
                "languages": ["Portuguese", "English"],
            },
        },
    )
    assert good.status_code == 201, good.content
    answers = good.json()["answers"]
    assert answers["skills_wanted"] == ["SQL", "Public speaking"]
    assert answers["seniority"] == 2 and answers["timezone"] == "Europe/Lisbon"


def test_a_person_is_mentor_in_one_program_and_mentee_in_another(
    api_as, cohort, open_program, program_admin, mentee
):
    as_mentor = api_as(mentee).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentor", "capacity": 1}
    )
    assert as_mentor.status_code == 201, as_mentor.content
    assert api_as(mentee).get(f"/programs/{open_program.public_id}").json()["my_roles"] == [
        "mentor"
    ]
    assert api_as(mentee).get(base(cohort)).json()["my_roles"] == ["mentee"]
    no_capacity = api_as(program_admin).post(
        f"/programs/{open_program.public_id}/enrollments", {"role": "mentor"}
    )
    assert no_capacity.status_code == 422
    assert no_capacity.json()["errors"][0]["field"] == "capacity"


def test_invitations_and_the_link_are_in_the_audit_log_without_the_secret(
    api_as, cohort, program_admin
):
    from alongside.people.models import AuditEvent

    api = api_as(program_admin)
    api.post(f"{base(cohort)}/invite-link")
    api.post(f"{base(cohort)}/invitations", {"emails": ["nia@example.org"], "role": "mentor"})
    cohort.refresh_from_db()
    events = list(AuditEvent.objects.filter(program_pk=cohort.pk).values_list("action", "detail"))
    assert ("program_updated", {"fields": ["invite_link"], "invite_link": "new"}) in events
    assert ("enrollment_changed", {"invited": 1, "role": "mentor"}) in events
    assert cohort.invite_token not in str(events)
