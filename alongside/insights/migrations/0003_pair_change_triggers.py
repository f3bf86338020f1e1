"""Triggers that note, in insights_pairchange, every pair one of whose meetings, feedback,
check-ins, goals, milestones or messages is written or deleted: the dashboard's monthly
rollups (PairMonth) are recounted from these marks, and until then the dashboard reads
the marked pairs' rows directly. Triggers, not calls in the services, so that nothing
that writes these rows (a service, a bulk load, the admin site, a cascade) can forget.
An update marks the pair only when a column the rollups count changes. Every pair there
is already gets a mark too, so the sweep counts them all once."""

from django.db import migrations

# table, the pair of a row (ROW is NEW or OLD), the columns the rollups read
SOURCES = [
    ("meetings_meeting", "ROW.mentorship_id", ["mentorship_id", "starts_at", "status"]),
    ("growth_checkin", "ROW.mentorship_id", ["mentorship_id", "created_at"]),
    ("goals_goal", "ROW.mentorship_id", ["mentorship_id", "created_at", "status", "closed_at"]),
    ("threads_message", "ROW.mentorship_id", ["mentorship_id", "created_at"]),
    (
        "meetings_feedback",
        "(SELECT mentorship_id FROM meetings_meeting WHERE id = ROW.meeting_id)",
        ["meeting_id", "rating", "created_at"],
    ),
    (
        "goals_milestone",
        "(SELECT mentorship_id FROM goals_goal WHERE id = ROW.goal_id)",
        ["goal_id", "done_at"],
    ),
]


def _changed(columns: list[str], differ: str) -> str:
    return " OR ".join(f"OLD.{c} {differ} NEW.{c}" for c in columns)


def _sqlite(table: str, pair: str, columns: list[str]) -> list[str]:
    def mark(row: str) -> str:
        who = pair.replace("ROW", row)
        return (
            f"INSERT INTO insights_pairchange (mentorship_id) SELECT {who} WHERE {who} IS NOT NULL;"
        )

    name = f"insights_change_{table}"
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {mark('NEW')} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {mark('OLD')} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
        f"WHEN {_changed(columns, 'IS NOT')} BEGIN {mark('OLD')} {mark('NEW')} END",
    ]


def _postgresql(table: str, pair: str, columns: list[str]) -> list[str]:
    name = f"insights_change_{table}"
    new, old = pair.replace("ROW", "NEW"), pair.replace("ROW", "OLD")
    return [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'DELETE' AND {new} IS NOT NULL THEN
                INSERT INTO insights_pairchange (mentorship_id) VALUES ({new});
            END IF;
            IF TG_OP <> 'INSERT' AND {old} IS NOT NULL THEN
                INSERT INTO insights_pairchange (mentorship_id) VALUES ({old});
            END IF;
            RETURN NULL;
        END $$""",
        f"CREATE TRIGGER {name}_write AFTER INSERT OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
        f"FOR EACH ROW WHEN ({_changed(columns, 'IS DISTINCT FROM')}) EXECUTE FUNCTION {name}()",
    ]


def _drop(vendor: str, table: str) -> list[str]:
    name = f"insights_change_{table}"
    if vendor == "postgresql":
        return [f"DROP FUNCTION IF EXISTS {name}() CASCADE"]
    return [f"DROP TRIGGER IF EXISTS {name}_{op}" for op in ("insert", "delete", "update")]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    build = _postgresql if vendor == "postgresql" else _sqlite
    for table, pair, columns in SOURCES:
        for sql in build(table, pair, columns):
            schema_editor.execute(sql)
    # The pairs already there have no rollups yet: the dashboard reads them directly until
    # the sweep has counted them.
    schema_editor.execute(
        "INSERT INTO insights_pairchange (mentorship_id) SELECT id FROM mentorships_mentorship"
    )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for table, _, _ in SOURCES:
        for sql in _drop(schema_editor.connection.vendor, table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_pair_month_rollups"),
        ("meetings", "0005_meeting_pair_start_status"),
        ("growth", "0004_edited_at"),
        ("goals", "0004_edited_at"),
        ("threads", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
