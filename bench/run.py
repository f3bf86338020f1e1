"""The benchmark: seed large databases, serve them with gunicorn, measure the busiest pages.

    python bench/run.py                                  # SQLite and PostgreSQL, full size
    python bench/run.py --scale 0.01 --runs 2 --duration 2 --out var/bench/smoke.md

For each database: create it afresh (SQLite: a file under var/bench/; PostgreSQL: the
database named in the URL, created and dropped here with psycopg), migrate, seed
(bench/seed.py), analyse (PostgreSQL: VACUUM (ANALYZE); SQLite: ANALYZE), count the SQL
queries of each endpoint once in-process, start gunicorn with 2 workers on 127.0.0.1 as
production runs it (DEBUG off), sign in through the sign-in page (session cookie) and
create an API token. All servers stay up while measuring, so the databases are measured
interleaved, not minutes apart: for each run, each endpoint is driven on one database then
the next (the order flips every run), with wrk (Debian's package, when /usr/bin/wrk
exists) or else a Python thread-pool client. Beside latency it reads the CPU seconds the
gunicorn workers and the PostgreSQL backends spent (from /proc), per request. Each API
endpoint is also measured against its floor, a bare Django view over the same rows
(bench/floor.py). Prints Markdown tables (the median of the runs, and their spread) and
writes them to bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import seed_cache
from databases import (
    ROOT,
    WORK,
    _pg_parts,
    create_database,
    drop_database,
    renamed,
    resolve,
    run_step,
    server_env,
    server_version,
)
from endpoints import ENDPOINTS, TARGET_MS, DbResult, Endpoint, Load
from loadgen import WRK, children, cpu_seconds, cpu_spent, generator_name, python_load, wrk_load
from serving import free_port, http_get, sign_in, start_gunicorn, stop
from writeup import median, report

RESULTS = ROOT / "bench" / "results.md"


# --- In-process: query counts and the API token ----------------------------------------


def prepare(facts_path: str) -> int:
    """Run inside the database's settings: collect static files, analyse, create the API
    token, and count each endpoint's SQL queries (after one warm-up request)."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alongside.people.models import Person
    from alongside.people.services import token_create

    facts = json.loads(Path(facts_path).read_text())
    call_command("collectstatic", "--noinput", verbosity=0)
    with connection.cursor() as cursor:
        # A bulk load leaves the planner without statistics (and PostgreSQL's visibility
        # map unset) until autovacuum gets to them; settle both now rather than measure
        # that minute.
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    mentor = Person.objects.get(email=facts["busy_mentor_email"])
    _, token = token_create(person=mentor, name="bench")
    page = Client()
    page.force_login(mentor)
    api = Client(headers={"authorization": f"Bearer {token}"})
    queries = {}
    for endpoint in ENDPOINTS:
        client = page if endpoint.auth == "cookie" else api
        path = endpoint.path.format(m=facts["showcase_mentorship"])
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} in-process")
        queries[endpoint.key] = len(captured.captured_queries)
    print("PREPARED " + json.dumps({"token": token, "queries": queries, "person": mentor.pk}))
    return 0


# --- Serving and signing in --------------------------------------------------------------
# --- One database: seed, serve, sign in ------------------------------------------------------


@dataclass
class Served:
    result: DbResult
    server: subprocess.Popen[bytes]
    port: int
    cookie: str
    token: str
    db_name: str = ""  # PostgreSQL: whose backends to count

    def header(self, endpoint: Endpoint) -> tuple[str, str]:
        if endpoint.auth == "cookie":
            return ("Cookie", self.cookie)
        return ("Authorization", f"Bearer {self.token}")

    def path(self, template: str) -> str:
        return template.format(m=self.result.facts["showcase_mentorship"])

    def db_pids(self) -> list[int]:
        if not self.db_name:
            return []
        import psycopg

        with psycopg.connect(self.result.url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.db_name],
            ).fetchall()
        return [row[0] for row in rows]


def migrate(env: dict[str, str]) -> int:
    """Run `migrate`; how many migrations it applied."""
    out = run_step([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "1"], env)
    return len(re.findall(r"^\s*Applying ", out, re.MULTILINE))


