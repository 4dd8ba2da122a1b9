"""Money loops: simple cycles of the money graph, optionally in time order, with their figures.

A loop is a simple cycle over entities (each entity once) of 2 to `max_length` hops; a hop
holds every deal from one entity to the next. The loops whose smallest node index is `s` are
found by a depth-first search from `s` over nodes with a larger index only, so each loop is
found once, at its canonical rotation. Meet in the middle prunes it: a reverse breadth-first
search from `s` (over nodes > s, to depth max_length // 2) gives each nearby node's distance
back to `s`; a node d hops down the search must get back within max_length - d hops, so once
that budget is within the reverse depth only nodes of known distance <= budget are entered.
Distances ignore the simple-path rule, so they are lower bounds and no loop is lost. The cost
per start node is about deg^(k/2) per half instead of deg^(k-1). The time-ordered search
(`find_loops`) runs inside the same DFS, carrying dates along the path (`_advance`).
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from detect.graph import Flow, MoneyGraph, as_utc, to_micros
from records.ids import stable_id

log = logging.getLogger(__name__)

_DAY_MICROS = 86_400_000_000

# Search state along a path: (first hop's date, breaks used 0/1, last hop's date), microseconds.
_State = tuple[int, int, int]


@dataclass(frozen=True)
class Hop:
    """One step of a loop: every kept deal from `payer_id` to `payee_id`, sorted by deal_id."""

    payer_id: str
    payee_id: str
    deals: tuple[Flow, ...]

    @property
    def amount_usd(self) -> float | None:
        """Sum of the deals' known amounts; None when no deal on the hop has an amount."""
        known = [f.amount_usd for f in self.deals if f.amount_usd is not None]
        return math.fsum(known) if known else None


@dataclass(frozen=True)
class Loop:
    """A loop of money flows between entities, in money order from its canonical start.

    - `cycle_id`: `stable_id("cycle", *entity_ids)`, the same for the same entities in the
      same order whatever the graph it was found in.
    - `entity_ids`: the entities in money order, starting at the smallest id (as a string).
    - `hops[i]`: entity_ids[i] -> entity_ids[i + 1] (the last hop returns to the first).
    - `bottleneck_usd`: the smallest hop amount (None when some hop has no known amount).
    - `total_usd`: the sum of every known amount on the loop (None when none is known).
    - `return_share`: bottleneck_usd / the first hop's amount, the share of the first outflow
      that can come back (None when either is unknown or the first hop's amount is 0).
    - `first_date` / `last_date`: over every dated deal of the loop.
    - `time_ordered`: whether the loop can be traversed in time order (`find_loops`).
    - `score`: `score_loop`.
    """

    cycle_id: str
    entity_ids: tuple[str, ...]
    hops: tuple[Hop, ...]
    length: int
    bottleneck_usd: float | None
    total_usd: float | None
    return_share: float | None
    first_date: datetime | None
    last_date: datetime | None
    time_ordered: bool
    score: float

    @property
    def deal_ids(self) -> tuple[str, ...]:
        """Every deal id of the loop, hop by hop."""
        return tuple(f.deal_id for hop in self.hops for f in hop.deals)


