"""Matching mentees with mentors: a pure numeric engine, no Django import.

The Django side builds `Mentee` and `Mentor` lists from the database (positions in those
lists are the engine's ids), calls `match` for a run or `suggest` for mentee-choice
programs, and maps positions back to database ids:

    result = match(mentees, mentors,
                   rules=Rules(require_shared_language=..., avoid_same_department=...),
                   weights={"skills": 1, "text": 1, ...},  # FACTORS; missing ones weigh 1
                   blocked=[(i, j), ...],   # never, including pairs that were paired before
                   locked=[(i, j), ...],    # must stay; they use up the mentor's places
                   fairness=False, floor=0.4, timezone_at=run_started_at)
    result.pairs      # Pair(mentee, mentor, score, factors, explanation, locked)
    result.unmatched  # Unmatched(mentee, reason)
    result.totals     # Totals(matched, unmatched, mean_score, min_score, seconds)
    result.stats      # seconds per stage, candidate edges, fairness threshold: for the run

`Mentor.capacity` is the number of places still free in the program. Bad input (an
unknown factor, a lock on a blocked pair, more locks than places, an unknown timezone)
raises ValueError with a message an admin can act on.

This package is also the Django app of saved matching runs (models.py, services.py,
api.py, views.py: the engine's `model.py` is its plain dataclasses, `models.py` the
database rows). The engine's names load on first use, so that Django starting the app
does not import numpy, SciPy, scikit-learn and OR-Tools in every process.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import match, rule_problem, score_pairs, suggest
    from .model import FACTORS, MatchResult, Mentee, Mentor, Pair, Rules, Totals, Unmatched

__all__ = [
    "FACTORS",
    "MatchResult",
    "Mentee",
    "Mentor",
    "Pair",
    "Rules",
    "Totals",
    "Unmatched",
    "match",
    "rule_problem",
    "score_pairs",
    "suggest",
]


_ENGINE = dict.fromkeys(("match", "rule_problem", "score_pairs", "suggest"), "engine")


def __getattr__(name: str) -> Any:
    if name in __all__:
        from importlib import import_module

        return getattr(import_module(f".{_ENGINE.get(name, 'model')}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