def seed_database(database: str, args: argparse.Namespace) -> tuple[str, str, Path]:
    """Create, migrate and seed the database (or restore it from the seed cache and apply
    the migrations added since): label, URL and the path of the seed's facts. With
    --seed-only it fills the cache (when it cannot be used as it is) and leaves the bench
    database alone: PostgreSQL is seeded in a scratch database beside it."""
    label, url = resolve(database)
    print(f"\n== {label}: {url}", flush=True)
    facts_path = WORK / f"facts-{label.lower()}.json"
    began = time.perf_counter()
    if args.seed_only and seed_cache.usable(label, url, args.scale):
        print(f"the seed cache in {seed_cache.CACHE} can be used as it is", flush=True)
        return label, url, facts_path
    if args.cache_seed and not args.seed_only:
        create_database(label, url)
        record = seed_cache.restore(label, url, args.scale)
        if record:
            applied = migrate(server_env(url))
            cached = {"seconds": record["seconds"], "on": record["seeded_on"], "applied": applied}
            facts_path.write_text(json.dumps({**record["facts"], "seed_cache": cached}, indent=2))
            print(
                f"restored from the seed cache made in {record['seconds']:.0f} s on "
                f"{record['seeded_on']}, {applied} newer migrations applied: "
                f"{time.perf_counter() - began:.1f} s",
                flush=True,
            )
            return label, url, facts_path
    source = url
    if args.seed_only and label == "PostgreSQL":
        source = renamed(url, _pg_parts(url)[1] + "_seeding")
    create_database(label, source)
    env = server_env(source)
    seeded = seed_cache.fingerprint(args.scale)  # the files this database is seeded from
    migrate(env)
    print(f"migrated in {time.perf_counter() - began:.1f} s", flush=True)
    out = run_step(
        [sys.executable, str(ROOT / "bench" / "seed.py"), f"--scale={args.scale}",
         f"--facts={facts_path}"],
        env,
    )  # fmt: skip
    print(out.rstrip(), flush=True)
    if args.cache_seed:
        facts = json.loads(facts_path.read_text())
        kept = seed_cache.save(label, url, args.scale, seeded, facts, source)
        print(f"kept in the seed cache: {kept}", flush=True)
    if args.seed_only:
        drop_database(label, source)
    return label, url, facts_path


def serve_database(database: str, args: argparse.Namespace) -> Served:
    label, url, facts_path = seed_database(database, args)
    env = server_env(url, conn_max_age=args.conn_max_age)
    facts = json.loads(facts_path.read_text())
    prepared = run_step(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(facts_path)],
        server_env(url, test_client=True),
    )
    found = re.search(r"^PREPARED (.*)$", prepared, re.MULTILINE)
    assert found, prepared
    setup = json.loads(found.group(1))
    result = DbResult(label, url, server_version(label, url), facts, setup["queries"])
    env["BENCH_FLOOR_PERSON"] = str(setup["person"])
    port = free_port()
    server = start_gunicorn(env, port, WORK / f"gunicorn-{label.lower()}.log")
    served = Served(result, server, port, "", setup["token"])
    if label == "PostgreSQL":
        served.db_name = _pg_parts(url)[1]
    try:
        served.cookie = sign_in(port, facts["busy_mentor_email"], facts["password"])
        for endpoint in ENDPOINTS:
            for template in filter(None, (endpoint.path, endpoint.floor)):
                status, _, _ = http_get(
                    port, served.path(template), dict([served.header(endpoint)])
                )
                if status != 200:
                    raise SystemExit(f"{template} answered {status} over http")
    except BaseException:
        stop(server)
        raise
    return served


