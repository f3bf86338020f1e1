"""The audit log: a row for each kind of event, from the address the rate limits count,
append-only in the application, pruned after AUDIT_RETENTION_DAYS.

Ada is a mentee, Morgan runs the Community program, Root is staff."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone

from alongside.home.sweep import sweep
from alongside.people.audit import audit, audit_prune, security_events
from alongside.people.models import AppendOnly, AuditAction, AuditEvent, Person
from alongside.people.services import password_reset_complete, token_create
from alongside.programs.importer import participants_import
from alongside.programs.selectors import community_program
from alongside.programs.services import program_admin_add, program_create, program_update
from conftest import PASSWORD, page_client

UA = "Mozilla/5.0 (Test) Browser/1.0"


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


@pytest.fixture
def staff(db):
    return Person.objects.create_superuser(
        email="root@example.org", password="root-pass-123456-long", name="Root"
    )


def test_a_sign_in_is_recorded_with_the_address_and_the_browser(mentee):
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=UA)
    r = client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    assert r.status_code == 302
    (row,) = events(AuditAction.SIGNIN)
    assert (row.actor, row.target) == (mentee, mentee)
    assert row.address == "203.0.113.9"
    assert row.user_agent == UA


def test_the_address_behind_a_trusted_proxy_is_the_one_the_proxy_saw(mentee, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    client.post("/signin/", {"email": mentee.email, "password": PASSWORD})
    (row,) = events(AuditAction.SIGNIN)
    assert row.address == "198.51.100.7"  # not the spoofable 1.2.3.4, not the proxy


def test_a_failed_sign_in_is_on_the_owners_log_and_an_unknown_email_leaves_nothing(mentee):
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.post("/signin/", {"email": mentee.email, "password": "not-the-password"})
    client.post("/signin/", {"email": "nobody@example.org", "password": "hunter2hunter2"})
    (row,) = events(AuditAction.SIGNIN_FAILED)
    assert row.target == mentee
    assert row.actor is None
    assert row.address == "203.0.113.9"
    assert "hunter2" not in str(row.detail) and "nobody" not in str(row.detail)


def test_sign_out_is_recorded(mentee):
    client = page_client(mentee)
    client.post("/signout/")
    (row,) = events(AuditAction.SIGNOUT)
    assert row.actor == mentee


def test_token_creation_and_revocation_are_recorded(api_as, mentee):
    r = Client().post(
        "/api/v1/auth/token",
        {"email": mentee.email, "password": PASSWORD, "name": "laptop"},
        content_type="application/json",
    )
    assert r.status_code == 200
    (made,) = events(AuditAction.TOKEN_CREATED)
    assert made.actor == mentee
    assert made.detail["name"] == "laptop"
    assert made.detail["token"] == r.json()["token"][:10]
    assert r.json()["token"] not in str(made.detail)  # never the secret itself
    assert api_as(mentee).delete(f"/auth/tokens/{r.json()['id']}").status_code == 204
    (revoked,) = events(AuditAction.TOKEN_REVOKED)
    assert revoked.detail["token"] == made.detail["token"]


def test_a_password_change_is_recorded_with_the_tokens_it_revoked(mentee):
    token_create(person=mentee)
    client = page_client(mentee)
    new = "a-brand-new-passphrase-42"
    r = client.post(
        "/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert r.status_code == 302
    (row,) = events(AuditAction.PASSWORD_CHANGED)
    assert row.actor == mentee
    assert row.detail == {"revoked_tokens": 1}
    assert new not in str(row.detail)


def test_a_wrong_current_password_is_recorded_as_a_failed_try(mentee):
    client = page_client(mentee)
    client.post(
        "/password/change/",
        {"old_password": "wrong", "new_password1": "x" * 20, "new_password2": "x" * 20},
    )
    (row,) = events(AuditAction.SIGNIN_FAILED)
    assert row.target == mentee
    assert row.detail == {"step": "current password"}


def test_a_password_reset_is_recorded(mentee):
    password_reset_complete(person=mentee, password="reset-to-this-passphrase", client="x")
    (row,) = events(AuditAction.PASSWORD_RESET)
    assert row.target == mentee


def test_staff_setting_a_persons_password_in_the_admin_is_recorded(staff, mentee):
    token_create(person=mentee)
    client = page_client(staff)
    new = "set-by-staff-passphrase-9"
    r = client.post(
        f"/admin/people/person/{mentee.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert r.status_code == 302
    (row,) = events(AuditAction.PASSWORD_SET_BY_STAFF)
    assert (row.actor, row.target) == (staff, mentee)
    assert not mentee.api_tokens.exists()
    # The person sees it on their own Security page's log.
    assert row in security_events(mentee)


def test_a_role_change_in_the_admin_is_recorded(staff, mentee):
    client = page_client(staff)
    page = client.get(f"/admin/people/person/{mentee.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "email": mentee.email,
            "name": mentee.name,
            "is_staff": "on",
            "is_active": "on",
            "skills": '["Public speaking"]',
            "interests": "[]",
            "languages": "[]",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("is_superuser", None)
    r = client.post(f"/admin/people/person/{mentee.pk}/change/", data)
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    (row,) = events(AuditAction.ROLE_CHANGED)
    assert (row.actor, row.target) == (staff, mentee)
    assert row.detail["is_staff"] is True
    assert "is_staff" in row.detail["fields"]


def test_program_admin_actions_are_recorded_with_their_program(staff, program_admin, mentee):
    program = program_create(actor=staff, name="Autumn cohort")
    program_update(program=program, actor=staff, description="A long free text, not logged")
    program_admin_add(program=program, actor=staff, person=program_admin)
    rows = {e.action: e for e in AuditEvent.objects.filter(program_pk=program.pk)}
    assert set(rows) == {
        AuditAction.PROGRAM_CREATED,
        AuditAction.PROGRAM_UPDATED,
        AuditAction.PROGRAM_ADMIN_ADDED,
    }
    assert rows[AuditAction.PROGRAM_UPDATED].detail == {"fields": ["description"]}
    assert "long free text" not in str(rows[AuditAction.PROGRAM_UPDATED].detail)
    assert rows[AuditAction.PROGRAM_ADMIN_ADDED].detail["person"] == str(program_admin.public_id)
    assert all(e.actor == staff for e in rows.values())


def test_an_import_is_recorded_with_its_counts(program_admin):
    program = community_program()
    csv = "email,name,role\nnia@example.org,Nia Newcomer,mentee\n"
    participants_import(program=program, actor=program_admin, rows_or_file=csv)
    (row,) = events(AuditAction.PARTICIPANTS_IMPORTED)
    assert row.program_pk == program.pk
    assert row.actor == program_admin
    assert row.detail["created"] == 1
    assert "nia@example.org" not in str(row.detail)


def test_an_import_at_the_command_line_has_no_actor(program_admin):
    program = community_program()
    participants_import(
        program=program, actor=None, rows_or_file="email,name,role\nn@example.org,N N,mentee\n"
    )
    (row,) = events(AuditAction.PARTICIPANTS_IMPORTED)
    assert row.actor is None
    assert row.detail["via"] == "command line"


def test_an_action_that_fails_leaves_no_row(staff):
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        program_create(actor=staff, name="", ends_on=dt.date(2020, 1, 1))
    assert not AuditEvent.objects.exists()


# --- Append-only -----------------------------------------------------------------------


def test_an_event_cannot_be_changed_or_deleted_by_the_application(mentee):
    row = audit(AuditAction.SIGNIN, actor=mentee)
    row.address = "forged"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(address="forged")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEvent.objects.bulk_update([row], ["address"])
    row.refresh_from_db()
    assert row.address == ""


def test_the_admin_site_shows_the_log_read_only(staff, mentee):
    row = audit(AuditAction.SIGNIN, actor=mentee)
    client = page_client(staff)
    assert client.get("/admin/people/auditevent/").status_code == 200
    assert client.get(f"/admin/people/auditevent/{row.pk}/change/").status_code == 200
    assert client.get("/admin/people/auditevent/add/").status_code == 403
    assert (
        client.post(f"/admin/people/auditevent/{row.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    r = client.post(
        "/admin/people/auditevent/",
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert AuditEvent.objects.filter(pk=row.pk).exists()
    assert r.status_code in (200, 302)


def test_deleting_a_person_keeps_the_events_without_them(mentee, staff):
    audit(AuditAction.SIGNIN, actor=mentee)
    audit(AuditAction.ROLE_CHANGED, actor=staff, target=mentee)
    mentee.delete()
    assert AuditEvent.objects.count() == 2
    assert set(AuditEvent.objects.values_list("target", flat=True)) == {None}


def test_an_unknown_kind_of_event_is_a_programming_error(mentee):
    with pytest.raises(ValueError):
        audit("made_up", actor=mentee)


def test_detail_is_kept_small_and_one_line(mentee):
    row = audit(
        AuditAction.TOKEN_CREATED,
        actor=mentee,
        detail={"name": "line one\nline two" + "x" * 500, "n": 3, "flag": True},
    )
    assert row.detail["name"].startswith("line one line two")
    assert len(row.detail["name"]) == 200
    assert row.detail["n"] == 3 and row.detail["flag"] is True


# --- Retention -------------------------------------------------------------------------


def test_the_sweep_prunes_events_older_than_the_retention(mentee, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=31), tick=False):
        audit(AuditAction.SIGNIN, actor=mentee, detail={"n": "old"})
    with time_machine.travel(start - dt.timedelta(days=29), tick=False):
        audit(AuditAction.SIGNIN, actor=mentee, detail={"n": "recent"})
    count = sweep(now=start)
    assert count["pruned_audit_events"] == 1
    assert [e.detail["n"] for e in AuditEvent.objects.all()] == ["recent"]
    assert audit_prune(now=start) == 0
