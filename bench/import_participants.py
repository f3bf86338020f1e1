"""Time the CSV import of a program's participants, first run and the same file again.

    python bench/import_participants.py --rows 13000 [--database-url URL]

Writes a file of `rows` participants (a quarter mentors) with every column filled, a BOM
and Windows line endings, as a spreadsheet saves it. Imports it into a new program with
`participants_import` (what the API, the CLI and the page call), then imports it again
(every row found, none written), then a file where every row's bio differs (every
person and enrollment written). Reports seconds, rows per second and SQL queries for both runs,
and the invitation tasks queued. The target: 13,000 rows in under 10 s. On a shared
machine the CPU seconds of this process say more than the wall clock.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time

from fresh_db import default_url, fresh_database

SKILLS = ["Python", "SQL", "Leadership", "Public speaking", "Design", "Go", "Hiring", "Sales"]
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Africa/Lagos", "UTC"]


def make_csv(rows: int, edition: str = "") -> bytes:
    from alongside.programs.importer import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i in range(rows):
        mentor = i % 4 == 0
        writer.writerow(
            [
                f"person{i}@import.bench",
                f"Person {i}",
                "mentor" if mentor else "mentee",
                (i % 4) + 1 if mentor else "",
                "" if mentor else ";".join(SKILLS[i % 8 : i % 8 + 3]),
                ";".join(SKILLS[(i + 2) % 8 : (i + 2) % 8 + 2]) if mentor else "",
                "Grow into a lead role, and speak at a conference" if not mentor else "",
                "Twenty years of building teams, shipping, and hiring well" + edition,
                ZONES[i % len(ZONES)],
                "English;Spanish" if i % 3 else "English",
                i % 11,
                f"Department {i % 12}",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=13_000)
    parser.add_argument("--database-url", default=default_url("import"))
    args = parser.parse_args()
    fresh_database(args.database_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alongside.programs.importer import participants_import
    from alongside.programs.models import Program

    program = Program.objects.create(slug="bench-import", name="Bench import", enrollment="import")
    data = make_csv(args.rows)
    print(f"{connection.vendor}: {args.rows} rows, {len(data) / 1e6:.1f} MB")
    edited = make_csv(args.rows, edition=", in three countries")
    for run, sent in (
        ("first import", data),
        ("same file again", data),
        ("every row edited", edited),
    ):
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            result = participants_import(program=program, actor=None, rows_or_file=sent)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{run}: {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s; {cpu:.2f} s of CPU "
            f"in this process), "
            f"{len(queries.captured_queries)} queries; created {result.created}, "
            f"updated {result.updated}, invited {result.invited}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
