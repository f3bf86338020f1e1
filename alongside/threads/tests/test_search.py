"""Search finds the same messages on SQLite (the word table) and on PostgreSQL (a GIN
index on a tsvector of the message's words), whichever way it reads: a page from the
newest messages or from the index, a count capped or exact. Each answer is checked
against the plain rule, written out here: every word of q starts a word of the message."""

import random

import pytest
from django.db import connection

from alongside.threads import search, selectors, services
from alongside.threads.models import Message, MessageWord

VOCABULARY = ["talk", "talks", "slides", "pacing", "Überblick", "naïve", "Zoë", "café", "x_y"]


def rule(q: str) -> list[int]:
    """The places, newest first, of live messages in which each word of q starts a word."""
    terms = search.words_of(q)[: search.TERMS_MAX]
    found = []
    for m in Message.objects.filter(deleted_at__isnull=True).order_by("-seq"):
        words = search.words_of(m.body)
        if all(any(w.startswith(t) for w in words) for t in terms):
            found.append(m.seq)
    return found


@pytest.fixture
def thread(pair, mentee, mentor):
    """Forty messages of two to five words drawn from a small vocabulary (fixed seed),
    one edited and one deleted since."""
    rng = random.Random(14)
    sent = []
    for i in range(40):
        words = rng.choices(VOCABULARY, k=rng.randint(2, 5))
        author = mentee if i % 2 else mentor
        sent.append(services.message_post(mentorship=pair, author=author, body=" ".join(words)))
    services.message_edit(message=sent[-1], actor=sent[-1].author, body="A TALK on PACING")
    services.message_delete(message=sent[-3], actor=sent[-3].author)
    return pair


QUERIES = ["talk", "TALKS", "talk slid", "pac", "überblick", "ÜBER", "naïve café", "zoë", "x_y"]
QUERIES += ["alks", "nothing here", "t", "Talk, pacing!"]


@pytest.mark.parametrize(
    ("count_max", "window"),
    [(1000, 4000), (3, 12), (1, 1)],
    ids=["from the index", "the newest first, then the index", "the newest only"],
)
def test_every_way_of_reading_finds_what_the_rule_says(thread, monkeypatch, count_max, window):
    monkeypatch.setattr(search, "SEARCH_COUNT_MAX", count_max)
    monkeypatch.setattr(search, "WINDOW", window)
    for q in QUERIES:
        expected = rule(q)
        found = search.found_places(thread, q)
        assert found.count() == min(len(expected), count_max), q
        for offset, limit in [(0, 5), (5, 5), (3, 20), (len(expected) - 1, 3)]:
            offset = max(offset, 0)
            want = expected[offset : offset + limit]
            assert search.found_places(thread, q)[offset : offset + limit] == want, (q, offset)


def test_a_page_of_a_search_shows_those_messages_oldest_first(thread):
    page = selectors.page_of(thread, limit=4, offset=2, q="talk")
    assert [m.seq for m in page.items] == sorted(rule("talk")[2:6])
    assert page.count == len(rule("talk"))


def test_a_deleted_message_is_found_by_none_of_its_old_words(pair, mentee):
    gone = services.message_post(mentorship=pair, author=mentee, body="Quitting zanzibar")
    services.message_delete(message=gone, actor=mentee)
    assert search.found_places(pair, "zanzibar").count() == 0
    assert Message.objects.get(pk=gone.pk).words == ""


def test_words_are_kept_case_folded_once_each_and_cut_at_forty_letters(pair, mentee):
    long = "a" * 50
    sent = services.message_post(
        mentorship=pair, author=mentee, body=f"Straße STRASSE straße {long}"
    )
    assert sent.words == f"strasse {'a' * 40}"
    assert search.found_places(pair, "a" * 45).count() == 1  # a term is cut the same way
    assert search.found_places(pair, "STRAß").count() == 1  # q is case-folded the same way


def test_postgresql_keeps_no_word_rows_and_sqlite_keeps_them(pair, mentee):
    services.message_post(mentorship=pair, author=mentee, body="Slides and pacing")
    rows = MessageWord.objects.filter(mentorship=pair).count()
    assert rows == (0 if connection.vendor == "postgresql" else 3)


@pytest.mark.parametrize(
    "hostile",
    ["talk & !slides", "talk | x", "'talk':*", "talk\\", "talk'); DROP TABLE x; --", "talk <-> x"],
)
def test_query_syntax_in_q_is_only_words(thread, hostile):
    """tsquery operators, quotes and backslashes are not words: only the words are asked."""
    assert search.found_places(thread, hostile)[0:50] == rule(hostile)


def test_a_search_of_no_letter_or_digit_reads_the_text(pair, mentee, mentor):
    services.message_post(mentorship=pair, author=mentee, body="Really?! Yes")
    services.message_post(mentorship=pair, author=mentor, body="Really.")
    found = search.found_places(pair, "?!")
    assert found.count() == 1 and found[0:20] == [1]
