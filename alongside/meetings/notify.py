"""What the other member hears of a meeting, with the .ics attached. Never a note or
feedback. The notice goes out through the pair-event door."""

from django.conf import settings
from django.urls import reverse

from alongside.meetings.calendar import meeting_ics
from alongside.meetings.models import Meeting
from alongside.mentorships.events import Notice
from alongside.notifications.models import Kind as NotificationKind
from alongside.people.models import Person


def meeting_changed(meeting: Meeting, *, actor: Person, change: str, count: int = 1) -> Notice:
    url = reverse("meeting", args=[meeting.public_id])
    return Notice(
        person=meeting.mentorship.other(actor),
        kind=NotificationKind.MEETING,
        key=f"meeting:{change}:{meeting.public_id}:{meeting.sequence}",
        url=url,
        template="meetings/email/meeting_changed",
        context={
            "meeting": meeting,
            "actor": actor,
            "change": change,
            "count": count,
            "url": f"{settings.SITE_URL}{url}",
        },
        attachments=[("meeting.ics", meeting_ics(meeting), "text/calendar")],
    )
