"""Calendar files: RFC 5545, parsed by icalendar and by vobject (a second, independent
parser), the same instant across a daylight-saving change, a SEQUENCE that grows."""

import datetime as dt
import zoneinfo

import pytest
import vobject
from django.test import Client
from icalendar import Calendar

from alongside.meetings import calendar, services
from alongside.meetings.models import Meeting
from alongside.people.services import profile_update
from conftest import page_client

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def parse_both(data: bytes):
    ical = Calendar.from_ical(data)
    (event,) = [c for c in ical.walk() if c.name == "VEVENT"]
    vcal = vobject.readOne(data.decode())
    return event, vcal.vevent


@pytest.fixture
def berlin_mentor(mentor):
    profile_update(person=mentor, timezone="Europe/Berlin")
    return mentor


def test_a_meeting_after_the_autumn_change_is_the_same_instant_in_both_parsers(
    pair, berlin_mentor, mentee, api_as
):
    # Clocks go back in Europe on the last Sunday of October; the meeting is the Monday
    # after, next year's, so that it is always in the future.
    year = dt.datetime.now(dt.UTC).year + 1
    change = max(d for d in (dt.date(year, 10, day) for day in range(25, 32)) if d.weekday() == 6)
    monday = change + dt.timedelta(days=1)
    start = dt.datetime.combine(monday, dt.time(9, 0), tzinfo=BERLIN)
    r = api_as(berlin_mentor).post(
        f"/mentorships/{pair.public_id}/meetings",
        {"starts_at": start.isoformat(), "minutes": 60, "title": "After the clock change"},
    )
    assert r.status_code == 201, r.content
    assert r.json()["starts_at"] == f"{start.date().isoformat()}T08:00:00Z"  # 09:00 CET
    data = api_as(mentee).get(f"/meetings/{r.json()['id']}/ics").content
    event, vevent = parse_both(data)
    a = event.decoded("dtstart")
    b = vevent.dtstart.value
    assert a == b == start
    assert a.utcoffset() == b.utcoffset() == dt.timedelta(hours=1)
    assert "TZID=Europe/Berlin" in data.decode()
    assert b"BEGIN:VTIMEZONE" in data
    assert event.decoded("dtend") - a == dt.timedelta(minutes=60)


def test_the_ics_names_uid_organizer_attendees_and_sequence(pair, mentor, mentee, api_as):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    mid = (
        api_as(mentor)
        .post(
            f"/mentorships/{pair.public_id}/meetings",
            {
                "starts_at": start.isoformat(),
                "title": "Kick-off",
                "place": "https://meet.example/x",
            },
        )
        .json()["id"]
    )
    event, vevent = parse_both(api_as(mentee).get(f"/meetings/{mid}/ics").content)
    assert str(event["uid"]) == f"meeting-{mid}@alongside" == vevent.uid.value
    assert str(event["organizer"]) == f"mailto:{mentor.email}"
    attendees = sorted(str(a) for a in event["attendee"])
    assert attendees == sorted([f"mailto:{mentor.email}", f"mailto:{mentee.email}"])
    assert [a.value for a in vevent.attendee_list] != []
    assert int(event["sequence"]) == 0
    assert str(event["location"]) == "https://meet.example/x"


def test_the_sequence_grows_on_every_change_and_cancel(pair, mentor, mentee, api_as):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    mid = (
        api_as(mentor)
        .post(f"/mentorships/{pair.public_id}/meetings", {"starts_at": start.isoformat()})
        .json()["id"]
    )
    sequences = []
    for change in ({"starts_at": (start + dt.timedelta(hours=1)).isoformat()}, {"minutes": 30}):
        assert api_as(mentee).patch(f"/meetings/{mid}", change).status_code == 200
        event, vevent = parse_both(api_as(mentee).get(f"/meetings/{mid}/ics").content)
        sequences.append((int(event["sequence"]), int(vevent.sequence.value)))
    api_as(mentor).post(f"/meetings/{mid}/cancel", {"note": "Ill today"})
    event, vevent = parse_both(api_as(mentee).get(f"/meetings/{mid}/ics").content)
    sequences.append((int(event["sequence"]), int(vevent.sequence.value)))
    assert sequences == [(1, 1), (2, 2), (3, 3)]
    assert str(event["status"]) == "CANCELLED"


def test_a_series_keeps_its_local_time_across_the_clock_change(pair, berlin_mentor):
    # Every 7 days from Monday 19 October 2026, 09:00 Berlin, over the autumn change.
    starts = services.occurrences(
        dt.datetime(2026, 10, 19, 9, 0, tzinfo=BERLIN),
        zone="Europe/Berlin",
        every_days=7,
        until=dt.date(2026, 11, 2),
    )
    local = [s.astimezone(BERLIN) for s in starts]
    assert [(d.day, d.hour, d.minute) for d in local] == [(19, 9, 0), (26, 9, 0), (2, 9, 0)]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [7, 8, 8]


def test_a_series_is_created_in_one_step(pair, berlin_mentor, api_as):
    start = (dt.datetime.now(BERLIN) + dt.timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    until = (start + dt.timedelta(days=56)).date()
    r = api_as(berlin_mentor).post(
        f"/mentorships/{pair.public_id}/meetings",
        {"starts_at": start.isoformat(), "repeat_every_days": 14, "repeat_until": str(until)},
    )
    assert r.status_code == 201, r.content
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 5
    assert {m.series_id for m in meetings} == {meetings[0].series_id}
    assert all(m.starts_at.astimezone(BERLIN).hour == 9 for m in meetings)


def test_the_feed_lists_my_meetings_and_refuses_a_wrong_or_reset_token(pair, mentor, mentee):
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=start, title="Feed me")
    url = calendar.feed_url(mentee)
    path = url.split("127.0.0.1:8000", 1)[1]
    anonymous = Client()
    r = anonymous.get(path)
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/calendar")
    event, _ = parse_both(r.content)
    assert "Feed me" in str(event["summary"])
    wrong = path.replace(path.rsplit("/", 1)[1][:6], "000000")
    assert anonymous.get(wrong).status_code == 404
    other_person = path.replace(str(mentee.public_id), str(mentor.public_id))
    assert anonymous.get(other_person).status_code == 404  # a token is bound to its person
    calendar.feed_reset(mentee)
    assert anonymous.get(path).status_code == 404
    new_path = calendar.feed_url(mentee).split("127.0.0.1:8000", 1)[1]
    assert anonymous.get(new_path).status_code == 200
    assert anonymous.get("/calendar/not-a-uuid/abc.ics").status_code == 404


def test_the_feed_url_is_given_and_reset_through_the_api_and_the_page(mentee, api_as):
    first = api_as(mentee).get("/me/calendar").json()["url"]
    second = api_as(mentee).post("/me/calendar/reset").json()["url"]
    assert first != second
    assert api_as(mentee).get("/me/calendar").json()["url"] == second
    client = page_client(mentee)
    assert second in client.get("/calendar/").content.decode()
    client.post("/calendar/")
    assert second not in client.get("/calendar/").content.decode()
    assert api_as(None).get("/me/calendar").status_code == 401
