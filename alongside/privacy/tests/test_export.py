"""The export of a person's data: what it holds, what it never holds, its shape, and the
way through the worker for the page and for large exports."""

import datetime as dt
import json
from pathlib import Path

import jsonschema_rs
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone as tz

from alongside.privacy.tests.conftest import (
    HOSTILE,
    MENTEE_CHECKIN,
    MENTEE_GOAL,
    MENTEE_JOURNAL,
    MENTEE_PRIVATE_NOTE,
    MENTEE_SHARED_ENTRY,
    MENTEE_SHARED_NOTE,
    MENTOR_BLIND_FEEDBACK,
    MENTOR_COMMENT,
    MENTOR_JOURNAL,
    MENTOR_PRIVATE_NOTE,
    MENTOR_SHARED_NOTE,
    MENTOR_THANKS,
    OTHER_PAIR_GOAL,
    everything,
    rows,
    unzip,
)
from conftest import deliver_mail, page_client

KINDS = {
    "profile",
    "api_tokens",
    "enrollments",
    "mentorships",
    "goals",
    "meetings",
    "checkins",
    "appreciations",
    "resources",
    "journal",
    "shared_entries",
    "notifications",
    "notification_settings",
    "messages",
}


def export_of(api_as, person) -> dict[str, bytes]:
    response = api_as(person).get("/me/export")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="alongside-export-')
    return unzip(response.content)


def test_the_export_holds_a_json_file_per_kind_a_schema_a_manifest_and_a_report(full_pair, api_as):
    files = export_of(api_as, full_pair.mentee)
    assert set(files) == {f"{k}.json" for k in KINDS} | {
        "schema.json",
        "manifest.json",
        "report.html",
    }
    manifest = json.loads(files["manifest.json"])
    assert manifest["format"] == "alongside-export"
    assert manifest["person"] == str(full_pair.mentee.public_id)
    for kind in KINDS:
        assert manifest["files"][f"{kind}.json"]["rows"] == len(rows(files, kind))


def test_every_file_validates_against_the_schema_written_beside_it(full_pair, api_as):
    files = export_of(api_as, full_pair.mentee)
    schema = json.loads(files["schema.json"])
    assert set(schema) == KINDS
    for kind in KINDS:
        jsonschema_rs.validate(schema[kind], rows(files, kind))
    # The schema is strict enough to catch a wrong shape.
    with pytest.raises(jsonschema_rs.ValidationError):
        jsonschema_rs.validate(schema["journal"], [{"body": 3}])


def test_the_mentees_export_holds_what_they_wrote_private_things_included(full_pair, api_as):
    files = export_of(api_as, full_pair.mentee)
    text = everything(files)
    for mine in (
        MENTEE_JOURNAL,
        MENTEE_PRIVATE_NOTE,
        MENTEE_SHARED_NOTE,
        MENTEE_GOAL,
        MENTEE_SHARED_ENTRY,
        MENTEE_CHECKIN,
    ):
        assert mine in text, mine
    journal = rows(files, "journal")
    assert {entry["body"] for entry in journal} == {MENTEE_JOURNAL, MENTEE_SHARED_ENTRY}
    (profile,) = rows(files, "profile")
    assert profile["email"] == "ada@example.org"
    assert profile["name"] == "Ada Mentee"
    # The account leads the row (docs/api.md), then what the person says about themselves.
    assert list(profile)[:3] == ["id", "email", "name"]
    assert list(profile)[-2:] == ["date_joined", "last_login"]


def test_the_mentees_export_holds_what_the_mentor_shared_with_them(full_pair, api_as):
    files = export_of(api_as, full_pair.mentee)
    text = everything(files)
    for shared in (MENTOR_SHARED_NOTE, MENTOR_THANKS, MENTOR_COMMENT):
        assert shared in text, shared
    (meeting,) = rows(files, "meetings")
    by = {note["body"]: note["author"] for note in meeting["notes"]}
    assert by[MENTOR_SHARED_NOTE] == {"name": "Grace Mentor", "is_me": False}
    assert by[MENTEE_PRIVATE_NOTE] == {"name": "Ada Mentee", "is_me": True}