def find_loops(
    graph: MoneyGraph,
    max_length: int = 4,
    time_ordered: bool = False,
    tolerance_days: float = 0,
    *,
    as_of: datetime | None = None,
) -> list[Loop]:
    """Every simple loop of 2..`max_length` entities, once each, best score first.

    With `time_ordered=True`, only loops that can be traversed in time order are returned.
    Definition: a loop with hops h_0 .. h_{L-1} is time-ordered when there is a choice of one
    dated deal per hop, with dates t_0 .. t_{L-1}, and a starting hop r such that, going round
    the loop from r (r, r+1, ..., L-1, 0, ..., r-1), every deal's date is no earlier than the
    previous one's minus `tolerance_days`: t_next >= t_prev - tolerance. So:

    - any rotation may start the story (the money may first move on any hop), but the order
      is then followed all the way round, the last step wrapping to the hop before r;
    - ties are in order (two deals on the same day can come in either order), and
      `tolerance_days` (>= 0) forgives reports up to that many days early, step by step (it
      is not a window over the whole loop);
    - deals without a date cannot be chosen: a loop with an undated hop is never time-ordered.

    Equivalently, going round from hop 0 there is at most one step (the wrap h_{L-1} -> h_0
    included) where the date goes back by more than the tolerance. The DFS carries along each
    path the Pareto set of (first date, steps back used, last date) and drops a branch once
    that set is empty or can no longer close (2SCENT-style, `_advance`): no enumerate-then-
    filter. `Loop.time_ordered` is filled in for every loop, also with time_ordered=False.

    `as_of`: reference date of the score's recency (default: the latest deal date in the
    graph, so scores do not depend on the day of the run). Equal scores go by cycle_id.
    """
    if max_length < 2:
        raise ValueError(f"max_length must be at least 2, got {max_length}")
    if tolerance_days < 0 or not math.isfinite(tolerance_days):
        raise ValueError(f"tolerance_days must be a finite number >= 0, got {tolerance_days}")
    tol = round(tolerance_days * _DAY_MICROS)
    if time_ordered:
        dates = graph.dated_successors()
        cycles = _search_timed(dates, max_length, tol)
    else:
        cycles = _search(graph.succ, graph.pred, max_length)
    reference = as_utc(as_of) if as_of is not None else graph.latest_date()
    cache: dict[tuple[int, int], _HopFacts] = {}
    loops = [_make_loop(graph, c, tol, reference, time_ordered, cache) for c in cycles]
    loops.sort(key=lambda lp: (-lp.score, lp.cycle_id))
    log.info("found %d loops (max_length=%d, time_ordered=%s, tolerance_days=%s)",
             len(loops), max_length, time_ordered, tolerance_days)
    return loops


def _back_distances(pred: list[list[int]], s: int, depth: int) -> dict[int, int]:
    """{v: hops from v to s} for the nodes v > s within `depth` hops of s, over nodes > s
    (reverse breadth-first search; `pred` lists sorted ascending)."""
    into = pred[s]
    frontier = into[bisect_right(into, s):]
    back = dict.fromkeys(frontier, 1)
    for d in range(2, depth + 1):
        nxt = []
        for v in frontier:
            for u in reversed(pred[v]):
                if u <= s:
                    break
                if u not in back:
                    back[u] = d
                    nxt.append(u)
        frontier = nxt
    return back


