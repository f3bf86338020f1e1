"""The benchmark: seed a large database, serve it with gunicorn, measure the busiest pages.

    python bench/run.py                                  # SQLite and PostgreSQL, full size
    python bench/run.py --database sqlite --scale 0.01   # a smoke run, seconds

For each database: create it afresh (SQLite: a file under var/bench/; PostgreSQL: the
database named in the URL, created and dropped here with psycopg), migrate, seed
(bench/seed.py), count the SQL queries of each page once in-process, start gunicorn with
2 workers on 127.0.0.1 as production runs it (DEBUG off), sign in through the sign-in page
(session cookie) and create an API token, then drive each endpoint with wrk (Debian's
package, when /usr/bin/wrk exists) or else a Python thread-pool client. Prints a Markdown
table and writes it to bench/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import http.cookiejar
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.md"
SQLITE_FILE = WORK / "bench.sqlite3"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/alongside_bench"
WRK = Path("/usr/bin/wrk")
# Databases this script must never create, drop or fill.
UNTOUCHABLE = {"postgres", "test", "template0", "template1"}
TARGET_MS = 100.0  # p95 target for the three pages people open most


@dataclass
class Endpoint:
    key: str
    label: str
    path: str  # with {m} for the showcase mentorship's id
    auth: str  # "cookie" (a signed-in page) or "token" (the API)
    targeted: bool = False


ENDPOINTS = [
    Endpoint("home", "Home page (busy mentor)", "/", "cookie", targeted=True),
    Endpoint("mentorship", "Mentorship page", "/mentorships/{m}/", "cookie", targeted=True),
    Endpoint("timeline", "Timeline page", "/mentorships/{m}/timeline/", "cookie", targeted=True),
    Endpoint("timeline_api", "GET /api/v1/mentorships/{id}/timeline", "/api/v1/mentorships/{m}/timeline", "token"),  # noqa: E501
    Endpoint("people_api", "GET /api/v1/people?open_to_mentor=true", "/api/v1/people?open_to_mentor=true", "token"),  # noqa: E501
    Endpoint("mentorships_api", "GET /api/v1/mentorships", "/api/v1/mentorships", "token"),
]  # fmt: skip


@dataclass
class Load:
    p50_ms: float
    p95_ms: float
    rps: float
    requests: int
    errors: int
    busy: float = 0.0  # the machine's 1-minute load average just before measuring


@dataclass
class DbResult:
    label: str
    url: str
    version: str
    facts: dict[str, Any]
    queries: dict[str, int] = field(default_factory=dict)
    loads: dict[str, Load] = field(default_factory=dict)


# --- Databases -----------------------------------------------------------------------


def resolve(database: str) -> tuple[str, str]:
    """(label, url) for "sqlite", "postgres" or a URL."""
    if database == "sqlite":
        return "SQLite", f"sqlite:///{SQLITE_FILE}"
    if database == "postgres":
        return "PostgreSQL", DEFAULT_PG
    if database.startswith("sqlite:"):
        return "SQLite", database
    if database.startswith(("postgres:", "postgresql:")):
        return "PostgreSQL", database
    raise SystemExit(f"Unknown database {database!r}: use sqlite, postgres or a URL.")


def _pg_parts(url: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, name of the bench database)."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name or "") or name in UNTOUCHABLE:
        raise SystemExit(f"Refusing to create or drop the database {name!r}; name another one.")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def create_database(label: str, url: str) -> None:
    if label == "SQLite":
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    server, name = _pg_parts(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(label: str, url: str) -> None:
    if label == "SQLite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    server, name = _pg_parts(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version(label: str, url: str) -> str:
    if label == "SQLite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0].split()[0] if row else '?'}"


def server_env(url: str, *, conn_max_age: int = 0, test_client: bool = False) -> dict[str, str]:
    """Production settings, except plain http on loopback."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DB_CONN_MAX_AGE=str(conn_max_age),
        DATA_DIR=str(WORK),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,testserver" if test_client else "127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="alongside.settings",
    )
    return env


