"""The loop engine of detect/: the money multigraph and the loop search.

Hand-made graphs from the reference deal web (../shared/REFERENCE-DEALS.md), then property
tests on random multigraphs: the entity loops equal networkx's `simple_cycles` with a length
bound, and the time-ordered search returns exactly the loops a brute-force checker accepts.
"""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detect.graph import Flow, MoneyGraph
from detect.loops import Loop, find_loops, score_loop
from records.ids import stable_id

B = 1e9
BASE = datetime(2024, 1, 1, tzinfo=UTC)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def deal(deal_id: str, payer: str, payee: str, deal_type: str, amount: float | None,
         when: str | None, status: str = "announced", confidence: float = 0.9) -> Flow:
    return Flow(deal_id, payer, payee, deal_type, amount, day(when) if when else None, status,
                confidence)


def by_entities(loops: list[Loop]) -> dict[tuple[str, ...], Loop]:
    return {lp.entity_ids: lp for lp in loops}


# --- hand-made graphs ---------------------------------------------------------------------

def test_nvidia_openai_two_hop_loop() -> None:
    graph = MoneyGraph([
        deal("d-nv-oai", "nvidia", "openai", "equity_investment", 100 * B, "2025-09-22"),
        deal("d-oai-nv", "openai", "nvidia", "purchase", None, "2025-09-22"),
    ])
    [loop] = find_loops(graph, max_length=4)
    assert loop.entity_ids == ("nvidia", "openai")
    assert loop.cycle_id == stable_id("cycle", "nvidia", "openai")
    assert [(h.payer_id, h.payee_id) for h in loop.hops] == [("nvidia", "openai"),
                                                              ("openai", "nvidia")]
    assert loop.deal_ids == ("d-nv-oai", "d-oai-nv")
    assert loop.length == 2
    assert loop.bottleneck_usd is None and loop.return_share is None  # purchase: no figure
    assert loop.total_usd == 100 * B
    assert loop.first_date == loop.last_date == day("2025-09-22")
    assert loop.time_ordered  # a dated two-hop loop is always in order from one of its hops


def test_amounts_bottleneck_and_return_share() -> None:
    graph = MoneyGraph([
        deal("d1", "amazon", "openai", "equity_investment", 50 * B, "2026-02-27"),
        deal("d2", "openai", "amazon", "compute_contract", 38 * B, "2025-11-03"),
    ])
    [loop] = find_loops(graph)
    assert loop.entity_ids == ("amazon", "openai")
    assert loop.bottleneck_usd == 38 * B
    assert loop.total_usd == 88 * B
    assert loop.return_share == pytest.approx(38 / 50)


def anthropic_web(microsoft_to_nvidia: str = "2025-11-18",
                  anthropic_to_microsoft: str = "2025-11-18") -> list[Flow]:
    return [
        deal("d-nv-ant", "nvidia", "anthropic", "equity_investment", 10 * B, "2025-11-18"),
        deal("d-ms-ant", "microsoft", "anthropic", "equity_investment", 5 * B, "2025-11-18"),
        deal("d-ant-ms", "anthropic", "microsoft", "compute_contract", 30 * B,
             anthropic_to_microsoft),
        deal("d-ms-nv", "microsoft", "nvidia", "purchase", None, microsoft_to_nvidia),
        deal("d-ant-goog", "anthropic", "google", "compute_contract", None, "2025-10-23"),
        deal("d-nv-intc", "nvidia", "intel", "equity_investment", 5 * B, "2025-09-18"),
    ]


def test_three_hop_loop_nvidia_anthropic_microsoft() -> None:
    loops = by_entities(find_loops(MoneyGraph(anthropic_web()), max_length=3))
    assert set(loops) == {("anthropic", "microsoft"), ("anthropic", "microsoft", "nvidia")}
    three = loops[("anthropic", "microsoft", "nvidia")]
    assert [(h.payer_id, h.payee_id) for h in three.hops] == [
        ("anthropic", "microsoft"), ("microsoft", "nvidia"), ("nvidia", "anthropic")]
    assert three.deal_ids == ("d-ant-ms", "d-ms-nv", "d-nv-ant")
    assert three.bottleneck_usd is None and three.total_usd == 40 * B
    assert find_loops(MoneyGraph(anthropic_web()), max_length=2) == [
        loops[("anthropic", "microsoft")]]


