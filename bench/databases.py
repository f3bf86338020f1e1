"""The benchmark's databases: create, drop, name, and the server's environment for one."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
SQLITE_FILE = WORK / "bench.sqlite3"
CACHE = WORK / "seed-cache"  # --cache-seed: seeded databases kept between runs
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


# --- The seed cache: a migrated, seeded database kept for the next run of the same kind ---


def seed_key(scale: float) -> str:
    """Changes whenever the schema or the seed would: every migration, the seed, the scale."""
    digest = hashlib.sha256(f"scale={scale:g}\n".encode())
    for path in sorted([*ROOT.glob("alongside/*/migrations/*.py"), ROOT / "bench" / "seed.py"]):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cached_sqlite(url: str, key: str) -> tuple[Path, Path]:
    path = Path(url.removeprefix("sqlite:///"))
    return path, CACHE / f"{path.stem}-{key}.sqlite3"


def _cached_pg(url: str, key: str) -> tuple[str, str, str]:
    server, name = _pg_parts(url)
    return server, name, f"{name}_seed_{key}"


def cache_restore(label: str, url: str, key: str) -> bool:
    """Make the database a copy of the cached seed, when there is one (else leave it)."""
    if label == "SQLite":
        path, cached = _cached_sqlite(url, key)
        if not cached.exists():
            return False
        shutil.copyfile(cached, path)
        return True
    import psycopg

    server, name, cached = _cached_pg(url, key)
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cached]).fetchone():
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{cached}"')
    return True


def cache_save(label: str, url: str, key: str, scale: float) -> None:
    """Keep a copy of the freshly seeded database, and drop the copy it replaces (the one
    kept before at the same scale; the copies of other scales stay)."""
    index_path = CACHE / "index.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else {}
    slot = f"{url} {scale:g}"
    old = index.get(slot)
    CACHE.mkdir(parents=True, exist_ok=True)
    if label == "SQLite":
        path, cached = _cached_sqlite(url, key)
        if old and old != key:
            _cached_sqlite(url, old)[1].unlink(missing_ok=True)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(path, cached)
    else:
        import psycopg

        server, name, cached = _cached_pg(url, key)
        with psycopg.connect(server, autocommit=True) as conn:
            if old and old != key:
                conn.execute(f'DROP DATABASE IF EXISTS "{_cached_pg(url, old)[2]}" WITH (FORCE)')
            conn.execute(f'DROP DATABASE IF EXISTS "{cached}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{cached}" TEMPLATE "{name}"')
    index[slot] = key
    index_path.write_text(json.dumps(index, indent=1) + "\n")
