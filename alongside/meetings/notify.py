"""Notifications about meetings, with the .ics attached. Never a note or feedback."""

from django.conf import settings

from alongside.meetings.calendar import meeting_ics
from alongside.meetings.models import Meeting
from alongside.notifications.services import notify
from alongside.people.models import Person


def meeting_changed(meeting: Meeting, *, actor: Person, change: str, count: int = 1) -> None:
    notify(
        person=meeting.mentorship.other(actor),
        kind="meeting",
        key=f"meeting:{change}:{meeting.public_id}:{meeting.sequence}",
        url=f"/meetings/{meeting.public_id}/",
        template="meetings/email/meeting_changed",
        context={
            "meeting": meeting,
            "actor": actor,
            "change": change,
            "count": count,
            "url": f"{settings.SITE_URL}/meetings/{meeting.public_id}/",
        },
        attachments=[("meeting.ics", meeting_ics(meeting), "text/calendar")],
    )
