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
"""

from .engine import match, suggest
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
    "suggest",
]
