"""Search within a thread: the messages holding, for each word of q, a word that starts
with it, in any case ("talk slide" finds "Talks and slides"), newest first.

What the words of a message are is decided once, here in Python (`words_of`), and kept
in `Message.words`; each database then finds them its own way, with the same answers:

- PostgreSQL: a GIN index on `threads_message.search`, a tsvector column the database
  generates from `words` (migration 0001_squashed: `array_to_tsvector`, so no text-search parser
  or dictionary changes a word), asked with a prefix query (`'talk':* & 'slide':*`).
- SQLite: the word table `MessageWord` (mentorship, word, seq), read by word prefix.

Both follow what is found, not the thread's length, choosing by what they see rather
than by the planner's guess (PostgreSQL estimates every prefix query alike, and walking
back from the newest message for a rare word reads the whole thread: 0.5 s at 100,000):
a word in many of the newest messages is found by walking them; a rarer one through its
index. A search's count stops at SEARCH_COUNT_MAX ("more than" beyond; the API says so).
"""

import re
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from alongside.mentorships.models import Mentorship
from alongside.threads.models import WORD_MAX, Message, MessageWord

TERMS_MAX = 5
SEARCH_COUNT_MAX = 1000
# PostgreSQL: how many of the newest messages are checked first. A word in at least a
# quarter of them (SEARCH_COUNT_MAX of 4,000) counts as "more than 1,000" at once, and
# its newest pages come from this walk (about 3 ms); anything rarer is read from the index.
WINDOW = 4 * SEARCH_COUNT_MAX


def words_of(text: str) -> list[str]:
    """The distinct words of a text as search keeps them: case-folded, in order."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", text.casefold()):
        seen.setdefault(word[:WORD_MAX], None)
    return list(seen)


def words_text(body: str) -> str:
    """What `Message.words` holds for this body."""
    return " ".join(words_of(body))


def uses_word_table() -> bool:
    return connection.vendor != "postgresql"


def index_words(messages: Iterable[Message]) -> None:
    """SQLite's word table for these messages, as their `words` now read (PostgreSQL's
    index follows the column by itself)."""
    messages = list(messages)
    if not uses_word_table() or not messages:
        return
    MessageWord.objects.filter(message__in=messages).delete()
    MessageWord.objects.bulk_create(
        (
            MessageWord(mentorship_id=m.mentorship_id, message=m, seq=m.seq, word=w)
            for m in messages
            for w in m.words.split()
        ),
        batch_size=5_000,
    )


class Found:
    """The places (newest first) of the messages a search finds. Sliced like a list (so a
    Paginator takes it); `count()` stops at SEARCH_COUNT_MAX."""

    def __init__(self, mentorship: Mentorship, q: str) -> None:
        self.mentorship = mentorship
        self.q = q.strip()
        self.terms = words_of(q)[:TERMS_MAX]
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._counted()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, which: slice) -> list[int]:
        if not isinstance(which, slice):
            raise TypeError("Found is sliced, not indexed")
        start = which.start or 0
        stop = which.stop if which.stop is not None else start + SEARCH_COUNT_MAX
        return self._places(start, max(start, stop))

    def _counted(self) -> int:
        raise NotImplementedError

    def _places(self, start: int, stop: int) -> list[int]:
        raise NotImplementedError


class _Text(Found):
    """No letter or digit at all ("?!"): the text itself, rarely asked, newest first."""

    def _rows(self) -> QuerySet[Any]:
        found = Message.objects.filter(mentorship=self.mentorship, deleted_at__isnull=True)
        return found.filter(body__icontains=self.q).values_list("seq", flat=True)

    def _counted(self) -> int:
        return self._rows().order_by()[:SEARCH_COUNT_MAX].count()

    def _places(self, start: int, stop: int) -> list[int]:
        return list(self._rows().order_by("-seq")[start:stop])


def _starting_with(term: str) -> Q:
    # SQLite's LIKE ignores ASCII case and so cannot use a plain index; a range on the
    # (binary-ordered) words can, and means exactly "starts with".
    return Q(word__gte=term, word__lt=term + "\U0010ffff")


class _WordTable(Found):
    """SQLite: a rare word is read from the word table (a range of it, sorted); a common
    one (SEARCH_COUNT_MAX matches or more) by walking the newest messages back and
    checking each one's words, which finds a page after a few dozen messages."""

    def _from_index(self) -> QuerySet[Any]:
        index = MessageWord.objects.filter(mentorship=self.mentorship)
        found = index.filter(_starting_with(self.terms[0]))
        for term in self.terms[1:]:
            found = found.filter(seq__in=index.filter(_starting_with(term)).values("seq"))
        return found.values_list("seq", flat=True).distinct()

    def _walking(self) -> QuerySet[Any]:
        found = Message.objects.filter(mentorship=self.mentorship, deleted_at__isnull=True)
        for term in self.terms:
            words = MessageWord.objects.filter(message=OuterRef("pk")).filter(_starting_with(term))
            found = found.filter(Exists(words))
        return found.values_list("seq", flat=True)

    def _counted(self) -> int:
        return self._from_index().order_by()[:SEARCH_COUNT_MAX].count()

    def _places(self, start: int, stop: int) -> list[int]:
        rows = self._walking() if self.count() >= SEARCH_COUNT_MAX else self._from_index()
        return list(rows.order_by("-seq")[start:stop])


