"""A private note is seen by its author alone: on the meeting page, in the API, in .ics
files and feeds, and in emails. The other member and the program admin never see it."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from alongside.meetings import calendar, services
from conftest import deliver_mail, make_meeting, page_client

SECRET = "I am scared of this talk"
SHARED = "Topic chosen: testing"


@pytest.fixture
def meeting(pair, mentor, mentee):
    m = make_meeting(pair, title="Kick-off", in_days=1)
    services.note_add(meeting=m, author=mentee, body=SECRET, visibility="private")
    services.note_add(meeting=m, author=mentee, body=SHARED, visibility="shared")
    return m


def test_the_author_sees_her_private_note_on_the_page_and_the_api(meeting, mentee, api_as):
    html = page_client(mentee).get(f"/meetings/{meeting.public_id}/").content.decode()
    assert SECRET in html
    assert "Private: only you see this" in html
    body = api_as(mentee).get(f"/meetings/{meeting.public_id}").json()
    assert {n["body"] for n in body["notes"]} == {SECRET, SHARED}
    notes = api_as(mentee).get(f"/meetings/{meeting.public_id}/notes").json()
    assert [n["visibility"] for n in notes["items"]] == ["private", "shared"]
    assert notes["count"] == 2


def test_the_other_member_never_sees_it_on_the_page(meeting, mentor):
    html = page_client(mentor).get(f"/meetings/{meeting.public_id}/").content.decode()
    assert SHARED in html
    assert SECRET not in html


def test_the_other_member_never_sees_it_in_the_api(meeting, mentor, api_as):
    api = api_as(mentor)
    for path in (
        f"/meetings/{meeting.public_id}",
        f"/meetings/{meeting.public_id}/notes",
        f"/mentorships/{meeting.mentorship.public_id}/meetings",
    ):
        r = api.get(path)
        assert r.status_code == 200
        assert SECRET not in r.content.decode()
    assert SHARED in api.get(f"/meetings/{meeting.public_id}/notes").content.decode()


def test_the_program_admin_and_outsiders_see_nothing_of_the_meeting(
    meeting, program_admin, outsider, api_as
):
    for person in (program_admin, outsider):
        r = api_as(person).get(f"/meetings/{meeting.public_id}")
        assert r.status_code == 404
        assert page_client(person).get(f"/meetings/{meeting.public_id}/").status_code == 404
        assert api_as(person).get(f"/meetings/{meeting.public_id}/notes").status_code == 404


def test_no_calendar_file_or_feed_carries_a_note(meeting, mentee, mentor, api_as):
    for person in (mentee, mentor):
        ics = api_as(person).get(f"/meetings/{meeting.public_id}/ics").content.decode()
        assert SECRET not in ics and SHARED not in ics
        feed = Client().get(calendar.feed_url(person).split("8000", 1)[1]).content.decode()
        assert "Kick-off" in feed
        assert SECRET not in feed and SHARED not in feed


def test_no_email_carries_a_note(meeting, mentee, mentor):
    deliver_mail()
    assert len(mail.outbox) == 1  # the meeting was scheduled
    services.meeting_update(
        meeting=meeting,
        actor=mentee,
        minutes=30,
        starts_at=meeting.starts_at + dt.timedelta(hours=2),
    )
    services.meeting_cancel(meeting=meeting, actor=mentor, note="Sorry")
    deliver_mail()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        parts = [
            message.body,
            message.alternatives[0][0],
            *[a[1].decode() if isinstance(a[1], bytes) else str(a[1]) for a in message.attachments],
        ]
        for part in parts:
            assert SECRET not in part and SHARED not in part


def test_a_private_what_i_heard_note_stays_private_too(meeting, mentor, api_as):
    services.note_add(
        meeting=meeting, author=mentor, body="She wants to lead", visibility="private", kind="heard"
    )
    mentee_view = api_as(meeting.mentorship.mentee).get(f"/meetings/{meeting.public_id}").json()
    assert "She wants to lead" not in str(mentee_view)
    mentor_view = api_as(mentor).get(f"/meetings/{meeting.public_id}").json()
    assert any(n["kind"] == "heard" for n in mentor_view["notes"])
