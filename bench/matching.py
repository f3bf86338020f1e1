"""The matching benchmark: our engine against greedy and stable matching on generated programs.

    python bench/matching.py                       # every size; writes bench/matching-results.md
    python bench/matching.py --sizes 1000x300      # one size, seconds

Each (program, method) runs in a fresh process, so its peak memory (the process's peak
resident set, input included) is its own. Programs come from bench/matching_data.py,
seeded: a roomy one (about 14% more places than mentees) and a tight one (exactly as
many places as mentees, who crowd into the fields where mentors are few), at each size.

Methods, all under the same rules (shared language required, never the same department,
floor 0.25) and over the same candidate edges (each mentee's 50 best mentors; those left
out while mentors have room get candidates among those mentors, as ours does):
- ours: `alongside.matching.match`, end to end (encode, candidates, min-cost flow,
  explanations);
- ours, fair: the same with `fairness=True`;
- greedy: the best remaining edge first, until nobody can be matched;
- stable: hospitals/residents stable matching (mentee-optimal) from the `matching`
  package, with both sides ranking by score. It runs up to --stable-max mentees and
  only counts where it finishes within --stable-timeout seconds;
- optimum (smallest size only): ours over every edge instead of the top 50, the true
  optimum under the rules, which "% of optimum" uses there (elsewhere: ours).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is named matching.py, like the stable-matching package: keep bench/ off the
# import path so `import matching` finds the package, and import our data from the root.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

RESULTS = HERE / "matching-results.md"
SIZES = ["1000x300", "10000x3000", "50000x15000"]
METHODS = ["ours", "fair", "greedy", "stable", "optimum"]
LABELS = {
    "ours": "ours",
    "fair": "ours, fair",
    "greedy": "greedy",
    "stable": "stable (HR)",
    "optimum": "optimum (all edges)",
}
FLOOR = 0.25
K = 50
SEED = 12
AT = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
WORST = 0.05  # the share of mentees whose scores "worst-off" averages


def _rounds(mentees, mentors, choose) -> np.ndarray:
    """Run a baseline over our candidate edges in rounds, like ours: mentees it leaves
    out while mentors have room get candidates among those mentors, until nothing moves."""
    from scipy import sparse

    from alongside.matching import candidates
    from alongside.matching.factors import encode
    from bench.matching_data import RULES

    enc = encode(mentees, mentors, rules=RULES, weights=None, timezone_at=AT)
    never = sparse.csr_matrix((enc.n, enc.m), dtype=bool)
    assigned = np.full(enc.n, -1)
    free = enc.capacity.copy()
    rows = np.arange(enc.n)
    while len(rows) and (free > 0).any():
        found = candidates.build(
            enc,
            rows=rows,
            cols=np.flatnonzero(free > 0),
            blocked=never,
            k=K,
            floor=FLOOR,
            workers=2,
        )
        chosen = choose(found, free)
        if not chosen.any():
            break
        assigned[found.mentee[chosen]] = found.mentor[chosen]
        free -= np.bincount(found.mentor[chosen], minlength=enc.m)
        rows = np.setdiff1d(np.unique(found.mentee), found.mentee[chosen])
    return assigned


def _greedy_round(found, free: np.ndarray) -> np.ndarray:
    """The best remaining edge first."""
    chosen = np.zeros(len(found.mentee), dtype=bool)
    taken: set[int] = set()
    room = free.copy()
    for e in np.argsort(-found.rank, kind="stable").tolist():
        i, j = int(found.mentee[e]), int(found.mentor[e])
        if i not in taken and room[j] > 0:
            taken.add(i)
            room[j] -= 1
            chosen[e] = True
    return chosen


def _stable_round(found, free: np.ndarray) -> np.ndarray:
    """Mentee-optimal stable matching, both sides ranking by score."""
    from matching.games import HospitalResident

    order = np.lexsort((-found.rank, found.mentee))
    residents: dict[int, list[int]] = {}
    for i, j in zip(found.mentee[order].tolist(), found.mentor[order].tolist(), strict=True):
        residents.setdefault(i, []).append(j)
    order = np.lexsort((-found.rank, found.mentor))
    hospitals: dict[int, list[int]] = {j: [] for j in set(found.mentor.tolist())}
    for i, j in zip(found.mentee[order].tolist(), found.mentor[order].tolist(), strict=True):
        hospitals[j].append(i)
    capacities = {j: int(free[j]) for j in hospitals}
    # The package deep-copies its players, who point at each other: the recursion goes as
    # deep as the preference lists are long, so give it a thread with a large stack.
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    box: dict[str, object] = {}

    def solve() -> None:
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        box["solution"] = game.solve(optimal="resident")

    worker = threading.Thread(target=solve)
    worker.start()
    worker.join()
    pairs = {
        (resident.name, hospital.name)
        for hospital, matched in box["solution"].items()
        for resident in matched
    }
    return np.array(
        [
            (i, j) in pairs
            for i, j in zip(found.mentee.tolist(), found.mentor.tolist(), strict=True)
        ],
        dtype=bool,
    )


def run_one(size: str, tight: bool, method: str, out: Path) -> None:
    """In a child process: generate, run one method, write its numbers and scores."""
    from alongside.matching import match
    from alongside.matching.factors import encode, pair_factors
    from bench.matching_data import RULES, generate

    n, m = (int(x) for x in size.split("x"))
    mentees, mentors = generate(n, m, seed=SEED, tight=tight)
    started, cpu = time.perf_counter(), time.process_time()
    stats: dict[str, float] = {}
    if method in ("ours", "fair", "optimum"):
        result = match(
            mentees,
            mentors,
            rules=RULES,
            floor=FLOOR,
            fairness=method == "fair",
            candidates_per_mentee=m if method == "optimum" else K,
            timezone_at=AT,
        )
        assigned = np.full(n, -1)
        scores = np.full(n, np.nan)
        for p in result.pairs:
            assigned[p.mentee], scores[p.mentee] = p.mentor, p.score
        stats = dict(result.stats)
    else:
        choose = _greedy_round if method == "greedy" else _stable_round
        assigned = _rounds(mentees, mentors, choose)
        scores = np.full(n, np.nan)
        enc = encode(mentees, mentors, rules=RULES, weights=None, timezone_at=AT)
        matched = np.flatnonzero(assigned >= 0)
        scores[matched] = pair_factors(enc, matched, assigned[matched])[0]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    np.save(out.with_suffix(".npy"), scores)
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "stats": stats,
            }
        )
    )


def _measure(size: str, tight: bool, method: str, timeout: float, tmp: Path) -> dict | None:
    out = tmp / f"{size}-{int(tight)}-{method}.json"
    command = [sys.executable, __file__, "--one", size, str(int(tight)), method, str(out)]
    try:
        subprocess.run(command, check=True, timeout=timeout)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    data = json.loads(out.read_text())
    data["scores"] = np.load(out.with_suffix(".npy"))
    return data


def _worst(scores: np.ndarray, among: np.ndarray) -> float:
    values = np.sort(np.nan_to_num(scores[among], nan=0.0))
    count = max(1, int(len(values) * WORST))
    return float(values[:count].mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--stable-timeout", type=float, default=300.0)
    parser.add_argument("--stable-max", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size, tight, method, out = args.one
        run_one(size, tight == "1", method, Path(out))
        return

    methods = args.methods.split(",")
    rows: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            n, m = (int(x) for x in size.split("x"))
            for tight in (False, True):
                program = f"{size}, {'tight' if tight else 'roomy'}"
                runs: dict[str, dict | None] = {}
                for method in methods:
                    if method == "optimum" and n > 1000:
                        continue
                    if method == "stable" and n > args.stable_max:
                        notes.append(
                            f"{program}: stable (HR) not run above {args.stable_max} mentees "
                            "(--stable-max): the package's pure-Python solver is far too slow "
                            "there (issue 12 measured about 10 minutes at 30,000)."
                        )
                        continue
                    limit = args.stable_timeout if method == "stable" else args.timeout
                    print(f"{program}: {LABELS[method]} ...", flush=True)
                    runs[method] = _measure(size, tight, method, limit, Path(tmp))
                    if runs[method] is None:
                        notes.append(f"{program}: {LABELS[method]} did not finish in {limit:.0f} s")
                rows += _table_rows(program, runs, notes)
    _write(rows, notes, args)


def _table_rows(program: str, runs: dict[str, dict | None], notes: list[str]) -> list[str]:
    ours = runs.get("ours")
    if ours is None:
        return []
    reference = runs.get("optimum") or ours
    optimum = float(np.nansum(reference["scores"]))
    matchable = np.flatnonzero(~np.isnan(ours["scores"]))
    out: list[str] = []
    for method, data in runs.items():
        if data is None:
            out.append(f"| {program} | {LABELS[method]} | did not finish | | | | | | |")
            continue
        scores = data["scores"]
        matched = int((~np.isnan(scores)).sum())
        out.append(
            f"| {program} | {LABELS[method]} | {data['seconds']:.2f} | {data['cpu']:.2f} | "
            f"{data['peak_mb']:.0f} | "
            f"{100 * np.nansum(scores) / optimum:.2f}% | {np.nanmin(scores):.3f} | "
            f"{_worst(scores, matchable):.3f} | {len(scores) - matched} |"
        )
    greedy = runs.get("greedy")
    if greedy is not None:
        g = np.nan_to_num(greedy["scores"][matchable], nan=0.0)
        o = ours["scores"][matchable]
        worst = np.argsort(g, kind="stable")[: max(1, int(len(g) * WORST))]
        served = np.flatnonzero(g > 0)
        low = served[np.argsort(g[served], kind="stable")[: max(1, int(len(served) * WORST))]]
        notes.append(
            f"{program}: the {len(worst)} mentees greedy serves worst (unmatched count 0) get "
            f"{g[worst].mean():.3f} from greedy and {o[worst].mean():.3f} from ours "
            f"({100 * g[worst].mean() / o[worst].mean():.0f}%); the {len(low)} worst-off "
            f"among those greedy does match get {g[low].mean():.3f} from greedy and "
            f"{o[low].mean():.3f} from ours ({100 * g[low].mean() / o[low].mean():.0f}%)."
        )
    fair = runs.get("fair")
    if fair is not None and "fairness_threshold" in fair["stats"]:
        notes.append(
            f"{program}: fairness mode used {fair['stats'].get('fairness_max_flows', 0):.0f} "
            f"maximum flows to raise the lowest pair to {fair['stats']['fairness_threshold']:.3f}."
        )
    if "candidates_seconds" in ours["stats"]:
        s = ours["stats"]
        notes.append(
            f"{program}: ours spent (wall / CPU seconds) {s['encode_seconds']:.2f} / "
            f"{s['encode_cpu']:.2f} encoding, {s['candidates_seconds']:.2f} / "
            f"{s['candidates_cpu']:.2f} on {s['candidate_edges']:.0f} candidate edges, "
            f"{s['solve_seconds']:.2f} / {s['solve_cpu']:.2f} in the min-cost flow, "
            f"{s['widen_seconds']:.2f} / {s['widen_cpu']:.2f} finding "
            f"{s.get('extra_candidate_edges', 0):.0f} more edges for mentees left out, "
            f"{s['explain_seconds']:.2f} / {s['explain_cpu']:.2f} scoring and explaining the pairs."
        )
    return out


READING = [
    "## Reading the table",
    "",
    "- Ours matches as many mentees as the rules allow first, then maximises the total "
    "score. A method that leaves more mentees out can show more than 100% of that total.",
    "- Stable matching (hospitals/residents) gives the same pairs as greedy here: when both "
    "sides rank by one shared score, the stable matching is unique and greedy by score finds "
    "it, in a fraction of the time.",
    "- Seconds are wall clock on a machine shared with other work, so they run well above "
    "the CPU seconds; on a quiet machine a run takes about its CPU seconds, less where two "
    "threads score the candidates.",
]


def _write(rows: list[str], notes: list[str], args: argparse.Namespace) -> None:
    load = os.getloadavg()
    header = [
        "# Matching benchmark",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `python bench/matching.py "
        f"--sizes {args.sizes}` on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at the end {load[0]:.1f} (the machine is "
        "shared, so seconds are upper bounds).",
        "",
        "Rules: shared language required, never the same department, floor 0.25; each mentee's "
        f"{K} best mentors are the candidate edges for every method (those left out while "
        "mentors have room get more among those mentors). Seconds: from the people "
        "as lists to the assignment (ours: pairs scored and explained), wall clock; CPU s: "
        "the process's CPU time over the same span, all threads (what a quiet machine would "
        "roughly take with one core); peak MB: the process's "
        "peak resident set, generated input and Python included. % of optimum: total score "
        "against the optimum over every edge (1000x300) or against ours (larger sizes). "
        f"Worst 5%: the mean score of the {WORST:.0%} lowest-scored mentees among those ours "
        "matches (unmatched count 0).",
        "",
        "| program | method | seconds | CPU s | peak MB | % of optimum | lowest pair | worst 5% "
        "| unmatched |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    text = "\n".join([*header, *rows, "", *[f"- {note}" for note in notes], "", *READING, ""])
    # bench/matching_db.py's section (end to end, from the database) is kept as it was.
    old = RESULTS.read_text() if RESULTS.exists() else ""
    marker = "<!-- end-to-end: bench/matching_db.py -->"
    if marker in old:
        text = text.rstrip("\n") + "\n\n" + marker + old.split(marker, 1)[1]
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
