"""`alongside backup` and `alongside restore`: a round trip compares every table's rows,
on SQLite and on PostgreSQL; a backup taken while writes go on restores consistently; a
damaged backup and a database that is not empty are refused."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from alongside.lib.backup import BackupError, backup, restore

# Real backups of a whole database, some while writes go on: seconds each.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, database_url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir)}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "alongside", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    # Read with the converters Django registered (dates, decimals), as rows_here() reads.
    db = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)  # noqa: S608
            for t in tables
        }
    finally:
        db.close()


def rows_here() -> dict[str, list[tuple[Any, ...]]]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        found = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found[table] = sorted(cursor.fetchall(), key=repr)
        return found


def some_of_everything(mentee: Any, mentor: Any) -> None:
    from alongside.goals.services import goal_create
    from alongside.growth.services import journal_write
    from conftest import make_pair

    pair = make_pair(mentee, mentor)
    goal_create(mentorship=pair, author=mentee, title="Speak", objective="Talk", measure="Given")
    journal_write(author=mentee, body="Private, and backed up", mentorship=pair)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup")
@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_every_row_of_every_table(mentee, mentor, tmp_path):
    some_of_everything(mentee, mentor)
    made = backup(tmp_path / "site.zip", say=lambda line: None)
    assert made.tables["people_person"] == 2
    assert made.tables["growth_journalentry"] == 1
    with zipfile.ZipFile(made.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["engine"] == "sqlite"
    assert manifest["tables"] == made.tables
    assert len(manifest["sha256"]) == 64

    target = tmp_path / "restored.sqlite3"
    done = cli("restore", str(made.path), database_url=f"sqlite:///{target}", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "checksum and row counts match" in done.stdout
    restored, source = sqlite_rows(target), rows_here()
    # The restore is recorded in the audit log of the restored database, after the check.
    audit = restored.pop("people_auditevent")
    assert audit[: len(source["people_auditevent"])] == source.pop("people_auditevent")
    assert [row for row in audit if "backup_restored" in row] != []
    assert restored == source


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup")
@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_is_not_empty(mentee, tmp_path):
    made = backup(tmp_path / "site.zip", say=lambda line: None)
    with pytest.raises(BackupError, match="The database is not empty: it has"):
        restore(made.path, say=lambda line: None)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup")
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_loaded(mentee, tmp_path):
    made = backup(tmp_path / "site.zip", say=lambda line: None)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(made.path) as source, zipfile.ZipFile(damaged, "w") as copy:
        for name in source.namelist():
            content = source.read(name)
            if name == "database.sqlite3":
                content = content[:-100] + b"x" * 100
            copy.writestr(name, content)
    target = tmp_path / "restored.sqlite3"
    done = cli("restore", str(damaged), database_url=f"sqlite:///{target}", data_dir=tmp_path)
    assert done.returncode == 1
    assert "The data in this backup is damaged" in done.stderr
    assert sqlite_rows(target) == {}
    not_a_backup = tmp_path / "notes.zip"
    with zipfile.ZipFile(not_a_backup, "w") as zf:
        zf.writestr("notes.txt", "hello")
    done = cli("restore", str(not_a_backup), database_url=f"sqlite:///{target}", data_dir=tmp_path)
    assert done.returncode == 1
    assert "not an Alongside backup" in done.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup")
def test_a_backup_taken_while_writes_go_on_restores_consistently(tmp_path):
    """The site's database is a file that another process writes to without pause while
    `alongside backup` runs: the restore's counts match the snapshot's manifest, and the
    snapshot holds some of the writes and not all of them."""
    source = tmp_path / "site.sqlite3"
    url = f"sqlite:///{source}"
    assert cli("manage", "migrate", "-v0", database_url=url, data_dir=tmp_path).returncode == 0
    stop = threading.Event()
    written = [0]

    def write() -> None:
        db = sqlite3.connect(source, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        while not stop.is_set():
            with db:
                db.execute(
                    "INSERT INTO django_session (session_key, session_data, expire_date) "
                    "VALUES (?, 'x', '2030-01-01 00:00:00')",
                    (uuid.uuid4().hex,),
                )
                db.execute(
                    "INSERT INTO people_ratecounter (key, count, window_ends) "
                    "VALUES (?, 1, '2030-01-01 00:00:00')",
                    (uuid.uuid4().hex,),
                )
            written[0] += 1
        db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while written[0] < 50:
            stop.wait(0.01)
        made = cli("backup", str(tmp_path / "live.zip"), database_url=url, data_dir=tmp_path)
        during = written[0]
    finally:
        stop.set()
        writer.join()
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(tmp_path / "live.zip") as zf:
        counts = json.loads(zf.read("manifest.json"))["tables"]
    # Both tables are written in one transaction: a consistent snapshot has as many of each.
    assert counts["django_session"] == counts["people_ratecounter"]
    # Taken mid-stream: the writes before it are in, those after it are not.
    assert 50 <= counts["django_session"] <= during < written[0]
    target = tmp_path / "restored.sqlite3"
    done = cli(
        "restore", str(tmp_path / "live.zip"), database_url=f"sqlite:///{target}", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    restored = sqlite_rows(target)
    assert len(restored["django_session"]) == counts["django_session"]


# --- PostgreSQL ------------------------------------------------------------------------


def _pg_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _pg_digests(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        out = {}
        for table in tables:
            row = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: E501, S608
            ).fetchone()
            assert row is not None
            out[table] = (int(row[0]), str(row[1]))
        return out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backup")
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_every_row_into_a_fresh_database(mentee, mentor, tmp_path):
    import psycopg

    from alongside.lib.backup import pg_tool_check

    assert "pg_dump" in pg_tool_check("pg_dump")
    some_of_everything(mentee, mentor)
    made = backup(tmp_path / "site.zip", say=lambda line: None)
    assert made.tables["people_person"] == 2
    fresh = f"restore_{uuid.uuid4().hex[:12]}"
    admin = _pg_url("postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{fresh}"')
    try:
        done = cli("restore", str(made.path), database_url=_pg_url(fresh), data_dir=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "checksum and row counts match" in done.stdout
        restored = _pg_digests(_pg_url(fresh))
        source = _pg_digests(_pg_url(connection.settings_dict["NAME"]))
        # The restore is recorded in the restored database's audit log, after the check.
        assert restored.pop("people_auditevent")[0] == source.pop("people_auditevent")[0] + 1
        assert restored == source
        again = cli("restore", str(made.path), database_url=_pg_url(fresh), data_dir=tmp_path)
        assert again.returncode == 1
        assert "The database is not empty" in again.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_without_pg_dump_the_message_says_how_to_install_it(monkeypatch, tmp_path):
    from alongside.lib.backup import pg_tool_check

    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the PostgreSQL client
    with pytest.raises(BackupError, match=r"pg_dump is not installed.*postgresql-client"):
        pg_tool_check("pg_dump")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with the server")
@pytest.mark.django_db
def test_a_pg_dump_older_than_the_server_is_refused(monkeypatch, tmp_path):
    from alongside.lib.backup import pg_tool_check

    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"older than the server"):
        pg_tool_check("pg_dump")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL restore")
@pytest.mark.django_db
def test_what_pg_restore_says_when_it_fails_is_the_error(tmp_path):
    from alongside.lib.backup import _pg_restore

    garbage = tmp_path / "data.dump"
    garbage.write_bytes(b"not a dump")
    with pytest.raises(
        BackupError, match=r"^pg_restore failed: .*not appear to be a valid archive"
    ):
        _pg_restore(garbage)