def test_the_mentees_export_never_holds_the_mentors_private_things_or_blind_feedback(
    full_pair, api_as
):
    text = everything(export_of(api_as, full_pair.mentee))
    for theirs in (MENTOR_JOURNAL, MENTOR_PRIVATE_NOTE, MENTOR_BLIND_FEEDBACK, OTHER_PAIR_GOAL):
        assert theirs not in text, theirs


def test_the_mentors_export_holds_their_own_and_never_the_mentees_private_things(full_pair, api_as):
    text = everything(export_of(api_as, full_pair.mentor))
    for mine in (MENTOR_JOURNAL, MENTOR_PRIVATE_NOTE, MENTOR_BLIND_FEEDBACK, OTHER_PAIR_GOAL):
        assert mine in text, mine
    for shared in (MENTEE_SHARED_NOTE, MENTEE_GOAL, MENTEE_SHARED_ENTRY, MENTEE_CHECKIN):
        assert shared in text, shared
    for theirs in (MENTEE_JOURNAL, MENTEE_PRIVATE_NOTE):
        assert theirs not in text, theirs


def test_feedback_comes_into_the_export_once_it_is_open_to_me(full_pair, api_as):
    from alongside.meetings.services import feedback_give

    feedback_give(meeting=full_pair.held, author=full_pair.mentee, rating=5, went_well="Good")
    (meeting,) = rows(export_of(api_as, full_pair.mentee), "meetings")
    assert {f["went_well"] for f in meeting["feedback"]} == {"Good", MENTOR_BLIND_FEEDBACK}


def test_blind_feedback_opens_in_the_export_seven_days_after_it_was_given(full_pair, api_as):
    with time_machine.travel(tz.now() + dt.timedelta(days=7, minutes=1)):
        (meeting,) = rows(export_of(api_as, full_pair.mentee), "meetings")
    assert [f["went_well"] for f in meeting["feedback"]] == [MENTOR_BLIND_FEEDBACK]


def test_the_report_shows_hostile_text_escaped(full_pair, api_as):
    from alongside.growth.services import journal_write
    from alongside.people.services import profile_update

    profile_update(person=full_pair.mentee, headline=HOSTILE)
    journal_write(author=full_pair.mentee, body=HOSTILE)
    files = export_of(api_as, full_pair.mentee)
    report = files["report.html"].decode()
    assert "<script>alert" not in report
    assert "<img src=x" not in report
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in report
    assert MENTEE_JOURNAL in report
    assert MENTOR_JOURNAL not in report
    # The JSON keeps the text as written.
    assert HOSTILE in {entry["body"] for entry in rows(files, "journal")}


def test_anonymous_callers_get_no_export(api_as, db):
    response = api_as(None).get("/me/export")
    assert response.status_code == 401
    assert Client().get("/profile/export/").status_code == 302


