"""Two real app servers (gunicorn, two workers each) on the PostgreSQL test database, for
the tests that race requests across processes: the marks a race carries, the
`servers` fixture (in the root conftest.py), a token, one call and many calls at once."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# `pytestmark = RACES` (or `@race` on one test): PostgreSQL only, and rows committed, so
# that the other threads, workers and servers see them.
RACES = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need concurrent writers; SQLite serialises every write by design",
    ),
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]


def race(test: Any) -> Any:
    """RACES on one test, in a module whose other tests run on SQLite too."""
    for mark in RACES:
        test = mark(test)
    return test


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    socket_dir = db.get("OPTIONS", {}).get("host")
    if socket_dir:  # the throwaway server of scripts/with_postgres.py listens on a socket
        return f"postgres://{db['USER']}@/{db['NAME']}?host={socket_dir}"
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def two_gunicorns() -> Iterator[list[int]]:
    """Start two servers, wait until both answer, yield their ports, stop them."""
    ports = [free_port(), free_port()]
    env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "true"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "alongside.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ]
    try:
        # Generous: on a busy shared machine four workers importing the app take a while.
        # The probe is the cheapest answer there is (a 401), not the OpenAPI document,
        # whose making outlasted a 2 s probe and the worker's 30 s timeout under load.
        deadline = time.monotonic() + 120
        for port in ports:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/me", timeout=10)
                    break
                except urllib.error.HTTPError:
                    break  # an answer: the server is up
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a busy machine: a test server needs no grace
                p.kill()
                p.wait()


def bearer(person: Any) -> str:
    from alongside.people.services import token_create

    _, raw = token_create(person=person, name="races")
    return raw


def api_call(
    port: int, token: str, method: str, path: str, body: Any = None
) -> tuple[int, dict[str, Any]]:
    """One API request to a server: (status, JSON body), an error status included."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310 - our own server
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def at_once(
    ports: list[int], calls: list[tuple[str, str, dict[str, Any]]]
) -> list[tuple[int, dict[str, Any]]]:
    """Send each (token, path, body) POST in its own thread, all released together,
    alternating between the servers; answers (status, JSON body) in the order given."""
    barrier = threading.Barrier(len(calls))
    answers: list[tuple[int, dict[str, Any]]] = [(0, {})] * len(calls)

    def send(i: int, token: str, path: str, body: dict[str, Any]) -> None:
        barrier.wait()
        answers[i] = api_call(ports[i % len(ports)], token, "POST", path, body)

    threads = [threading.Thread(target=send, args=(i, *call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers
