"""The Markdown report of a benchmark run (bench/results.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
from pathlib import Path
from typing import Any

from endpoints import ENDPOINTS, TARGET_MS, DbResult


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


def seeding(facts: dict[str, Any]) -> str:
    """How the database came to be: seeded in this run, or restored from the seed cache."""
    cached = facts.get("seed_cache")
    if not cached:
        return f"Seeded in {facts['seconds']:.0f} s."
    applied = cached["applied"]
    return f"Restored from a seed cache made in {cached['seconds']:.0f} s on {cached['on']}" + (
        f", then {applied} newer migration{'s' * (applied != 1)} applied." if applied else "."
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
        "- Where the pages' time goes, and what changed after profiling them: "
        "`bench/profile-results.md` (`bench/profile_pages.py`).",
        "",
    ]
    for r in results:
        lines += [
            f"## {r.version}",
            "",
            seeding(r.facts),
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
    if any(r.floors for r in results):
        lines += over_the_floor(results)
    lines.append("")
    return "\n".join(lines)


def over_the_floor(results: list[DbResult]) -> list[str]:
    lines = [
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
            if e.key not in r.floors:
                continue
            ours, floor = r.loads[e.key], r.floors[e.key]
            o50, f50 = median([x.p50_ms for x in ours]), median([x.p50_ms for x in floor])
            ocpu = median([x.app_cpu_ms + x.db_cpu_ms for x in ours])
            fcpu = median([x.app_cpu_ms + x.db_cpu_ms for x in floor])
            lines.append(
                f"| {r.label} | {e.label} | {o50:.1f} | {f50:.1f} | {o50 - f50:+.1f} ms "
                f"({o50 / f50 if f50 else 0:.2f}x) | {ocpu:.1f} | {fcpu:.1f} |"
            )
    return lines
