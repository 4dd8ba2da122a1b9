"""Loop benchmark: `detect.loops.find_loops` against igraph and networkx, same graphs, same run.

Three seeded synthetic money graphs:

1. "realistic": 400 entities, 3,000 deals by preferential attachment on total degree (a few
   hubs, like Nvidia, OpenAI and Microsoft in the real deal web), 12% of the deals repeat an
   earlier (payer, payee) pair (parallel deals), dates over two years; max_length 4;
2. "random 2k": 2,000 entities, 10,000 deals between uniformly random pairs; max_length 5;
3. "random 20k": 20,000 entities, 100,000 deals, uniformly random; max_length 3.

On each, the same entity loops are searched by `find_loops` (full `Loop` rows: deals per hop,
amounts, dates, score), by its search kernel alone (index cycles, no rows), by igraph's
`Graph.simple_cycles(min=2, max=k)` (C) and by networkx's `simple_cycles(G, length_bound=k)`
(skipped on the 20k graph: it ran for more than 15 minutes there). igraph and networkx get the
simple digraph of distinct (payer, payee) pairs, which is less work than the multigraph. The
loops are compared as canonical rotations of entity ids ("same loops: yes/no"). Times are the
best of `--repeat` runs (networkx: one run); graph building is timed apart and not counted.

Then the time-ordered search (`time_ordered=True`, pruned inside the search) against
"enumerate all then filter" (`find_loops` then keep `loop.time_ordered`), on the realistic
and 2k graphs, both as full `find_loops` calls and as search kernels alone (time-ordered
kernel against the plain kernel followed by `admits_order` on each cycle).

Run from the repo root: `python bench/cycles.py [--repeat 3] [--seed 7]`. The last line is
`loops vs igraph: N.NNx (same loops: yes)`: igraph's time over find_loops' time on the 20k
graph.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import igraph  # noqa: E402
import networkx as nx  # noqa: E402

from detect.graph import Flow, MoneyGraph  # noqa: E402
from detect.loops import _search, _search_timed, admits_order, find_loops  # noqa: E402

T = TypeVar("T")
START = datetime(2024, 1, 1, tzinfo=UTC)
DEAL_TYPES = ("equity_investment", "purchase", "compute_contract", "lease", "loan", "backstop")
NETWORKX_NODE_CAP = 5_000  # above this networkx is skipped (measured: > 15 min on 20k / 100k)


def random_pairs(rng: random.Random, n: int, m: int) -> list[tuple[int, int]]:
    """m deals between uniformly random distinct entities (parallel deals happen by chance)."""
    pairs = []
    while len(pairs) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            pairs.append((a, b))
    return pairs


def attachment_pairs(rng: random.Random, n: int, m: int,
                     repeat_share: float = 0.12) -> list[tuple[int, int]]:
    """Preferential attachment on total degree: each party is drawn with probability
    proportional to 1 + its deals so far; `repeat_share` of the deals repeat an earlier pair."""
    pool = list(range(n))
    pairs: list[tuple[int, int]] = []
    while len(pairs) < m:
        if pairs and rng.random() < repeat_share:
            pairs.append(rng.choice(pairs))
            continue
        a, b = rng.choice(pool), rng.choice(pool)
        if a != b:
            pairs.append((a, b))
            pool += (a, b)
    return pairs


def to_flows(rng: random.Random, pairs: Iterable[tuple[int, int]], width: int) -> list[Flow]:
    """Deals with random types, amounts (log-uniform $10M..$100B, 20% unstated), dates over
    two years, confidence 0.5..1."""
    flows = []
    for i, (a, b) in enumerate(pairs):
        amount = None if rng.random() < 0.2 else round(10 ** rng.uniform(7, 11), -6)
        flows.append(Flow(
            deal_id=f"deal-{i:07d}", payer_id=f"ent-{a:0{width}d}", payee_id=f"ent-{b:0{width}d}",
            deal_type=rng.choice(DEAL_TYPES), amount_usd=amount,
            reported_at=START + timedelta(days=rng.randrange(730)), status="announced",
            confidence=round(rng.uniform(0.5, 1.0), 2)))
    return flows


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The best wall time of `repeat` calls, and the last result."""
    best = float("inf")
    result: T
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def canonical(cycle: Iterable[str]) -> tuple[str, ...]:
    c = list(cycle)
    i = c.index(min(c))
    return tuple(c[i:] + c[:i])


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def bench_graph(name: str, flows: list[Flow], k: int, repeat: int) -> tuple[float, bool]:
    """Times the three searches on one graph; returns (igraph / find_loops, same loops)."""
    t0 = time.perf_counter()
    graph = MoneyGraph(flows)
    t_build = time.perf_counter() - t0
    edges = graph.edges()
    t0 = time.perf_counter()
    ig = igraph.Graph(n=graph.n_nodes, edges=edges, directed=True)
    t_ig_build = time.perf_counter() - t0
    ids = graph.ids
    print(f"\n== {name}: {graph.n_nodes:,} entities, {graph.n_flows:,} deals, "
          f"{graph.n_edges:,} distinct (payer, payee) pairs, max_length {k}")
    print(f"  build: MoneyGraph {t_build:.3f} s, igraph.Graph {t_ig_build:.3f} s (not counted)")

    t_find, loops = best_of(repeat, lambda: find_loops(graph, max_length=k))
    mine = {lp.entity_ids for lp in loops}
    t_kernel, kernel = best_of(repeat, lambda: _search(graph.succ, graph.pred, k))
    t_ig, ig_cycles = best_of(repeat, lambda: ig.simple_cycles(min=2, max=k))
    theirs = {canonical(ids[v] for v in c) for c in ig_cycles}
    same = mine == theirs and len(loops) == len(ig_cycles) == len(kernel)
    print(f"  find_loops (Loop rows)      {t_find:9.3f} s  {len(loops):,} loops")
    print(f"  search kernel (index tuples){t_kernel:9.3f} s  {len(kernel):,} loops")
    print(f"  igraph simple_cycles        {t_ig:9.3f} s  {len(ig_cycles):,} loops")
    if graph.n_nodes <= NETWORKX_NODE_CAP:
        simple = nx.DiGraph()
        simple.add_nodes_from(ids)
        simple.add_edges_from((ids[u], ids[v]) for u, v in edges)
        t0 = time.perf_counter()
        nx_loops = {canonical(c) for c in nx.simple_cycles(simple, length_bound=k)}
        t_nx = time.perf_counter() - t0
        same = same and nx_loops == mine
        print(f"  networkx simple_cycles      {t_nx:9.3f} s  {len(nx_loops):,} loops (one run)")
        print(f"  ratio networkx / find_loops: {t_nx / t_find:.2f}x")
    else:
        print(f"  networkx skipped: more than {NETWORKX_NODE_CAP:,} entities (over 15 min "
              "when tried on this graph)")
    print(f"  ratio igraph / find_loops: {t_ig / t_find:.2f}x;  "
          f"igraph / search kernel: {t_ig / t_kernel:.2f}x")
    print(f"  same loops: {yes(same)}")
    return t_ig / t_find, same


