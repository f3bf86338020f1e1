"""Time the program dashboard of a big program on SQLite and on PostgreSQL.

    python bench/insights.py [--pairs 10000] [--meetings 500000] [--requests 40]
        [--database sqlite] [--database postgres://postgres@127.0.0.1:5432/insights_bench]

Each database is seeded in its own process with bulk_create: one program with `pairs`
active, completed and ended pairs (two enrolled people each, half of the mentees in each
of two departments), an agreement each, `meetings` meetings over the last 24 months with
feedback on one in ten, goals and milestones, and monthly check-ins with two skill
ratings. Then the program's admin opens the dashboard page `requests` times (after one
warm-up) through Django's test client, the full middleware stack; the same for the API
and a department filter. p50 and p95 in milliseconds and the SQL queries per request go
to bench/insights-results.md. The target: p95 under 300 ms on both databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from databases import backend_cpu

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = os.environ.get(
    "BENCH_INSIGHTS_PG_URL", "postgres://postgres@127.0.0.1:5432/insights_bench"
)
TARGET_MS = 300


def _seed(pairs: int, meetings: int) -> dict[str, object]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone as tz

    from alongside.goals.models import Goal, Milestone
    from alongside.growth.models import CheckIn, SkillRating
    from alongside.insights.tests.world import agreement_in_force
    from alongside.meetings.models import Feedback, Meeting
    from alongside.mentorships.models import AgreementVersion, Mentorship
    from alongside.people.models import Person
    from alongside.programs.models import Enrollment, Program

    now = tz.now()
    password = make_password("bench-insights")
    admin = Person.objects.create_user(email="admin@insights.bench", name="Admin")
    program = Program.objects.create(
        slug="insights-bench", name="Insights bench", enrollment="import", matching="admin"
    )
    program.admins.add(admin)
    Person.objects.bulk_create(
        [
            Person(email=f"{role}{i}@insights.bench", name=f"{role.title()} {i}", password=password)
            for i in range(pairs)
            for role in ("mentor", "mentee")
        ],
        batch_size=5000,
    )
    people = dict(
        Person.objects.filter(email__endswith="@insights.bench").values_list("email", "pk")
    )
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                program=program,
                person_id=people[f"{role}{i}@insights.bench"],
                role=role,
                answers={"department": "Engineering" if i % 2 else "Sales"},
            )
            for i in range(pairs)
            for role in ("mentor", "mentee")
        ],
        batch_size=5000,
    )
    statuses = ["active"] * 8 + ["completed", "ended"]
    rows = []
    for i in range(pairs):
        started = now - dt.timedelta(days=730 - (i % 300))
        status = statuses[i % len(statuses)]
        last = now - dt.timedelta(days=(i % 60))
        rows.append(
            Mentorship(
                public_id=uuid.uuid4(),
                program=program,
                mentor_id=people[f"mentor{i}@insights.bench"],
                mentee_id=people[f"mentee{i}@insights.bench"],
                status=status,
                pair_key=f"bench-{i}",
                created_at=started,
                started_at=started,
                closed_at=now - dt.timedelta(days=i % 200) if status != "active" else None,
                end_reason="No time, too busy" if status == "ended" else "",
                fading_at=last + dt.timedelta(days=21) if status == "active" else None,
                at_risk_at=last + dt.timedelta(days=42) if status == "active" else None,
            )
        )
    Mentorship.objects.bulk_create(rows, batch_size=5000)
    pair_rows = list(Mentorship.objects.filter(program=program).values_list("pk", "started_at"))
    AgreementVersion.objects.bulk_create(
        [
            agreement_in_force(pk, since=start, now=now, hopes="-", offers="-")
            for pk, start in pair_rows
        ],
        batch_size=5000,
    )
    per_pair = max(1, meetings // len(pair_rows))
    batch: list[Meeting] = []
    made = 0
    for n, (pk, _) in enumerate(pair_rows):
        for k in range(per_pair):
            batch.append(
                Meeting(
                    public_id=uuid.uuid4(),
                    mentorship_id=pk,
                    starts_at=now - dt.timedelta(days=(k * 730) // per_pair + n % 7, hours=n % 24),
                    minutes=45,
                )
            )
        if len(batch) >= 20_000:
            Meeting.objects.bulk_create(batch, batch_size=5000)
            made += len(batch)
            batch = []
    Meeting.objects.bulk_create(batch, batch_size=5000)
    made += len(batch)
    mentors = dict(Mentorship.objects.values_list("pk", "mentor_id"))
    Feedback.objects.bulk_create(
        [
            Feedback(meeting_id=mid, author_id=mentors[mship], rating=3 + mid % 3)
            for mid, mship in Meeting.objects.filter(pk__gt=0)
            .values_list("pk", "mentorship_id")
            .iterator(chunk_size=20_000)
            if mid % 10 == 0
        ],
        batch_size=5000,
    )
    Goal.objects.bulk_create(
        [
            Goal(
                mentorship_id=pk,
                title="-",
                objective="-",
                measure="-",
                status="achieved" if pk % 2 else "active",
                created_at=start,
                closed_at=now - dt.timedelta(days=pk % 300) if pk % 2 else None,
            )
            for pk, start in pair_rows
            for _ in range(2)
        ],
        batch_size=5000,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(goal_id=gid, title="-", done_at=now - dt.timedelta(days=gid % 300))
            for gid in Goal.objects.values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                public_id=uuid.uuid4(),
                mentorship_id=pk,
                author_id=people[f"mentee{n}@insights.bench"],
                feeling=3,
                created_at=now - dt.timedelta(days=30 * month + n % 20),
            )
            for n, (pk, _) in enumerate(pair_rows)
            for month in range(6)
        ],
        batch_size=5000,
    )
    SkillRating.objects.bulk_create(
        [
            SkillRating(checkin_id=cid, skill=skill, level=1 + (cid + len(skill)) % 5)
            for cid in CheckIn.objects.values_list("pk", flat=True)
            for skill in ("Public speaking", "Leadership")
        ],
        batch_size=5000,
    )
    return {"admin": admin, "program": program, "meetings": made, "pairs": len(pair_rows)}


def _one(url: str, pairs: int, meetings: int, requests: int, reuse: bool) -> dict[str, object]:
    if url.startswith("sqlite:///") and not reuse:
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    from alongside.mentorships.models import Mentorship
    from alongside.people.models import Person
    from alongside.programs.models import Program

    call_command("migrate", "--noinput", verbosity=0)
    began = time.perf_counter()
    existing = Program.objects.filter(slug="insights-bench").first() if reuse else None
    if existing is not None:  # --reuse: the data of the last run, to time the pages again
        seeded = {
            "admin": Person.objects.get(email="admin@insights.bench"),
            "program": existing,
            "pairs": Mentorship.objects.filter(program=existing).count(),
            "meetings": existing.mentorships.aggregate(n=Count("meetings"))["n"],
        }
    else:
        if connection.vendor == "postgresql":
            call_command("flush", "--noinput", verbosity=0)
        seeded = _seed(pairs, meetings)
    seconds = time.perf_counter() - began
    # The rollups: the triggers noted every pair the seeding (or a migration) touched; the
    # sweep's step counts them, here all at once.
    from alongside.insights.rollups import rollups_refresh

    began, cpu = time.perf_counter(), time.process_time()
    refreshed = rollups_refresh(limit=10**9)
    refresh = (time.perf_counter() - began, time.process_time() - cpu, refreshed)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        connection.connection.autocommit = True  # VACUUM runs outside a transaction
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    program = seeded["program"]
    client = Client()
    client.force_login(seeded["admin"])  # type: ignore[arg-type]
    pid = program.public_id  # type: ignore[attr-defined]
    paths = {
        "dashboard page, cold": f"/programs/{pid}/insights/",
        "dashboard API, cold": f"/api/v1/programs/{pid}/insights",
        "dashboard page, one department, cold": f"/programs/{pid}/insights/?department=Sales",
        "dashboard page, cached": f"/programs/{pid}/insights/?cohort=",
        "at-risk page": f"/programs/{pid}/at-risk/",
    }
    results = []
    for label, path in paths.items():
        settings.INSIGHTS_CACHE_SECONDS = 120 if "cached" in label else 0
        response = client.get(path)  # warm-up
        assert response.status_code == 200, (path, response.status_code)
        count = 0

        def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        times, cpu_times = [], []
        runs = requests if "dashboard" in label else max(5, requests // 4)
        db_before = backend_cpu(connection)
        for _ in range(runs):
            count = 0
            with connection.execute_wrapper(counter):
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                cpu_times.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200
        db_after = backend_cpu(connection)
        times.sort()
        results.append(
            {
                "page": label,
                "requests": runs,
                "p50": statistics.median(times),
                "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
                "cpu": statistics.median(cpu_times),
                "db_cpu": (
                    (db_after - db_before) * 1000 / runs
                    if db_before is not None and db_after is not None
                    else None
                ),
                "queries": count,
            }
        )
    return {
        "database": connection.vendor,
        "pairs": seeded["pairs"],
        "meetings": seeded["meetings"],
        "seed_seconds": seconds,
        "reused": existing is not None,
        "refresh": refresh,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        "results": results,
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--meetings", type=int, default=500_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database", action="append")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse", action="store_true", help="time the pages again on the data already seeded"
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "insights-results.md"))
    args = parser.parse_args()
    if args.one:
        run = _one(args.one, args.pairs, args.meetings, args.requests, args.reuse)
        print(json.dumps(run, default=str))
        return 0
    urls = []
    for database in args.database or ["sqlite", DEFAULT_PG]:
        if database == "sqlite":
            database = f"sqlite:///{ROOT / 'var' / 'bench' / 'insights.sqlite3'}"
        urls.append(database)
    runs = []
    for url in urls:
        print(f"== {url.split('@')[-1]}", flush=True)
        command = [sys.executable, __file__, "--one", url, "--pairs", str(args.pairs)]
        command += ["--meetings", str(args.meetings), "--requests", str(args.requests)]
        command += ["--reuse"] if args.reuse else []
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        if out.returncode:
            sys.stderr.write(out.stderr)
            raise SystemExit(f"The run on {url.split('@')[-1]} failed.")
        run = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(run)
        for r in run["results"]:
            print(
                f"  {r['page']}: p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, "
                f"cpu {r['cpu']:.0f} ms, db cpu {_ms(r['db_cpu'])}, {r['queries']} queries"
            )
    lines = [
        "# Program insights benchmark",
        "",
        "`make bench-insights` (bench/insights.py): one program, its admin opening the dashboard",
        "through Django's test client (every middleware), after one warm-up request.",
        f"Target: the dashboard's p95 under {TARGET_MS} ms on both databases (2 shared cores).",
        "Cold: INSIGHTS_CACHE_SECONDS=0, every request computes every aggregate. Cached: the",
        "default, the dashboard kept for two minutes (the first request of the run computes).",
        "",
        "CPU: the median CPU time of this process per request (Django, and SQLite, which runs",
        "inside it). DB CPU: PostgreSQL's own work per request, the mean CPU time of the",
        "server process that answers this connection (read from /proc).",
        "",
        "| database | pairs | meetings | page | requests | p50 ms | p95 ms | CPU ms | DB CPU ms "
        "| queries |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for r in run["results"]:
            lines.append(
                f"| {run['database']} | {run['pairs']:,} | {run['meetings']:,} | {r['page']} "
                f"| {r['requests']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['cpu']:.0f} "
                f"| {_ms(r['db_cpu'])} | {r['queries']} |"
            )
    lines += [""]
    for run in runs:
        wall, cpu, pairs = run["refresh"]
        seeding = (
            "the data seeded by an earlier run (--reuse)"
            if run.get("reused")
            else f"seeding {run['seed_seconds']:.0f} s"
        )
        lines.append(
            f"- {run['database']}: {seeding}; counting the rollups of "
            f"{pairs:,} pairs {wall:.0f} s ({cpu:.0f} s CPU in this process); load average "
            f"at the end {' '.join(run['loadavg'])}."
        )
    Path(args.output).write_text("\n".join(lines) + "\n")
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
