"""Emails about meetings, with the .ics attached. Never a note or feedback in them."""

from django.conf import settings

from alongside.lib.email import send_email
from alongside.meetings.models import Meeting
from alongside.people.models import Person


def meeting_changed(meeting: Meeting, *, actor: Person, change: str, count: int = 1) -> None:
    from alongside.meetings.calendar import meeting_ics

    other = meeting.mentorship.other(actor)
    send_email(
        to=other.email,
        template="meetings/email/meeting_changed",
        context={
            "meeting": meeting,
            "recipient": other,
            "actor": actor,
            "change": change,
            "count": count,
            "url": f"{settings.SITE_URL}/meetings/{meeting.public_id}/",
        },
        attachments=[("meeting.ics", meeting_ics(meeting), "text/calendar")],
    )
