"""Time one reminder sweep over many pairs with a few of them due.

    python bench/sweep.py --pairs 100000 --due 0.01 [--database-url URL]

Seeds `pairs` active pairs (two people each) with bulk_create; `due` of them have a
meeting within the next 24 hours (two reminders each); every other clock (check-in,
fading, at risk) is in the future. Then runs `sweep()` once and reports the time, the
reminders made and the SQL queries: the work should follow what is due, not the pairs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import uuid

from fresh_db import default_url, fresh_database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--due", type=float, default=0.01)
    parser.add_argument("--database-url", default=default_url("sweep"))
    args = parser.parse_args()
    fresh_database(args.database_url)
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone as tz

    from alongside.home.sweep import sweep
    from alongside.meetings.models import Meeting
    from alongside.mentorships.models import Mentorship
    from alongside.people.models import Person
    from alongside.programs.selectors import community_program

    program = community_program()
    now = tz.now()
    password = make_password("bench-sweep")
    started = time.perf_counter()
    batch = 10_000
    for lo in range(0, args.pairs, batch):
        n = min(batch, args.pairs - lo)
        people = [
            Person(
                email=f"{role}{i}@sweep.bench",
                name=f"{role.title()} {i}",
                password=password,
                timezone="Europe/Berlin",
                open_to_mentor=role == "mentor",
                mentor_capacity=1,
            )
            for i in range(lo, lo + n)
            for role in ("mentor", "mentee")
        ]
        Person.objects.bulk_create(people, batch_size=2000)
        created = {
            p.email: p
            for p in Person.objects.filter(email__endswith="@sweep.bench")
            .filter(pk__gt=0)
            .only("pk", "email")
            .order_by("-pk")[: 2 * n]
        }
        Mentorship.objects.bulk_create(
            [
                Mentorship(
                    public_id=uuid.uuid4(),
                    program=program,
                    status="active",
                    mentor=created[f"mentor{i}@sweep.bench"],
                    mentee=created[f"mentee{i}@sweep.bench"],
                    pair_key=f"sweep-{i}",  # each pair is its own two people
                    started_at=now - dt.timedelta(days=20),
                    checkin_due_on=(now + dt.timedelta(days=10)).date(),
                    fading_at=now + dt.timedelta(days=5),
                    at_risk_at=now + dt.timedelta(days=30),
                )
                for i in range(lo, lo + n)
            ],
            batch_size=2000,
        )
    due_every = max(1, round(1 / args.due)) if args.due else 0
    pairs = list(Mentorship.objects.order_by("pk").values_list("pk", flat=True))
    due_pairs = pairs[::due_every] if due_every else []
    Meeting.objects.bulk_create(
        [
            Meeting(mentorship_id=pk, starts_at=now + dt.timedelta(hours=12), minutes=45)
            for pk in due_pairs
        ],
        batch_size=2000,
    )
    seeded = time.perf_counter() - started
    queries = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        connection.execute_wrapper(count),
    ):
        t0 = time.perf_counter()
        made = sweep(now)
        took = time.perf_counter() - t0
    print("| database | pairs | due pairs | reminders | sweep seconds | queries | seeding s |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {connection.vendor} | {len(pairs):,} | {len(due_pairs):,} | {sum(made.values()):,} "
        f"| {took:.2f} | {queries:,} | {seeded:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
