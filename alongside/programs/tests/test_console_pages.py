"""The program admin's console as pages, as Morgan who runs the Spring cohort (invite-only,
admins match), Ada enrolled in it as a mentee, Eve the outsider, Sam on the staff: the
home page leads there, the tabs, the invitations, the invite link's page, the enrollment
page with the program's questions."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from alongside.people.models import Person
from alongside.programs.models import Enrollment, Program
from alongside.programs.services import enrollment_create
from conftest import deliver_mail, page_client


def console(program: Program) -> str:
    return f"/programs/{program.public_id}/"


# --- Home and navigation -----------------------------------------------------------------


def test_an_admins_home_leads_to_the_programs_they_run(cohort, program_admin):
    page = page_client(program_admin).get("/").content.decode()
    assert "Programs you run" in page
    assert f'href="{console(cohort)}"' in page
    assert "1 taking part" in page
    assert '<a href="/programs/">Programs</a>' in page  # the nav link


def test_a_mentee_sees_neither_the_block_nor_the_link(cohort, mentee):
    page = page_client(mentee).get("/").content.decode()
    assert "Programs you run" not in page
    assert '<a href="/programs/">Programs</a>' not in page


def test_staff_see_the_programs_link_even_without_a_program(staff):
    page = page_client(staff).get("/").content.decode()
    assert '<a href="/programs/">Programs</a>' in page
    assert "Programs you run" not in page


def test_an_admin_who_is_also_a_mentee_sees_both(cohort, program_admin, pair):
    from alongside.mentorships.services import mentorship_request
    from alongside.programs.selectors import community_program
    from conftest import make_person

    other = make_person("kim@example.org", "Kim Mentor", open_to_mentor=True, mentor_capacity=1)
    mentorship_request(requester=program_admin, mentor=other, program=community_program())
    page = page_client(program_admin).get("/").content.decode()
    assert "Programs you run" in page and "Spring cohort" in page
    assert "Your mentorships" in page and "Kim Mentor" in page


def test_the_home_block_costs_one_query_and_only_for_admins(
    cohort, program_admin, mentee, django_assert_max_num_queries
):
    def count(person: Any) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = page_client(person)
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured.captured_queries)

    as_mentee = count(mentee)
    for n in range(5):
        Program.objects.create(slug=f"p{n}", name=f"P {n}").admins.add(program_admin)
    # The mentee's page asks nothing about programs; the admin's asks one more query,
    # whatever the number of programs.
    assert count(program_admin) <= as_mentee + 1


# --- The console -------------------------------------------------------------------------


def test_an_admin_sees_the_console_not_the_enrollment_form(cohort, program_admin):
    page = page_client(program_admin).get(console(cohort)).content.decode()
    for tab in ("Participants", "Invitations", "Import", "Settings", "Admins"):
        assert f">{tab}</a>" in page, tab
    assert "Matching runs" in page and "Insights" in page
    assert 'type="radio" name="role"' not in page  # no enrollment form on the console
    assert "Take part yourself" in page
    assert f'href="/programs/{cohort.public_id}/enroll/"' in page


def test_an_admin_enrolls_from_the_separate_page(cohort, program_admin):
    client = page_client(program_admin)
    form = client.get(f"{console(cohort)}enroll/").content.decode()
    assert "Take part in Spring cohort" in form and 'type="radio" name="role"' in form
    response = client.post(
        f"{console(cohort)}enroll/",
        {"role": "mentor", "capacity": "2", "skills_offered": "Hiring, Leadership"},
        follow=True,
    )
    assert b"You take part in Spring cohort as a mentor." in response.content
    enrollment = Enrollment.objects.get(program=cohort, person=program_admin)
    assert enrollment.answers["skills_offered"] == ["Hiring", "Leadership"]
    page = client.get(console(cohort)).content.decode()
    assert "You run this program and take part as mentor." in page


def test_filters_with_no_match_and_an_empty_program_say_so(cohort, program_admin, staff):
    client = page_client(program_admin)
    none = client.get(f"{console(cohort)}?q=zzz").content.decode()
    assert "No participant matches these filters." in none
    empty = Program.objects.create(slug="empty", name="Empty", enrollment="invite")
    empty.admins.add(program_admin)
    page = client.get(console(empty)).content.decode()
    assert "Nobody takes part yet." in page
    assert f'href="/programs/{empty.public_id}/invitations/"' in page


def test_the_participants_list_pages_through_and_keeps_the_filters(cohort, program_admin):
    people = Person.objects.bulk_create(
        Person(email=f"p{n:03}@example.org", name=f"P {n:03}") for n in range(60)
    )
    Enrollment.objects.bulk_create(
        Enrollment(program=cohort, person=p, role="mentee") for p in people
    )
    client = page_client(program_admin)
    first = client.get(f"{console(cohort)}?role=mentee").content.decode()
    assert "61 participants match these filters." in first
    assert "Page 1 of 2" in first and "role=mentee&amp;page=2" in first
    second = client.get(f"{console(cohort)}?role=mentee&page=2").content.decode()
    assert "P 059" in second and "P 000" not in second


def test_the_settings_choose_the_questions_asked(cohort, program_admin, mentee):
    client = page_client(program_admin)
    response = client.post(
        f"{console(cohort)}settings/",
        {
            "name": "Spring cohort",
            "enrollment": "invite",
            "matching": "mentee_choice",
            "questions": ["skills_wanted", "department"],
        },
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.questions == ["skills_wanted", "department"]
    bad = client.post(
        f"{console(cohort)}settings/",
        {"name": "Spring cohort", "enrollment": "invite", "matching": "admin", "questions": "x"},
    )
    assert bad.status_code == 400
    assert b"Select a valid choice" in bad.content


# --- Invitations -------------------------------------------------------------------------


def test_an_admin_invites_by_email_and_sees_who_joined(cohort, program_admin, outsider):
    client = page_client(program_admin)
    response = client.post(
        f"{console(cohort)}invitations/",
        {"emails": "eve@example.org\nnia@example.org\nada@example.org", "role": "mentee"},
        follow=True,
    )
    page = response.content.decode()
    assert "2 invitations sent; already taking part: ada@example.org." in page
    deliver_mail()
    assert sorted(m.to[0] for m in mail.outbox) == ["eve@example.org", "nia@example.org"]
    assert "Not joined yet" in page and "2 invited; 0 joined." in page
    # Eve accepts from the program's page.
    eve = page_client(outsider)
    program_page = eve.get(console(cohort)).content.decode()
    assert "You are invited" in program_page and "Accept the invitation" in program_page
    form = eve.get(f"{console(cohort)}enroll/").content.decode()
    assert 'value="mentee"' in form and 'value="mentor"' not in form  # invited as a mentee
    assert 'name="capacity"' not in form and "(mentors)" not in form
    assert form.index("Skills you want to build") < form.index("Goals, or what you can")
    eve.post(f"{console(cohort)}enroll/", {"role": "mentee"})
    after = client.get(f"{console(cohort)}invitations/").content.decode()
    assert "2 invited; 1 joined." in after and "Joined" in after


def test_bad_email_lists_are_said_beside_the_field(cohort, program_admin):
    client = page_client(program_admin)
    for emails, said in [
        ("not an address", "Not an email address: not an address"),
        ("\n".join(f"p{n}@example.org" for n in range(201)), "Invite at most 200 people"),
        ("", "This field is required."),
    ]:
        response = client.post(
            f"{console(cohort)}invitations/", {"emails": emails, "role": "mentee"}
        )
        assert response.status_code == 400, emails
        assert said in response.content.decode()
    assert Enrollment.objects.filter(program=cohort).count() == 1


def test_an_admin_makes_renews_and_turns_off_the_invite_link(cohort, program_admin, outsider):
    client = page_client(program_admin)
    link = f"{console(cohort)}invitations/link/"
    client.post(link, {"action": "new"})
    cohort.refresh_from_db()
    first = cohort.invite_token
    page = client.get(f"{console(cohort)}invitations/").content.decode()
    assert f"/join/{first}/" in page
    client.post(link, {"action": "new"})
    cohort.refresh_from_db()
    assert cohort.invite_token != first
    assert page_client(outsider).get(f"/join/{first}/").status_code == 404
    client.post(link, {"action": "off"})
    cohort.refresh_from_db()
    assert cohort.invite_token == ""
    hostile = client.post(link, {"action": "<script>"}, follow=True)
    assert b"Choose to make a new link or to turn it off." in hostile.content


def test_an_open_program_has_no_invitations_to_send(open_program, program_admin):
    page = page_client(program_admin).get(f"{console(open_program)}invitations/")
    assert b"takes people openly" in page.content
    assert b"Send the invitations" not in page.content


def test_the_invite_link_page_enrolls_whoever_has_it(cohort, program_admin, outsider):
    cohort.invite_token = "a-secret-link"
    cohort.save(update_fields=["invite_token"])
    anonymous = Client().get("/join/a-secret-link/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/signin/")
    eve = page_client(outsider)
    page = eve.get("/join/a-secret-link/").content.decode()
    assert "Take part in Spring cohort" in page
    assert 'value="mentor"' in page and 'value="mentee"' in page
    bad = eve.post("/join/a-secret-link/", {"role": "mentor", "seniority": "11"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Say how many mentees you take at once" in text
    assert "Ensure this value is less than or equal to 10." in text
    done = eve.post(
        "/join/a-secret-link/", {"role": "mentor", "capacity": "1", "timezone": "Asia/Tokyo"}
    )
    assert done.status_code == 302 and done["Location"] == console(cohort)
    enrollment = Enrollment.objects.get(person=outsider, program=cohort)
    assert (enrollment.role, enrollment.capacity) == ("mentor", 1)
    assert enrollment.answers["timezone"] == "Asia/Tokyo"
    assert page_client(outsider).get("/join/wrong-link/").status_code == 404


# --- The enrollment page -----------------------------------------------------------------


def test_the_enrollment_page_asks_the_programs_questions(open_program, outsider):
    open_program.questions = ["skills_wanted", "goals"]
    open_program.save(update_fields=["questions"])
    page = page_client(outsider).get(f"{console(open_program)}enroll/").content.decode()
    assert "Skills you want to build (mentees)" in page
    assert "Goals, or what you can help with" in page
    assert "Department" not in page and "Time zone" not in page


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"role": "mentor"}, "Say how many mentees you take at once"),
        ({"role": "mentor", "capacity": "21"}, "less than or equal to 20"),
        ({"role": "mentor", "capacity": "-1"}, "greater than or equal to 0"),
        ({"role": "mentee", "department": "Data\nScience"}, "must be one line"),
        ({"role": "mentee", "goals": "x" * 4001}, "at most 4000 characters"),
        ({"role": "mentee", "timezone": "Mars/Base"}, "Select a valid choice"),
        ({"role": "mentee", "skills_wanted": "a" * 61}, "60 characters or fewer"),
        ({"role": "boss"}, "Select a valid choice"),
        ({}, "This field is required."),
    ],
)
def test_bad_answers_are_said_beside_their_field_and_nothing_is_saved(
    open_program, outsider, data, said
):
    response = page_client(outsider).post(f"{console(open_program)}enroll/", data)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_html_in_answers_is_shown_as_text(open_program, outsider, program_admin):
    page_client(outsider).post(
        f"{console(open_program)}enroll/",
        {"role": "mentee", "department": "<script>alert(1)</script>"},
    )
    assert Enrollment.objects.get(person=outsider).answers["department"] == (
        "<script>alert(1)</script>"
    )


def test_a_member_who_cannot_enroll_is_told_why(cohort, mentee, mentor):
    enrollment_create(program=cohort, person=mentor, role="mentor", capacity=1)
    page = page_client(mentor).get(f"{console(cohort)}enroll/").content.decode()
    assert "You take part as mentor already; this program takes people by invitation" in page
    assert 'name="role"' not in page