def tsquery(terms: list[str]) -> str:
    """A prefix query of the words, each quoted as a lexeme ('talk':* & 'slide':*), so the
    query is taken as written: no parser or dictionary between it and the index."""
    quoted = ("'" + t.replace("\\", "\\\\").replace("'", "''") + "':*" for t in terms)
    return " & ".join(quoted)


# The newest WINDOW messages, walked back on the (mentorship, seq) index, those matching.
_RECENT_SQL = """
WITH recent AS MATERIALIZED (
    SELECT seq, search FROM threads_message
    WHERE mentorship_id = %s ORDER BY seq DESC LIMIT %s
)
SELECT seq FROM recent WHERE search @@ %s::tsquery ORDER BY seq DESC
"""
# Every match, from the GIN index: MATERIALIZED so that the plan is made for all of them
# (a bitmap of the index), never a walk of the whole thread in the hope of a few.
_COUNT_SQL = """
WITH hits AS MATERIALIZED (
    SELECT seq FROM threads_message WHERE mentorship_id = %s AND search @@ %s::tsquery
)
SELECT count(*) FROM (SELECT 1 FROM hits LIMIT %s) capped
"""
_PAGE_SQL = """
WITH hits AS MATERIALIZED (
    SELECT seq FROM threads_message WHERE mentorship_id = %s AND search @@ %s::tsquery
)
SELECT seq FROM hits ORDER BY seq DESC LIMIT %s OFFSET %s
"""


class _Gin(Found):
    """PostgreSQL: the newest WINDOW messages first (one short walk); then, for a rarer
    word or a page past them, the GIN index."""

    def __init__(self, mentorship: Mentorship, q: str) -> None:
        super().__init__(mentorship, q)
        self.query = tsquery(self.terms)
        self._recent: list[int] | None = None

    def _fetch(self, sql: str, *params: Any) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def recent(self) -> list[int]:
        if self._recent is None:
            rows = self._fetch(_RECENT_SQL, self.mentorship.pk, WINDOW, self.query)
            self._recent = [seq for (seq,) in rows]
        return self._recent

    def _counted(self) -> int:
        if len(self.recent()) >= SEARCH_COUNT_MAX:
            return SEARCH_COUNT_MAX
        rows = self._fetch(_COUNT_SQL, self.mentorship.pk, self.query, SEARCH_COUNT_MAX)
        return int(rows[0][0])

    def _places(self, start: int, stop: int) -> list[int]:
        recent = self.recent()
        if stop <= len(recent):
            return recent[start:stop]
        rows = self._fetch(_PAGE_SQL, self.mentorship.pk, self.query, stop - start, start)
        return [seq for (seq,) in rows]


def found_places(mentorship: Mentorship, q: str) -> Found:
    if not words_of(q):
        return _Text(mentorship, q)
    return _WordTable(mentorship, q) if uses_word_table() else _Gin(mentorship, q)
