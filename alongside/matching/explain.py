"""A pair's factors in words: "both speak Spanish; 3 of 4 wanted skills; 2 h apart"."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .factors import F64, Encoded, hours_apart

ORDINALS = ("first", "second", "third", "fourth", "fifth")
SKILLS_NAMED = 3  # shared skills named in full; more are counted
TERMS_NAMED = 2  # words the goals and the mentor's texts share that weigh most


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _number(value: float) -> str:
    return f"{value:g}"


def _row_items(matrix: sparse.csr_matrix, row: int) -> tuple[npt.NDArray[np.int32], F64]:
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return matrix.indices[start:end], np.asarray(matrix.data[start:end], dtype=np.float64)


def _languages(enc: Encoded, words: tuple[int, ...]) -> list[str]:
    return [
        name for bit, name in enumerate(enc.language_names) if words[bit // 64] & (1 << (bit % 64))
    ]


def explain(
    enc: Encoded,
    mentee: npt.NDArray[np.int64],
    mentor: npt.NDArray[np.int64],
    values: dict[str, F64],
    locked: npt.NDArray[np.bool_],
) -> list[str]:
    """One sentence per pair, naming each weighted factor the mentee has data for."""
    w = enc.weights
    shared_skills = enc.wanted[mentee].multiply(enc.offered[mentor]).tocsr()
    shared_terms = enc.goals[mentee].multiply(enc.expertise[mentor]).tocsr()
    wanted_counts = np.diff(enc.wanted.indptr)
    pick_counts = np.diff(enc.picks.indptr)
    spoken: dict[tuple[int, ...], list[str]] = {}
    out: list[str] = []
    for k, (i, j) in enumerate(zip(mentee.tolist(), mentor.tolist(), strict=True)):
        parts: list[str] = ["locked by the admin"] if locked[k] else []
        if enc.uses_language:
            common = tuple((enc.lang_a[i] & enc.lang_b[j]).tolist())
            if common not in spoken:
                spoken[common] = _languages(enc, common)
            names = spoken[common]
            parts.append(f"both speak {_and(names)}" if names else "no shared language")
        if w["skills"] > 0 and enc.defined["skills"][i]:
            idx, _ = _row_items(shared_skills, k)
            total = int(wanted_counts[i])
            if len(idx) == 0:
                parts.append(
                    f"none of the {total} wanted skills" if total > 1 else "not the wanted skill"
                )
            else:
                named = [enc.skill_names[s] for s in sorted(idx.tolist())][:SKILLS_NAMED]
                more = len(idx) - len(named)
                listed = ", ".join(named) + (f" and {more} more" if more else "")
                skills = "skills" if total > 1 else "skill"
                parts.append(f"{len(idx)} of {total} wanted {skills} ({listed})")
        if w["text"] > 0 and enc.defined["text"][i]:
            idx, weight = _row_items(shared_terms, k)
            if len(idx):
                top = idx[np.argsort(-weight, kind="stable")[:TERMS_NAMED]]
                words = [f'"{enc.vocabulary[t]}"' for t in top]
                parts.append(f"goals and the mentor's profile share {_and(words)}")
            else:
                parts.append("goals and the mentor's profile share no key word")
        if w["timezone"] > 0:
            apart = hours_apart(float(enc.offset_a[i]), float(enc.offset_b[j]))
            if apart == 0:
                parts.append("same working hours")
            elif values["timezone"][k] <= 0:
                parts.append(f"{_number(apart)} h apart, no common working hours")
            else:
                parts.append(f"{_number(apart)} h apart")
        if w["seniority"] > 0:
            gap = round(float(enc.seniority_b[j] - enc.seniority_a[i]), 1)
            if gap == 0:
                parts.append("same seniority")
            else:
                levels = "level" if abs(gap) == 1 else "levels"
                side = "more" if gap > 0 else "less"
                parts.append(f"mentor {_number(abs(gap))} {levels} {side} senior")
        if w["picks"] > 0 and enc.defined["picks"][i]:
            count = int(pick_counts[i])
            value = values["picks"][k]
            if value > 0:
                rank = int(round(count - value * count))
                ordinal = ORDINALS[rank] if rank < len(ORDINALS) else f"number {rank + 1}"
                parts.append(f"the mentee's {ordinal} pick")
            else:
                parts.append(
                    "not the mentee's pick"
                    if count == 1
                    else f"not among the mentee's {count} picks"
                )
        out.append("; ".join(parts))
    return out
