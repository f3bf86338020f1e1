"""Issue 11, finding 1: a title with a line break broke the .ics, the cancel email and the
reminder sweep. Single-line fields refuse line breaks and control characters (422 on the
API, an error beside the field on the pages); a row written before that rule still gives
an .ics that parses, and can still be cancelled."""

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from alongside.meetings import calendar
from alongside.meetings.models import Meeting
from alongside.people.models import Person
from conftest import deliver_mail, make_meeting, page_client

ONE_LINE = "The title must be one line: remove line breaks and control characters."
# Line feed, carriage return, a bell, DEL, a right-to-left override, a first-strong
# isolate and a line separator.
NOT_ONE_LINE = [
    "Poison\nline",
    "Poison\rline",
    "Ring\x07",
    "Del\x7f",
    "abc\u202eexe.fdp",
    "\u2068x",
    "a\u2028b",
]


@pytest.fixture
def meeting(pair) -> Meeting:
    m = make_meeting(pair)
    deliver_mail()  # the "meeting scheduled" emails are out of the way
    mail.outbox.clear()
    return m


def _parse(data: bytes) -> Calendar:
    cal = Calendar.from_ical(data)
    assert cal.walk("VEVENT")
    return cal


def test_a_meeting_title_with_a_line_break_is_refused_by_the_api(meeting, mentor, api_as):
    api = api_as(mentor)
    for bad in NOT_ONE_LINE:
        r = api.patch(f"/meetings/{meeting.public_id}", {"title": bad})
        assert r.status_code == 422, (bad, r.content)
        assert r.json()["errors"] == [{"field": "title", "message": ONE_LINE}]
        assert r.json()["detail"] == f"title: {ONE_LINE}"
    r = api.patch(f"/meetings/{meeting.public_id}", {"place": "Room\n4"})
    assert r.json()["errors"][0]["message"].startswith("The place must be one line")
    r = api.post(
        f"/mentorships/{meeting.mentorship.public_id}/meetings",
        {"starts_at": "2030-01-01T10:00:00+00:00", "title": "A\r\nB"},  # refused first
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "title", "message": ONE_LINE}]
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place) == ("Planning", "")
    # Tabs and quotes are not control characters of a title; text around them is kept.
    r = api.patch(f"/meetings/{meeting.public_id}", {"title": "Plan \"B\" & 'C'"})
    assert r.status_code == 200
    assert r.json()["title"] == "Plan \"B\" & 'C'"


def test_a_meeting_title_with_a_line_break_is_refused_by_the_page(meeting, mentor):
    client = page_client(mentor)
    r = client.post(
        f"/meetings/{meeting.public_id}/edit/",
        {"starts_at": "2030-01-01T10:00", "minutes": 45, "title": "Poison\nline", "place": ""},
    )
    assert r.status_code == 400
    assert ONE_LINE in r.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Planning"


def test_several_line_fields_keep_line_breaks_but_refuse_controls(meeting, mentee, api_as):
    api = api_as(mentee)
    ok = api.post(
        f"/meetings/{meeting.public_id}/notes",
        {"body": "First line\nSecond\tline", "visibility": "shared"},
    )
    assert ok.status_code == 201
    assert ok.json()["body"] == "First line\nSecond\tline"
    for bad in ["Ring\x07", "Escape\x1b[31m", "abc\u202eexe"]:
        r = api.post(f"/meetings/{meeting.public_id}/notes", {"body": bad, "visibility": "shared"})
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["field"] == "body"
        assert "remove it" in r.json()["errors"][0]["message"]


def test_a_poisoned_meeting_title_still_gives_an_ics_that_parses(meeting, mentor, mentee, api_as):
    Meeting.objects.filter(pk=meeting.pk).update(title="Poison\nline", place="Room\r\n4\x0b")
    Person.objects.filter(pk=mentor.pk).update(name='Grace "Q";\nMentor')
    r = page_client(mentee).get(f"/meetings/{meeting.public_id}/meeting.ics")
    assert r.status_code == 200
    (event,) = _parse(r.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Poison\nline")
    assert str(event["LOCATION"]) == "Room\n4"  # the vertical tab is dropped
    r = api_as(mentee).get(f"/meetings/{meeting.public_id}/ics")
    assert r.status_code == 200
    _parse(r.content)
    feed = calendar.feed_url(mentee).split("127.0.0.1:8000", 1)[1]
    r = page_client(mentee).get(feed)
    assert r.status_code == 200
    (event,) = _parse(r.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Poison\nline")


def test_a_meeting_with_a_poisoned_title_can_be_cancelled(meeting, mentor, mentee, api_as):
    Meeting.objects.filter(pk=meeting.pk).update(title="Poison\nline")
    r = api_as(mentor).post(f"/meetings/{meeting.public_id}/cancel", {"note": "Sorry"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "cancelled"
    (message,) = [m for m in mail.outbox if m.to == [mentee.email]]
    (ics,) = [content for name, content, _ in message.attachments if name == "meeting.ics"]
    (event,) = _parse(ics).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_meeting_with_a_poisoned_title_can_be_cancelled_on_the_page(meeting, mentor):
    Meeting.objects.filter(pk=meeting.pk).update(title="Poison\nline")
    r = page_client(mentor).post(f"/meetings/{meeting.public_id}/cancel/", {"note": ""})
    assert r.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_a_meeting_in_a_zone_that_does_not_exist_still_gives_an_ics(meeting, mentee, api_as):
    Meeting.objects.filter(pk=meeting.pk).update(timezone="Atlantis/Deep")
    r = api_as(mentee).get(f"/meetings/{meeting.public_id}/ics")
    assert r.status_code == 200
    (event,) = _parse(r.content).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)


def test_an_organizer_in_a_zone_that_does_not_exist_can_still_schedule(pair, mentor, api_as):
    Person.objects.filter(pk=mentor.pk).update(timezone="Atlantis/Deep")
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=10)
    until = (start + dt.timedelta(days=20)).date()
    r = api_as(mentor).post(
        f"/mentorships/{pair.public_id}/meetings",
        {"starts_at": start.isoformat(), "repeat_every_days": 7, "repeat_until": str(until)},
    )
    assert r.status_code == 201, r.content
    assert Meeting.objects.get(public_id=r.json()["id"]).timezone == "UTC"