def bench_time_ordered(name: str, flows: list[Flow], k: int, tolerance_days: float,
                       repeat: int) -> bool:
    """Time-ordered search inside the DFS against enumerate-all-then-filter."""
    graph = MoneyGraph(flows)

    def enumerate_then_filter() -> list:
        return [lp for lp in find_loops(graph, k, tolerance_days=tolerance_days)
                if lp.time_ordered]

    t_filter, filtered = best_of(repeat, enumerate_then_filter)
    t_inside, inside = best_of(
        repeat, lambda: find_loops(graph, k, time_ordered=True, tolerance_days=tolerance_days))
    same = {lp.entity_ids for lp in inside} == {lp.entity_ids for lp in filtered}
    print(f"  {name}, max_length {k}, tolerance {tolerance_days:g} d: "
          f"{len(inside):,} time-ordered loops of {len(find_loops(graph, k)):,}")
    print(f"    find_loops:    in-search {t_inside:.3f} s, enumerate+filter {t_filter:.3f} s, "
          f"ratio {t_filter / t_inside:.2f}x, same loops: {yes(same)}")

    # The same on the search kernels alone (index tuples, no Loop rows built).
    dates = graph.dated_successors()
    tol = round(tolerance_days * 86_400_000_000)

    def kernel_then_filter() -> list[tuple[int, ...]]:
        return [c for c in _search(graph.succ, graph.pred, k) if admits_order(
            [dates[u].get(v, ()) for u, v in zip(c, c[1:] + c[:1], strict=True)], tol)]

    t_kfilter, kfiltered = best_of(repeat, kernel_then_filter)
    t_kinside, kinside = best_of(repeat, lambda: _search_timed(dates, k, tol))
    ksame = set(kfiltered) == set(kinside)
    print(f"    kernel only:   in-search {t_kinside:.3f} s, enumerate+filter {t_kfilter:.3f} s, "
          f"ratio {t_kfilter / t_kinside:.2f}x, same loops: {yes(ksame)}")
    return same and ksame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per search (best)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, igraph {version('python-igraph')}, "
          f"networkx {version('networkx')}, {platform.machine()}, seed {args.seed}")

    rng = random.Random(args.seed)
    realistic = to_flows(rng, attachment_pairs(rng, 400, 3_000), 4)
    small = to_flows(rng, random_pairs(rng, 2_000, 10_000), 5)
    large = to_flows(rng, random_pairs(rng, 20_000, 100_000), 5)

    all_same = True
    print("\n## Entity loops")
    for name, flows, k in (("realistic", realistic, 4), ("random 2k", small, 5)):
        all_same &= bench_graph(name, flows, k, args.repeat)[1]
    ratio, same_large = bench_graph("random 20k", large, 3, args.repeat)

    print("\n## Time-ordered loops: pruned inside the search vs enumerate all then filter")
    for name, flows, k in (("realistic", realistic, 4), ("random 2k", small, 5)):
        for tolerance in (0, 30):
            all_same &= bench_time_ordered(name, flows, k, tolerance, args.repeat)
    print(f"\nall comparisons agree: {yes(all_same and same_large)}")
    print(f"loops vs igraph: {ratio:.2f}x (same loops: {yes(same_large)})")


if __name__ == "__main__":
    main()
