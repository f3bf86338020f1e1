"""What a person's data export holds of the message threads: the messages they wrote.

The partner's messages are in the partner's own export, not in this one: a thread is a
conversation of two, and each takes their own words with them (the one-line summary in
docs/api.md says so). Deleted messages are left out.
"""

from pydantic import BaseModel

from alongside.people.export import register
from alongside.threads.models import Message
from alongside.threads.selectors import export_rows


class MessageRow(BaseModel):
    mentorship_id: str
    id: str
    seq: int
    body: str
    created_at: str
    edited_at: str | None
    ref_kind: str | None
    ref_id: str | None


register(
    "messages",
    MessageRow,
    collect=export_rows,
    title="Messages",
    about="The messages you wrote in your mentorships' threads (your partner's are in "
    "their own export).",
    count=lambda person: Message.objects.filter(author=person, deleted_at__isnull=True).count(),
)
