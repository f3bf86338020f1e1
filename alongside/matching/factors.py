"""Turn people into arrays once, and score pairs from those arrays.

Every factor is between 0 and 1. A pair's score is the weighted mean of the factors the
mentee has data for: a mentee who stated no skills, wrote no goals or made no picks is
scored on the other factors alone rather than pulled down by an empty answer.

The same formula is computed two ways: for a block of mentees against all mentors
(`candidates.py`, float32, for speed) and for a list of pairs (`pair_factors` here,
float64, for the saved breakdown). A test checks that they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import FACTORS, Mentee, Mentor, Rules

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
Bool = npt.NDArray[np.bool_]

WORK_START, WORK_END = 9.0, 17.0  # local working hours compared by the timezone factor
WORK_HOURS = WORK_END - WORK_START
SENIORITY_STEP = 0.25  # the seniority factor lost per level outside the wanted gap
# Seniority and offsets are rounded so that the timezone and seniority factors can be
# read from a small table of distinct profiles instead of computed per pair.
SENIORITY_ROUND = 0.1
OFFSET_ROUND = 0.25  # 15 minutes: every real UTC offset is a multiple of it
TABLE_CELLS_MAX = 4_000_000


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """All six factors with their weight; 1 for those not given."""
    given = dict(weights or {})
    unknown = sorted(set(given) - set(FACTORS))
    if unknown:
        raise ValueError(f"unknown factor {unknown[0]!r}; the factors are {', '.join(FACTORS)}")
    out = {name: float(given.get(name, 1.0)) for name in FACTORS}
    for name, value in out.items():
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"the weight of {name} must be 0 or more, not {value}")
    if sum(out.values()) <= 0:
        raise ValueError("at least one factor needs a weight above 0")
    return out


def utc_offset(value: float | str, at: dt.datetime) -> float:
    """Hours east of UTC, from a number or an IANA name at the instant `at`."""
    if isinstance(value, int | float):
        offset = float(value)
    else:
        try:
            delta = at.astimezone(ZoneInfo(value)).utcoffset()
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        offset = delta.total_seconds() / 3600 if delta is not None else 0.0
    if not -14 <= offset <= 14:
        raise ValueError(f"a UTC offset is between -14 and 14 hours, not {offset}")
    return offset


def timezone_overlap(a: npt.ArrayLike, b: npt.ArrayLike) -> F64:
    """Share of the 09-17 working day two people have in common, 0-1."""
    return np.clip((WORK_HOURS - hours_apart(a, b)) / WORK_HOURS, 0.0, 1.0)


def hours_apart(a: npt.ArrayLike, b: npt.ArrayLike) -> F64:
    """Hours between two UTC offsets, the short way round the clock."""
    apart = np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) % 24
    return np.minimum(apart, 24 - apart)


def seniority_fit(mentee: npt.ArrayLike, mentor: npt.ArrayLike, gap: tuple[float, float]) -> F64:
    """1 inside the wanted mentor-minus-mentee gap, a quarter less per level outside it."""
    diff = np.asarray(mentor, dtype=np.float64) - np.asarray(mentee, dtype=np.float64)
    outside = np.maximum(gap[0] - diff, 0.0) + np.maximum(diff - gap[1], 0.0)
    return np.clip(1.0 - SENIORITY_STEP * outside, 0.0, 1.0)


def _clean(items: Iterable[str]) -> list[str]:
    """Trimmed, casefolded, without empty ones and repeats, in the order given."""
    return list(dict.fromkeys(key for key in (x.strip().casefold() for x in items) if key))


def _vocabulary(
    a_lists: Sequence[Sequence[str]], b_lists: Sequence[Sequence[str]]
) -> tuple[list[list[str]], list[list[str]], dict[str, int], list[str]]:
    """Both sides' lists cleaned, one index of their terms in the order first met, and each
    term's name as the mentees spelled it (for explanations)."""
    a_rows = [_clean(items) for items in a_lists]
    b_rows = [_clean(items) for items in b_lists]
    spelled = {x.strip().casefold(): x.strip() for items in a_lists for x in items}
    index: dict[str, int] = {}
    names: list[str] = []
    for row in (*a_rows, *b_rows):
        for key in row:
            if key not in index:
                index[key] = len(index)
                names.append(spelled.get(key, key))
    return a_rows, b_rows, index, names