def test_a_large_export_is_built_by_the_worker_not_at_once(full_pair, api_as, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    response = api_as(full_pair.mentee).get("/me/export")
    assert response.status_code == 409
    assert response.json()["code"] == "export_too_large"
    assert "POST /api/v1/me/exports" in response.json()["detail"]


def test_the_worker_builds_the_export_emails_its_owner_and_offers_it_for_download(
    full_pair, api_as
):
    api = api_as(full_pair.mentee)
    mail.outbox.clear()
    response = api.client.post("/api/v1/me/exports", headers=api.headers)
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert response.json()["download_url"] is None
    deliver_mail()
    (email,) = mail.outbox
    assert email.to == ["ada@example.org"]
    assert "export" in email.subject.lower()
    assert "/profile/export/" in email.body
    (ready,) = api.get("/me/exports").json()["items"]
    assert ready["status"] == "ready"
    assert ready["size"] > 0
    downloaded = api.get(ready["download_url"].removeprefix("/api/v1"))
    assert downloaded.status_code == 200
    assert downloaded["Content-Disposition"].startswith("attachment;")
    assert MENTEE_JOURNAL in everything(unzip(downloaded.content))
    # The page offers the same file.
    page = page_client(full_pair.mentee).get(f"/profile/export/{ready['id']}/download/")
    assert page.status_code == 200
    assert page.content == downloaded.content


def test_asking_twice_while_one_is_prepared_answers_the_same_export(full_pair, api_as):
    api = api_as(full_pair.mentee)
    first = api.client.post("/api/v1/me/exports", headers=api.headers).json()
    second = api.client.post("/api/v1/me/exports", headers=api.headers).json()
    assert first["id"] == second["id"]


def test_only_the_owner_downloads_an_export(full_pair, api_as):
    from alongside.privacy.services import export_request

    export = export_request(person=full_pair.mentee)
    deliver_mail()
    path = f"/me/exports/{export.public_id}/download"
    assert api_as(full_pair.mentee).get(path).status_code == 200
    for someone in (full_pair.mentor, full_pair.other_mentee):
        response = api_as(someone).get(path)
        assert response.status_code == 404
        assert MENTEE_JOURNAL.encode() not in response.content
        page = page_client(someone).get(f"/profile/export/{export.public_id}/download/")
        assert page.status_code == 404
    assert api_as(None).get(path).status_code == 401
    assert Client().get(f"/profile/export/{export.public_id}/download/").status_code == 302


def test_an_export_expires_after_seven_days_and_the_sweep_deletes_its_file(
    full_pair, api_as, settings
):
    from alongside.home.sweep import sweep
    from alongside.privacy.models import Export
    from alongside.privacy.services import export_path, export_request

    export = export_request(person=full_pair.mentee)
    deliver_mail()
    export.refresh_from_db()
    file = Path(export_path(export))
    assert file.exists()
    path = f"/me/exports/{export.public_id}/download"
    with time_machine.travel(export.ready_at + dt.timedelta(days=6, hours=23)):
        assert api_as(full_pair.mentee).get(path).status_code == 200
        sweep()
        assert file.exists()
    with time_machine.travel(export.ready_at + dt.timedelta(days=7, seconds=1)):
        assert api_as(full_pair.mentee).get(path).status_code == 404
        assert api_as(full_pair.mentee).get("/me/exports").json()["count"] == 0
        counted = sweep()
    assert counted["exports_expired"] == 1
    assert not file.exists()
    assert not Export.objects.filter(pk=export.pk).exists()


def test_the_page_asks_the_worker_and_lists_the_export_when_ready(full_pair):
    client = page_client(full_pair.mentee)
    response = client.post("/profile/export/", follow=True)
    assert b"being prepared" in response.content
    deliver_mail()
    page = client.get("/profile/export/").content.decode()
    assert "Ready" in page
    assert "/download/" in page


def test_an_app_adds_its_own_kind_to_the_export_by_registering_it(full_pair, api_as):
    from pydantic import BaseModel

    from alongside.people import export

    class Thing(BaseModel):
        text: str

    export.register(
        "things",
        Thing,
        collect=lambda person: [{"text": f"a thing of {person.name}"}],
        title="Things",
        about="Things a later app holds.",
    )
    try:
        files = export_of(api_as, full_pair.mentee)
    finally:
        del export._PARTS["things"]
    assert rows(files, "things") == [{"text": "a thing of Ada Mentee"}]
    assert "Things a later app holds." in files["report.html"].decode()


def test_the_api_docs_describe_every_kind_and_every_field_of_the_export():
    from alongside.people.export import parts

    docs = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    section = docs.split("## Your data: export and deletion", 1)[1].split("\n## ", 1)[0]
    for part in parts():
        line = next(
            (row for row in section.splitlines() if row.startswith(f"| `{part.kind}.json`")), ""
        )
        assert line, f"docs/api.md has no row for {part.kind}.json"
        for name in part.row.model_fields:
            assert name in line, f"docs/api.md does not name {part.kind}.{name}"


def test_exports_asked_for_and_downloaded_are_in_the_audit_log(full_pair, api_as):
    from alongside.people.models import AuditEvent

    api = api_as(full_pair.mentee)
    assert api.get("/me/export").status_code == 200
    asked = api.client.post("/api/v1/me/exports", headers=api.headers).json()
    deliver_mail()
    assert api.get(f"/me/exports/{asked['id']}/download").status_code == 200
    api_as(full_pair.mentor).get(f"/me/exports/{asked['id']}/download")  # a 404: no row
    events = AuditEvent.objects.filter(
        action__in=["export_requested", "export_downloaded"]
    ).order_by("id")
    assert [(e.action, e.actor, e.target) for e in events] == [
        ("export_downloaded", full_pair.mentee, full_pair.mentee),
        ("export_requested", full_pair.mentee, full_pair.mentee),
        ("export_downloaded", full_pair.mentee, full_pair.mentee),
    ]
    assert events[0].detail["rows"] > 0
    assert events[1].detail == {"export": asked["id"]} == events[2].detail


def test_an_export_whose_file_is_gone_answers_404_not_500(full_pair, api_as):
    from alongside.privacy.services import export_path, export_request

    export = export_request(person=full_pair.mentee)
    deliver_mail()
    Path(export_path(export)).unlink()
    response = api_as(full_pair.mentee).get(f"/me/exports/{export.public_id}/download")
    assert response.status_code == 404
    page = page_client(full_pair.mentee).get(f"/profile/export/{export.public_id}/download/")
    assert page.status_code == 404


def test_an_export_the_worker_cannot_build_is_marked_failed_and_may_be_asked_again(
    full_pair, api_as
):
    from pydantic import BaseModel

    from alongside.people import export as registry
    from alongside.privacy.models import Export
    from alongside.privacy.services import export_request

    class Row(BaseModel):
        text: str

    def broken(person):
        raise RuntimeError("a row no one foresaw")

    registry.register("broken", Row, collect=broken, title="Broken", about="Fails.")
    try:
        export = export_request(person=full_pair.mentee)
        deliver_mail()
    finally:
        del registry._PARTS["broken"]
    export.refresh_from_db()
    assert export.status == "failed"
    again = export_request(person=full_pair.mentee)
    assert again.pk != export.pk
    deliver_mail()
    assert Export.objects.get(pk=again.pk).status == "ready"
    page = page_client(full_pair.mentee).get("/profile/export/").content.decode()
    assert "Failed" in page


def test_the_export_holds_my_messages_and_not_my_partners_or_deleted_ones(full_pair, api_as):
    from alongside.threads.services import message_delete, message_post

    pair = full_pair.mentorship
    mine = message_post(mentorship=pair, author=full_pair.mentee, body="MENTEE-SAYS-kestrel")
    gone = message_post(mentorship=pair, author=full_pair.mentee, body="MENTEE-TOOK-BACK-wagtail")
    message_delete(message=gone, actor=full_pair.mentee)
    message_post(mentorship=pair, author=full_pair.mentor, body="MENTOR-SAYS-osprey")
    files = unzip(api_as(full_pair.mentee).get("/me/export").content)
    exported = rows(files, "messages")
    assert [m["body"] for m in exported] == ["MENTEE-SAYS-kestrel"]
    assert exported[0]["id"] == str(mine.public_id)
    text = everything(files)
    assert "MENTOR-SAYS-osprey" not in text, [k for k, v in files.items() if b"osprey" in v]
    assert "TOOK-BACK" not in text
    partner = everything(unzip(api_as(full_pair.mentor).get("/me/export").content))
    assert "MENTOR-SAYS-osprey" in partner and "kestrel" not in partner
