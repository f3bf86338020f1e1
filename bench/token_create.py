"""Time `POST /api/v1/auth/token` (check the password, create a token) with the site's
password hashers, in process on SQLite: the hash is nearly all of the cost.

    python bench/token_create.py [--requests 60] [--hasher argon2|pbkdf2]

Prints p50 and p95 in milliseconds (wall clock, and the CPU time of this process, which
other work on the machine inflates less), the time of one password check alone, and the
machine's load average before and after (on a shared machine, a load well above the
core count inflates every number).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HASHERS = {
    "argon2": "alongside.people.hashers.Argon2Hasher",
    "pbkdf2": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--hasher", choices=sorted(HASHERS), default="argon2")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="alongside-bench-token-")
    os.environ.update(
        DATA_DIR=folder,
        DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        DEBUG="false",
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        TOKENS_PER_HOUR="100000",
        API_TOKENS_MAX="100000",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from alongside.people.models import Person

    first = HASHERS[args.hasher]
    settings.PASSWORD_HASHERS = [first, *(h for h in settings.PASSWORD_HASHERS if h != first)]
    call_command("migrate", "--noinput", verbosity=0)
    password = "bench-token-passphrase"  # noqa: S105 - a throwaway account
    person = Person.objects.create_user(email="b@example.org", password=password, name="B")
    client = Client()
    body = {"email": "b@example.org", "password": password, "name": "bench"}
    load_before = os.getloadavg()[0]
    times, cpu = [], []
    for _ in range(args.requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        r = client.post("/api/v1/auth/token", body, content_type="application/json")
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert r.status_code == 200, r.content
    checks = []
    for _ in range(10):
        started = time.perf_counter()
        person.check_password(password)
        checks.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    print(f"hasher: {first} ({person.password.split('$')[0]}...)")
    print(
        f"POST /api/v1/auth/token x{len(times)}: p50 {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms; CPU p50 {statistics.median(cpu):.1f} ms; "
        f"one password check: {statistics.median(checks):.1f} ms"
    )
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
