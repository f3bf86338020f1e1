"""The PostgreSQL backend (lib/pgbackend): a kept connection that is quiet is not asked
`SELECT 1`, one the server ended is still found out and replaced, and timestamps read
as Django's own loader reads them."""

import datetime as dt
import select
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections
from psycopg import pq
from psycopg.types.datetime import TimestamptzLoader

from alongside.lib.pgbackend import base as pgbackend

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


@pytest.fixture
def kept() -> Iterator[Any]:
    """A second connection to the test database, outside the test's transaction, as a
    worker keeps one between requests."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


@pytest.fixture
def checks(kept: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each `SELECT 1` health check the kept connection makes."""
    made: list[int] = []
    full = type(kept).is_usable

    def counted(self: Any) -> bool:
        made.append(1)
        return full(self)

    monkeypatch.setattr(type(kept), "is_usable", counted)
    return made


def new_request(wrapper: Any) -> None:
    """What Django does to a kept connection when a request starts."""
    wrapper.close_if_unusable_or_obsolete()


def test_the_settings_use_this_backend_for_postgresql():
    assert type(connections["default"]).__module__ == "alongside.lib.pgbackend.base"


def test_a_quiet_kept_connection_is_not_asked_select_1(kept, checks):
    for _ in range(3):
        new_request(kept)
        with kept.cursor() as cursor:
            cursor.execute("SELECT 2")
            assert cursor.fetchone() == (2,)
    assert checks == []
    assert kept.connection is not None


def test_a_kept_connection_idle_past_the_trust_window_is_asked_select_1(kept, checks, monkeypatch):
    new_request(kept)
    with kept.cursor() as cursor:
        cursor.execute("SELECT 2")
    new_request(kept)  # the request ends: it answered now
    later = time.monotonic() + pgbackend.QUIET_TRUST_SECONDS + 1
    monkeypatch.setattr(pgbackend, "monotonic", lambda: later)
    new_request(kept)
    with kept.cursor() as cursor:
        cursor.execute("SELECT 3")
        assert cursor.fetchone() == (3,)
    assert checks == [1]


def test_a_connection_inside_a_transaction_gets_the_full_check(kept, checks):
    with kept.cursor() as cursor:
        cursor.execute("SELECT 1")
    kept.connection.autocommit = False  # a transaction left open by the last request
    with kept.connection.cursor() as raw:
        raw.execute("SELECT 1")
    assert kept.connection.pgconn.transaction_status == pq.TransactionStatus.INTRANS
    kept.health_check_done = False
    kept.close_if_health_check_failed()
    assert checks == [1]


def test_a_connection_the_server_ended_is_closed_and_the_next_query_reconnects(kept, checks):
    ended = kept.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended.info.backend_pid])
    # The server's FATAL error and the end of the stream arrive on the kept socket.
    poll = select.poll()
    poll.register(ended.pgconn.socket, select.POLLIN)
    deadline = time.monotonic() + 10
    while not poll.poll(50) and time.monotonic() < deadline:
        pass
    new_request(kept)
    assert not kept.connection_is_quiet()
    with kept.cursor() as cursor:  # Django's SELECT 1 fails: closed, then reconnected
        cursor.execute("SELECT 3")
        assert cursor.fetchone() == (3,)
    assert checks == [1]
    assert kept.connection is not ended


@pytest.mark.parametrize(
    "stored",
    [
        dt.datetime(2026, 12, 6, 14, 30, 5, 123456, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=9, minutes=30))),
        dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
        dt.datetime(1, 1, 1, 0, 0, 1, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ],
)
def test_a_timestamp_reads_back_in_utc_as_djangos_loader_reads_it(stored):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", [stored])
        (read,) = cursor.fetchone()
    assert read == stored
    assert read.tzinfo is dt.UTC
    assert read.utcoffset() == dt.timedelta(0)
    # Django's own loader (psycopg's Python one, relabelled) on the same text.
    text = read.strftime("%Y-%m-%d %H:%M:%S.%f+00").encode()
    djangos = TimestamptzLoader(1184, connection.connection).load(text).replace(tzinfo=dt.UTC)
    assert djangos == read and repr(djangos) == repr(read)


def test_with_use_tz_off_timestamps_read_naive_as_django_reads_them(settings):
    stored = dt.datetime(2026, 12, 6, 14, 30, 5, tzinfo=dt.UTC)
    settings.USE_TZ = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", [stored])
        (read,) = cursor.fetchone()
    assert read.tzinfo is None
