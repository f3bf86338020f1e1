"""Review (pgpeople): the system checks that run with the database (`manage migrate`,
`manage check --database default`) were clean before the mentor ranking's index; on SQLite
its INCLUDE columns now warn (models.W040) on every migrate."""

from django.core import checks


def test_the_database_checks_raise_no_warning(db):
    found = checks.run_checks(databases=["default"])
    assert [f"{m.id}: {m.msg}" for m in found if m.level >= checks.WARNING] == []
