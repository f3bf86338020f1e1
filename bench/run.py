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
TARGET_MS = 100.0
# One key for the whole run: an API token carries a digest keyed with it, so the token made
# in-process must be checked by the servers with the same key.
SECRET_KEY = secrets.token_urlsafe(50)  # p95 target for the three pages people open most


@dataclass
class Endpoint:
    key: str
    label: str
    path: str  # with {m} for the showcase mentorship's id
    auth: str  # "cookie" (a signed-in page) or "token" (the API)
    targeted: bool = False
    floor: str = ""  # the bare Django view over the same rows (bench/floor.py)


ENDPOINTS = [
    Endpoint("home", "Home page (busy mentor)", "/", "cookie", targeted=True),
    Endpoint("mentorship", "Mentorship page", "/mentorships/{m}/", "cookie", targeted=True),
    Endpoint("timeline", "Timeline page", "/mentorships/{m}/timeline/", "cookie", targeted=True),
    Endpoint("timeline_api", "GET /api/v1/mentorships/{id}/timeline", "/api/v1/mentorships/{m}/timeline", "token", floor="/floor/mentorships/{m}/timeline"),  # noqa: E501
    Endpoint("people_api", "GET /api/v1/people?open_to_mentor=true", "/api/v1/people?open_to_mentor=true", "token", floor="/floor/people"),  # noqa: E501
    Endpoint("mentorships_api", "GET /api/v1/mentorships", "/api/v1/mentorships", "token", floor="/floor/mentorships"),  # noqa: E501
    Endpoint("me_api", "GET /api/v1/me", "/api/v1/me", "token", floor="/floor/me"),
]  # fmt: skip


@dataclass
class Load:
    p50_ms: float
    p95_ms: float
    rps: float
    requests: int
    errors: int
    busy: float = 0.0  # the machine's 1-minute load average just before measuring
    app_cpu_ms: float = 0.0  # CPU of the gunicorn workers, per request
    db_cpu_ms: float = 0.0  # CPU of the PostgreSQL backends serving them, per request


@dataclass
class DbResult:
    label: str
    url: str
    version: str
    facts: dict[str, Any]
    queries: dict[str, int] = field(default_factory=dict)
    loads: dict[str, list[Load]] = field(default_factory=dict)  # endpoint -> one per run
    floors: dict[str, list[Load]] = field(default_factory=dict)


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
        SECRET_KEY=SECRET_KEY,
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--pythonpath",
        str(ROOT / "bench"),
        "floor:application",
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


