"""The triggers that note, in insights_pairchange, every pair one of whose meetings,
feedback, check-ins, goals, milestones or messages is written or deleted, and every pair
whose status, mentee or mentee's enrollment changes (see migrations/0001_squashed.py
for why triggers). `install` drops and creates them again: the migration calls it, and so
does every `migrate` afterwards (apps.py), because SQLite rebuilds a table to alter it and
the rebuilt table has no triggers."""

from typing import Any

# table, the pairs of a row (ROW is NEW or OLD) as a SELECT, the columns the rollups read
SOURCES = [
    (
        "meetings_meeting",
        "SELECT ROW.mentorship_id WHERE ROW.mentorship_id IS NOT NULL",
        ["mentorship_id", "starts_at", "status"],
    ),
    (
        "growth_checkin",
        "SELECT ROW.mentorship_id WHERE ROW.mentorship_id IS NOT NULL",
        ["mentorship_id", "created_at"],
    ),
    (
        "goals_goal",
        "SELECT ROW.mentorship_id WHERE ROW.mentorship_id IS NOT NULL",
        ["mentorship_id", "created_at", "status", "closed_at"],
    ),
    (
        "threads_message",
        "SELECT ROW.mentorship_id WHERE ROW.mentorship_id IS NOT NULL",
        ["mentorship_id", "created_at"],
    ),
    (
        "meetings_feedback",
        "SELECT mentorship_id FROM meetings_meeting WHERE id = ROW.meeting_id",
        ["meeting_id", "rating", "created_at"],
    ),
    (
        "goals_milestone",
        "SELECT mentorship_id FROM goals_goal WHERE id = ROW.goal_id",
        ["goal_id", "done_at"],
    ),
    (
        "growth_skillrating",
        "SELECT mentorship_id FROM growth_checkin WHERE id = ROW.checkin_id",
        ["checkin_id", "skill", "level"],
    ),
    # What the dashboard filters a pair by (the program's totals are kept per started pair
    # and department): the pair's status and mentee, its mentee's enrollment.
    ("mentorships_mentorship", "SELECT ROW.id", ["status", "mentee_id", "program_id"]),
    (
        "programs_enrollment",
        "SELECT id FROM mentorships_mentorship "
        "WHERE program_id = ROW.program_id AND mentee_id = ROW.person_id",
        ["answers", "role", "person_id", "program_id"],
    ),
]


def _changed(columns: list[str], differ: str) -> str:
    return " OR ".join(f"OLD.{c} {differ} NEW.{c}" for c in columns)


def _mark(pairs: str, row: str) -> str:
    return f"INSERT INTO insights_pairchange (mentorship_id) {pairs.replace('ROW', row)};"


def _sqlite(table: str, pairs: str, columns: list[str]) -> list[str]:
    name = f"insights_change_{table}"
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {_mark(pairs, 'NEW')} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {_mark(pairs, 'OLD')} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
        f"WHEN {_changed(columns, 'IS NOT')} BEGIN {_mark(pairs, 'OLD')} {_mark(pairs, 'NEW')} END",
    ]


def _postgresql(table: str, pairs: str, columns: list[str]) -> list[str]:
    name = f"insights_change_{table}"
    return [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'DELETE' THEN
                {_mark(pairs, "NEW")}
            END IF;
            IF TG_OP <> 'INSERT' THEN
                {_mark(pairs, "OLD")}
            END IF;
            RETURN NULL;
        END $$""",  # noqa: S608 (table and column names are the constants above)
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


def install(connection: Any) -> None:
    """Drop and create every trigger, on SQLite or PostgreSQL (idempotent)."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    with connection.cursor() as cursor:
        for table, pair, columns in SOURCES:
            for sql in _drop(connection.vendor, table) + build(table, pair, columns):
                cursor.execute(sql)


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for table, _, _ in SOURCES:
            for sql in _drop(connection.vendor, table):
                cursor.execute(sql)


def installed(connection: Any) -> set[str]:
    """The tables that have their triggers now (for the tests and the check)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE 'insights_change_%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'insights_change_%'"
            )
        return {row[0] for row in cursor.fetchall()}
