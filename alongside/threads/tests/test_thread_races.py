"""Twenty messages sent at the same moment from both sides of a pair, through two gunicorn
servers on PostgreSQL: each is stored once, at its own place, and both members read the
thread in the same order."""

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from alongside.tests.servers import two_gunicorns
from alongside.threads.models import Message, Thread

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need concurrent writers; SQLite serialises every write by design",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def servers(django_db_setup: None) -> Iterator[list[int]]:
    with two_gunicorns() as ports:
        yield ports


def bearer(person: Any) -> str:
    from alongside.people.services import token_create

    _, raw = token_create(person=person, name="races")
    return raw


def call(port: int, token: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def test_twenty_messages_at_once_from_both_sides_are_each_stored_once_in_one_order(
    servers, pair, mentee, mentor
):
    tokens = {"ada": bearer(mentee), "grace": bearer(mentor)}
    path = f"/mentorships/{pair.public_id}/messages"
    sends = [("ada" if i % 2 else "grace", f"message {i:02d}") for i in range(20)]
    barrier = threading.Barrier(len(sends))
    answers: list[tuple[int, Any]] = [(0, None)] * len(sends)

    def send(i: int, who: str, body: str) -> None:
        barrier.wait()
        answers[i] = call(servers[i % 2], tokens[who], "POST", path, {"body": body})

    threads = [threading.Thread(target=send, args=(i, *s)) for i, s in enumerate(sends)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert [status for status, _ in answers] == [201] * 20, answers
    rows = list(Message.objects.filter(mentorship=pair).order_by("seq"))
    assert sorted(m.body for m in rows) == sorted(body for _, body in sends)  # each once
    assert [m.seq for m in rows] == list(range(1, 21))  # no place given twice, none skipped
    assert Thread.objects.get(mentorship=pair).last_seq == 20
    # Each answer names the place its message got, and those are the stored ones.
    assert sorted(a["seq"] for _, a in answers) == list(range(1, 21))
    orders = []
    for i, who in enumerate(("ada", "grace")):
        status, page = call(servers[i], tokens[who], "GET", path + "?limit=20")
        assert status == 200
        orders.append([m["body"] for m in page["items"]])
    assert orders[0] == orders[1] == [m.body for m in rows]
