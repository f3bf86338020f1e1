"""Matching mentees with mentors: a pure numeric engine, no Django import.

The Django side (programs, runs, pages) builds `Mentee` and `Mentor` lists from the
database, calls `match` or `suggest`, and maps positions back to ids.
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
