"""Candidate edges: for each mentee, the best few mentors that pass the hard rules.

Mentees are scored against all mentors a block at a time, so memory stays bounded (a
dense 50,000 x 15,000 float64 matrix would need 6 GB): each block is at most
`CHUNK_CELLS` float32 scores, and only its top `k` per row survive.

Top-k without sorting every row: the row is cut into at least 4k blocks and the k-th
largest block maximum is taken as a threshold. At least k scores reach it (one per
block), so every top-k score does, and only the few scores above it are sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .factors import F32, I32, Encoded, seniority_fit, timezone_overlap

CHUNK_CELLS = 4_000_000  # scores per block: 16 MB of float32, a few such arrays at once
# Ties are broken by a fixed pseudo-random amount per (mentee, mentor) below this, so
# that when several mentors fit equally the same one is not everybody's first choice.
JITTER = 1e-6
INVALID = np.float32(-1.0)  # a score that breaks a hard rule
# Skills and words that many mentors share make a sparse product nearly dense and slow;
# those columns are multiplied as a dense matrix instead (at most this many of them).
DENSE_SHARE = 0.02
DENSE_COLUMNS = 1024


@dataclass
class Candidates:
    mentee: I32  # positions in the mentees given to `match`
    mentor: I32
    score: F32  # the pair's score
    rank: F32  # the score plus the tie-break, used to rank and in the solver's costs
    rows: npt.NDArray[np.int64]  # the mentees asked about
    best: F32  # per row asked about: its best score within the rules, -1 when none


def empty_candidates(rows: npt.NDArray[np.int64]) -> Candidates:
    return Candidates(
        mentee=np.zeros(0, dtype=np.int32),
        mentor=np.zeros(0, dtype=np.int32),
        score=np.zeros(0, dtype=np.float32),
        rank=np.zeros(0, dtype=np.float32),
        rows=rows,
        best=np.full(len(rows), INVALID, dtype=np.float32),
    )


class _Block:
    """What every chunk of one `build` call shares (read-only, so threads may share it)."""

    def __init__(
        self,
        enc: Encoded,
        rows: npt.NDArray[np.int64],
        cols: npt.NDArray[np.int64],
        blocked: sparse.csr_matrix,
        *,
        k: int,
        floor: float,
        seed: int,
    ) -> None:
        self.enc, self.rows, self.cols, self.k = enc, rows, cols, k
        self.mc = len(cols)
        self.floor = np.float32(floor - JITTER)  # scores are float32: allow their rounding
        features_a = enc.features_a[rows]
        features_b = enc.features_b[cols]
        share = np.bincount(features_b.indices, minlength=features_b.shape[1]) / max(len(cols), 1)
        common = np.argsort(-share, kind="stable")[:DENSE_COLUMNS]
        common = np.sort(common[share[common] >= DENSE_SHARE])
        rare = np.setdiff1d(np.arange(features_b.shape[1]), common)
        self.a_common = features_a[:, common].tocsr()
        self.b_common = np.ascontiguousarray(features_b[:, common].toarray().T)
        self.a_rare = features_a[:, rare].tocsr()
        self.bt_rare = features_b[:, rare].T.tocsr()
        self.picks = (enc.picks[rows][:, cols] * np.float32(enc.weights["picks"])).tocsr()
        self.blocked = blocked[rows][:, cols].tocsr()
        self.key_b = enc.key_b[cols]
        self.lang_b = enc.lang_b[cols]
        self.dept_b = enc.dept_b[cols]
        den = enc.denominator[rows]
        self.inverse = np.divide(1.0, den, out=np.zeros(len(rows)), where=den > 0).astype(
            np.float32
        )
        self.chunk = max(1, min(len(rows), CHUNK_CELLS // max(self.mc, 1)))
        rng = np.random.default_rng(seed)
        self.jitter = rng.random((self.chunk, self.mc), dtype=np.float32) * np.float32(JITTER)
        # At least 4k blocks per row, so the threshold is close to the k-th score.
        self.width = max(1, self.mc // (4 * k))

    def base(self, r0: int, r1: int) -> F32:
        """Timezone and seniority, weighted, for rows r0:r1: one table look-up per pair."""
        enc = self.enc
        if enc.table is not None:
            return np.take(enc.table[enc.key_a[self.rows[r0:r1]]], self.key_b, axis=1)
        rows = self.rows[r0:r1, None]
        tz = timezone_overlap(enc.offset_a[rows], enc.offset_b[None, self.cols])
        fit = seniority_fit(
            enc.seniority_a[rows], enc.seniority_b[None, self.cols], enc.rules.seniority_gap
        )
        return (enc.weights["timezone"] * tz + enc.weights["seniority"] * fit).astype(np.float32)

    def score(self, r0: int, r1: int) -> tuple[I32, I32, F32, F32, F32]:
        enc, mc = self.enc, self.mc
        c = r1 - r0
        s = self.base(r0, r1)
        flat_s = s.reshape(-1)
        if self.b_common.shape[0]:
            s += self.a_common[r0:r1] @ self.b_common
        rare = self.a_rare[r0:r1] @ self.bt_rare
        if rare.nnz:
            s += rare.toarray()
        _add_sparse(flat_s, self.picks[r0:r1], mc)
        shared = None
        if enc.uses_language:
            la = enc.lang_a[self.rows[r0:r1]]
            shared = np.zeros((c, mc), dtype=bool)
            for word in range(la.shape[1]):
                shared |= (la[:, word, None] & self.lang_b[None, :, word]) != 0
            if enc.weights["language"] > 0:
                s += shared * np.float32(enc.weights["language"])
        s *= self.inverse[r0:r1, None]
        if shared is not None and enc.rules.require_shared_language:
            np.putmask(s, ~shared, INVALID)
        if enc.uses_department:
            da = enc.dept_a[self.rows[r0:r1]]
            np.putmask(s, da[:, None] == self.dept_b[None, :], INVALID)
        blocked = self.blocked[r0:r1]
        flat_s[_flat_index(blocked, mc)] = INVALID
        return self._top(s, c)

    def _top(self, s: F32, c: int) -> tuple[I32, I32, F32, F32, F32]:
        k, mc, width = self.k, self.mc, self.width
        if width > 1:
            blocks = mc // width
            maxima = s[:, : blocks * width].reshape(c, width, blocks).max(axis=1)
            if blocks * width < mc:
                rest = s[:, blocks * width :].max(axis=1)
                maxima = np.column_stack([maxima, rest])
            best = maxima.max(axis=1)
            nb = maxima.shape[1]
            threshold = np.partition(maxima, nb - k, axis=1)[:, nb - k]
        else:
            best = s.max(axis=1)
            threshold = (
                np.partition(s, mc - k, axis=1)[:, mc - k]
                if mc > k
                else np.full(c, INVALID, dtype=np.float32)
            )
        threshold = np.maximum(threshold, self.floor)
        s += self.jitter[:c]
        flat = np.flatnonzero(s >= threshold[:, None])
        r = flat // mc
        col = flat - r * mc
        rank = s.reshape(-1)[flat]
        raw = rank - self.jitter[:c].reshape(-1)[flat]
        order = np.lexsort((-rank, r))
        r, col, raw, rank = r[order], col[order], raw[order], rank[order]
        starts = np.searchsorted(r, r, side="left")
        keep = (np.arange(len(r)) - starts < k) & (raw >= self.floor)
        return (
            r[keep].astype(np.int32),
            col[keep].astype(np.int32),
            raw[keep],
            rank[keep],
            best.astype(np.float32),
        )


def _flat_index(matrix: sparse.csr_matrix, width: int) -> npt.NDArray[np.int64]:
    counts = np.diff(matrix.indptr)
    return np.repeat(np.arange(matrix.shape[0], dtype=np.int64) * width, counts) + matrix.indices


def _add_sparse(flat: F32, matrix: sparse.csr_matrix, width: int) -> None:
    """flat += matrix, for a canonical CSR (no repeated entries) of the same shape."""
    if matrix.nnz:
        matrix.sum_duplicates()
        flat[_flat_index(matrix, width)] += matrix.data


def build(
    enc: Encoded,
    *,
    rows: npt.NDArray[np.int64],
    cols: npt.NDArray[np.int64],
    blocked: sparse.csr_matrix,
    k: int,
    floor: float,
    seed: int = 0,
    workers: int = 1,
) -> Candidates:
    """The top `k` mentors in `cols` per mentee in `rows` that pass the rules and the floor."""
    if k < 1:
        raise ValueError("at least one candidate per mentee is needed")
    if len(rows) == 0 or len(cols) == 0:
        return empty_candidates(rows)
    block = _Block(enc, rows, cols, blocked, k=k, floor=floor, seed=seed)
    starts = list(range(0, len(rows), block.chunk))
    ends = [min(s + block.chunk, len(rows)) for s in starts]

    def run(span: tuple[int, int]) -> tuple[I32, I32, F32, F32, F32]:
        return block.score(*span)

    spans = list(zip(starts, ends, strict=True))
    if workers > 1 and len(spans) > 1:
        # numpy and scipy release the GIL in their loops, so blocks overlap on two cores.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts: Sequence[tuple[I32, I32, F32, F32, F32]] = list(pool.map(run, spans))
    else:
        parts = [run(span) for span in spans]
    mentee = np.concatenate([rows[p[0] + s] for p, s in zip(parts, starts, strict=True)])
    mentor = np.concatenate([cols[p[1]] for p in parts])
    return Candidates(
        mentee=mentee.astype(np.int32),
        mentor=mentor.astype(np.int32),
        score=np.concatenate([p[2] for p in parts]),
        rank=np.concatenate([p[3] for p in parts]),
        rows=rows,
        best=np.concatenate([p[4] for p in parts]),
    )
