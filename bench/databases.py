"""The benchmark's databases: create, drop, name, and the server's environment for one."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
SQLITE_FILE = WORK / "bench.sqlite3"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/alongside_bench"
# Databases this script must never create, drop or fill.
UNTOUCHABLE = {"postgres", "test", "template0", "template1"}
# One key for the whole run: an API token carries a digest keyed with it, so the token made
# in-process must be checked by the servers with the same key.
SECRET_KEY = secrets.token_urlsafe(50)


def resolve(database: str) -> tuple[str, str]:
    """(label, url) for "sqlite", "postgres" or a URL."""
    if database == "sqlite":
        return "SQLite", f"sqlite:///{SQLITE_FILE}"
    if database == "postgres":
        return "PostgreSQL", DEFAULT_PG
    if database.startswith("sqlite:"):
        return "SQLite", database
    if database.startswith(("postgres:", "postgresql:")):
        return "PostgreSQL", database
    raise SystemExit(f"Unknown database {database!r}: use sqlite, postgres or a URL.")


def _pg_parts(url: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, name of the bench database)."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name or "") or name in UNTOUCHABLE:
        raise SystemExit(f"Refusing to create or drop the database {name!r}; name another one.")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def renamed(url: str, name: str) -> str:
    """The URL of another database on the same PostgreSQL server."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


def _pg_admin(url: str, statement: str) -> None:
    """Run `statement` about the database of `url` ({name}) on its server's maintenance db."""
    import psycopg

    server, name = _pg_parts(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(statement.format(name=name))


def create_database(label: str, url: str) -> None:
    """An empty database at `url` (whatever was there before is dropped)."""
    drop_database(label, url)
    if label == "SQLite":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        _pg_admin(url, 'CREATE DATABASE "{name}"')


def drop_database(label: str, url: str) -> None:
    if label == "SQLite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        _pg_admin(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version(label: str, url: str) -> str:
    if label == "SQLite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0].split()[0] if row else '?'}"


def server_env(url: str, *, conn_max_age: int = 0, test_client: bool = False) -> dict[str, str]:
    """Production settings, except plain http on loopback."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DB_CONN_MAX_AGE=str(conn_max_age),
        DATA_DIR=str(WORK),
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,testserver" if test_client else "127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="alongside.settings",
    )
    return env


def run_step(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Failed: {' '.join(args)}")
    return done.stdout


def _proc_stat(pid: int | str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None when unreadable (a
    server on another machine)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _backend_stat(connection: Any) -> list[str] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return _proc_stat(pid)


def backend_cpu(connection: Any) -> float | None:
    """CPU seconds (user + system) that the PostgreSQL backend serving `connection` has
    used so far, read from /proc (10 ms ticks: only a mean over many requests means
    anything). None on SQLite, whose work is this process's own, and for a server on
    another machine."""
    fields = _backend_stat(connection)
    if fields is None:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_children_cpu(connection: Any) -> float | None:
    """CPU seconds of the PostgreSQL server's ended processes so far (the backend's
    parent's reaped children): the parallel workers a query starts, whose CPU is not the
    backend's, and on a shared server any other client's closed connections too. None
    where backend_cpu is None."""
    backend = _backend_stat(connection)
    server = _proc_stat(backend[1]) if backend else None
    if server is None:
        return None
    return (int(server[13]) + int(server[14])) / os.sysconf("SC_CLK_TCK")
