"""`alongside backup FILE` and `alongside restore FILE`: a consistent snapshot of the
database, taken while the site runs, and its return into an empty database.

The backup is a zip holding the data (`database.sqlite3`, made with SQLite's online
backup API, or `database.pgdump`, pg_dump's custom format) and `manifest.json`: the
engine, when, the SHA-256 of the data file and the row count of every table, counted in
the same snapshot as the data. A restore checks the checksum before it loads anything,
refuses a database that already has tables, and counts every table again afterwards.

On PostgreSQL the counts and pg_dump share one snapshot (`pg_export_snapshot()` in a
REPEATABLE READ transaction, `pg_dump --snapshot`), so rows written meanwhile are in
neither. pg_dump must be at least the server's major version.
"""

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction

FORMAT = "alongside-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
INSTALL_HINT = (
    "Install the PostgreSQL client tools of the server's version or newer "
    "(Debian/Ubuntu: apt-get install postgresql-client)."
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


@dataclass(frozen=True)
class Result:
    path: Path
    tables: dict[str, int]
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tables(cursor: Any) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _counts_here(vendor: str) -> dict[str, int]:
    """Every table of this database and its rows."""
    if vendor == "sqlite":
        connection.ensure_connection()
        return _sqlite_counts(connection.connection)
    with connection.cursor() as cursor:
        return _count(cursor, _tables(cursor))


def _vendor() -> str:
    if connection.vendor not in DATA:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


# --- PostgreSQL ------------------------------------------------------------------------


def _pg_args(tool: str) -> tuple[list[str], dict[str, str]]:
    """The tool with this database's connection, the password in the environment only."""
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"{tool} is not installed on this machine. {INSTALL_HINT}")
    db = connection.settings_dict
    args = [found]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _major(version: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version)
    if match is None:
        raise BackupError(f"Cannot read a version in {version!r}.")
    return int(match.group(1))


def pg_tool_check(tool: str) -> str:
    """The tool's version, if it can work with this server; else a BackupError."""
    args, env = _pg_args(tool)
    said = subprocess.run(  # noqa: S603 - a fixed tool, no shell
        [args[0], "--version"], capture_output=True, text=True, env=env, check=False
    ).stdout.strip()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = str(cursor.fetchone()[0])
    if _major(said.rsplit(" ", 1)[-1]) < _major(server):
        raise BackupError(
            f"{tool} is older than the server ({said}; server {server}): it cannot read this "
            f"server's data. {INSTALL_HINT}"
        )
    return said


def _pg_run(tool: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore on this database; what it says when it fails is the error."""
    args, env = _pg_args(tool)
    done = subprocess.run(  # noqa: S603 - a fixed tool, no shell
        [*args, *arguments], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")


def _pg_backup(data: Path) -> dict[str, int]:
    pg_tool_check("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        counts = _count(cursor, _tables(cursor))
        # pg_dump reads the very snapshot the counts were made in, while it stays open.
        _pg_run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={data}",
            str(connection.settings_dict["NAME"]),
        )
    return counts


def _pg_restore(data: Path) -> None:
    pg_tool_check("pg_restore")
    connection.close()  # pg_restore works alone; Django reconnects to count
    _pg_run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={connection.settings_dict['NAME']}",
        str(data),
    )


# --- SQLite ----------------------------------------------------------------------------


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: int(db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])  # noqa: S608
        for name in names
    }


def _sqlite_backup(data: Path) -> dict[str, int]:
    connection.ensure_connection()
    target = sqlite3.connect(data)
    try:
        # The online backup API copies a consistent state, whatever writes go on meanwhile.
        connection.connection.backup(target)
    finally:
        target.close()
    copy = sqlite3.connect(data)
    try:
        return _sqlite_counts(copy)  # counted in the copy: the very rows it holds
    finally:
        copy.close()


def _sqlite_restore(data: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(data)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- The two commands ------------------------------------------------------------------


def backup(path: Path, *, say: Callable[[str], None] = print) -> Result:
    """Write a consistent snapshot of the database, with its manifest, to `path`."""
    vendor = _vendor()
    path = Path(path)
    with tempfile.TemporaryDirectory(dir=path.parent if path.parent.exists() else None) as tmp:
        data = Path(tmp) / DATA[vendor]
        counts = _pg_backup(data) if vendor == "postgresql" else _sqlite_backup(data)
        checksum = _sha256(data)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "engine": vendor,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "data": DATA[vendor],
            "sha256": checksum,
            "tables": counts,
        }
        partial = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(data, DATA[vendor])
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
        shutil.move(partial, path)  # whole or not at all: no half-written backup under its name
    say(
        f"Backup written to {path}: {len(counts)} tables, {sum(counts.values())} rows, "
        f"sha256 {checksum}."
    )
    return Result(path=path, tables=counts, sha256=checksum)


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError(
            "This file is not an Alongside backup (no readable manifest.json)."
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("data") not in DATA.values():
        raise BackupError("This file is not an Alongside backup (its manifest says otherwise).")
    return dict(manifest)


def restore(path: Path, *, say: Callable[[str], None] = print) -> Result:
    """Load a backup into this (empty) database, then check every table's row count."""
    vendor = _vendor()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"Cannot read {path} as a backup: {exc}") from None
    with zf, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(zf)
        if manifest["engine"] != vendor:
            raise BackupError(
                f"This is a {manifest['engine']} backup; the database here is {vendor}. "
                "Restore it into a database of the same engine."
            )
        present = sorted(_counts_here(vendor))
        if present:
            raise BackupError(
                f"The database is not empty: it has {len(present)} tables "
                f"({', '.join(present[:3])}{', …' if len(present) > 3 else ''}). "
                "A restore goes into an empty database only: "
                "create a new one (or move the SQLite file away) and point DATABASE_URL at it."
            )
        data = Path(zf.extract(manifest["data"], tmp))
        checksum = _sha256(data)
        if checksum != manifest["sha256"]:
            raise BackupError(
                f"The data in this backup is damaged: its SHA-256 is {checksum}, the manifest "
                f"says {manifest['sha256']}. Nothing was restored."
            )
        if vendor == "postgresql":
            _pg_restore(data)
        else:
            _sqlite_restore(data)
    counts = _counts_here(vendor)
    expected = {str(k): int(v) for k, v in manifest["tables"].items()}
    if counts != expected:
        wrong = sorted(set(counts) ^ set(expected)) + sorted(
            t for t in set(counts) & set(expected) if counts[t] != expected[t]
        )
        raise BackupError(
            "The restored database differs from the backup's manifest in: "
            + ", ".join(f"{t} ({counts.get(t)} rows, expected {expected.get(t)})" for t in wrong)
        )
    say(
        f"Restored {path}: {len(counts)} tables, {sum(counts.values())} rows; "
        "checksum and row counts match the manifest."
    )
    return Result(path=Path(path), tables=counts, sha256=checksum)
