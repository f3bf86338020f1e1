"""Profile the benchmark's pages in-process: where the time of one request goes.

    DATABASE_URL=sqlite:///var/bench/profile.sqlite3 python bench/seed.py --migrate \
        --facts var/bench/profile-facts.json
    DATABASE_URL=sqlite:///var/bench/profile.sqlite3 python bench/profile_pages.py \
        var/bench/profile-facts.json --only home --top 30

Signs in as the seed's busy mentor (a page session and an API token), requests each
endpoint of bench/run.py a few times to warm up, then `--requests` times under cProfile,
and prints the wall-clock ms per request, the SQL queries, and the functions that cost
most (cumulative time, own time). Settings as production runs them (DEBUG off).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("facts", help="the JSON the seed wrote (--facts)")
    parser.add_argument("--only", action="append", help="endpoint keys (default: all)")
    parser.add_argument("--requests", type=int, default=50, help="timed (in tens), then profiled")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--filter", default="", help="only functions whose file matches this")
    parser.add_argument("--sql", action="store_true", help="print each query, shortened")
    args = parser.parse_args(argv)
    os.environ.update(DEBUG="false", ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="false")
    os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    import django

    django.setup()
    from databases import backend_cpu, server_children_cpu
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from endpoints import ENDPOINTS

    from alongside.people.models import Person
    from alongside.people.services import token_create

    call_command("collectstatic", "--noinput", verbosity=0)
    facts = json.loads(Path(args.facts).read_text())
    mentor = Person.objects.get(email=facts["busy_mentor_email"])
    _, token = token_create(person=mentor, name="profile")
    page = Client()
    page.force_login(mentor)
    api = Client(headers={"authorization": f"Bearer {token}"})
    for endpoint in ENDPOINTS:
        if args.only and endpoint.key not in args.only:
            continue
        client = page if endpoint.auth == "cookie" else api
        path = endpoint.path.format(m=facts["showcase_mentorship"])
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        queries: list[str] = []

        def counted(run: Any, sql: str, *rest: Any, seen: list[str] = queries) -> Any:
            seen.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(counted):
            client.get(path)
        # In batches of ten: on a shared machine the quickest batch is the steadiest
        # figure (other work only ever adds to it), the median the typical one.
        began, db_began = time.perf_counter(), (backend_cpu(connection) or 0.0)
        ended_began = server_children_cpu(connection) or 0.0
        batches = []
        for _ in range(max(1, args.requests // 10)):
            cpu = time.process_time()
            for _ in range(10):
                client.get(path)
            batches.append((time.process_time() - cpu) * 100)
        served = 10 * len(batches)
        plain = (time.perf_counter() - began) * 1000 / served
        db_ms = ((backend_cpu(connection) or 0.0) - db_began) * 1000 / served
        ended_ms = ((server_children_cpu(connection) or 0.0) - ended_began) * 1000 / served
        print(f"\n=== {endpoint.label}: {path}")
        print(
            f"{plain:.1f} ms per request (unprofiled), CPU {min(batches):.1f} ms in the "
            f"quickest batch of ten, {statistics.median(batches):.1f} ms the median; "
            f"database backend {db_ms:.1f} ms (+{ended_ms:.1f} in ended server processes: "
            f"parallel workers, and others' closed connections); {len(queries)} queries; "
            f"load {os.getloadavg()[0]:.1f}"
        )
        if args.sql:
            print("\n".join(f"  - {sql[:300]}" for sql in queries))
        if args.top <= 0:
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(
            *filter(None, [args.filter]), args.top
        )
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
