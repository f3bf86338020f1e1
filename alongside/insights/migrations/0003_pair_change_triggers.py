"""Triggers that note, in insights_pairchange, every pair one of whose meetings, feedback,
check-ins, goals, milestones or messages is written or deleted: the dashboard's monthly
rollups (PairMonth) are recounted from these marks, and until then the dashboard reads
the marked pairs' rows directly. Triggers, not calls in the services, so that nothing
that writes these rows (a service, a bulk load, the admin site, a cascade) can forget.
An update marks the pair only when a column the rollups count changes. Every pair there
is already gets a mark too, so the sweep counts them all once."""

from django.db import migrations

from alongside.insights.triggers import install, uninstall


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    install(schema_editor.connection)
    # The pairs already there have no rollups yet: the dashboard reads them directly until
    # the sweep has counted them.
    schema_editor.execute(
        "INSERT INTO insights_pairchange (mentorship_id) SELECT id FROM mentorships_mentorship"
    )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_pair_month_rollups"),
        ("meetings", "0005_meeting_pair_start_status"),
        ("growth", "0004_edited_at"),
        ("goals", "0004_edited_at"),
        ("threads", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
