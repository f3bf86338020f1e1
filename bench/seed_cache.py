"""The seed cache (`--cache-seed`): a migrated, seeded database kept for later runs.

It lives in BENCH_SEED_CACHE (default var/bench/seed-cache/). For each database and scale it
holds a record (JSON): the migration files the copy was migrated with (name and content
hash), the hash of bench/seed.py, the scale, how long seeding took and when, and the seed's
facts; for SQLite, beside it, the copy of the file. PostgreSQL's copy is a template database
on the same server, named after the bench database and the scale only
(`alongside_bench_seedcache_1`), so that another checkout using the same cache directory
finds it; the template carries the record's id as its comment, so a template overwritten
from elsewhere is not taken for this record's.

A later run restores the copy when every migration file recorded is still there and
unchanged and the seed and the scale are the same, then runs `migrate` to apply the
migrations added since, as production would. Anything else (a migration edited or removed,
the seed changed) seeds afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from databases import ROOT, WORK, _pg_parts

CACHE = Path(os.environ.get("BENCH_SEED_CACHE") or WORK / "seed-cache")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def fingerprint(scale: float, root: Path = ROOT) -> dict[str, Any]:
    """What a seeded database depends on: the scale, the seed, each migration file."""
    migrations = sorted(root.glob("alongside/*/migrations/*.py"))
    return {
        "scale": f"{scale:g}",
        "seed": _digest(root / "bench" / "seed.py"),
        "migrations": {path.relative_to(root).as_posix(): _digest(path) for path in migrations},
    }


def unusable(recorded: dict[str, Any], current: dict[str, Any]) -> str | None:
    """Why a copy seeded under `recorded` cannot stand for a fresh seed under `current`;
    None when it can, once `migrate` has applied the migrations added since."""
    if recorded.get("scale") != current["scale"]:
        return f"it was seeded at scale {recorded.get('scale')}, not {current['scale']}"
    if recorded.get("seed") != current["seed"]:
        return "bench/seed.py changed since"
    migrations = recorded.get("migrations") or {}
    if not migrations:
        return "its record names no migrations"
    gone = [name for name in migrations if name not in current["migrations"]]
    if gone:
        return f"{len(gone)} of its migrations are gone ({gone[0]})"
    changed = [name for name, h in migrations.items() if current["migrations"][name] != h]
    if changed:
        return f"{len(changed)} of its migrations changed since ({changed[0]})"
    return None


def _names(label: str, url: str, scale: float) -> tuple[Path, Path, str]:
    """(the record, the SQLite copy, the PostgreSQL template) of this database and scale."""
    tag = f"{scale:g}".replace(".", "_")
    if label == "SQLite":
        stem = Path(url.removeprefix("sqlite:///")).stem
        return CACHE / f"sqlite-{stem}-scale{tag}.json", CACHE / f"{stem}-scale{tag}.sqlite3", ""
    name = _pg_parts(url)[1]
    return CACHE / f"postgres-{name}-scale{tag}.json", Path(), f"{name}_seedcache_{tag}"


def _template_id(conn: Any, template: str) -> str | None:
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [template],
    ).fetchone()
    return (row[0] or "") if row else None


def usable(label: str, url: str, scale: float) -> dict[str, Any] | None:
    """The record of a cached seed that can stand for `url` at this scale, its copy in
    place; None, saying why, when there is none."""
    record_path, copy, template = _names(label, url, scale)
    if not record_path.exists():
        print(f"no seed cache at {record_path}", flush=True)
        return None
    record: dict[str, Any] = json.loads(record_path.read_text())
    why = unusable(record, fingerprint(scale))
    if why:
        print(f"the seed cache cannot be used: {why}", flush=True)
        return None
    if label == "SQLite":
        if not copy.exists():
            print(f"the seed cache's copy {copy} is missing", flush=True)
            return None
        return record
    import psycopg

    with psycopg.connect(_pg_parts(url)[0], autocommit=True) as conn:
        if _template_id(conn, template) != record["id"]:
            print(f"the template {template} is missing or not this record's", flush=True)
            return None
    return record


def restore(label: str, url: str, scale: float) -> dict[str, Any] | None:
    """Make the database at `url` a copy of the cached seed and return its record; None,
    saying why, when there is no usable copy. The caller then runs `migrate`."""
    record = usable(label, url, scale)
    if record is None:
        return None
    _, copy, template = _names(label, url, scale)
    if label == "SQLite":
        shutil.copyfile(copy, url.removeprefix("sqlite:///"))
        return record
    import psycopg

    server, name = _pg_parts(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return record


def save(
    label: str, url: str, scale: float, seeded: dict[str, Any], facts: dict[str, Any], source: str
) -> Path:
    """Keep a copy of the database at `source`, freshly seeded under the fingerprint
    `seeded`, as the cache of `url` at this scale (replacing the one kept before)."""
    record_path, copy, template = _names(label, url, scale)
    CACHE.mkdir(parents=True, exist_ok=True)
    record_path.unlink(missing_ok=True)  # no record points at a half-made copy
    record = {
        **seeded,
        "id": secrets.token_hex(8),
        "seconds": facts["seconds"],
        "seeded_on": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "facts": facts,
    }
    if label == "SQLite":
        path = source.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial = copy.with_suffix(".partial")
        shutil.copyfile(path, partial)
        os.replace(partial, copy)
    else:
        import psycopg

        server, name = _pg_parts(source)
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
            conn.execute(f"COMMENT ON DATABASE \"{template}\" IS '{record['id']}'")
    partial = record_path.with_suffix(".partial")
    partial.write_text(json.dumps(record, indent=1) + "\n")
    os.replace(partial, record_path)
    return record_path
