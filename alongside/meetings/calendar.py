"""Meetings as calendar events: one .ics per meeting and a secret feed per person."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone as tz
from django.utils.crypto import constant_time_compare, salted_hmac

from alongside.lib.http import download
from alongside.lib.ics import Attendee, CalendarEvent, calendar_bytes
from alongside.meetings.models import CalendarFeed, Meeting, MeetingStatus
from alongside.people.models import Person

FEED_PAST_DAYS = 90


def event_for(meeting: Meeting) -> CalendarEvent:
    """Only what both members may see: no notes, no feedback, ever.

    The organizer and the attendees are the pair, with their email addresses (which the
    API otherwise keeps to each person): calendar apps match an invitation to its invitee
    by address. Decided in the hardening review and said on the calendar page."""
    m = meeting.mentorship
    url = f"{settings.SITE_URL}/meetings/{meeting.public_id}/"
    organizer = meeting.organizer
    return CalendarEvent(
        uid=f"meeting-{meeting.public_id}@alongside",
        start=meeting.starts_at,
        end=meeting.ends_at,
        timezone=meeting.timezone,
        summary=f"{meeting.display_title}: {m.mentor.name} & {m.mentee.name}",
        sequence=meeting.sequence,
        stamp=meeting.updated_at,
        organizer=Attendee(organizer.email, organizer.name) if organizer else None,
        attendees=[
            Attendee(m.mentor.email, m.mentor.name),
            Attendee(m.mentee.email, m.mentee.name),
        ],
        location=meeting.place,
        description=f"Agenda and notes: {url}",
        url=url,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
    )


def meeting_ics(meeting: Meeting) -> bytes:
    return calendar_bytes([event_for(meeting)], name=meeting.display_title)


def feed_ics(person: Person) -> bytes:
    since = tz.now() - dt.timedelta(days=FEED_PAST_DAYS)
    meetings = (
        Meeting.objects.filter(
            Q(mentorship__mentor=person) | Q(mentorship__mentee=person), starts_at__gte=since
        )
        .select_related("mentorship__mentor", "mentorship__mentee", "organizer")
        .order_by("starts_at")[:1000]
    )
    return calendar_bytes([event_for(m) for m in meetings], name="Alongside meetings")


def _feed(person: Person) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


def feed_token(person: Person, *, version: int | None = None) -> str:
    version = version if version is not None else _feed(person).version
    return salted_hmac("alongside.calendar-feed", f"{person.public_id}:{version}").hexdigest()[:40]


def feed_url(person: Person) -> str:
    return f"{settings.SITE_URL}/calendar/{person.public_id}/{feed_token(person)}.ics"


def feed_token_valid(person: Person, token: str) -> bool:
    return constant_time_compare(feed_token(person), token)


def feed_reset(person: Person) -> str:
    """A new secret; every earlier feed URL answers 404 from now on."""
    feed = _feed(person)
    CalendarFeed.objects.filter(pk=feed.pk).update(version=feed.version + 1, reset_at=tz.now())
    return feed_url(person)


ICS = "text/calendar; charset=utf-8"


def ics_file(meeting: Meeting) -> HttpResponse:
    """The meeting as a calendar file to save: the page's link and the API answer it."""
    return download(
        meeting_ics(meeting), filename=f"meeting-{meeting.public_id}.ics", content_type=ICS
    )
