from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

TRIGGERS_MIGRATION = ("insights", "0001_squashed")


def reinstall_triggers(*, using: str, **kwargs: Any) -> None:
    """After every `migrate`, put back the rollups' triggers: SQLite alters a table by
    rebuilding it, and the rebuilt table has lost them (threads' 0002 did just that)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from alongside.insights import triggers

    connection = connections[using]
    if (
        MigrationRecorder(connection)
        .migration_qs.filter(app=TRIGGERS_MIGRATION[0], name=TRIGGERS_MIGRATION[1])
        .exists()
    ):
        triggers.install(connection)


class InsightsConfig(AppConfig):
    """Program insights: the admins' dashboard, the pairs at risk, the exports and the
    end-of-program survey. It reads many features (pairs, goals, meetings, growth), so it
    sits just under home in the layers; counts and aggregates only, never a pair's words."""

    name = "alongside.insights"
    label = "insights"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(reinstall_triggers, sender=self)
