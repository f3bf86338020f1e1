"""Deleting an account: confirmed with the password; private things gone from the
database, shared things kept for the partner under "a former member", mentorships ended
with a notice, every way in closed, and the email address free again."""

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import Client

from alongside.privacy.tests.conftest import (
    MENTEE_GOAL,
    MENTEE_JOURNAL,
    MENTEE_PRIVATE_NOTE,
    MENTEE_SHARED_ENTRY,
    MENTEE_SHARED_NOTE,
    MENTOR_JOURNAL,
    MENTOR_PRIVATE_NOTE,
)
from conftest import PASSWORD, page_client

FORMER = "a former member"


def delete(api, password=PASSWORD):
    return api.call("DELETE", "/me", {"password": password})


def rows_holding(text: str) -> list[str]:
    """Every table, one query each: the rows with this text in any text column."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.is_relation
            and f.concrete
        ]
        if not fields:
            continue
        query = models.Q()
        for name in fields:
            if isinstance(model._meta.get_field(name), models.JSONField):
                continue
            query |= models.Q(**{f"{name}__contains": text})
        if query and model._default_manager.filter(query).exists():
            found.append(model._meta.label)
    return found


def test_a_wrong_password_deletes_nothing(full_pair, api_as):
    from alongside.people.models import Person

    api = api_as(full_pair.mentee)
    response = delete(api, "not-my-password")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "password", "message": "This is not your password."}
    ]
    assert Person.objects.get(pk=full_pair.mentee.pk).is_active
    assert api.get("/me").status_code == 200


def test_a_missing_password_is_a_422(full_pair, api_as):
    response = api_as(full_pair.mentee).call("DELETE", "/me", {})
    assert response.status_code == 422


def test_repeated_wrong_passwords_are_throttled_like_sign_ins(full_pair, api_as):
    api = api_as(full_pair.mentee)
    statuses = [delete(api, f"wrong-{i}").status_code for i in range(6)]
    assert statuses == [422] * 5 + [429]
    assert delete(api).status_code == 429  # the right one too, until the window ends


def test_the_private_journal_and_private_notes_are_gone_from_the_database(full_pair, api_as):
    from alongside.growth.models import JournalEntry
    from alongside.meetings.models import Note

    assert rows_holding(MENTEE_JOURNAL) == ["growth.JournalEntry"]
    assert rows_holding(MENTEE_PRIVATE_NOTE) == ["meetings.Note"]
    assert delete(api_as(full_pair.mentee)).status_code == 204
    assert rows_holding(MENTEE_JOURNAL) == []
    assert rows_holding(MENTEE_PRIVATE_NOTE) == []
    assert not JournalEntry.objects.filter(author=full_pair.mentee).exists()
    assert not Note.objects.filter(author=full_pair.mentee, visibility="private").exists()
    # The partner's own private things are untouched.
    assert rows_holding(MENTOR_JOURNAL) == ["growth.JournalEntry"]
    assert rows_holding(MENTOR_PRIVATE_NOTE) == ["meetings.Note"]


def test_the_profile_is_blanked_and_the_name_becomes_a_former_member(full_pair, api_as):
    from alongside.people.models import Person

    assert delete(api_as(full_pair.mentee)).status_code == 204
    person = Person.objects.get(pk=full_pair.mentee.pk)
    assert person.name == FORMER
    assert person.email.endswith("@deleted.invalid")
    assert (person.headline, person.bio, person.skills, person.interests) == ("", "", [], [])
    assert not person.is_active
    assert not person.has_usable_password()
    assert person.deleted_at is not None
    assert rows_holding("ada@example.org") == []
    assert rows_holding("Ada Mentee") == []


def test_shared_things_stay_for_the_partner_under_a_former_member(full_pair, api_as):
    assert delete(api_as(full_pair.mentee)).status_code == 204
    partner = api_as(full_pair.mentor)
    meeting = partner.get(f"/meetings/{full_pair.held.public_id}").json()
    notes = {n["body"]: n["author"]["name"] for n in meeting["notes"]}
    assert notes[MENTEE_SHARED_NOTE] == FORMER
    assert MENTEE_PRIVATE_NOTE not in notes
    page = page_client(full_pair.mentor).get(f"/mentorships/{full_pair.mentorship.public_id}/")
    assert page.status_code == 200
    assert MENTEE_GOAL in page.content.decode()
    assert FORMER in page.content.decode()
    assert "Ada Mentee" not in page.content.decode()
    timeline = page_client(full_pair.mentor).get(
        f"/mentorships/{full_pair.mentorship.public_id}/timeline/"
    )
    assert MENTEE_SHARED_ENTRY in timeline.content.decode()
    # In the partner's own export too.
    from alongside.privacy.build import export_build
    from alongside.privacy.tests.conftest import everything, unzip

    text = everything(unzip(export_build(full_pair.mentor).content))
    assert MENTEE_SHARED_NOTE in text and MENTEE_GOAL in text
    assert "Ada Mentee" not in text


def test_the_mentorships_end_and_each_partner_is_told(full_pair, api_as):
    from alongside.mentorships.models import Mentorship
    from alongside.notifications.models import Notification

    mail.outbox.clear()
    assert delete(api_as(full_pair.mentee)).status_code == 204
    full_pair.mentorship.refresh_from_db()
    assert full_pair.mentorship.status == "ended"
    assert full_pair.mentorship.end_reason == "This member deleted their account."
    told = Notification.objects.filter(person=full_pair.mentor, kind="ended")
    assert told.count() == 1
    assert [m.to for m in mail.outbox] == [["grace@example.org"]]
    # The mentor's other pair goes on.
    assert Mentorship.objects.filter(mentee=full_pair.other_mentee, status="active").exists()


def test_open_requests_are_withdrawn_or_declined(mentee, mentor, outsider, api_as):
    from alongside.mentorships.services import mentorship_request
    from alongside.people.services import profile_update
    from alongside.programs.selectors import community_program

    profile_update(person=mentee, open_to_mentor=True, mentor_capacity=2)
    asked = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    to_me = mentorship_request(requester=outsider, mentor=mentee, program=community_program())
    mail.outbox.clear()
    assert delete(api_as(mentee)).status_code == 204
    asked.refresh_from_db()
    to_me.refresh_from_db()
    assert (asked.status, to_me.status) == ("withdrawn", "declined")
    assert ["eve@example.org"] in [m.to for m in mail.outbox]


def test_tokens_answer_401_and_sessions_end(full_pair, api_as):
    api = api_as(full_pair.mentee)
    spare = api_as(full_pair.mentee)
    browser = page_client(full_pair.mentee)
    assert browser.get("/profile/").status_code == 200
    assert delete(api).status_code == 204
    assert spare.get("/me").status_code == 401
    assert api.get("/me").status_code == 401
    response = browser.get("/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/")
    signin = Client().post("/signin/", {"email": "ada@example.org", "password": PASSWORD})
    assert signin.status_code != 302 or signin["Location"].startswith("/signin/")


def test_the_email_address_can_sign_up_again(full_pair, api_as):
    assert delete(api_as(full_pair.mentee)).status_code == 204
    response = api_as(None).post(
        "/auth/signup",
        {"email": "ada@example.org", "password": "a-brand-new-passphrase-93", "name": "Ada Again"},
    )
    assert response.status_code == 201
    # A new member: nothing of the old account comes with the address.
    fresh = api_as(None).post(
        "/auth/token", {"email": "ada@example.org", "password": "a-brand-new-passphrase-93"}
    )
    me = api_as(None)
    me.headers["Authorization"] = f"Bearer {fresh.json()['token']}"
    assert me.get("/journal").json()["count"] == 0


def test_program_admins_keep_only_counts(full_pair, api_as, program_admin):
    from alongside.programs.models import Enrollment, Program
    from alongside.programs.services import enrollment_create

    cohort = Program.objects.create(slug="cohort", name="Cohort")
    cohort.admins.add(full_pair.mentee, program_admin)
    enrollment_create(program=cohort, person=full_pair.mentee, role="mentee")
    Enrollment.objects.filter(person=full_pair.mentee).update(answers={"department": "Finance"})
    before = Enrollment.objects.filter(person=full_pair.mentee).count()
    assert delete(api_as(full_pair.mentee)).status_code == 204
    enrollments = Enrollment.objects.filter(person=full_pair.mentee)
    assert enrollments.count() == before  # still counted, as people who left
    assert {(e.status, str(e.answers)) for e in enrollments} == {("left", "{}")}
    assert list(cohort.admins.all()) == [program_admin]
    listed = api_as(program_admin).get(f"/programs/{cohort.public_id}/participants").json()
    assert listed["count"] == 0
    assert FORMER not in str(listed)


def test_the_page_says_what_is_removed_and_what_stays(full_pair):
    page = page_client(full_pair.mentee).get("/profile/delete/").content.decode()
    for said in (
        "What is removed",
        "private journal",
        "What stays",
        "&ldquo;a former member&rdquo;",
        "each partner is told",
        "export your data",
    ):
        assert said in page, said


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"password": "wrong", "confirm": "on"}, "This is not your password."),
        ({"password": PASSWORD}, "Tick the box to confirm"),
    ],
)
def test_the_page_refuses_without_the_password_and_the_tick(full_pair, form, error):
    from alongside.people.models import Person

    response = page_client(full_pair.mentee).post("/profile/delete/", form)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Person.objects.get(pk=full_pair.mentee.pk).is_active


def test_the_page_deletes_the_account_and_signs_out(full_pair):
    from alongside.people.models import Person

    client = page_client(full_pair.mentee)
    response = client.post("/profile/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert Person.objects.get(pk=full_pair.mentee.pk).name == FORMER
    assert client.get("/profile/").status_code == 302


def test_the_deletion_is_in_the_audit_log_with_counts_and_no_words(full_pair, api_as):
    from alongside.people.models import AuditEvent

    api = api_as(full_pair.mentee)
    assert delete(api, "wrong").status_code == 422
    assert delete(api).status_code == 204
    failed, deleted = AuditEvent.objects.filter(
        target=full_pair.mentee, action__in=["signin_failed", "account_deleted"]
    ).order_by("id")
    assert failed.action == "signin_failed"
    assert deleted.action == "account_deleted"
    assert deleted.actor_id == full_pair.mentee.pk
    assert deleted.detail == {"journal_entries": 2, "private_notes": 1, "mentorships_ended": 1}
    assert MENTEE_JOURNAL not in str(deleted.detail)