def _search(succ: list[list[int]], pred: list[list[int]], k: int) -> list[tuple[int, ...]]:
    """Every simple cycle of 2..k nodes, each as its rotation starting at its smallest index."""
    found: list[tuple[int, ...]] = []
    depth_back = max(1, k // 2)
    free_depth = k - depth_back  # path depths below this are entered without a known distance
    path: list[int] = []
    back: dict[int, int] = {}
    closing: set[int] = set()

    def extend(u: int, depth: int, s: int) -> None:
        # `u` is path[-1] at `depth` hops from s; `depth + 1 <= k - 1` nodes may follow.
        nd = depth + 1
        budget = k - nd
        if budget == 1:  # the next node must close the loop
            for w in closing.intersection(succ[u]):
                if w not in path:
                    found.append((*path, w))
            return
        if nd < free_depth:
            for w in succ[u]:
                if w > s and w not in path:
                    path.append(w)
                    if w in closing:
                        found.append(tuple(path))
                    extend(w, nd, s)
                    path.pop()
        else:
            for w in succ[u]:
                b = back.get(w)
                if b is not None and b <= budget and w not in path:
                    path.append(w)
                    if b == 1:
                        found.append(tuple(path))
                    extend(w, nd, s)
                    path.pop()

    for s in range(len(succ)):
        out = succ[s]
        into = pred[s]
        if not out or not into or out[-1] <= s or into[-1] <= s:
            continue
        back = _back_distances(pred, s, depth_back)
        closing = set(into[bisect_right(into, s):])
        path = [s]
        extend(s, 0, s)
    return found


def _advance(states: list[_State], dates: Sequence[int], tol: int, slack: int) -> list[_State]:
    """The states after one more hop whose dated deals are `dates` (sorted, distinct).

    Per state (t0, breaks, last): the earliest date in order (>= last - tol) and, with no
    break used yet, the hop's earliest date as the one step back. Earliest is best (most room
    for the next hop and the wrap). With a break used, the wrap must stay reachable:
    t0 >= date - slack (the tolerance summed over the steps left). Dominated states go.
    """
    new: list[_State] = []
    for t0, breaks, last in states:
        i = bisect_left(dates, last - tol)
        if i < len(dates):
            y = dates[i]
            if breaks == 0 or t0 >= y - slack:
                new.append((t0, breaks, y))
        if breaks == 0 and i > 0 and t0 >= dates[0] - slack:
            new.append((t0, 1, dates[0]))
    if len(new) < 2:
        return new
    new.sort(key=lambda st: (st[1], st[2], -st[0]))
    kept: list[_State] = []
    for st in new:
        if not any(k[1] <= st[1] and k[2] <= st[2] and k[0] >= st[0] for k in kept):
            kept.append(st)
    return kept


def _closes(states: list[_State], dates: Sequence[int], tol: int) -> bool:
    """Whether the closing hop (with `dates`) completes a time-ordered traversal."""
    for t0, breaks, last in states:
        i = bisect_left(dates, last - tol)
        if i < len(dates) and (breaks == 0 or t0 >= dates[i] - tol):
            return True  # in order; with no break used, the wrap may be the step back
        if breaks == 0 and t0 >= dates[0] - tol:
            return True  # the closing hop is the step back, the wrap is in order
    return False


def admits_order(hop_dates: Sequence[Sequence[int]], tol: int) -> bool:
    """Whether hops with these dated deals (microseconds, sorted, distinct), in money order,
    can be traversed in time order with tolerance `tol` microseconds (`find_loops`)."""
    if len(hop_dates) < 2 or any(not d for d in hop_dates):
        return False
    length = len(hop_dates)
    states: list[_State] = [(t, 0, t) for t in hop_dates[0]]
    for j in range(1, length - 1):
        states = _advance(states, hop_dates[j], tol, (length - j) * tol)
        if not states:
            return False
    return _closes(states, hop_dates[-1], tol)


def _search_timed(dates: list[dict[int, tuple[int, ...]]], k: int,
                  tol: int) -> list[tuple[int, ...]]:
    """The time-ordered simple cycles of 2..k nodes over the dated edges, pruned in the DFS."""
    n = len(dates)
    succ = [sorted(d) for d in dates]
    pred: list[list[int]] = [[] for _ in range(n)]
    for u in range(n):
        for v in succ[u]:
            pred[v].append(u)  # u ascending, so each pred list is sorted
    found: list[tuple[int, ...]] = []
    depth_back = max(1, k // 2)
    free_depth = k - depth_back
    path: list[int] = []
    back: dict[int, int] = {}
    closing: set[int] = set()

    def extend(u: int, depth: int, s: int, states: list[_State]) -> None:
        # `states` after the `depth` hops of `path`, which ends at u; u -> w is hop `depth`.
        nd = depth + 1
        budget = k - nd
        slack = (k - depth) * tol
        here = dates[u]
        for w in closing.intersection(here) if budget == 1 else here:
            if w <= s or w in path:
                continue
            if nd >= free_depth:
                b = back.get(w)
                if b is None or b > budget:
                    continue
            nxt = _advance(states, here[w], tol, slack) if depth else [
                (t, 0, t) for t in here[w]]
            if not nxt:
                continue
            if w in closing and _closes(nxt, dates[w][s], tol):
                found.append((*path, w))
            if budget > 1:
                path.append(w)
                extend(w, nd, s, nxt)
                path.pop()

    for s in range(n):
        out = succ[s]
        into = pred[s]
        if not out or not into or out[-1] <= s or into[-1] <= s:
            continue
        back = _back_distances(pred, s, depth_back)
        closing = set(into[bisect_right(into, s):])
        path = [s]
        extend(s, 0, s, [])
    return found


def score_loop(length: int, bottleneck_usd: float | None, return_share: float | None,
               mean_confidence: float, n_deals: int, last_date: datetime | None,
               as_of: datetime | None) -> float:
    """A loop's rank for a reader, from 0 to 1, higher first. Deterministic:

        score = (0.35 * returned + 0.25 * size + 0.20 * confidence + 0.10 * support
                 + 0.10 * recency) * 0.9 ** (length - 2)

    - returned = return_share (0 when unknown): share of the first outflow that can return;
    - size = log10(1 + bottleneck in $M) / 6, capped at 1 ($1B -> 0.5, $1T -> 1; 0 unknown);
    - confidence = mean confidence of the deals;
    - support = 1 - 0.5 ** (deals per hop): more deals per hop, more evidence (0.5 for one);
    - recency = 0.5 ** (days from last_date to as_of / 365), a one-year half-life (0 when
      the loop has no date, 1 when it is as recent as as_of or later);
    - each hop past two costs 10%.
    """
    returned = min(1.0, max(0.0, return_share)) if return_share is not None else 0.0
    size = 0.0
    if bottleneck_usd is not None and bottleneck_usd > 0:
        size = min(1.0, math.log10(1.0 + bottleneck_usd / 1e6) / 6.0)
    support = 1.0 - 0.5 ** (n_deals / length)
    recency = 0.0
    if last_date is not None and as_of is not None:
        age_days = max(0.0, (as_of - last_date).total_seconds() / 86400.0)
        recency = 0.5 ** (age_days / 365.0)
    raw = (0.35 * returned + 0.25 * size + 0.20 * mean_confidence
           + 0.10 * support + 0.10 * recency)
    return raw * 0.9 ** (length - 2)


class _HopFacts(NamedTuple):
    """What a loop needs to know of one hop, computed once per edge and search."""

    hop: Hop
    amount: float | None
    confidence_sum: float
    n_deals: int
    first: datetime | None
    last: datetime | None
    stamps: tuple[int, ...]


def _hop_facts(graph: MoneyGraph, u: int, v: int) -> _HopFacts:
    deals = graph.flows_between(u, v)
    dated = [d for d in (as_utc(f.reported_at) for f in deals) if d is not None]
    hop = Hop(graph.ids[u], graph.ids[v], deals)
    return _HopFacts(hop, hop.amount_usd,
                     math.fsum(f.confidence for f in deals), len(deals), min(dated, default=None),
                     max(dated, default=None), tuple(sorted({to_micros(d) for d in dated})))


def _make_loop(graph: MoneyGraph, cycle: tuple[int, ...], tol: int, as_of: datetime | None,
               known_ordered: bool, cache: dict[tuple[int, int], _HopFacts]) -> Loop:
    """The Loop for a cycle of node indices in money order (any rotation)."""
    smallest = min(cycle)  # indices follow the sorted ids: the smallest index is the start
    if cycle[0] != smallest:
        start = cycle.index(smallest)
        cycle = cycle[start:] + cycle[:start]
    length = len(cycle)
    facts = [cache.get(e) or cache.setdefault(e, _hop_facts(graph, *e))
             for e in zip(cycle, cycle[1:] + cycle[:1], strict=True)]
    amounts = [f.amount for f in facts if f.amount is not None]
    bottleneck = min(amounts) if len(amounts) == length else None
    firsts = [f.first for f in facts if f.first is not None]
    last_date = max([f.last for f in facts if f.last is not None], default=None)
    n_deals = sum([f.n_deals for f in facts])
    confidence = math.fsum([f.confidence_sum for f in facts])
    head = facts[0].amount
    share = bottleneck / head if bottleneck is not None and head else None
    ordered = known_ordered or admits_order([f.stamps for f in facts], tol)
    ids = graph.ids
    entity_ids = tuple([ids[v] for v in cycle])
    return Loop(
        cycle_id=stable_id("cycle", *entity_ids),
        entity_ids=entity_ids,
        hops=tuple([f.hop for f in facts]),
        length=length,
        bottleneck_usd=bottleneck,
        total_usd=math.fsum(amounts) if amounts else None,
        return_share=share,
        first_date=min(firsts) if firsts else None,
        last_date=last_date,
        time_ordered=ordered,
        score=score_loop(length, bottleneck, share, confidence / n_deals, n_deals, last_date,
                         as_of),
    )
