"""A pair's factors in words: "both speak Spanish; 3 of 4 wanted skills; 2 h apart"."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .factors import F64, Encoded, hours_apart

ORDINALS = ("first", "second", "third", "fourth", "fifth")
SKILLS_NAMED = 3  # shared skills named in full; more are counted
TERMS_NAMED = 2  # words the goals and the mentor's texts share that weigh most


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _number(value: float) -> str:
    return f"{value:g}"


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
    # Python lists, read per pair far faster than numpy scalars.
    skill_at, skill_idx = shared_skills.indptr.tolist(), shared_skills.indices.tolist()
    term_at, term_idx = shared_terms.indptr.tolist(), shared_terms.indices.tolist()
    term_weight = shared_terms.data.astype(np.float64).tolist()
    wanted_counts = np.diff(enc.wanted.indptr)[mentee].tolist()
    pick_counts = np.diff(enc.picks.indptr)[mentee].tolist()
    has_skills = (enc.defined["skills"][mentee] & (w["skills"] > 0)).tolist()
    has_text = (enc.defined["text"][mentee] & (w["text"] > 0)).tolist()
    has_picks = (enc.defined["picks"][mentee] & (w["picks"] > 0)).tolist()
    apart = hours_apart(enc.offset_a[mentee], enc.offset_b[mentor]).tolist()
    overlap = values["timezone"].tolist()
    gaps = (enc.seniority_b[mentor] - enc.seniority_a[mentee]).tolist()
    picked = values["picks"].tolist()
    common_languages = (
        [tuple(x) for x in (enc.lang_a[mentee] & enc.lang_b[mentor]).tolist()]
        if enc.uses_language
        else []
    )
    spoken: dict[tuple[int, ...], list[str]] = {}
    out: list[str] = []
    for k, is_locked in enumerate(locked.tolist()):
        parts: list[str] = ["locked by the admin"] if is_locked else []
        if enc.uses_language:
            common = common_languages[k]
            if common not in spoken:
                spoken[common] = _languages(enc, common)
            names = spoken[common]
            parts.append(f"both speak {_and(names)}" if names else "no shared language")
        if has_skills[k]:
            idx = skill_idx[skill_at[k] : skill_at[k + 1]]
            total = wanted_counts[k]
            if len(idx) == 0:
                parts.append(
                    f"none of the {total} wanted skills" if total > 1 else "not the wanted skill"
                )
            else:
                named = [enc.skill_names[x] for x in sorted(idx)][:SKILLS_NAMED]
                more = len(idx) - len(named)
                listed = ", ".join(named) + (f" and {more} more" if more else "")
                skills = "skills" if total > 1 else "skill"
                parts.append(f"{len(idx)} of {total} wanted {skills} ({listed})")
        if has_text[k]:
            a, b = term_at[k], term_at[k + 1]
            if b > a:
                # The heaviest shared words first; equal weights in vocabulary order.
                top = sorted(range(a, b), key=lambda t: -term_weight[t])[:TERMS_NAMED]
                words = [f'"{enc.vocabulary[term_idx[t]]}"' for t in top]
                parts.append(f"goals and the mentor's profile share {_and(words)}")
            else:
                parts.append("goals and the mentor's profile share no key word")
        if w["timezone"] > 0:
            hours = apart[k]
            if hours == 0:
                parts.append("same working hours")
            elif overlap[k] <= 0:
                parts.append(f"{_number(hours)} h apart, no common working hours")
            else:
                parts.append(f"{_number(hours)} h apart")
        if w["seniority"] > 0:
            gap = round(gaps[k], 1)
            if gap == 0:
                parts.append("same seniority")
            else:
                levels = "level" if abs(gap) == 1 else "levels"
                side = "more" if gap > 0 else "less"
                parts.append(f"mentor {_number(abs(gap))} {levels} {side} senior")
        if has_picks[k]:
            count = pick_counts[k]
            value = picked[k]
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
