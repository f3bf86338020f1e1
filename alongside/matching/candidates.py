"""Candidate edges: for each mentee, the best few mentors that pass the hard rules.

Mentees are scored against all mentors a block at a time, so memory stays bounded (a
dense 50,000 x 15,000 float64 matrix would need 6 GB): each block is at most
`CHUNK_CELLS` float32 scores, and only its top `k` per row survive.

The score block is one product of a sparse mentee matrix and a dense mentor matrix. The
profile table and the hard rules join it as one-hot columns (a mentee's profile, set of
languages, department) against rows per mentor (the table's entry; a large negative
score where no language is shared or the department is the same), so no pass over the
block is needed for them.

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

from .factors import F32, F64, I32, Encoded, base_scores

CHUNK_CELLS = 4_000_000  # scores per block: 16 MB of float32, a few such arrays at once
# Ties are broken by a fixed pseudo-random amount per (mentee, mentor) below this, so
# that when several mentors fit equally the same one is not everybody's first choice.
JITTER = 1e-6
INVALID = np.float32(-1.0)  # a score that breaks a hard rule
# Skills and words that many mentors share make a sparse product nearly dense and slow;
# those columns are multiplied as a dense matrix instead (at most this many of them).
DENSE_SHARE = 0.02
DENSE_COLUMNS = 1024
TABLE_IN_PRODUCT_CELLS = 32_000_000  # 128 MB of float32 at most for the profile table
# Added to a pair that breaks a hard rule inside the product: any such score is below -1,
# far under every allowed score (0-1), and exact in float32.
PENALTY = np.float32(-4.0)


@dataclass
class Candidates:
    mentee: I32  # positions in the mentees given to `match`
    mentor: I32
    score: F32  # the pair's score
    rank: F64  # the score plus the tie-break, used to rank and in the solver's costs
    rows: npt.NDArray[np.int64]  # the mentees asked about
    best: F32  # per row asked about: its best score within the rules, -1 when none


def empty_candidates(rows: npt.NDArray[np.int64]) -> Candidates:
    return Candidates(
        mentee=np.zeros(0, dtype=np.int32),
        mentor=np.zeros(0, dtype=np.int32),
        score=np.zeros(0, dtype=np.float32),
        rank=np.zeros(0, dtype=np.float64),
        rows=rows,
        best=np.full(len(rows), INVALID, dtype=np.float32),
    )


def concat(a: Candidates, b: Candidates) -> Candidates:
    """Both sets of edges; rows and best come from `a` (the round that saw every mentor)."""
    return Candidates(
        mentee=np.concatenate([a.mentee, b.mentee]),
        mentor=np.concatenate([a.mentor, b.mentor]),
        score=np.concatenate([a.score, b.score]),
        rank=np.concatenate([a.rank, b.rank]),
        rows=a.rows,
        best=a.best,
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
        self.enc, self.rows, self.cols, self.k, self.seed = enc, rows, cols, k, seed
        self.mc = len(cols)
        self.floor = np.float32(floor - JITTER)  # scores are float32: allow their rounding
        self.lang_b = enc.lang_b[cols]
        self.lang_weight = (enc.weights["language"] * enc.inverse[rows]).astype(np.float32)
        self.dept_b = enc.dept_b[cols]
        features_a = enc.features_a[rows]
        features_b = enc.features_b[cols]
        share = np.bincount(features_b.indices, minlength=features_b.shape[1]) / max(len(cols), 1)
        common = np.argsort(-share, kind="stable")[:DENSE_COLUMNS]
        common = np.sort(common[share[common] >= DENSE_SHARE])
        rare = np.setdiff1d(np.arange(features_b.shape[1]), common)
        a_dense = [features_a[:, common]]
        b_dense = [features_b[:, common].toarray().T]
        # The profile table joins the dense product as one more term per mentee (a one-hot
        # row picking its profile), which is cheaper than a look-up per pair.
        self.table_in_product = (
            enc.table is not None and enc.table.shape[0] * self.mc <= TABLE_IN_PRODUCT_CELLS
        )
        if self.table_in_product and enc.table is not None:
            a_dense.insert(0, _onehot(enc.key_a[rows], enc.table.shape[0]))
            b_dense.insert(0, enc.table[:, enc.key_b[cols]])
        self.rules_in_product = self._rule_terms(a_dense, b_dense)
        self.a_dense = sparse.hstack(a_dense, format="csr", dtype=np.float32)
        self.b_dense = np.ascontiguousarray(np.vstack(b_dense), dtype=np.float32)
        self.a_rare = features_a[:, rare].tocsr()
        self.bt_rare = features_b[:, rare].T.tocsr()
        row_scale = sparse.diags((enc.weights["picks"] * enc.inverse[rows]).astype(np.float32))
        self.picks = (row_scale @ enc.picks[rows][:, cols]).astype(np.float32).tocsr()
        self.blocked = blocked[rows][:, cols].tocsr()
        self.chunk = max(1, min(len(rows), CHUNK_CELLS // max(self.mc, 1)))
        # At least 4k blocks per row, so the threshold is close to the k-th score.
        self.width = max(1, self.mc // (4 * k))

    def _rule_terms(self, a_dense: list[sparse.csr_matrix], b_dense: list[F32]) -> bool:
        """Put the language factor and the rules into the product, when their one-hot
        columns are few enough; False leaves them to `score`, pass by pass."""
        enc, rows, cols = self.enc, self.rows, self.cols
        a: list[sparse.csr_matrix] = []
        b: list[F32] = []
        if enc.uses_language:
            sets, key = np.unique(enc.lang_a[rows], axis=0, return_inverse=True)
            if len(sets) * self.mc > TABLE_IN_PRODUCT_CELLS:
                return False
            shared = (sets[:, None, :] & enc.lang_b[None, cols, :]).any(axis=2)
            if enc.rules.require_shared_language:  # its weight is in the table already
                a.append(_onehot(key.reshape(-1), len(sets)))
                b.append(np.where(shared, np.float32(0), PENALTY).astype(np.float32))
            elif enc.weights["language"] > 0:
                a.append(_onehot(key.reshape(-1), len(sets), self.lang_weight))
                b.append(shared.astype(np.float32))
        if enc.uses_department:
            known = enc.dept_a[rows]
            codes, key = np.unique(known, return_inverse=True)
            if len(codes) * self.mc > TABLE_IN_PRODUCT_CELLS:
                return False
            key = np.where(known >= 0, key.reshape(-1), -1)
            a.append(_onehot(key, len(codes)))
            b.append(np.where(codes[:, None] == enc.dept_b[None, cols], PENALTY, np.float32(0)))
        # After the profile table, before the features: an allowed pair adds exact zeros.
        at = 1 if self.table_in_product else 0
        a_dense[at:at] = a
        b_dense[at:at] = b
        return True

    def base(self, r0: int, r1: int) -> F32:
        """Timezone, seniority (and language when required) for rows r0:r1."""
        enc, rows = self.enc, self.rows[r0:r1]
        if enc.table is not None:
            return np.take(enc.table[enc.key_a[rows]], enc.key_b[self.cols], axis=1)
        return base_scores(
            enc.weights,
            enc.rules,
            enc.offset_a[rows, None],
            enc.seniority_a[rows, None],
            enc.inverse[rows, None],
            enc.offset_b[None, self.cols],
            enc.seniority_b[None, self.cols],
        )

    def score(self, r0: int, r1: int) -> tuple[I32, I32, F32, F64, F32]:
        enc, mc = self.enc, self.mc
        c = r1 - r0
        s = np.asarray(self.a_dense[r0:r1] @ self.b_dense, dtype=np.float32)
        if not self.table_in_product:
            s += self.base(r0, r1)
        flat_s = s.reshape(-1)
        rare = self.a_rare[r0:r1] @ self.bt_rare
        if rare.nnz > c * mc // 16:
            s += rare.toarray()
        else:
            _add_sparse(flat_s, rare, mc)
        _add_sparse(flat_s, self.picks[r0:r1], mc)
        invalid = None
        if enc.uses_language and not self.rules_in_product:
            la = enc.lang_a[self.rows[r0:r1]]
            apart = (la[:, 0, None] & self.lang_b[None, :, 0]) == 0
            for word in range(1, la.shape[1]):
                apart &= (la[:, word, None] & self.lang_b[None, :, word]) == 0
            if enc.rules.require_shared_language:
                invalid = apart  # the language weight is already in the table
            elif enc.weights["language"] > 0:
                s += ~apart * self.lang_weight[r0:r1, None]
        if enc.uses_department and not self.rules_in_product:
            same = enc.dept_a[self.rows[r0:r1], None] == self.dept_b[None, :]
            invalid = same if invalid is None else np.logical_or(invalid, same, out=invalid)
        if invalid is not None:
            np.putmask(s, invalid, INVALID)
        flat_s[_flat_index(self.blocked[r0:r1], mc)] = INVALID
        return self._top(s, r0, c)

    def _top(self, s: F32, r0: int, c: int) -> tuple[I32, I32, F32, F64, F32]:
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
        best[best < 0] = INVALID  # every mentor breaks a rule (scores at PENALTY or below)
        threshold = np.maximum(threshold, self.floor)
        flat = np.flatnonzero(s >= threshold[:, None])
        r = flat // mc
        col = flat - r * mc
        raw = s.reshape(-1)[flat]
        rank = raw + tiebreak(self.rows[r0 + r], self.cols[col], self.seed)
        # Row first, then the highest rank: rows are 4 apart and ranks lie within [-1, 2).
        order = np.argsort(r * 4.0 - rank, kind="stable")
        r, col, raw, rank = r[order], col[order], raw[order], rank[order]
        starts = np.searchsorted(r, r, side="left")
        keep = np.arange(len(r)) - starts < k
        return (
            r[keep].astype(np.int32),
            col[keep].astype(np.int32),
            raw[keep],
            rank[keep],
            best.astype(np.float32),
        )


def tiebreak(mentee: npt.NDArray[np.integer], mentor: npt.NDArray[np.integer], seed: int) -> F64:
    """A fixed pseudo-random amount below JITTER per (mentee, mentor, seed): a hash, so
    it is the same however the mentees are cut into blocks."""
    with np.errstate(over="ignore"):
        x = mentee.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        x ^= mentor.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        x ^= np.uint64(seed) * np.uint64(0x165667B19E3779F9)
        x ^= x >> np.uint64(33)
        x *= np.uint64(0xFF51AFD7ED558CCD)
        x ^= x >> np.uint64(33)
    return (x >> np.uint64(40)).astype(np.float64) * (JITTER / 2**24)


def _onehot(
    key: npt.NDArray[np.integer], width: int, value: F32 | None = None
) -> sparse.csr_matrix:
    """One column per key, `value` (1 when not given) in row r's column key[r]; no entry
    where the key is negative."""
    has = key >= 0
    data = np.ones(len(key), dtype=np.float32) if value is None else value.astype(np.float32)
    indptr = np.zeros(len(key) + 1, dtype=np.int64)
    np.cumsum(has, out=indptr[1:])
    return sparse.csr_matrix(
        (data[has], key[has].astype(np.int32), indptr), shape=(len(key), max(width, 1))
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

    def run(span: tuple[int, int]) -> tuple[I32, I32, F32, F64, F32]:
        return block.score(*span)

    spans = list(zip(starts, ends, strict=True))
    if workers > 1 and len(spans) > 1:
        # numpy and scipy release the GIL in their loops, so blocks overlap on two cores.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts: Sequence[tuple[I32, I32, F32, F64, F32]] = list(pool.map(run, spans))
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