def run_step(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Failed: {' '.join(args)}")
    return done.stdout


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
    if connection.vendor == "postgresql":
        # A bulk load leaves the planner without statistics until autovacuum gets to them
        # (within a minute or so); analyse now rather than measure that minute. SQLite is
        # left as production leaves it: nothing there analyses it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
    print("PREPARED " + json.dumps({"token": token, "queries": queries}))
    return 0


# --- Serving and signing in --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "alongside.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = http_get(port, "/signin/", {})
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    stop(server)
    raise SystemExit(f"gunicorn did not start; see {log}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def http_get(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the page, as a browser does; answers the Cookie header to send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    form = opener.open(base + "/signin/", timeout=30).read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if not found:
        raise SystemExit("The sign-in page has no CSRF token.")
    body = urllib.parse.urlencode(
        {"email": email, "password": password, "csrfmiddlewaretoken": found.group(1)}
    ).encode()
    opener.open(base + "/signin/", data=body, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("Signing in through the page gave no session cookie.")
    return "; ".join(f"{k}={v}" for k, v in sorted(cookies.items()))


# --- Load generators ------------------------------------------------------------------------

WRK_SCRIPT = """
wrk.headers["{name}"] = "{value}"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk_load(url: str, header: tuple[str, str], connections: int, seconds: float) -> Load:
    script = WORK / "wrk-headers.lua"
    script.write_text(WRK_SCRIPT.format(name=header[0], value=header[1].replace('"', '\\"')))
    args = [
        str(WRK),
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=30s",
        f"--script={script}",
        url,
    ]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    found = re.search(r"^BENCH (.*)$", out, re.MULTILINE)
    if not found:
        raise SystemExit(f"wrk printed no summary:\n{out}")
    data = json.loads(found.group(1))
    return Load(
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        requests=data["requests"],
        errors=data["errors"],
    )


def python_load(
    port: int, path: str, header: tuple[str, str], connections: int, seconds: float
) -> Load:
    """One thread per connection, each a keep-alive http.client connection that reconnects
    when the server closes it (gunicorn's sync workers close after every response)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={header[0]: header[1]})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] * 1000

    return Load(pct(50), pct(95), len(latencies) / elapsed, len(latencies), errors[0])


def generator_name() -> str:
    if WRK.exists():
        done = subprocess.run([str(WRK), "-v"], capture_output=True, text=True, check=False)
        words = (done.stdout + done.stderr).split()
        return " ".join(words[:2]) if words else "wrk"
    return "Python thread-pool client (http.client)"


# --- One database, end to end -----------------------------------------------------------------


def bench_database(database: str, args: argparse.Namespace) -> DbResult:
    label, url = resolve(database)
    print(f"\n== {label}: {url}", flush=True)
    create_database(label, url)
    env = server_env(url, conn_max_age=args.conn_max_age)
    facts_path = WORK / f"facts-{label.lower()}.json"
    began = time.perf_counter()
    run_step([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], env)
    print(f"migrated in {time.perf_counter() - began:.1f} s", flush=True)
    seeded = run_step(
        [sys.executable, str(ROOT / "bench" / "seed.py"), f"--scale={args.scale}",
         f"--facts={facts_path}"],
        env,
    )  # fmt: skip
    print(seeded.rstrip(), flush=True)
    facts = json.loads(facts_path.read_text())
    prepared = run_step(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(facts_path)],
        server_env(url, test_client=True),
    )
    found = re.search(r"^PREPARED (.*)$", prepared, re.MULTILINE)
    assert found, prepared
    setup = json.loads(found.group(1))
    result = DbResult(label, url, server_version(label, url), facts, setup["queries"])

    port = free_port()
    server = start_gunicorn(env, port, WORK / f"gunicorn-{label.lower()}.log")
    try:
        cookie = sign_in(port, facts["busy_mentor_email"], facts["password"])
        for endpoint in ENDPOINTS:
            path = endpoint.path.format(m=facts["showcase_mentorship"])
            header = (
                ("Cookie", cookie)
                if endpoint.auth == "cookie"
                else ("Authorization", f"Bearer {setup['token']}")
            )
            status, _, _ = http_get(port, path, {header[0]: header[1]})
            if status != 200:
                raise SystemExit(f"{path} answered {status} over http")
            busy = os.getloadavg()[0]
            if WRK.exists() and not args.python_client:
                url_of = f"http://127.0.0.1:{port}{path}"
                wrk_load(url_of, header, args.connections, args.warmup)
                load = wrk_load(url_of, header, args.connections, args.duration)
            else:
                python_load(port, path, header, args.connections, args.warmup)
                load = python_load(port, path, header, args.connections, args.duration)
            load.busy = busy
            result.loads[endpoint.key] = load
            print(
                f"  {endpoint.label:<42} {result.queries[endpoint.key]:>3} queries  "
                f"p50 {load.p50_ms:7.1f} ms  p95 {load.p95_ms:7.1f} ms  {load.rps:7.1f} req/s  "
                f"load {busy:.1f}" + (f"  {load.errors} errors" if load.errors else ""),
                flush=True,
            )
    finally:
        stop(server)
    if not args.keep:
        drop_database(label, url)
    return result


# --- The report ---------------------------------------------------------------------------------


def machine_notes() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = f" ({found.group(1).strip()})" if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f", {int(found.group(1)) / 1024 / 1024:.0f} GiB RAM" if found else ""
    import django

    return (
        f"{os.cpu_count()} cores{model}{memory}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}"
    )


def report(results: list[DbResult], args: argparse.Namespace, generator: str) -> str:
    facts = results[0].facts
    lines = [
        "# Benchmark results",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d} with `make bench` (`python bench/run.py`).",
        "",
        f"- Machine: {machine_notes()}. The load generator, gunicorn and the database share "
        "these cores.",
        f"- Data (scale {args.scale:g}): {facts['people']:,} people, {facts['pairs']:,} active "
        f"pairs, {facts['meetings']:,} meetings over two years, {facts['timeline_items']:,} "
        f"timeline items; also {facts['goals']:,} goals, {facts['milestones']:,} milestones, "
        f"{facts['action_items']:,} action items, {facts['checkins']:,} check-ins.",
        "- Measured as the busy mentor (20 active mentees) on their two-year pair "
        f"({facts['showcase_meetings']} meetings, {facts['showcase_timeline_items']:,} "
        "timeline items). Pages with the session cookie from the sign-in page; the API with a "
        "bearer token.",
        "- Server: gunicorn, 2 sync workers, DEBUG off, on 127.0.0.1 (plain http), "
        f"DB_CONN_MAX_AGE={args.conn_max_age}"
        + (
            " (each worker keeps its database connection; with 0, a connection per request "
            "roughly halves PostgreSQL's throughput here)."
            if args.conn_max_age
            else " (a new database connection per request)."
        ),
        f"- Load: {generator}, {args.connections} connections, {args.duration:g} s per "
        f"endpoint after a {args.warmup:g} s warm-up. SQL queries per request counted once "
        "in-process (django.test.utils.CaptureQueriesContext) against the same database.",
        f"- Target: p95 under {TARGET_MS:.0f} ms for the home, mentorship and timeline pages.",
        "- *load before*: the machine's 1-minute load average just before each measurement. "
        "The benchmark itself keeps it near 3 (wrk and two busy workers); well above that, "
        "other work was competing for the CPU and inflated the latencies.",
        "",
    ]
    for r in results:
        lines += [
            f"## {r.version}",
            "",
            f"Seeded in {r.facts['seconds']:.0f} s.",
            "",
            "| Endpoint | SQL queries | p50 ms | p95 ms | requests/s | target | load before |",
            "|---|---:|---:|---:|---:|---|---:|",
        ]
        for e in ENDPOINTS:
            load = r.loads[e.key]
            target = ""
            if e.targeted:
                target = "met" if load.p95_ms < TARGET_MS else "**missed**"
            errors = f" ({load.errors} errors)" if load.errors else ""
            lines.append(
                f"| {e.label} | {r.queries[e.key]} | {load.p50_ms:.1f} | {load.p95_ms:.1f} "
                f"| {load.rps:.1f}{errors} | {target} | {load.busy:.1f} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        action="append",
        help="sqlite, postgres, or a URL; repeat for several (default: sqlite and postgres)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 is full size; 0.01 a smoke")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DB_CONN_MAX_AGE for the server: 60 keeps each worker's connection, as "
        "production should; 0 (Django's default) opens one per request",
    )
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--out", default=str(RESULTS), help="where the Markdown table goes")
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        return prepare(args.prepare)
    WORK.mkdir(parents=True, exist_ok=True)
    generator = generator_name() if not args.python_client else ""
    if args.python_client or not WRK.exists():
        generator = "Python thread-pool client (http.client, one thread per connection)"
    print(f"Load generator: {generator}")
    results = [bench_database(d, args) for d in args.database or ["sqlite", "postgres"]]
    table = report(results, args, generator)
    print("\n" + table)
    Path(args.out).write_text(table + "\n")
    print(
        f"Written to {Path(args.out).relative_to(ROOT) if args.out == str(RESULTS) else args.out}"
    )
    missed = [
        f"{r.label} {e.label}"
        for r in results
        for e in ENDPOINTS
        if e.targeted and r.loads[e.key].p95_ms >= TARGET_MS
    ]
    if missed:
        print("p95 target missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
