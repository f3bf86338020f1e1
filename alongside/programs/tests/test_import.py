"""CSV import of participants: the API (text/csv and multipart), the service, the CLI.

Morgan runs the Spring cohort; Ada is enrolled in it as a mentee. Files are written as an
admin's spreadsheet would save them: a BOM, Windows line endings, quoted commas."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alongside.people.models import Person
from alongside.programs.importer import ImportRefused, participants_import
from alongside.programs.models import Enrollment
from conftest import deliver_mail

HEADER = (
    "email,name,role,capacity,skills_wanted,skills_offered,goals,bio,timezone,languages,"
    "seniority,department"
)
NIA = (
    'nia@example.org,Nia Newcomer,mentee,,Python;SQL,,"Lead a team, someday",,'
    "Europe/Paris,French;English,2,Data"
)
OLU = (
    "olu@example.org,Olu Mentor,mentor,3,,Leadership;Python,,Led teams for 10 years,"
    "Africa/Lagos,English,8,Platform"
)


def csv_of(*lines, bom=False, crlf=False):
    text = ("\r\n" if crlf else "\n").join([HEADER, *lines]) + "\n"
    return ("\ufeff" if bom else "") + text


def post_csv(api, program, text, query=""):
    return api.post(
        f"/programs/{program.public_id}/participants/import{query}",
        raw=text.encode() if isinstance(text, str) else text,
        content_type="text/csv",
    )


def test_an_admin_imports_new_people_who_are_enrolled_and_invited(api_as, cohort, program_admin):
    mail.outbox.clear()
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, OLU, bom=True, crlf=True))
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 0, "skipped": 0, "errors": []}
    nia = Person.objects.get(email="nia@example.org")
    assert not nia.has_usable_password()
    assert (nia.name, nia.timezone, nia.languages) == (
        "Nia Newcomer",
        "Europe/Paris",
        ["French", "English"],
    )
    enrollment = Enrollment.objects.get(program=cohort, person=nia)
    assert enrollment.role == "mentee" and enrollment.status == "active"
    assert enrollment.answers["goals"] == "Lead a team, someday"  # the quoted comma stays
    assert enrollment.answers["skills_wanted"] == ["Python", "SQL"]
    assert enrollment.answers["seniority"] == 2
    olu = Enrollment.objects.get(program=cohort, person__email="olu@example.org")
    assert (olu.role, olu.capacity, olu.answers["department"]) == ("mentor", 3, "Platform")
    invited = sorted(m.to[0] for m in mail.outbox)
    assert invited == ["nia@example.org", "olu@example.org"]
    assert "Spring cohort" in mail.outbox[0].subject


def test_the_invitation_link_sets_the_first_password(api_as, cohort, program_admin):
    mail.outbox.clear()
    post_csv(api_as(program_admin), cohort, csv_of(NIA))
    (email,) = mail.outbox
    link = next(w for w in email.body.split() if "/password/reset/" in w)
    path = link.split("://", 1)[-1].split("/", 1)[1]
    client = Client()
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-fresh-passphrase-77", "new_password2": "a-fresh-passphrase-77"},
    )
    assert done.status_code == 302
    assert Person.objects.get(email="nia@example.org").check_password("a-fresh-passphrase-77")


def test_importing_the_same_file_twice_creates_nobody_twice(api_as, cohort, program_admin):
    api = api_as(program_admin)
    post_csv(api, cohort, csv_of(NIA, OLU))
    mail.outbox.clear()
    again = post_csv(api, cohort, csv_of(NIA, OLU.replace(",3,", ",4,")))
    assert again.json() == {"created": 0, "updated": 2, "skipped": 0, "errors": []}
    assert Person.objects.filter(email__in=["nia@example.org", "olu@example.org"]).count() == 2
    assert Enrollment.objects.filter(program=cohort).count() == 3  # and Ada
    assert Enrollment.objects.get(person__email="olu@example.org").capacity == 4
    assert mail.outbox == []  # nobody is invited twice


def test_a_file_fixing_a_name_updates_an_imported_person_who_never_signed_in(
    api_as, cohort, program_admin
):
    api = api_as(program_admin)
    post_csv(api, cohort, csv_of(NIA))
    post_csv(api, cohort, csv_of(NIA.replace("Nia Newcomer", "Nia Okafor")))
    nia = Person.objects.get(email="nia@example.org")
    assert nia.name == "Nia Okafor"
    assert "nia okafor" in nia.search_text  # search finds the new name


def test_an_import_leaves_the_profile_of_someone_who_keeps_their_own(
    api_as, cohort, program_admin, mentor
):
    row = "grace@example.org,Someone Else,mentor,2,,,,,UTC,,,"
    response = post_csv(api_as(program_admin), cohort, csv_of(row))
    assert response.json()["created"] == 1
    mentor.refresh_from_db()
    assert mentor.name == "Grace Mentor"
    assert mentor.timezone == "Europe/Berlin"
    assert Enrollment.objects.get(program=cohort, person=mentor).capacity == 2


def test_an_existing_enrollment_in_the_same_role_is_updated(api_as, cohort, program_admin):
    row = "ada@example.org,Ada Mentee,mentee,,Public speaking,,Give a talk,,UTC,,3,Research"
    response = post_csv(api_as(program_admin), cohort, csv_of(row))
    assert response.json() == {"created": 0, "updated": 1, "skipped": 0, "errors": []}
    assert (
        Enrollment.objects.get(program=cohort, person__email="ada@example.org").answers["goals"]
        == "Give a talk"
    )


BAD_ROWS = [
    ("not-an-email,X,mentee,,,,,,,,,", "email: Enter a valid email address."),
    ("x1@example.org,,mentee,,,,,,,,,", "name: This field is required."),
    ("x2@example.org,X,boss,,,,,,,,,", "role: Give mentor or mentee."),
    ("x3@example.org,X,mentor,,,,,,,,,", "capacity: Give how many mentees"),
    ("x4@example.org,X,mentor,99,,,,,,,,", "capacity: Give a whole number from 0 to 20."),
    ("x5@example.org,X,mentee,,,,,,Mars/Olympus,,,", "timezone: 'Mars/Olympus' is not"),
    ("x6@example.org,X,mentee,,,,,,,,eleven,", "seniority: Give a whole number from 0 to 10."),
    ("x7@example.org,X,mentee,,,,,,,,11,", "seniority: Give a whole number from 0 to 10."),
    ("x8@example.org,X,mentee", "This row has 3 values; the header names 12."),
    ("x9@example.org,X,mentee,," + "a" * 61 + ",,,,,,,", "skills_wanted: Each entry"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_each_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    api_as, cohort, program_admin, row, reason
):
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, row, OLU))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "bad_rows"
    assert "nothing was imported" in body["detail"]
    (error,) = body["errors"]
    assert error["line"] == 3
    assert error["field"] == "line 3"
    assert error["message"].startswith(reason), error["message"]
    assert not Person.objects.filter(email__in=["nia@example.org", "olu@example.org"]).exists()


def test_skip_bad_rows_imports_the_good_ones_and_reports_the_others(api_as, cohort, program_admin):
    text = csv_of(NIA, BAD_ROWS[0][0], OLU, BAD_ROWS[2][0])
    response = post_csv(api_as(program_admin), cohort, text, "?skip_bad_rows=true")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["skipped"]) == (2, 0, 2)
    assert [e["line"] for e in body["errors"]] == [3, 5]


def test_line_numbers_count_physical_lines_when_a_quoted_field_spans_several(
    api_as, cohort, program_admin
):
    multi = 'nia@example.org,Nia,mentee,,,,"Line one\nline two",,,,,'
    response = post_csv(api_as(program_admin), cohort, csv_of(multi, BAD_ROWS[0][0]))
    assert response.json()["errors"][0]["line"] == 4


def test_the_same_person_twice_in_one_role_is_a_bad_row(api_as, cohort, program_admin):
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, NIA.replace("nia@", "NIA@")))
    (error,) = response.json()["errors"]
    assert error == {
        "field": "line 3",
        "line": 3,
        "message": "nia@example.org is already a mentee on line 2.",
    }


def test_one_person_may_be_mentor_and_mentee_in_one_file(api_as, cohort, program_admin):
    as_mentor = "nia@example.org,Nia Newcomer,mentor,1,,SQL,,,,,,"
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, as_mentor))
    assert response.json()["created"] == 2
    assert Person.objects.filter(email="nia@example.org").count() == 1


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "The file is empty"),
        ("mail,name,role\nx@example.org,X,mentee\n", "missing email; unknown 'mail'"),
        ("email;name;role\n", "separate columns with commas"),
        ("email,name,role,email\n", "repeated email"),
        ('email,name,role\n"x@example.org,X,mentee\n', "cannot be read"),
    ],
)
def test_a_wrong_file_is_a_clear_422(api_as, cohort, program_admin, text, says):
    response = post_csv(api_as(program_admin), cohort, text)
    assert response.status_code == 422, response.content
    assert says in response.json()["detail"], response.json()


def test_a_file_that_is_not_utf8_is_refused_with_what_to_do(api_as, cohort, program_admin):
    text = csv_of("jose@example.org,José,mentee,,,,,,,,,").encode("latin-1")
    response = post_csv(api_as(program_admin), cohort, text)
    assert response.status_code == 422
    assert "CSV UTF-8" in response.json()["detail"]


def test_a_time_zone_in_the_wrong_case_is_understood(api_as, cohort, program_admin):
    response = post_csv(
        api_as(program_admin), cohort, csv_of(NIA.replace("Europe/Paris", "EUROPE/paris"))
    )
    assert response.json()["created"] == 1
    assert Person.objects.get(email="nia@example.org").timezone == "Europe/Paris"


def test_only_the_columns_needed_may_be_sent(api_as, cohort, program_admin):
    text = "Email, Name ,ROLE\nnia@example.org,Nia,mentee\n"
    response = post_csv(api_as(program_admin), cohort, text)
    assert response.json()["created"] == 1


def test_an_oversized_file_is_a_413(api_as, cohort, program_admin, settings):
    settings.IMPORT_MAX_BYTES = 2048
    response = post_csv(api_as(program_admin), cohort, csv_of(*[NIA] * 40))
    assert response.status_code == 413
    assert "split it" in response.json()["detail"]


def test_too_many_rows_is_a_413(api_as, cohort, program_admin, settings):
    settings.IMPORT_MAX_ROWS = 1
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, OLU))
    assert response.status_code == 413


def test_a_multipart_upload_imports_the_same_way(cohort, program_admin):
    from conftest import Api

    api = Api(program_admin)
    upload = SimpleUploadedFile("people.csv", csv_of(NIA, bom=True).encode(), "text/csv")
    response = api.client.post(
        f"/api/v1/programs/{cohort.public_id}/participants/import",
        {"file": upload},
        headers=api.headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1


def test_only_admins_import(api_as, cohort, mentee, outsider, staff):
    for person, status in [(mentee, 403), (outsider, 404), (staff, 404), (None, 401)]:
        response = post_csv(api_as(person), cohort, csv_of(NIA))
        assert response.status_code == status, person
    assert not Person.objects.filter(email="nia@example.org").exists()


def test_the_service_refuses_a_non_admin_and_takes_rows_as_dicts(cohort, program_admin, mentee):
    from alongside.lib.errors import Forbidden

    rows = [{"email": "kim@example.org", "name": "Kim", "role": "mentee", "languages": ["Korean"]}]
    with pytest.raises(Forbidden):
        participants_import(program=cohort, actor=mentee, rows_or_file=rows)
    result = participants_import(program=cohort, actor=program_admin, rows_or_file=rows)
    assert (result.created, result.invited) == (1, 1)
    assert Person.objects.get(email="kim@example.org").languages == ["Korean"]
    with pytest.raises(ImportRefused):
        participants_import(program=cohort, actor=None, rows_or_file=[{"email": "bad"}])


def test_an_invitation_is_not_sent_to_someone_who_set_a_password_meanwhile(cohort):
    from alongside.programs.tasks import invitations_send

    participants_import(program=cohort, actor=None, rows_or_file=csv_of(NIA))
    nia = Person.objects.get(email="nia@example.org")
    nia.set_password("chosen-before-the-worker-ran-1")
    nia.save()
    mail.outbox.clear()
    deliver_mail()
    assert mail.outbox == []
    assert invitations_send.call(program_id=cohort.pk, person_ids=[nia.pk]) == 0


def test_the_command_line_imports_a_file_with_progress(cohort, tmp_path, capsys):
    from alongside.cli import main

    path = tmp_path / "people.csv"
    path.write_bytes(csv_of(NIA, OLU, bom=True, crlf=True).encode())
    assert main(["import", cohort.slug, str(path)]) == 0
    out = capsys.readouterr().out
    assert "checked 2 rows: 0 bad" in out
    assert "2 enrolled, 0 updated, 0 skipped, 2 invited" in out
    assert Enrollment.objects.filter(program=cohort).count() == 3


def test_the_command_line_lists_bad_rows_and_fails(cohort, tmp_path, capsys):
    from alongside.cli import main

    path = tmp_path / "people.csv"
    path.write_text(csv_of(NIA, BAD_ROWS[0][0]))
    assert main(["import", str(cohort.public_id), str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3: email: Enter a valid email address." in err
    assert "nothing was imported" in err
    assert main(["import", "no-such-program", str(path)]) == 2


def test_an_imported_person_whose_invitation_expired_asks_for_a_new_link(cohort):
    participants_import(program=cohort, actor=None, rows_or_file=csv_of(NIA))
    deliver_mail()
    mail.outbox.clear()
    response = Client().post("/password/reset/", {"email": "nia@example.org"})
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == ["nia@example.org"]
    assert "/password/reset/" in email.body


def test_the_invitation_reads_well_as_text_and_html_and_escapes_the_program_name(cohort):
    from pathlib import Path

    cohort.name = "Leaders <2027> & friends"
    cohort.save()
    mail.outbox.clear()
    participants_import(program=cohort, actor=None, rows_or_file=csv_of(NIA))
    deliver_mail()
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    out = Path(__file__).resolve().parents[3] / "var" / "emails"
    out.mkdir(parents=True, exist_ok=True)
    (out / "invitation.txt").write_text(f"Subject: {message.subject}\n\n{message.body}")
    (out / "invitation.html").write_text(html)
    assert message.subject == "You are invited to Leaders <2027> & friends on Alongside"
    assert "Hello Nia," in message.body
    assert "Leaders &lt;2027&gt; &amp; friends" in html
    assert 'href="http' in html and "/password/reset/" in html
    assert "{{" not in message.body and "{%" not in html


def test_a_multipart_upload_without_the_file_field_says_its_name(cohort, program_admin):
    from conftest import Api

    api = Api(program_admin)
    response = api.client.post(
        f"/api/v1/programs/{cohort.public_id}/participants/import",
        {"csv": "email,name,role\n"},
        headers=api.headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "file", "message": "Send the CSV in a multipart field named 'file'."}
    ]


def test_a_closed_account_is_a_bad_row_not_enrolled_again(api_as, cohort, program_admin, outsider):
    outsider.is_active = False
    outsider.save()
    row = "eve@example.org,Eve Outsider,mentee,,,,,,,,,"
    response = post_csv(api_as(program_admin), cohort, csv_of(NIA, row))
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == (
        "eve@example.org: this account is closed; remove the row."
    )
    assert response.json()["errors"][0]["line"] == 3
    assert not Enrollment.objects.filter(person=outsider).exists()


@pytest.mark.parametrize(
    "body",
    [
        ("email,name,role\nnia@example.org," + "x" * 200_000 + ",mentee\n").encode(),
        b"\xff\xfe\x00e\x00m",
        b"email,name,role\n" + b'"' * 5000,
        b"email,name,role\r\r\r\n\n\n",
        "email,name,role\nnia@example.org,Nia\u202e,mentee\n".encode(),
    ],
    ids=["huge-field", "utf16", "quotes", "only-line-ends", "bidi"],
)
def test_a_hostile_file_gets_a_json_4xx_and_imports_nothing(api_as, cohort, program_admin, body):
    response = post_csv(api_as(program_admin), cohort, body)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert not Person.objects.filter(email="nia@example.org").exists()


def test_control_characters_are_dropped_from_names_as_everywhere(api_as, cohort, program_admin):
    body = b"email,name,role\nnia@example.org,Ni\x00a\x07,mentee\n"
    assert post_csv(api_as(program_admin), cohort, body).status_code == 200
    assert Person.objects.get(email="nia@example.org").name == "Nia"
