"""Load generators (wrk when installed, else a Python client) and CPU seconds from /proc."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

from databases import WORK
from endpoints import Load

WRK = Path("/usr/bin/wrk")

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
