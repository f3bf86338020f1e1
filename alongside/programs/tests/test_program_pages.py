"""The program pages: the list, a program's page (its console for its admins), and the
import page, as Morgan who runs the Spring cohort, Ada enrolled in it, Eve the outsider."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alongside.people.models import Person
from alongside.programs.models import Enrollment
from conftest import page_client

GOOD = "email,name,role,capacity\nnia@example.org,Nia Newcomer,mentee,\n"
BAD = GOOD + "olu@example.org,Olu Mentor,mentor,\n"


def test_the_list_shows_the_programs_each_person_may_see(cohort, mentee, outsider):
    assert b"Spring cohort" in page_client(mentee).get("/programs/").content
    assert b"Spring cohort" not in page_client(outsider).get("/programs/").content
    assert Client().get("/programs/").status_code == 302


def test_an_admin_sees_the_participants_and_filters_them(cohort, program_admin, mentor):
    from alongside.programs.services import enrollment_create

    enrollment_create(program=cohort, person=mentor, role="mentor", capacity=2)
    client = page_client(program_admin)
    page = client.get(f"/programs/{cohort.public_id}/").content.decode()
    assert "ada@example.org" in page and "grace@example.org" in page
    assert "2 participants." in page
    mentors = client.get(f"/programs/{cohort.public_id}/?role=mentor").content.decode()
    assert "grace@example.org" in mentors and "ada@example.org" not in mentors
    unmatched = client.get(f"/programs/{cohort.public_id}/?matched=no&q=ada").content.decode()
    assert "1 participant matches these filters." in unmatched


def test_a_member_sees_the_program_without_its_participants(cohort, mentee, mentor):
    from alongside.programs.services import enrollment_create

    enrollment_create(program=cohort, person=mentor, role="mentor", capacity=2)
    page = page_client(mentee).get(f"/programs/{cohort.public_id}/")
    assert page.status_code == 200
    assert b"You take part as mentee." in page.content
    assert b"grace@example.org" not in page.content


def test_a_closed_program_page_is_a_404_to_an_outsider(cohort, outsider):
    assert page_client(outsider).get(f"/programs/{cohort.public_id}/").status_code == 404
    assert page_client(outsider).get(f"/programs/{cohort.public_id}/import/").status_code == 404


def test_a_member_may_not_open_the_import_page(cohort, mentee):
    assert page_client(mentee).get(f"/programs/{cohort.public_id}/import/").status_code == 403
    response = page_client(mentee).post(f"/programs/{cohort.public_id}/import/", {"text": GOOD})
    assert response.status_code == 403
    assert not Person.objects.filter(email="nia@example.org").exists()


def test_an_admin_uploads_a_file_and_is_back_on_the_program_page(cohort, program_admin):
    upload = SimpleUploadedFile("people.csv", ("\ufeff" + GOOD).encode(), "text/csv")
    response = page_client(program_admin).post(
        f"/programs/{cohort.public_id}/import/", {"file": upload}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/programs/{cohort.public_id}/"
    assert b"Imported: 1 enrolled, 0 updated, 0 bad rows skipped." in response.content
    assert b"nia@example.org" in response.content


def test_a_bad_row_is_shown_with_its_line_and_nothing_is_imported(cohort, program_admin):
    response = page_client(program_admin).post(
        f"/programs/{cohort.public_id}/import/", {"text": BAD}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was imported" in page
    assert '<th scope="row">3</th>' in page
    assert "capacity: Give how many mentees" in page
    assert not Enrollment.objects.filter(person__email="nia@example.org").exists()


def test_the_bad_row_fixed_the_file_imports(cohort, program_admin):
    client = page_client(program_admin)
    client.post(f"/programs/{cohort.public_id}/import/", {"text": BAD})
    fixed = BAD.replace("mentor,\n", "mentor,2\n")
    response = client.post(f"/programs/{cohort.public_id}/import/", {"text": fixed})
    assert response.status_code == 302
    assert Enrollment.objects.filter(program=cohort).count() == 3


def test_skipping_bad_rows_imports_the_good_and_lists_the_skipped(cohort, program_admin):
    response = page_client(program_admin).post(
        f"/programs/{cohort.public_id}/import/", {"text": BAD, "skip_bad_rows": "on"}
    )
    assert response.status_code == 200
    assert b"These rows were skipped" in response.content
    assert Enrollment.objects.filter(person__email="nia@example.org").exists()


def test_a_wrong_header_is_said_beside_the_file(cohort, program_admin):
    response = page_client(program_admin).post(
        f"/programs/{cohort.public_id}/import/", {"text": "mail,name\nx@example.org,X\n"}
    )
    assert response.status_code == 400
    assert b"The header is wrong" in response.content


def test_an_empty_form_asks_for_a_file(cohort, program_admin):
    response = page_client(program_admin).post(f"/programs/{cohort.public_id}/import/", {})
    assert response.status_code == 400
    assert b"Choose a CSV file, or paste its rows." in response.content


def test_anyone_signed_in_enrolls_from_an_open_programs_page(open_program, outsider):
    client = page_client(outsider)
    page = client.get(f"/programs/{open_program.public_id}/").content.decode()
    assert "Take part" in page
    response = client.post(
        f"/programs/{open_program.public_id}/enroll/",
        {"role": "mentor", "capacity": "2"},
        follow=True,
    )
    assert b"You take part in Open circle as a mentor." in response.content
    assert Enrollment.objects.get(program=open_program, person=outsider).capacity == 2


def test_a_refused_enrollment_says_why_on_the_page(open_program, cohort, outsider, mentee):
    client = page_client(outsider)
    response = client.post(
        f"/programs/{open_program.public_id}/enroll/", {"role": "mentor"}, follow=True
    )
    assert b"Say how many mentees you take at once" in response.content
    assert not Enrollment.objects.filter(person=outsider).exists()
    again = page_client(mentee).post(
        f"/programs/{cohort.public_id}/enroll/", {"role": "mentee"}, follow=True
    )
    assert b"You are already enrolled in Spring cohort as a mentee." in again.content
    assert b"Take part" not in page_client(mentee).get(f"/programs/{cohort.public_id}/").content
    assert (
        client.post(f"/programs/{cohort.public_id}/enroll/", {"role": "mentee"}).status_code == 404
    )


NEW_FORM = {
    "name": "Autumn leaders",
    "description": "Six months.",
    "starts_on": "2027-01-10",
    "ends_on": "2027-07-10",
    "enrollment": "import",
    "matching": "both",
    "require_shared_language": "on",
}


def test_staff_create_a_program_from_the_page_and_run_it(staff):
    from alongside.programs.models import Program

    client = page_client(staff)
    assert b"New program" in client.get("/programs/").content
    response = client.post("/programs/new/", NEW_FORM, follow=True)
    program = Program.objects.get(name="Autumn leaders")
    assert response.redirect_chain[-1][0] == f"/programs/{program.public_id}/"
    assert b"Autumn leaders is created; you are its admin." in response.content
    assert (program.enrollment, program.require_shared_language) == ("import", True)
    assert list(program.admins.all()) == [staff]


def test_only_staff_open_the_new_program_page(program_admin, outsider):
    assert page_client(program_admin).get("/programs/new/").status_code == 403
    assert page_client(outsider).post("/programs/new/", NEW_FORM).status_code == 403
    assert b"New program" not in page_client(outsider).get("/programs/").content


def test_dates_out_of_order_are_said_beside_the_end_date(staff):
    response = page_client(staff).post("/programs/new/", {**NEW_FORM, "ends_on": "2026-01-01"})
    assert response.status_code == 400
    assert b'id="id_ends_on_error"' in response.content
    assert b"before it starts" in response.content


def test_an_admin_changes_the_settings_from_the_page(cohort, program_admin, mentee):
    path = f"/programs/{cohort.public_id}/settings/"
    form = page_client(program_admin).get(path).content.decode()
    assert 'value="Spring cohort"' in form
    response = page_client(program_admin).post(
        path, {"name": "Spring cohort", "enrollment": "invite", "matching": "both"}
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.matching == "both"
    assert page_client(mentee).get(path).status_code == 403


def test_an_admin_adds_an_admin_by_email_from_the_page(cohort, program_admin, outsider, mentee):
    path = f"/programs/{cohort.public_id}/admins/"
    client = page_client(program_admin)
    assert b"Morgan Admin" in client.get(path).content
    response = client.post(path, {"email": "EVE@example.org"}, follow=True)
    assert b"Eve Outsider is now an admin of Spring cohort." in response.content
    assert set(cohort.admins.values_list("email", flat=True)) == {
        "morgan@example.org",
        "eve@example.org",
    }
    unknown = client.post(path, {"email": "nobody@example.org"})
    assert unknown.status_code == 400
    assert b"Nobody has an account with this email address." in unknown.content
    assert page_client(mentee).post(path, {"email": "ada@example.org"}).status_code == 403
    assert not cohort.admins.filter(pk=mentee.pk).exists()
