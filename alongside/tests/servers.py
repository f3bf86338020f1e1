"""Two real app servers (gunicorn, two workers each) on the PostgreSQL test database, for
the tests that race requests across processes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


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
        deadline = time.monotonic() + 120
        for port in ports:
            while True:
                try:
                    urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2
                    )
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=10)
