"""`alongside manage insights_rollups`: count the dashboard's monthly rollups of the pairs
waiting for it (what the sweep does each minute), all of them again (--rebuild), or check
them against a count made now (--verify, exit status 1 when a row differs)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.insights.rollups import rollups_mark, rollups_refresh, rollups_verify
from alongside.programs.models import Program


class Command(BaseCommand):
    help = "Count the insights rollups of changed pairs; --rebuild all of them; --verify them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", help="the slug of one program (default: every one)")
        parser.add_argument("--rebuild", action="store_true", help="count every pair again")
        parser.add_argument(
            "--verify", action="store_true", help="compare the rollups with a count made now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programs = Program.objects.order_by("slug")
        if options["program"]:
            programs = programs.filter(slug=options["program"])
            if not programs.exists():
                raise CommandError(f"No program has the slug {options['program']!r}.")
        if options["rebuild"]:
            for program in programs:
                rollups_mark(program_id=program.pk)
        counted = rollups_refresh(limit=10**9)
        self.stdout.write(f"Counted the rollups of {counted} pairs.")
        if not options["verify"]:
            return
        wrong = [line for program in programs for line in rollups_verify(program_id=program.pk)]
        for line in wrong[:50]:
            self.stdout.write(line)
        if wrong:
            raise CommandError(f"{len(wrong)} rollup rows differ from a count made now.")
        self.stdout.write("Every rollup row matches a count made now.")
