"""Matching end to end: from participant rows in the database to the saved run.

    python bench/matching_db.py                                  # both sizes, SQLite
    python bench/matching_db.py --database sqlite --database postgres://...  --sizes 10000x3000

For each database and size: a fresh database is seeded (in its own process) with a
program's people and enrollments, generated as bench/matching_data.py does (the roomy
program; its answers stored as the CSV import stores them). Then, in a fresh process,
`matching_run` (what the API and the pages call) loads the participants, runs the engine
and saves the pairs and the unmatched; the run's own timings split the seconds into load,
solve and save. Peak memory is that process's peak resident set (Django and the engine's
libraries included). CPU seconds are reported beside the wall clock: the machine is
shared, and on a quiet one a run takes about its CPU seconds.

Writes the table into bench/matching-results.md, between the markers of its section,
so that bench/matching.py and this script each keep the other's part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alongside.matching import Mentee, Mentor

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "matching-results.md"
START, END = "<!-- end-to-end: bench/matching_db.py -->", "<!-- /end-to-end -->"
SIZES = ["10000x3000", "50000x15000"]
TARGETS = {"10000x3000": (3.0, 1024), "50000x15000": (20.0, 3 * 1024)}
FLOOR = 0.25
SEED = 1


def _zone(offset: float) -> str:
    """An IANA name for a generated UTC offset (Etc/GMT signs run the other way)."""
    if offset == 5.5:
        return "Asia/Kolkata"
    hours = int(offset)
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"


def _placed(person: Mentee | Mentor) -> dict[str, Any]:
    """The answers mentors and mentees both give, as an import would store them."""
    return {
        "timezone": _zone(float(person.timezone)),
        "languages": list(person.languages),
        "seniority": person.seniority,
        "department": person.department,
    }


def _ensure_database(url: str) -> None:
    """Create the PostgreSQL database when missing (never one of the server's own)."""
    if not url.startswith(("postgres:", "postgresql:")):
        return
    import re
    import urllib.parse

    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in {"postgres", "test", "template0"}:
        raise SystemExit(f"Refusing to use the database {name!r}; name another one.")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(url: str, size: str) -> None:
    sys.path.insert(0, str(HERE))
    from fresh_db import fresh_database

    _ensure_database(url)

    fresh_database(url)
    import uuid

    from matching_data import RULES, generate

    from alongside.people.models import Person
    from alongside.programs.models import Enrollment, Program

    n, m = (int(x) for x in size.split("x"))
    mentees, mentors = generate(n, m, seed=SEED)
    program = Program.objects.create(
        slug="bench-matching",
        name="Bench matching",
        enrollment="import",
        matching="admin",
        require_shared_language=RULES.require_shared_language,
        avoid_same_department=RULES.avoid_same_department,
    )
    admin = Person.objects.create_user(email="admin@bench.test", password=None, name="Admin")
    program.admins.add(admin)
    people = [
        Person(email=f"p{k}@bench.test", name=f"Person {k}", password="!", public_id=uuid.uuid4())  # noqa: S106 - unusable
        for k in range(n + m)
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    pk = dict(Person.objects.filter(email__endswith="@bench.test").values_list("email", "pk"))
    mentor_ids = [str(people[n + j].public_id) for j in range(m)]

    def enrolled(k: int, role: str, **fields: Any) -> Enrollment:
        return Enrollment(program=program, person_id=pk[f"p{k}@bench.test"], role=role, **fields)

    rows = [
        enrolled(
            n + j,
            "mentor",
            capacity=b.capacity,
            answers={
                "skills_offered": list(b.skills_offered),
                "goals": b.expertise,
                "bio": b.bio,
                **_placed(b),
            },
        )
        for j, b in enumerate(mentors)
    ] + [
        enrolled(
            i,
            "mentee",
            answers={
                "skills_wanted": list(a.skills_wanted),
                "goals": a.goals,
                **_placed(a),
                "picks": [mentor_ids[j] for j in a.picks],
            },
        )
        for i, a in enumerate(mentees)
    ]
    Enrollment.objects.bulk_create(rows, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def run(url: str) -> dict[str, object]:
    os.environ["DATABASE_URL"] = url
    os.environ["MATCHING_INLINE_MENTEES"] = str(10**9)  # in this process, as a request would
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import alongside.matching.engine  # noqa: F401 - its import is not the run's cost
    from alongside.matching.services import matching_run
    from alongside.people.models import Person
    from alongside.programs.models import Program

    program = Program.objects.get(slug="bench-matching")
    admin = Person.objects.get(email="admin@bench.test")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    saved = matching_run(program=program, actor=admin, floor=FLOOR)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = saved.timings
    return {
        "status": saved.status,
        "error": saved.error,
        "wall": wall,
        "cpu": cpu,
        "load": t.get("load_seconds"),
        "solve": t.get("solve_seconds"),
        "save": t.get("save_seconds"),
        "load_cpu": t.get("load_cpu"),
        "solve_cpu": t.get("solve_cpu"),
        "save_cpu": t.get("save_cpu"),
        "matched": saved.matched,
        "unmatched": saved.unmatched,
        "mean": saved.mean_score,
        "low": saved.min_score,
        "peak_mb": peak,
        "before_mb": before,
    }


def _label(url: str) -> str:
    return "PostgreSQL" if url.startswith(("postgres:", "postgresql:")) else "SQLite"


def _url(database: str, size: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench' / f'matching-{size}.sqlite3'}"
    return database


def _child(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Failed: {' '.join(args)}")
    return done.stdout


def report(rows: list[tuple[str, str, list[dict[str, object]]]], runs: int) -> str:
    lines = [
        START,
        "## End to end: participants in the database to the saved run",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC with "
        f"`python bench/matching_db.py`, {platform.machine()}, {os.cpu_count()} cores, on a "
        "machine shared with other work. `matching_run` as the API calls it: load the "
        "enrolled people, their answers, capacities, past pairs; run the engine (floor "
        f"{FLOOR}, shared language required, never the same department); save every pair "
        "with its factors and explanation and every unmatched mentee with the reason. "
        f"The run of least CPU of {runs}, each in a fresh process; stages as wall / CPU "
        "seconds (CPU counts every thread of the process); peak memory is that process's "
        "peak resident set, Django and numpy/SciPy/scikit-learn/OR-Tools included "
        "(their import alone is the first figure in brackets).",
        "",
        "| database | mentees x mentors | seconds, wall / CPU | load | solve | save "
        "| peak MB (before the run) | matched | unmatched | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, size, results in rows:
        best = min(results, key=lambda r: float(r["cpu"]))  # type: ignore[arg-type]
        seconds, mb = TARGETS.get(size, (0.0, 0))
        lines.append(
            f"| {label} | {size} | {best['wall']:.2f} / {best['cpu']:.2f} "
            f"| {best['load']:.2f} / {best['load_cpu']:.2f} "
            f"| {best['solve']:.2f} / {best['solve_cpu']:.2f} "
            f"| {best['save']:.2f} / {best['save_cpu']:.2f} | {best['peak_mb']:.0f} "
            f"({best['before_mb']:.0f}) | {best['matched']} | {best['unmatched']} "
            f"| < {seconds:g} s, < {mb} MB |"
        )
    lines += [
        "",
        "- Load reads three queries' worth of rows as tuples (`values_list`), no model "
        "objects; save writes the pairs with one `COPY` on PostgreSQL and one `executemany` "
        "on SQLite (`alongside/lib/bulk.py`), not an ORM object per row.",
        "- Solve is the engine (bench/matching.py's 'ours' row at the same size), plus "
        "mapping positions back to people.",
        f"- The machine's load average at the end: {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; where it is high, the wall clock runs several times the "
        "CPU seconds, and a quiet machine takes about the CPU seconds.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", help="sqlite or a PostgreSQL URL")
    parser.add_argument("--sizes", nargs="+", default=SIZES)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--seed", nargs=2, metavar=("URL", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--run", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(*args.seed)
        return 0
    if args.run:
        print(json.dumps(run(args.run)))
        return 0
    rows = []
    for database in args.database or ["sqlite"]:
        for size in args.sizes:
            url = _url(database, size)
            started = time.perf_counter()
            _child(["--seed", url, size])
            print(f"{_label(url)} {size}: seeded in {time.perf_counter() - started:.1f} s")
            results = []
            for _ in range(args.runs):
                result = json.loads(_child(["--run", url]).strip().splitlines()[-1])
                if result["status"] != "done":
                    raise SystemExit(f"The run failed: {result['error']}")
                print(
                    f"  {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU (load "
                    f"{result['load']:.2f}, solve {result['solve']:.2f}, save "
                    f"{result['save']:.2f}), peak {result['peak_mb']:.0f} MB, "
                    f"{result['matched']} matched"
                )
                results.append(result)
            rows.append((_label(url), size, results))
    section = report(rows, args.runs)
    if not args.no_write:
        write(section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
