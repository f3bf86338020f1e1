"""The pair's message thread: one per mentorship, plain text only.

A message is stored as the person typed it (less the characters lib.text refuses) and
rendered escaped, with its links made clickable, when read: never as HTML. Its place in
the thread is `seq`, handed out under a lock of the thread's row, so every reader sees
the same order and a poll for "after seq N" never misses a message that committed late.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.lib.written import Written
from alongside.mentorships.models import belongs_to_pair

BODY_MAX = 10_000
EDIT_WINDOW = dt.timedelta(minutes=15)


class Thread(models.Model):
    """The pair's thread: its row is the lock that orders messages, and its counter."""

    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="thread"
    )
    last_seq = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Thread of mentorship {self.mentorship_id}"


class RefKind(models.TextChoices):
    """What a message may refer to; the apps above register how each is shown (refs.py)."""

    RESOURCE = "resource", "Resource"
    GOAL = "goal", "Goal"
    MEETING = "meeting", "Meeting"
    ACTION_ITEM = "action_item", "Action item"


class Message(Written):
    mentorship = belongs_to_pair("messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField()
    # Emptied when the message is deleted: the words leave the database, the place stays.
    body = models.TextField(max_length=BODY_MAX, blank=True)
    ref_kind = models.CharField(max_length=16, choices=RefKind.choices, blank=True)
    ref_id = models.UUIDField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The last edit or deletion: what a poll for changes reads (null until one).
    changed_at = models.DateTimeField(null=True, blank=True)
    # What search reads: the body's words as search.words_of gives them (case-folded, each
    # once, space-separated), blank once deleted. PostgreSQL finds them through a GIN index
    # on a tsvector made of them (migration 0001_squashed); SQLite through MessageWord.
    words = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["mentorship", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "seq"], name="one_message_per_place"),
            models.CheckConstraint(
                condition=Q(ref_kind="", ref_id__isnull=True)
                | (~Q(ref_kind="") & Q(ref_id__isnull=False)),
                name="message_ref_whole_or_none",
            ),
        ]
        indexes = [models.Index(fields=["mentorship", "changed_at"])]

    def __str__(self) -> str:
        # Never the words: this string reaches logs and the admin site.
        return f"Message {self.seq} of mentorship {self.mentorship_id}"

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def editable_until(self) -> dt.datetime:
        return self.created_at + EDIT_WINDOW


class ReadMark(models.Model):
    """How far one member has read their pair's thread."""

    mentorship = belongs_to_pair("read_marks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_seq = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(null=True, blank=True)
    # The message digest email: when the last one went, and up to which message it told of.
    emailed_at = models.DateTimeField(null=True, blank=True)
    emailed_seq = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "person"], name="one_read_mark_each")
        ]

    def __str__(self) -> str:
        return f"Read mark of {self.person_id} in mentorship {self.mentorship_id}"


WORD_MAX = 40  # longer words are cut: a search term matches their start


class MessageWord(models.Model):
    """SQLite's search index of a thread: each distinct word of a message, case-folded,
    with the message's place. A search reads this index by word prefix (an index range),
    never the messages' text, so it costs what it finds, not the thread's length.
    PostgreSQL keeps no rows here: its GIN index on Message.words does this (search.py)."""

    mentorship = belongs_to_pair("+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField()
    word = models.CharField(max_length=WORD_MAX)

    class Meta:
        indexes = [
            # text_pattern_ops: PostgreSQL's LIKE 'word%' reads this index whatever the
            # database's collation; other databases ignore the operator class.
            models.Index(
                fields=["mentorship", "word", "seq"],
                name="message_word_prefix",
                opclasses=["", "text_pattern_ops", ""],
            ),
        ]

    def __str__(self) -> str:
        return f"Word of message {self.message_id}"