def _binary(rows: Sequence[list[str]], index: dict[str, int]) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.fromiter((index[x] for r in rows for x in r), dtype=np.int32, count=indptr[-1])
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(index), 1)))


def _bitmasks(rows: Sequence[list[str]], index: dict[str, int]) -> npt.NDArray[np.unsignedinteger]:
    """Each person's languages as bits, in the narrowest unsigned type that holds them."""
    count = max(len(index), 1)
    dtype: type[np.unsignedinteger[Any]] = np.uint64
    for candidate, bits in ((np.uint8, 8), (np.uint16, 16), (np.uint32, 32)):
        if count <= bits:
            dtype = candidate
            break
    words = -(-count // 64) if count > 64 else 1
    out = np.zeros((len(rows), words), dtype=dtype)
    for i, row in enumerate(rows):
        for name in row:
            bit = index[name]
            out[i, bit // 64] |= dtype(1 << (bit % 64))
    return out


def _profile_keys(columns: F64) -> tuple[I32, F64]:
    uniques, inverse = np.unique(columns, axis=0, return_inverse=True)
    return inverse.reshape(-1).astype(np.int32), uniques


def base_scores(
    w: Mapping[str, float],
    rules: Rules,
    offset_a: F64,
    seniority_a: F64,
    inverse_a: F64,
    offset_b: F64,
    seniority_b: F64,
) -> F32:
    """Timezone and seniority (and language when required), weighted, over the mentee's
    denominator; the arguments broadcast."""
    total = w["timezone"] * timezone_overlap(offset_a, offset_b) + w["seniority"] * seniority_fit(
        seniority_a, seniority_b, rules.seniority_gap
    )
    if rules.require_shared_language:
        total = total + w["language"]
    return np.asarray(total * inverse_a, dtype=np.float32)


@dataclass
class Encoded:
    """Both sides as arrays, built once per run."""

    n: int
    m: int
    rules: Rules
    weights: dict[str, float]
    skill_names: list[str]  # the mentee's spelling of each skill, for explanations
    language_names: list[str]
    vocabulary: npt.NDArray[np.str_]
    wanted: sparse.csr_matrix  # n x skills, 1 where wanted
    offered: sparse.csr_matrix  # m x skills
    goals: sparse.csr_matrix  # n x terms, TF-IDF rows of unit length
    expertise: sparse.csr_matrix  # m x terms
    features_a: sparse.csr_matrix  # [w_skills * wanted / count, w_text * goals]
    features_b: sparse.csr_matrix  # [offered, expertise]
    offset_a: F64
    offset_b: F64
    seniority_a: F64
    seniority_b: F64
    key_a: I32  # row of `table`
    key_b: I32
    table: F32 | None  # `base_scores` per pair of distinct profiles
    lang_a: npt.NDArray[np.unsignedinteger]
    lang_b: npt.NDArray[np.unsignedinteger]
    dept_a: I32  # -1 when unknown
    dept_b: I32  # -2 when unknown, so unknown never equals unknown
    picks: sparse.csr_matrix  # n x m, the picks factor (1 for the first pick)
    defined: dict[str, Bool]  # per mentee: has data for the factor
    denominator: F64  # per mentee: total weight of the factors it has data for
    inverse: F64  # 1 / denominator, 0 where that is 0
    capacity: npt.NDArray[np.int64]

    @property
    def uses_language(self) -> bool:
        return self.rules.require_shared_language or self.weights["language"] > 0

    @property
    def uses_department(self) -> bool:
        return self.rules.avoid_same_department


def encode(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    rules: Rules,
    weights: Mapping[str, float] | None,
    timezone_at: dt.datetime,
) -> Encoded:
    w = check_weights(weights)
    n, m = len(mentees), len(mentors)
    lo, hi = rules.seniority_gap
    if lo > hi:
        raise ValueError(f"the seniority gap's lower end {lo} is above its upper end {hi}")

    # Skills: one shared vocabulary; the mentee's spelling is shown in explanations.
    wanted_rows, offered_rows, skill_index, skill_names = _vocabulary(
        [p.skills_wanted for p in mentees], [p.skills_offered for p in mentors]
    )
    wanted = _binary(wanted_rows, skill_index)
    offered = _binary(offered_rows, skill_index)
    wanted_count = np.array([len(r) for r in wanted_rows], dtype=np.float64)

    goals, expertise, vocabulary = _tfidf(
        [p.goals for p in mentees], [f"{p.expertise}\n{p.bio}" for p in mentors]
    )
    has_goals = np.diff(goals.indptr) > 0

    # Languages, as bits.
    lang_a_rows, lang_b_rows, lang_index, language_names = _vocabulary(
        [p.languages for p in mentees], [p.languages for p in mentors]
    )

    departments: dict[str, int] = {}
    dept_a = _codes([p.department for p in mentees], departments, unknown=-1)
    dept_b = _codes([p.department for p in mentors], departments, unknown=-2)

    offsets: dict[float | str, float] = {}
    offset_a = _offsets([p.timezone for p in mentees], offsets, timezone_at, OFFSET_ROUND)
    offset_b = _offsets([p.timezone for p in mentors], offsets, timezone_at, OFFSET_ROUND)
    seniority_a = _seniority([p.seniority for p in mentees])
    seniority_b = _seniority([p.seniority for p in mentors])

    picks = _picks(mentees, m)
    defined = {
        "skills": wanted_count > 0,
        "text": has_goals,
        "timezone": np.ones(n, dtype=bool),
        "language": np.ones(n, dtype=bool),
        "seniority": np.ones(n, dtype=bool),
        "picks": np.diff(picks.indptr) > 0,
    }
    denominator = np.zeros(n)
    for name in FACTORS:
        denominator += w[name] * defined[name]

    inverse = np.divide(1.0, denominator, out=np.zeros(n), where=denominator > 0)

    # Skills and text are both dot products, so one sparse product computes both; rows
    # are divided by the mentee's denominator here so that scores need no scaling later.
    scale = np.divide(w["skills"], wanted_count, out=np.zeros(n), where=wanted_count > 0)
    features_a = sparse.hstack(
        [
            sparse.diags((scale * inverse).astype(np.float32)) @ wanted,
            sparse.diags((w["text"] * inverse).astype(np.float32)) @ goals,
        ],
        format="csr",
        dtype=np.float32,
    )
    features_b = sparse.hstack([offered, expertise], format="csr", dtype=np.float32)

    # Timezone and seniority depend on a few distinct profiles: one small table holds
    # them, weighted and divided, plus the language weight when every allowed pair
    # shares a language anyway.
    key_a, prof_a = _profile_keys(np.column_stack([offset_a, seniority_a, inverse]))
    key_b, prof_b = _profile_keys(np.column_stack([offset_b, seniority_b]))
    table: F32 | None = None
    if len(prof_a) * len(prof_b) <= TABLE_CELLS_MAX:
        table = base_scores(
            w,
            rules,
            prof_a[:, 0, None],
            prof_a[:, 1, None],
            prof_a[:, 2, None],
            prof_b[None, :, 0],
            prof_b[None, :, 1],
        )

    capacity = np.array([int(p.capacity) for p in mentors], dtype=np.int64).reshape(m)
    if (capacity < 0).any():
        raise ValueError(f"mentor {int(np.argmax(capacity < 0))} has a negative capacity")
    return Encoded(
        n=n,
        m=m,
        rules=rules,
        weights=w,
        skill_names=skill_names,
        language_names=language_names,
        vocabulary=vocabulary,
        wanted=wanted,
        offered=offered,
        goals=goals,
        expertise=expertise,
        features_a=features_a,
        features_b=features_b,
        offset_a=offset_a,
        offset_b=offset_b,
        seniority_a=seniority_a,
        seniority_b=seniority_b,
        key_a=key_a,
        key_b=key_b,
        table=table,
        lang_a=_bitmasks(lang_a_rows, lang_index),
        lang_b=_bitmasks(lang_b_rows, lang_index),
        dept_a=dept_a,
        dept_b=dept_b,
        picks=picks,
        defined=defined,
        denominator=denominator,
        inverse=inverse,
        capacity=capacity,
    )


def _tfidf(
    goals: list[str], expertise: list[str]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, npt.NDArray[np.str_]]:
    """TF-IDF rows of unit length over one vocabulary fitted on both sides' texts."""
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([*goals, *expertise]).tocsr()
        vocabulary = np.asarray(vectorizer.get_feature_names_out(), dtype=np.str_)
    except ValueError:  # nobody wrote a word that is not a stop word
        matrix = sparse.csr_matrix((len(goals) + len(expertise), 1), dtype=np.float32)
        vocabulary = np.asarray([""], dtype=np.str_)
    return matrix[: len(goals)], matrix[len(goals) :], vocabulary


def _codes(values: list[str], codes: dict[str, int], *, unknown: int) -> I32:
    out = np.empty(len(values), dtype=np.int32)
    for i, value in enumerate(values):
        key = value.strip().casefold()
        out[i] = codes.setdefault(key, len(codes)) if key else unknown
    return out


def _offsets(
    values: list[float | str], cache: dict[float | str, float], at: dt.datetime, step: float
) -> F64:
    out = np.empty(len(values))
    for i, value in enumerate(values):
        if value not in cache:
            cache[value] = round(utc_offset(value, at) / step) * step
        out[i] = cache[value]
    return out


def _seniority(values: list[float]) -> F64:
    out = np.asarray(values, dtype=np.float64).reshape(len(values))
    if len(out) and (not np.isfinite(out).all() or out.min() < 0 or out.max() > 10):
        raise ValueError("seniority is between 0 and 10")
    return np.round(out / SENIORITY_ROUND) * SENIORITY_ROUND


def _picks(mentees: Sequence[Mentee], m: int) -> sparse.csr_matrix:
    """The picks factor: 1 for the first pick, then less by 1/len(picks) per rank."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, p in enumerate(mentees):
        seen: list[int] = []
        for j in p.picks:
            if not 0 <= j < m:
                raise ValueError(f"mentee {i} picked mentor {j}, who is not in the program")
            if j not in seen:
                seen.append(j)
        for rank, j in enumerate(seen):
            rows.append(i)
            cols.append(j)
            vals.append((len(seen) - rank) / len(seen))
    return sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(mentees), m)
    )


def shared_languages(enc: Encoded, a: npt.ArrayLike, b: npt.ArrayLike) -> Bool:
    """Whether each (mentee, mentor) pair shares a language; a and b broadcast."""
    la, lb = enc.lang_a[np.asarray(a)], enc.lang_b[np.asarray(b)]
    return np.asarray((la & lb).any(axis=-1), dtype=bool)


def pair_factors(enc: Encoded, a: npt.ArrayLike, b: npt.ArrayLike) -> tuple[F64, dict[str, F64]]:
    """Score and each factor (0 where the mentee has no data) for the pairs (a[k], b[k])."""
    mi = np.asarray(a, dtype=np.int64).reshape(-1)
    mj = np.asarray(b, dtype=np.int64).reshape(-1)
    count = np.asarray(enc.wanted[mi].sum(axis=1), dtype=np.float64).ravel()
    shared = _rowwise_dot(enc.wanted[mi], enc.offered[mj])
    values = {
        "skills": np.divide(shared, count, out=np.zeros(len(mi)), where=count > 0),
        "text": np.clip(_rowwise_dot(enc.goals[mi], enc.expertise[mj]), 0.0, 1.0),
        "timezone": timezone_overlap(enc.offset_a[mi], enc.offset_b[mj]),
        "language": shared_languages(enc, mi, mj).astype(np.float64),
        "seniority": seniority_fit(
            enc.seniority_a[mi], enc.seniority_b[mj], enc.rules.seniority_gap
        ),
        "picks": np.asarray(enc.picks[mi, mj], dtype=np.float64).reshape(-1)
        if len(mi)
        else np.zeros(0),
    }
    total = np.zeros(len(mi))
    for name in FACTORS:
        total += enc.weights[name] * values[name] * enc.defined[name][mi]
    score = np.divide(
        total, enc.denominator[mi], out=np.zeros(len(mi)), where=enc.denominator[mi] > 0
    )
    return score, values


def _rowwise_dot(x: sparse.csr_matrix, y: sparse.csr_matrix) -> F64:
    return np.asarray(x.multiply(y).sum(axis=1), dtype=np.float64).reshape(-1)
