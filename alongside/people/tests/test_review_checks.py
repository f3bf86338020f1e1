"""Review (pgpeople): the system checks that run with the database (`manage migrate`,
`manage check --database default`) were clean before the mentor ranking's index; on SQLite
its INCLUDE columns warn (models.W040), which settings silence with the reason."""

from django.core.management import call_command


def test_the_database_checks_raise_no_warning(db, capsys):
    # --fail-level WARNING: any warning not silenced raises SystemCheckError.
    call_command("check", "--database", "default", "--fail-level", "WARNING")
    assert "W040" not in capsys.readouterr().err
