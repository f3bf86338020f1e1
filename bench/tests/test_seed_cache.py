"""The benchmark's seed cache: when a kept seed may stand for a fresh one, and a real
restore that migrates forward (bench/seed_cache.py, bench/run.py)."""

import argparse
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import seed_cache  # noqa: E402
from writeup import seeding  # noqa: E402


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A checkout in miniature: two apps' migrations and the seed."""
    write(tmp_path, "bench/seed.py", "seed = 1\n")
    write(tmp_path, "alongside/people/migrations/0001_initial.py", "people 1\n")
    write(tmp_path, "alongside/people/migrations/0002_more.py", "people 2\n")
    write(tmp_path, "alongside/goals/migrations/0001_initial.py", "goals 1\n")
    return tmp_path


def test_the_fingerprint_names_each_migration_file_by_its_content(tree: Path) -> None:
    print_ = seed_cache.fingerprint(0.01, tree)
    assert print_["scale"] == "0.01"
    assert sorted(print_["migrations"]) == [
        "alongside/goals/migrations/0001_initial.py",
        "alongside/people/migrations/0001_initial.py",
        "alongside/people/migrations/0002_more.py",
    ]
    write(tree, "alongside/people/migrations/0002_more.py", "people 2, edited\n")
    edited = seed_cache.fingerprint(0.01, tree)
    assert (
        edited["migrations"]["alongside/people/migrations/0002_more.py"]
        != (print_["migrations"]["alongside/people/migrations/0002_more.py"])
    )
    assert edited["seed"] == print_["seed"]


def test_a_seed_survives_migrations_added_after_it(tree: Path) -> None:
    recorded = seed_cache.fingerprint(1, tree)
    assert seed_cache.unusable(recorded, recorded) is None
    write(tree, "alongside/people/migrations/0003_newer.py", "people 3\n")
    write(tree, "alongside/threads/migrations/0001_initial.py", "a new app\n")
    assert seed_cache.unusable(recorded, seed_cache.fingerprint(1, tree)) is None


def test_a_seed_does_not_survive_an_edited_or_removed_migration(tree: Path) -> None:
    recorded = seed_cache.fingerprint(1, tree)
    write(tree, "alongside/goals/migrations/0001_initial.py", "goals 1, squashed\n")
    why = seed_cache.unusable(recorded, seed_cache.fingerprint(1, tree))
    assert why == "1 of its migrations changed since (alongside/goals/migrations/0001_initial.py)"
    write(tree, "alongside/goals/migrations/0001_initial.py", "goals 1\n")
    (tree / "alongside/people/migrations/0002_more.py").unlink()
    why = seed_cache.unusable(recorded, seed_cache.fingerprint(1, tree))
    assert why == "1 of its migrations are gone (alongside/people/migrations/0002_more.py)"


def test_a_seed_does_not_survive_another_seed_or_scale(tree: Path) -> None:
    recorded = seed_cache.fingerprint(1, tree)
    assert seed_cache.unusable(recorded, seed_cache.fingerprint(0.01, tree)) == (
        "it was seeded at scale 1, not 0.01"
    )
    write(tree, "bench/seed.py", "seed = 2\n")
    assert seed_cache.unusable(recorded, seed_cache.fingerprint(1, tree)) == (
        "bench/seed.py changed since"
    )
    assert seed_cache.unusable({**recorded, "migrations": {}}, recorded) == (
        "its record names no migrations"
    )


def test_the_report_tells_a_restored_seed_from_a_fresh_one() -> None:
    assert seeding({"seconds": 812.4}) == "Seeded in 812 s."
    cached = {"seconds": 812.4, "on": "2026-12-06 11:50 UTC", "applied": 2}
    assert seeding({"seconds": 812.4, "seed_cache": cached}) == (
        "Restored from a seed cache made in 812 s on 2026-12-06 11:50 UTC, "
        "then 2 newer migrations applied."
    )
    assert seeding({"seconds": 812.4, "seed_cache": {**cached, "applied": 0}}) == (
        "Restored from a seed cache made in 812 s on 2026-12-06 11:50 UTC."
    )


def applied(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT app, name FROM django_migrations").fetchall()
    return {f"{app}.{name}" for app, name in rows}


@pytest.mark.slow
def test_a_kept_sqlite_seed_is_restored_and_migrated_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seed a tiny SQLite into the cache, take the cached copy back to before the last
    mentorships migration (as if it had been seeded before that migration was written),
    then restore it: the copy comes back and `migrate` applies what it lacks."""
    monkeypatch.setattr(seed_cache, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(run, "WORK", tmp_path)
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    args = argparse.Namespace(scale=0.001, cache_seed=True, seed_only=True)
    run.seed_database(url, args)
    record_path, copy, _ = seed_cache._names("SQLite", url, 0.001)
    everything = applied(copy)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "mentorships", "0001_squashed", "-v", "0"],
        env=run.server_env(f"sqlite:///{copy}"),
        check=True,
    )
    with closing(sqlite3.connect(copy)) as conn:  # as seed_cache.save leaves its copies
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The squashed migration's row and the row of the one it replaces.
    missing = everything - applied(copy)
    assert missing == {"mentorships.0002_squashed", "mentorships.0006_timeline_refers_to_its_thing"}
    record = json.loads(record_path.read_text())
    record["migrations"] = {
        name: digest
        for name, digest in record["migrations"].items()
        if f"{name.split('/')[1]}.{Path(name).stem}" not in missing
    }
    record_path.write_text(json.dumps(record))

    label, _, facts_path = run.seed_database(
        url, argparse.Namespace(**{**vars(args), "seed_only": False})
    )

    assert applied(tmp_path / "bench.sqlite3") == everything
    facts = json.loads(facts_path.read_text())
    assert facts["seed_cache"] == {
        "seconds": record["seconds"],
        "on": record["seeded_on"],
        "applied": 1,
    }
    assert facts["people"] == record["facts"]["people"] > 0
