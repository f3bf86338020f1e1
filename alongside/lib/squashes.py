"""A database that applied only part of a squashed migration's `replaces` is refused at
`migrate`, by name (docs/migrations.md). Django would leave that squashed migration out of
its plan without a word, and the app's later tables would never be made."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# The last commit whose migrations take an older database up to the squash.
BEFORE_THE_SQUASH = "719357bb05cae8f47af93a90e373f18661f5ea7e"


def partly_applied_squashes(connection: BaseDatabaseWrapper) -> list[CheckMessage]:
    """An error for each squashed migration of which the database has recorded some, but
    not all, of the migrations it replaces, when those are no longer on disk."""
    applied = set(MigrationRecorder(connection).applied_migrations())
    if not applied:
        return []
    loader = MigrationLoader(None, load=False)
    loader.load_disk()
    errors: list[CheckMessage] = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        replaces = [tuple(key) for key in migration.replaces]
        done = [key for key in replaces if key in applied]
        # With the replaced files still there, Django runs the rest of them: nothing lost.
        gone = any(key not in loader.disk_migrations for key in replaces)
        if done and len(done) < len(replaces) and gone:
            errors.append(
                Error(
                    f"The database {connection.alias!r} has applied {len(done)} of its "
                    f"{len(replaces)} migrations that {app}.{name} replaces (the last: "
                    f"{done[-1][1]}); Django would skip {app}.{name} and leave the "
                    "rest of its schema unmade.",
                    hint=(
                        f"Migrate it first with a checkout of commit {BEFORE_THE_SQUASH} "
                        "(before the squash), then with this one: see docs/migrations.md."
                    ),
                    id="alongside.E001",
                )
            )
    return errors


def check_squashes(
    app_configs: Sequence[AppConfig] | None, databases: Iterable[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """The system check (tagged database, so `migrate` runs it on the database it migrates)."""
    return [
        error for alias in databases or () for error in partly_applied_squashes(connections[alias])
    ]
