"""Time paging and searching a pair's thread of 100,000 messages.

    python bench/messages.py [--messages 100000] [--runs 60] [--database-url URL]
                             [--write bench/messages-results.md]

Seeds one active pair whose thread holds `messages` messages (bulk_create, the words
drawn from a small vocabulary, one rare word in 1 of 10,000), then times each read the
page and the API make, `runs` times: through the selectors (the database work) and as a
whole API request (auth, query, JSON) through Django's test client. Reports p50 and p95
in milliseconds. The target: every read under 100 ms at p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from databases import backend_cpu

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "talk",
    "slides",
    "pacing",
    "review",
    "feedback",
    "meetup",
    "outline",
    "practice",
    "question",
    "idea",
    "article",
    "notes",
    "plan",
    "tuesday",
    "friday",
    "team",
    "design",
    "python",
    "code",
    "listen",
    "draft",
    "goal",
    "meeting",
    "time",
]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float, float, float]:
    """p50 and p95 of the wall-clock time, p95 of this process's CPU time, and the mean
    CPU time of the database server per run: on a shared machine the wall clock also
    counts the time spent waiting for a core, the CPU times only the work (all of it in
    this process with SQLite)."""
    from django.db import connection

    work()  # warm the caches once, as a page in use would be
    samples, cpu = [], []
    server_before = backend_cpu(connection) or 0.0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    server = ((backend_cpu(connection) or 0.0) - server_before) / runs * 1000
    return statistics.median(samples), percentile(samples, 95), percentile(cpu, 95), server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'messages.sqlite3'}"
    )
    parser.add_argument("--write", default="", help="append the table to this file")
    parser.add_argument(
        "--reuse", action="store_true", help="time the thread a previous run seeded"
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed, time nothing (then --reuse under flock)"
    )
    args = parser.parse_args()
    if args.database_url.startswith("sqlite:///") and not args.reuse:
        path = Path(args.database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone as tz

    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.people.models import Person
    from alongside.programs.selectors import community_program
    from alongside.threads.models import Message, Thread
    from alongside.threads.search import index_words, words_text

    if args.reuse:
        return measure(args, seeded=0.0)
    if connection.vendor == "postgresql":
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)
    mentee = Person.objects.create_user(email="ada@msg.bench", password="x" * 12, name="Ada")
    mentor = Person.objects.create_user(
        email="grace@msg.bench", password="x" * 12, name="Grace", open_to_mentor=True
    )
    Person.objects.filter(pk=mentor.pk).update(mentor_capacity=3)
    mentor.refresh_from_db()
    pair = mentorship_request(
        requester=mentee, mentor=mentor, program=community_program(), message="Hello"
    )
    pair = mentorship_accept(mentorship=pair, actor=mentor)
    rng = random.Random(14)
    started = time.perf_counter()
    now = tz.now()
    batch = 5_000
    for lo in range(0, args.messages, batch):
        rows = []
        for seq in range(lo + 1, min(lo + batch, args.messages) + 1):
            words = rng.choices(WORDS, k=rng.randint(4, 30))
            if seq % 10_000 == 5_000:
                words.append("zanzibar")
            body = " ".join(words).capitalize() + "."
            rows.append(
                Message(
                    mentorship=pair,
                    author=mentee if seq % 2 else mentor,
                    seq=seq,
                    body=body,
                    words=words_text(body),
                    created_at=now,
                )
            )
        index_words(Message.objects.bulk_create(rows))
    Thread.objects.create(mentorship=pair, last_seq=args.messages)
    seeded = time.perf_counter() - started
    print(f"Seeded {args.messages:,} messages in {seeded:.0f} s.")
    with connection.cursor() as cursor:
        # As autovacuum would soon after a bulk load (PostgreSQL); fresh statistics (both).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return 0 if args.seed_only else measure(args, seeded=seeded)


def measure(args: argparse.Namespace, *, seeded: float) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from alongside.mentorships.models import Mentorship
    from alongside.people.services import token_create
    from alongside.threads import selectors

    pair = Mentorship.objects.select_related("mentor", "mentee").get()
    mentee = pair.mentee
    args.messages = selectors.last_seq(pair)
    _, token = token_create(person=mentee, name="bench")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    base = f"/api/v1/mentorships/{pair.public_id}/messages"
    middle = args.messages // 2

    def api(query: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(base + query)
            assert response.status_code == 200, response.content[:300]
            return response

        return get

    reads: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "newest page (20)",
            lambda: selectors.page_of(pair, limit=20),
            api("?limit=20"),
        ),
        (
            "a page in the middle (offset 50,000)",
            lambda: selectors.page_of(pair, limit=20, offset=middle),
            api(f"?limit=20&offset={middle}"),
        ),
        (
            "the oldest page",
            lambda: selectors.page_of(pair, limit=20, offset=args.messages - 20),
            api(f"?limit=20&offset={args.messages - 20}"),
        ),
        (
            "poll: after the newest",
            lambda: selectors.after(pair, args.messages, limit=20),
            api(f"?after={args.messages}"),
        ),
        (
            "page history: 30 before the middle",
            lambda: selectors.before(pair, middle, limit=30),
            api(f"?limit=30&offset={middle}"),
        ),
        (
            "search a common word (pacing)",
            lambda: selectors.page_of(pair, limit=20, q="pacing"),
            api("?q=pacing"),
        ),
        (
            "search a rare word (zanzibar, 10 hits)",
            lambda: selectors.page_of(pair, limit=20, q="zanzibar"),
            api("?q=zanzibar"),
        ),
        (
            "search with no hit",
            lambda: selectors.page_of(pair, limit=20, q="no such words"),
            api("?q=no+such+words"),
        ),
    ]
    lines = [
        f"| {connection.vendor} | read | selector p50 | selector p95 | API p50 | API p95 "
        "| API p95 CPU | API mean DB-server CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    worst = 0.0
    load_before = os.getloadavg()[0]
    with override_settings(DEBUG=False):
        for name, selector, request in reads:
            s50, s95, _, _ = timed(args.runs, selector)
            a50, a95, acpu, aserver = timed(args.runs, request)
            worst = max(worst, s95, a95)
            lines.append(
                f"| {args.messages:,} | {name} | {s50:.1f} | {s95:.1f} | {a50:.1f} | {a95:.1f} "
                f"| {acpu:.1f} | {aserver:.1f} |"
            )
    lines.append("")
    lines.append(
        f"Seeded in {seeded:.0f} s; {args.runs} runs each, in ms; worst p95 {worst:.1f} ms; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on "
        f"{os.cpu_count()} cores."
    )
    table = "\n".join(lines)
    print(table)
    if args.write:
        with open(args.write, "a") as out:
            out.write("\n" + table + "\n")
    return 0 if worst < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