def test_parallel_deals_stay_on_one_hop() -> None:
    graph = MoneyGraph([
        deal("cw-3", "openai", "coreweave", "compute_contract", 6.5 * B, "2025-09-25"),
        deal("cw-1", "openai", "coreweave", "compute_contract", 11.9 * B, "2025-03-10"),
        deal("cw-2", "openai", "coreweave", "compute_contract", 4 * B, "2025-05-27"),
        deal("cw-eq", "coreweave", "openai", "equity_investment", 0.35 * B, "2025-03-10"),
    ])
    assert graph.n_edges == 2 and graph.n_flows == 4
    [loop] = find_loops(graph)
    assert loop.entity_ids == ("coreweave", "openai")
    back = loop.hops[1]
    assert [f.deal_id for f in back.deals] == ["cw-1", "cw-2", "cw-3"]
    assert back.amount_usd == pytest.approx(22.4 * B)
    assert loop.bottleneck_usd == pytest.approx(0.35 * B)
    assert loop.total_usd == pytest.approx(22.75 * B)
    assert loop.first_date == day("2025-03-10") and loop.last_date == day("2025-09-25")


def test_a_loop_that_is_not_time_ordered() -> None:
    # In money order from Nvidia: 2025-11-18, then 2025-10-01, then 2025-06-01: two steps back.
    graph = MoneyGraph(anthropic_web(microsoft_to_nvidia="2025-06-01",
                                     anthropic_to_microsoft="2025-10-01"))
    loops = by_entities(find_loops(graph, max_length=3))
    assert not loops[("anthropic", "microsoft", "nvidia")].time_ordered
    ordered = by_entities(find_loops(graph, max_length=3, time_ordered=True))
    assert set(ordered) == {("anthropic", "microsoft")}
    assert all(lp.time_ordered for lp in ordered.values())


def test_one_step_back_is_the_start_of_the_story() -> None:
    # 2025-11-18, 2025-11-18, then 2025-03-01: read from the Microsoft -> Nvidia hop, in order.
    graph = MoneyGraph(anthropic_web(microsoft_to_nvidia="2025-03-01"))
    ordered = by_entities(find_loops(graph, max_length=3, time_ordered=True))
    assert ("anthropic", "microsoft", "nvidia") in ordered


def test_tolerance_forgives_each_step_up_to_that_many_days() -> None:
    # Anthropic -> Microsoft is 48 days before Nvidia -> Anthropic; Microsoft -> Nvidia is the
    # one step back. Ties count as in order, so 48 days of tolerance are enough, 47 are not.
    graph = MoneyGraph(anthropic_web(microsoft_to_nvidia="2025-06-01",
                                     anthropic_to_microsoft="2025-10-01"))
    key = ("anthropic", "microsoft", "nvidia")
    assert key not in by_entities(find_loops(graph, 3, time_ordered=True, tolerance_days=47))
    assert key in by_entities(find_loops(graph, 3, time_ordered=True, tolerance_days=48))
    assert by_entities(find_loops(graph, 3, tolerance_days=48))[key].time_ordered


def test_a_parallel_deal_can_make_a_loop_time_ordered() -> None:
    flows = anthropic_web(microsoft_to_nvidia="2025-06-01", anthropic_to_microsoft="2025-10-01")
    flows.append(deal("d-ant-ms-2", "anthropic", "microsoft", "compute_contract", 1 * B,
                      "2025-12-01"))
    loop = by_entities(find_loops(MoneyGraph(flows), 3, time_ordered=True))[
        ("anthropic", "microsoft", "nvidia")]
    assert [f.deal_id for f in loop.hops[0].deals] == ["d-ant-ms", "d-ant-ms-2"]


def test_undated_deals_never_make_a_time_ordered_loop() -> None:
    graph = MoneyGraph([deal("a", "nvidia", "lambda", "lease", 1.5 * B, "2025-09-01"),
                        deal("b", "lambda", "nvidia", "purchase", None, None)])
    [loop] = find_loops(graph)
    assert not loop.time_ordered and loop.first_date == day("2025-09-01")
    assert find_loops(graph, time_ordered=True) == []


