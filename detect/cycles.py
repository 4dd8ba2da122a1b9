"""From the `deals` table to the loops and the `cycles` table: what the detect stage computes.

`DetectOptions` says which deals make the graph (by default announced deals with confidence
at least 0.5; rumored and terminated ones by option; deals first reported since a date) and
how loops are searched (up to `max_length` hops, optionally time-ordered only). Every loop
is kept with all the deals of each hop (`detect.loops`); `cycle_rows` turns them into rows
of the `cycles` table, sorted by cycle_id so a rerun writes the same rows.

Pure functions over Polars frames; the flows read and write the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import polars as pl

from detect.graph import Flow, MoneyGraph
from detect.loops import Loop, find_loops


@dataclass(frozen=True)
class DetectOptions:
    """Which deals become money flows, and which loops are searched for."""

    max_length: int = 4
    include_rumored: bool = False
    include_terminated: bool = False
    time_ordered_only: bool = False
    tolerance_days: float = 0.0
    min_confidence: float = 0.5
    since: date | None = None

    def statuses(self) -> tuple[str, ...]:
        """The deal statuses kept in the graph."""
        kept = ["announced"]
        if self.include_rumored:
            kept.append("rumored")
        if self.include_terminated:
            kept.append("terminated")
        return tuple(kept)


def select_deals(deals: pl.DataFrame, options: DetectOptions) -> pl.DataFrame:
    """The deals the options keep (status, confidence, first reported since)."""
    kept = deals.filter(pl.col("status").is_in(list(options.statuses()))
                        & (pl.col("confidence").fill_null(1.0) >= options.min_confidence))
    if options.since is not None:
        since = datetime.combine(options.since, datetime.min.time(), tzinfo=UTC)
        kept = kept.filter(pl.col("first_reported_at") >= since)
    return kept


def find_deal_loops(deals: pl.DataFrame, options: DetectOptions) -> list[Loop]:
    """The loops of the money graph built from the kept deals, best first."""
    kept = select_deals(deals, options)
    flows = [Flow.from_deal_row(row) for row in kept.iter_rows(named=True)]
    graph = MoneyGraph(flows, statuses=None)
    return find_loops(graph, max_length=options.max_length,
                      time_ordered=options.time_ordered_only,
                      tolerance_days=options.tolerance_days)


def entity_names(deals: pl.DataFrame) -> dict[str, str]:
    """entity_id -> display name, from the deals' payer and payee names."""
    names: dict[str, str] = {}
    for side in ("payer", "payee"):
        for entity_id, name in deals.select(f"{side}_id", f"{side}_name").iter_rows():
            names.setdefault(entity_id, name or entity_id)
    return names


def cycle_rows(loops: list[Loop], names: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of the `cycles` table, one per loop, sorted by cycle_id."""
    rows = [{
        "cycle_id": loop.cycle_id,
        "entity_ids": list(loop.entity_ids),
        "deal_ids": list(loop.deal_ids),
        "length": loop.length,
        "bottleneck_usd": loop.bottleneck_usd,
        "total_usd": loop.total_usd,
        "first_date": loop.first_date,
        "last_date": loop.last_date,
        "score": loop.score,
        "entity_names": [names.get(e, e) for e in loop.entity_ids],
        "return_share": loop.return_share,
        "time_ordered": loop.time_ordered,
    } for loop in loops]
    return sorted(rows, key=lambda r: r["cycle_id"])