# --- CPU seconds, read from /proc ---------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds each of these processes has spent so far."""
    spent = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        spent[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return spent


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings by the processes alive at both."""
    return sum(after[pid] - before[pid] for pid in before.keys() & after.keys())


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


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


def serve_database(database: str, args: argparse.Namespace) -> Served:
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
                if endpoint.floor:
                    floor = measure(served, endpoint, served.path(endpoint.floor), args)
                    r.floors.setdefault(endpoint.key, []).append(floor)
                    line += f"  | floor p50 {floor.p50_ms:.1f} cpu {floor.app_cpu_ms:.1f}"
                if load.errors:
                    line += f"  {load.errors} errors"
                print(line, flush=True)


# --- The report ---------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def spread(values: list[float]) -> str:
    """The median, and the lowest and highest run when there were several."""
    if len(values) == 1:
        return f"{values[0]:.1f}"
    return f"{median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


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
        f"{facts['action_items']:,} action items, {facts['checkins']:,} check-ins. Analysed "
        "after seeding (PostgreSQL: VACUUM (ANALYZE); SQLite: ANALYZE).",
        "- Measured as the busy mentor (20 active mentees) on their two-year pair "
        f"({facts['showcase_meetings']} meetings, {facts['showcase_timeline_items']:,} "
        "timeline items). Pages with the session cookie from the sign-in page; the API with a "
        "bearer token.",
        "- Server: gunicorn, 2 sync workers, DEBUG off, on 127.0.0.1 (plain http), "
        f"DB_CONN_MAX_AGE={args.conn_max_age}; PostgreSQL with server-side binding and "
        "prepared statements (the default; DB_PREPARED_STATEMENTS=0 turns them off).",
        f"- Load: {generator}, {args.connections} connections, {args.duration:g} s per "
        f"endpoint after a {args.warmup:g} s warm-up. The databases are served side by side "
        f"and measured interleaved: {args.runs} runs, each endpoint on one database then the "
        "other, the order flipped every run. Each cell is the median of the runs, with the "
        "lowest and highest run in brackets.",
        "- *CPU ms/request*: user + system CPU of the two gunicorn workers (app) and of the "
        "PostgreSQL backends serving them (db), from /proc, divided by the requests served. "
        "SQLite runs inside the workers, so its database work is in the app column.",
        "- SQL queries per request counted once in-process (CaptureQueriesContext).",
        f"- Target: p95 under {TARGET_MS:.0f} ms for the home, mentorship and timeline pages.",
        "- *load*: the machine's 1-minute load average just before each measurement (the "
        "median of the runs). The benchmark itself keeps it near 3; well above that, other "
        "work was competing for the CPU and inflated the latencies.",
        "",
    ]
    for r in results:
        lines += [
            f"## {r.version}",
            "",
            f"Seeded in {r.facts['seconds']:.0f} s.",
            "",
            "| Endpoint | SQL queries | p50 ms | p95 ms | requests/s | CPU ms/request (app + db) "
            "| target | load |",
            "|---|---:|---:|---:|---:|---:|---|---:|",
        ]
        for e in ENDPOINTS:
            runs = r.loads[e.key]
            p95 = median([x.p95_ms for x in runs])
            target = ("met" if p95 < TARGET_MS else "**missed**") if e.targeted else ""
            errors = sum(x.errors for x in runs)
            lines.append(
                f"| {e.label} | {r.queries[e.key]} | {spread([x.p50_ms for x in runs])} "
                f"| {spread([x.p95_ms for x in runs])} | {median([x.rps for x in runs]):.1f}"
                + (f" ({errors} errors)" if errors else "")
                + f" | {median([x.app_cpu_ms for x in runs]):.1f} + "
                f"{median([x.db_cpu_ms for x in runs]):.1f} | {target} "
                f"| {median([x.busy for x in runs]):.1f} |"
            )
        lines.append("")
    lite = next((r for r in results if r.label == "SQLite"), None)
    pg = next((r for r in results if r.label == "PostgreSQL"), None)
    if lite and pg:
        lines += [
            "## PostgreSQL against SQLite, run by run",
            "",
            "The ratio of the p50s in each run (measured minutes, not hours, apart), then "
            "their median. The goal: PostgreSQL within 1.3x of SQLite.",
            "",
            "| Endpoint | ratio per run | median |",
            "|---|---|---:|",
        ]
        for e in ENDPOINTS:
            ratios = [
                p.p50_ms / s.p50_ms
                for p, s in zip(pg.loads[e.key], lite.loads[e.key], strict=True)
                if s.p50_ms
            ]
            if ratios:
                each = ", ".join(f"{x:.2f}" for x in ratios)
                lines.append(f"| {e.label} | {each} | {median(ratios):.2f}x |")
        lines.append("")
    lines += [
        "## Over the floor",
        "",
        "Each API endpoint against a bare Django view over the same rows, answering the same "
        "fields through the same gunicorn (bench/floor.py): no token check, no schema, no "
        "envelope. The difference is what the product adds over Django itself.",
        "",
        "| Database | Endpoint | ours p50 ms | floor p50 ms | over the floor | ours CPU ms | "
        "floor CPU ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for e in ENDPOINTS:
            if not e.floor:
                continue
            ours, floor = r.loads[e.key], r.floors[e.key]
            o50, f50 = median([x.p50_ms for x in ours]), median([x.p50_ms for x in floor])
            ocpu = median([x.app_cpu_ms + x.db_cpu_ms for x in ours])
            fcpu = median([x.app_cpu_ms + x.db_cpu_ms for x in floor])
            lines.append(
                f"| {r.label} | {e.label} | {o50:.1f} | {f50:.1f} | +{o50 - f50:.1f} ms "
                f"({o50 / f50 if f50 else 0:.2f}x) | {ocpu:.1f} | {fcpu:.1f} |"
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
