"""The assignment over candidate edges, by OR-Tools' network-flow solvers.

source -> each mentee (capacity 1) -> each candidate mentor (capacity 1, cost minus the
scaled score) -> sink (capacity: the mentor's free places). A maximum flow of minimum
cost matches as many mentees as the edges allow and, among those assignments, has the
highest total score.

Fairness mode first finds the highest threshold t such that the edges scoring at least t
still match as many mentees (a binary search over the edges' scores, each step a
maximum flow), then takes the highest total among those edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import max_flow, min_cost_flow

from .factors import F32, F64, I32

# Scores (0-1, plus the tie-break below 1e-6) become integer costs at this scale; OR-Tools
# multiplies costs by the node count internally, which int64 holds comfortably.
COST_SCALE = 10_000_000


@dataclass
class Assignment:
    chosen: npt.NDArray[np.bool_]  # per candidate edge
    threshold: float | None  # fairness mode: the lowest score it allowed


class SolverError(RuntimeError):
    pass


@dataclass
class _Graph:
    tails: I32
    heads: I32
    capacities: npt.NDArray[np.int64]
    source: int
    sink: int
    first_edge: int  # arcs [first_edge, first_edge + edges) are the candidate edges
    edges: int
    supply: int


def _nodes(ids: I32) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct ids, ascending, and each id's place among them: np.unique's answer
    with return_inverse, by counting rather than sorting millions of edges."""
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    place = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present), place[ids]


def _graph(mentee: I32, mentor: I32, capacity: npt.NDArray[np.int64]) -> _Graph:
    a_nodes, a = _nodes(mentee)
    b_nodes, b = _nodes(mentor)
    na, nb = len(a_nodes), len(b_nodes)
    source, sink = na + nb, na + nb + 1
    caps = capacity[b_nodes].astype(np.int64)
    tails = np.concatenate([np.full(na, source), a.reshape(-1), na + np.arange(nb)]).astype(
        np.int32
    )
    heads = np.concatenate([np.arange(na), na + b.reshape(-1), np.full(nb, sink)]).astype(np.int32)
    capacities = np.concatenate(
        [np.ones(na, dtype=np.int64), np.ones(len(mentee), dtype=np.int64), caps]
    )
    return _Graph(
        tails=tails,
        heads=heads,
        capacities=capacities,
        source=source,
        sink=sink,
        first_edge=na,
        edges=len(mentee),
        supply=int(min(na, caps.sum())),
    )


def _min_cost(g: _Graph, rank: F64, usable: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    flow = min_cost_flow.SimpleMinCostFlow()
    costs = np.zeros(len(g.tails), dtype=np.int64)
    edge = slice(g.first_edge, g.first_edge + g.edges)
    costs[edge] = -np.rint(rank.astype(np.float64) * COST_SCALE).astype(np.int64)
    capacities = g.capacities.copy()
    capacities[edge] = usable.astype(np.int64)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(g.tails, g.heads, capacities, costs)
    flow.set_node_supply(g.source, g.supply)
    flow.set_node_supply(g.sink, -g.supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise SolverError(f"the min-cost flow ended with {status.name}")
    flows = np.asarray(flow.flows(np.asarray(arcs, dtype=np.int32)))
    return np.asarray(flows[edge] > 0, dtype=bool)


class _Feasibility:
    """Maximum flows over the same graph with a changing set of usable edges."""

    def __init__(self, g: _Graph) -> None:
        self.g = g
        self.flow = max_flow.SimpleMaxFlow()
        self.arcs = np.asarray(
            self.flow.add_arcs_with_capacity(g.tails, g.heads, g.capacities), dtype=np.int32
        )
        self.edge_arcs = self.arcs[g.first_edge : g.first_edge + g.edges]
        self.solves = 0

    def matched(self, usable: npt.NDArray[np.bool_]) -> int:
        self.flow.set_arcs_capacity(self.edge_arcs, usable.astype(np.int64))
        status = self.flow.solve(self.g.source, self.g.sink)
        self.solves += 1
        if status != self.flow.OPTIMAL:
            raise SolverError(f"the maximum flow ended with {status.name}")
        return int(self.flow.optimal_flow())


def leftovers(
    mentee: I32, mentor: I32, capacity: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """A maximum matching's unmatched mentees (among those with edges) and the places it
    leaves free per mentor: who could use more candidates, and where."""
    free = capacity.astype(np.int64).copy()
    if len(mentee) == 0:
        return np.zeros(0, dtype=np.int64), free
    g = _graph(mentee, mentor, capacity)
    check = _Feasibility(g)
    check.matched(np.ones(len(mentee), dtype=bool))
    used = np.asarray(check.flow.flows(check.edge_arcs)) > 0
    free -= np.bincount(mentor[used], minlength=len(free))
    waiting = np.flatnonzero(
        np.bincount(mentee, minlength=1).astype(bool)
        & ~np.bincount(mentee[used], minlength=int(mentee.max()) + 1).astype(bool)
    ).astype(np.int64)
    return waiting, free


def assign(
    mentee: I32,
    mentor: I32,
    score: F32,
    rank: F64,
    capacity: npt.NDArray[np.int64],
    *,
    fairness: bool,
    stats: dict[str, float] | None = None,
) -> Assignment:
    """Choose candidate edges: most mentees matched, then the best total (or the fairest)."""
    if len(mentee) == 0:
        return Assignment(chosen=np.zeros(0, dtype=bool), threshold=None)
    g = _graph(mentee, mentor, capacity)
    everything = np.ones(len(mentee), dtype=bool)
    if not fairness:
        return Assignment(chosen=_min_cost(g, rank, everything), threshold=None)

    check = _Feasibility(g)
    most = check.matched(everything)
    # Upper bound: `most` mentees each need an edge at the threshold or above.
    best_per_mentee = np.full(int(mentee.max()) + 1, -np.inf, dtype=np.float64)
    np.maximum.at(best_per_mentee, mentee, score.astype(np.float64))
    tops = np.sort(best_per_mentee[np.isfinite(best_per_mentee)])[::-1]
    high = tops[most - 1] if most > 0 else tops[0]
    levels = np.unique(score[score <= high])  # ascending; levels[0] is always feasible
    lo, hi = 0, len(levels) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if check.matched(score >= levels[mid]) == most:
            lo = mid
        else:
            hi = mid - 1
    threshold = float(levels[lo])
    if stats is not None:
        stats["fairness_max_flows"] = check.solves
    chosen = _min_cost(g, rank, score >= levels[lo])
    return Assignment(chosen=chosen, threshold=threshold)
