"""Calendar files carry the pair's email addresses, which the API otherwise keeps to each
person. Decided: they stay (calendar apps match an invitation to its invitee by address),
they are the pair's alone, and the calendar page says so."""

import datetime as dt

from django.utils import timezone as tz
from icalendar import Calendar

from alongside.meetings import calendar, services
from conftest import page_client


def addresses(data: bytes) -> set[str]:
    found = set()
    for event in Calendar.from_ical(data).walk("VEVENT"):
        people = [event["organizer"], *event.get("attendee", [])]
        found |= {str(p).removeprefix("mailto:") for p in people}
    return found


def test_ics_files_name_the_pair_alone_with_their_addresses_and_the_calendar_page_says_so(
    pair, mentor, mentee, program_admin, outsider, api_as
):
    (meeting,) = services.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    files = [
        api_as(mentee).get(f"/meetings/{meeting.public_id}/ics").content,
        calendar.feed_ics(mentee),
        calendar.feed_ics(mentor),
    ]
    for data in files:
        assert addresses(data) == {mentor.email, mentee.email}
        flat = data.decode().replace("\r\n ", "")  # unfolded: no one else, anywhere
        assert program_admin.email not in flat
        assert outsider.email not in flat
    # The API keeps each address to its person...
    assert "email" not in api_as(mentee).get(f"/people/{mentor.public_id}").json()
    # ...and the calendar page tells both what their calendar files show.
    html = page_client(mentee).get("/calendar/").content.decode()
    assert "names the two of you as its organizer and attendee" in html
    assert "email addresses" in html