def measure(served: Served, endpoint: Endpoint, path: str, args: argparse.Namespace) -> Load:
    """Warm up, then drive one path for args.duration seconds; latency, and the CPU the
    workers (and PostgreSQL's backends) spent per request."""
    header = served.header(endpoint)
    url = f"http://127.0.0.1:{served.port}{path}"

    def drive(seconds: float) -> Load:
        if WRK.exists() and not args.python_client:
            return wrk_load(url, header, args.connections, seconds)
        return python_load(served.port, path, header, args.connections, seconds)

    if args.warmup > 0:
        drive(args.warmup)
    workers, backends = children(served.server.pid), served.db_pids()
    busy = os.getloadavg()[0]
    app_before, db_before = cpu_seconds(workers), cpu_seconds(backends)
    load = drive(args.duration)
    app_spent = cpu_spent(app_before, cpu_seconds(workers))
    db_spent = cpu_spent(db_before, cpu_seconds(backends))
    load.busy = busy
    if load.requests:
        load.app_cpu_ms = app_spent * 1000 / load.requests
        load.db_cpu_ms = db_spent * 1000 / load.requests
    return load


def measure_all(servers: list[Served], args: argparse.Namespace) -> None:
    """Each endpoint on each database in turn, `args.runs` times, the order of the
    databases flipped every run: whatever else the machine does falls on both alike."""
    for run in range(args.runs):
        order = servers if run % 2 == 0 else servers[::-1]
        print(f"\n-- run {run + 1} of {args.runs}", flush=True)
        for endpoint in ENDPOINTS:
            for served in order:
                r = served.result
                load = measure(served, endpoint, served.path(endpoint.path), args)
                r.loads.setdefault(endpoint.key, []).append(load)
                line = (
                    f"  {r.label:<10} {endpoint.label:<42} {r.queries[endpoint.key]:>3} q  "
                    f"p50 {load.p50_ms:7.1f}  p95 {load.p95_ms:7.1f} ms  "
                    f"cpu {load.app_cpu_ms:5.1f}+{load.db_cpu_ms:4.1f} ms  load {load.busy:.1f}"
                )
                if endpoint.floor and not args.no_floor:
                    floor = measure(served, endpoint, served.path(endpoint.floor), args)
                    r.floors.setdefault(endpoint.key, []).append(floor)
                    line += f"  | floor p50 {floor.p50_ms:.1f} cpu {floor.app_cpu_ms:.1f}"
                if load.errors:
                    line += f"  {load.errors} errors"
                print(line, flush=True)


# --- The report ---------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        action="append",
        help="sqlite, postgres, or a URL; repeat for several (default: sqlite and postgres)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 is full size; 0.01 a smoke")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs; median reported")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DB_CONN_MAX_AGE for the server: 60 keeps each worker's connection, as "
        "production should; 0 opens one per request",
    )
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--cache-seed",
        action="store_true",
        help="keep each seeded database (in BENCH_SEED_CACHE, default var/bench/seed-cache/; "
        "PostgreSQL: a template database beside it) and reuse it, applying newer migrations, "
        "while its migrations, the seed and the scale stay unchanged (bench/seed_cache.py)",
    )
    parser.add_argument(
        "--seed-only",
        action="store_true",
        help="with --cache-seed: seed into the cache and stop (it need not hold the bench "
        "lock; the measuring run then starts from the copies)",
    )
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the bare-Django floor of each API endpoint"
    )
    parser.add_argument("--out", default=str(RESULTS), help="where the Markdown table goes")
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        return prepare(args.prepare)
    WORK.mkdir(parents=True, exist_ok=True)
    if args.seed_only:
        for database in args.database or ["sqlite", "postgres"]:
            seed_database(database, argparse.Namespace(**{**vars(args), "cache_seed": True}))
        return 0
    generator = generator_name() if not args.python_client else ""
    if args.python_client or not WRK.exists():
        generator = "Python thread-pool client (http.client, one thread per connection)"
    print(f"Load generator: {generator}")
    servers: list[Served] = []
    try:
        for database in args.database or ["sqlite", "postgres"]:
            servers.append(serve_database(database, args))
        measure_all(servers, args)
    finally:
        for served in servers:
            stop(served.server)
            if not args.keep:
                drop_database(served.result.label, served.result.url)
    results = [s.result for s in servers]
    table = report(results, args, generator)
    print("\n" + table)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table + "\n")
    print(f"Written to {out}")
    missed = [
        f"{r.label} {e.label}"
        for r in results
        for e in ENDPOINTS
        if e.targeted and median([x.p95_ms for x in r.loads[e.key]]) >= TARGET_MS
    ]
    if missed:
        print("p95 target missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