def test_filters_statuses_confidence_and_self_deals() -> None:
    flows = [
        deal("r", "meta", "oracle", "compute_contract", 20 * B, "2025-09-19", status="rumored"),
        deal("o", "oracle", "meta", "purchase", 1 * B, "2025-09-20"),
        deal("low", "google", "anthropic", "equity_investment", 1 * B, "2025-01-01",
             confidence=0.2),
        deal("g", "anthropic", "google", "compute_contract", None, "2025-10-23"),
        deal("self", "nvidia", "nvidia", "purchase", 1 * B, "2025-01-01"),
    ]
    assert {lp.entity_ids for lp in find_loops(MoneyGraph(flows))} == {("anthropic", "google")}
    assert {lp.entity_ids for lp in find_loops(MoneyGraph(flows, min_confidence=0.5))} == set()
    everything = MoneyGraph(flows, statuses=None)
    assert {lp.entity_ids for lp in find_loops(everything)} == {("anthropic", "google"),
                                                               ("meta", "oracle")}
    assert "nvidia" not in everything.index


def test_ids_do_not_depend_on_input_order_or_other_entities() -> None:
    flows = anthropic_web()
    first = find_loops(MoneyGraph(flows), 3)
    more = [*reversed(flows), deal("z", "aaa-fund", "nvidia", "loan", 1 * B, "2025-01-01"),
            deal("y", "nvidia", "aaa-fund", "purchase", 1 * B, "2025-01-02")]
    second = by_entities(find_loops(MoneyGraph(more), 3, as_of=day("2025-11-18")))
    for loop in first:
        assert second[loop.entity_ids].cycle_id == loop.cycle_id
        assert second[loop.entity_ids].score == loop.score


def test_score_formula_and_ranking() -> None:
    expected = (0.35 * 1.0 + 0.25 * math.log10(1 + 1000) / 6 + 0.20 * 0.9
                + 0.10 * (1 - 0.5 ** 1) + 0.10 * 1.0)
    assert score_loop(2, 1 * B, 1.0, 0.9, 2, day("2025-01-01"), day("2025-01-01")) == (
        pytest.approx(expected))
    half = score_loop(2, 1 * B, 1.0, 0.9, 2, day("2024-01-01"), day("2025-01-01"))
    assert half == pytest.approx(expected - 0.10 * (1 - 0.5 ** (366 / 365)))
    assert score_loop(3, 1 * B, 1.0, 0.9, 3, None, None) < score_loop(2, 1 * B, 1.0, 0.9, 2,
                                                                       None, None)
    loops = find_loops(MoneyGraph(anthropic_web()), 3)
    assert [lp.score for lp in loops] == sorted((lp.score for lp in loops), reverse=True)


def test_arguments_are_checked() -> None:
    graph = MoneyGraph(anthropic_web())
    with pytest.raises(ValueError):
        find_loops(graph, max_length=1)
    with pytest.raises(ValueError):
        find_loops(graph, tolerance_days=-1)


def ring(days: tuple[int, ...], extra: int | None) -> list[Flow]:
    """A loop e0 -> e1 -> ... -> e0, one deal per hop dated BASE + days[i], and a second deal
    on the last hop dated BASE + extra (when not None)."""
    n = len(days)
    flows = [Flow(f"d{i}", f"e{i}", f"e{(i + 1) % n}", "purchase", 1 * B,
                  BASE + timedelta(days=d), "announced", 0.8) for i, d in enumerate(days)]
    if extra is not None:
        flows.append(Flow("dx", f"e{n - 1}", "e0", "purchase", 1 * B,
                          BASE + timedelta(days=extra), "announced", 0.8))
    return flows


def test_every_small_ring_agrees_with_the_definition() -> None:
    # All date patterns over 3 days on rings of 2 to 4 hops: ties, one step back anywhere
    # (including the wrap), the step back on the hop with two deals, tolerance 0 and 1 day.
    for length in (2, 3, 4):
        for days in itertools.product(range(3), repeat=length):
            for extra, tolerance in itertools.product((None, 0, 2), (0, 1)):
                graph = MoneyGraph(ring(days, extra))
                [loop] = find_loops(graph, length, tolerance_days=tolerance)
                expected = brute_force_ordered(loop, tolerance)
                assert loop.time_ordered == expected, (days, extra, tolerance)
                found = find_loops(graph, length, time_ordered=True, tolerance_days=tolerance)
                assert len(found) == int(expected), (days, extra, tolerance)


