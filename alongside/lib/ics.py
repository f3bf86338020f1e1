"""iCalendar (RFC 5545) files, written with the icalendar library.

Every value goes in as a typed icalendar value (vText, vCalAddress, ...), so that the
library escapes it: a stored title with a line break, written before titles had to be one
line, must not break the file (nor the reminder sweep that attaches it to an email).
Control characters, which RFC 5545 does not allow in text at all, are dropped first.
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

from icalendar import Calendar, Event, vCalAddress, vText

from alongside.lib.text import fold_one_line

# RFC 5545 TEXT allows no control character but HTAB; line breaks are escaped by vText.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _text(value: str) -> vText:
    """Text for a property value: line breaks kept (escaped by vText), controls dropped."""
    return vText(_CONTROLS.sub("", value))


def _param(value: str) -> vText:
    """Text for a parameter (a name in CN=...): one line, no quote to end it early."""
    return vText(fold_one_line(value).replace('"', "'"))


def _zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC  # a row from before zones were checked: the right instant, in UTC


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
    address.params["CN"] = _param(person.name)
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
    # Not a property icalendar knows: without vText it would be written unescaped.
    cal.add("x-wr-calname", _text(fold_one_line(name)))
    for item in events:
        zone = _zone(item.timezone)
        event = Event()
        event.add("uid", _text(item.uid))
        event.add("dtstamp", item.stamp.astimezone(dt.UTC))
        event.add("dtstart", item.start.astimezone(zone))
        event.add("dtend", item.end.astimezone(zone))
        event.add("summary", _text(item.summary))
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.location:
            event.add("location", _text(item.location))
        if item.description:
            event.add("description", _text(item.description))
        if item.url:
            event.add("url", item.url)
        if item.organizer:
            event.add("organizer", _address(item.organizer))
        for attendee in item.attendees:
            event.add("attendee", _address(attendee, role="REQ-PARTICIPANT"))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
