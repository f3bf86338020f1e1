"""The migrations were squashed on 2026-12-06 (docs/migrations.md): a database migrated
before has nothing to apply, and a new one records what an old one recorded."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler

from alongside.lib.squashes import partly_applied_squashes

# Every migration of the project's apps before the squash, as django_migrations names them.
BEFORE_THE_SQUASH = {
    "goals": [
        "0001_initial",
        "0002_revision_public_id",
        "0003_timeline_refers_to_revisions",
        "0004_edited_at",
    ],
    "growth": [
        "0001_initial",
        "0002_one_line_values",
        "0003_timeline_moves_to_mentorships",
        "0004_edited_at",
        "0005_tracked_skills",
    ],
    "insights": [
        "0001_initial",
        "0002_pair_month_rollups",
        "0003_pair_change_triggers",
        "0004_program_month_totals",
        "0005_pair_skill_changes",
    ],
    "matching": [
        "0001_initial",
    ],
    "meetings": [
        "0001_initial",
        "0002_prompts",
        "0003_feedback_opens_at",
        "0004_edited_at",
        "0005_meeting_pair_start_status",
    ],
    "mentorships": [
        "0001_initial",
        "0002_celebration",
        "0003_mentorship_at_risk_at_mentorship_at_risk_since_and_more",
        "0004_pair_key",
        "0005_timelineitem",
        "0006_timeline_refers_to_its_thing",
        "0007_pair_key_computed_by_the_database",
        "0008_closing",
        "0009_alter_timelineitem_kind",
        "0010_timeline_rows_of_gone_things",
    ],
    "notifications": [
        "0001_initial",
        "0002_shared_and_completion_kinds",
        "0003_kinds_for_insights",
        "0004_alter_notification_kind",
    ],
    "people": [
        "0001_initial",
        "0002_tokens_expire_and_rate_counters",
        "0003_audit_log",
        "0004_person_deleted_at",
        "0005_previous_visit",
        "0006_two_factor_and_sessions",
        "0007_kinds_for_insights",
        "0008_directory_index_counts_open_mentors",
        "0009_mentor_ranking_index",
    ],
    "privacy": [
        "0001_initial",
    ],
    "programs": [
        "0001_initial",
        "0002_community",
        "0003_enrollment",
        "0004_program_matching_rules",
        "0005_console_invitations_questions",
    ],
    "threads": [
        "0001_initial",
        "0002_message_words_search",
    ],
}
OLD = {(app, name) for app, names in BEFORE_THE_SQUASH.items() for name in names}


@pytest.mark.django_db
def test_a_database_migrated_before_the_squash_has_nothing_to_apply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    applied = MigrationRecorder(connection).applied_migrations()
    before: dict[tuple[str, str], Any] = {
        key: row for key, row in applied.items() if key[0] not in BEFORE_THE_SQUASH
    }
    before.update(dict.fromkeys(OLD))
    monkeypatch.setattr(MigrationRecorder, "applied_migrations", lambda self: before)

    executor = MigrationExecutor(connection)

    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    ours = {key for key in executor.loader.disk_migrations if key[0] in BEFORE_THE_SQUASH}
    assert ours <= set(executor.loader.applied_migrations)
    replaced = {r for key in ours for r in executor.loader.disk_migrations[key].replaces}
    assert replaced == OLD


@pytest.mark.django_db
def test_a_new_database_records_every_migration_from_before_the_squash() -> None:
    assert set(MigrationRecorder(connection).applied_migrations()) >= OLD


@pytest.fixture
def throwaway(tmp_path: Path, django_db_blocker: Any) -> Iterator[Any]:
    """A SQLite database of its own, not the test's: django_migrations names it by its alias,
    so it joins the project's connections while the test runs."""
    settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "old.sqlite3")}
    connections.settings["throwaway"] = ConnectionHandler({"default": settings}).settings["default"]
    with django_db_blocker.unblock():
        yield connections["throwaway"]
        connections["throwaway"].close()
    del connections["throwaway"]
    del connections.settings["throwaway"]


def test_a_database_that_applied_part_of_a_squash_is_named_with_the_way_out(
    throwaway: Any,
) -> None:
    recorder = MigrationRecorder(throwaway)
    recorder.ensure_schema()
    for name in ("0001_initial", "0002_one_line_values"):
        recorder.record_applied("growth", name)
    for name in BEFORE_THE_SQUASH["goals"]:
        recorder.record_applied("goals", name)

    errors = partly_applied_squashes(throwaway)

    assert [error.id for error in errors] == ["alongside.E001"]
    assert "growth.0001_squashed" in errors[0].msg
    assert "2 of its 5" in errors[0].msg
    assert "docs/migrations.md" in errors[0].hint
    assert "719357b" in errors[0].hint


def test_a_database_that_applied_all_or_none_of_each_squash_passes(throwaway: Any) -> None:
    recorder = MigrationRecorder(throwaway)
    assert partly_applied_squashes(throwaway) == []  # no django_migrations yet
    recorder.ensure_schema()
    for name in BEFORE_THE_SQUASH["goals"]:
        recorder.record_applied("goals", name)

    assert partly_applied_squashes(throwaway) == []


@pytest.mark.django_db
def test_migrate_stops_on_a_database_that_applied_part_of_a_squash() -> None:
    MigrationRecorder(connection).migration_qs.filter(
        app="growth", name__in=["0003_timeline_moves_to_mentorships", "0001_squashed"]
    ).delete()

    with pytest.raises(SystemCheckError, match="docs/migrations.md"):
        # As `alongside manage migrate` runs it: call_command skips the checks unless told.
        call_command("migrate", verbosity=0, interactive=False, skip_checks=False)


@pytest.mark.django_db
def test_the_database_checks_pass_on_the_test_database() -> None:
    call_command("check", databases=["default"], fail_level="ERROR")


def test_a_part_applied_squash_whose_replaced_files_are_still_there_passes(
    throwaway: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Django then runs the replaced migrations left: an app that squashes and keeps them."""
    from django.db.migrations import Migration
    from django.db.migrations.loader import MigrationLoader

    load_disk = MigrationLoader.load_disk

    def with_the_old_files(self: MigrationLoader) -> None:
        load_disk(self)
        for name in BEFORE_THE_SQUASH["growth"]:
            self.disk_migrations["growth", name] = Migration(name, "growth")

    monkeypatch.setattr(MigrationLoader, "load_disk", with_the_old_files)
    recorder = MigrationRecorder(throwaway)
    recorder.ensure_schema()
    recorder.record_applied("growth", "0001_initial")

    assert partly_applied_squashes(throwaway) == []
