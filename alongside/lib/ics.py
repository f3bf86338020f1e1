"""iCalendar (RFC 5545) files, written with the icalendar library."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from icalendar import Calendar, Event, vCalAddress, vText


@dataclass
class Attendee:
    email: str
    name: str


@dataclass
class CalendarEvent:
    uid: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    timezone: str  # IANA; the event is written at its wall time in this zone
    summary: str
    sequence: int
    stamp: dt.datetime
    organizer: Attendee | None = None
    attendees: list[Attendee] = field(default_factory=list)
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def _address(person: Attendee, *, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
    return address


def calendar_bytes(events: list[CalendarEvent], *, name: str = "Alongside") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Alongside//Mentorship meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for item in events:
        zone = zoneinfo.ZoneInfo(item.timezone)
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp.astimezone(dt.UTC))
        event.add("dtstart", item.start.astimezone(zone))
        event.add("dtend", item.end.astimezone(zone))
        event.add("summary", item.summary)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        if item.organizer:
            event.add("organizer", _address(item.organizer))
        for attendee in item.attendees:
            event.add("attendee", _address(attendee, role="REQ-PARTICIPANT"))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