# --- property tests -----------------------------------------------------------------------

@st.composite
def multigraphs(draw: st.DrawFn) -> list[Flow]:
    """Up to 12 entities and 40 deals, parallel deals and self-deals allowed, dates over
    nine days (so ties and near misses are common), a third of the deals undated."""
    n = draw(st.integers(2, 12))
    m = draw(st.integers(0, 40))  # drawn apart, so dense graphs are as likely as sparse ones
    dated = st.integers(0, 8) | st.integers(0, 8) | st.none()
    rows = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), dated,
                                   st.one_of(st.none(), st.sampled_from([1e6, 5e8, 2e9]))),
                         min_size=m, max_size=m))
    return [Flow(f"d{i:02d}", f"e{a:02d}", f"e{b:02d}", "purchase", amount,
                 None if days is None else BASE + timedelta(days=days), "announced", 0.8)
            for i, (a, b, days, amount) in enumerate(rows)]


def canonical(cycle: list[str]) -> tuple[str, ...]:
    start = cycle.index(min(cycle))
    return tuple(cycle[start:] + cycle[:start])


def brute_force_ordered(loop: Loop, tolerance_days: float) -> bool:
    """The definition, literally: some deal per hop and some starting hop in order."""
    tolerance = timedelta(days=tolerance_days)
    choices = [[f.reported_at for f in hop.deals if f.reported_at is not None]
               for hop in loop.hops]
    n = len(choices)
    for dates in itertools.product(*choices):
        for r in range(n):
            seq = [dates[(r + j) % n] for j in range(n)]
            if all(seq[j + 1] >= seq[j] - tolerance for j in range(n - 1)):
                return True
    return False


@settings(max_examples=400, deadline=None)
@given(multigraphs(), st.integers(2, 5))
def test_entity_loops_equal_networkx_simple_cycles(flows: list[Flow], k: int) -> None:
    simple = nx.DiGraph()
    simple.add_edges_from((f.payer_id, f.payee_id) for f in flows if f.payer_id != f.payee_id)
    expected = {canonical(c) for c in nx.simple_cycles(simple, length_bound=k)}
    loops = find_loops(MoneyGraph(flows), max_length=k)
    assert {lp.entity_ids for lp in loops} == expected
    assert len(loops) == len(expected)  # each loop once
    for loop in loops:  # every deal of every hop is kept
        assert loop.entity_ids[0] == min(loop.entity_ids)
        for hop in loop.hops:
            assert [f.deal_id for f in hop.deals] == sorted(
                f.deal_id for f in flows
                if (f.payer_id, f.payee_id) == (hop.payer_id, hop.payee_id))


@settings(max_examples=300, deadline=None)
@given(multigraphs())
def test_time_ordered_search_equals_brute_force(flows: list[Flow]) -> None:
    graph = MoneyGraph(flows)
    for k, tolerance in itertools.product(range(2, 6), (0, 1, 2.5)):
        everything = find_loops(graph, max_length=k, tolerance_days=tolerance)
        accepted = {lp.entity_ids for lp in everything if brute_force_ordered(lp, tolerance)}
        assert {lp.entity_ids for lp in everything if lp.time_ordered} == accepted
        ordered = find_loops(graph, max_length=k, time_ordered=True, tolerance_days=tolerance)
        assert {lp.entity_ids for lp in ordered} == accepted, (k, tolerance)
        assert by_entities(ordered) == {key: lp for key, lp in by_entities(everything).items()
                                        if key in accepted}


def test_flow_from_a_deals_row() -> None:
    row = {"deal_id": "x", "payer_id": "nvidia", "payee_id": "intel",
           "deal_type": "equity_investment", "amount_usd": 5e9, "status": "announced",
           "first_reported_at": datetime(2025, 9, 18, 12, 30)}
    flow = Flow.from_deal_row(row)
    assert flow.reported_at == datetime(2025, 9, 18, 12, 30, tzinfo=UTC)
    assert flow.confidence == 1.0 and flow.amount_usd == 5e9
    assert Flow.from_deal_row(row, confidence=0.7).confidence == 0.7
