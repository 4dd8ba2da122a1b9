"""The last two stages of every run, as plain functions: deals from mentions, loops from deals.

`rebuild_deals` reads `deal_mentions`, `documents` (three columns), `entities` and the
previous `deals`, merges them with `transform.normalize` and replaces the `deals` table by
the result in one merge commit (rows no longer backed by a mention are deleted); unchanged
deals commit nothing. `rebuild_cycles` does the same for `cycles` from `deals` with
`detect.cycles`. The Prefect tasks in flows.pipeline_tasks wrap these; the CLI calls them
directly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from detect.cycles import DetectOptions, cycle_rows, entity_names, find_deal_loops
from detect.loops import Loop
from load.lake import Lake, WriteResult
from transform.normalize import deals_from_mentions

log = logging.getLogger(__name__)

_WHOLE_TABLE = "TRUE"  # the merge replaces every row: what is not rebuilt is deleted


@dataclass(frozen=True)
class MoneyWeb:
    """What the deals and detect stages wrote: counts for the run summary."""

    deals: int
    deals_changed: int
    loops: int
    loops_changed: int
    new_deals: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    loop_lines: tuple[str, ...] = field(default=(), repr=False)
    report: Path | None = None

    @classmethod
    def of(cls, deal_write: WriteResult, n_deals: int, cycle_write: WriteResult,
           n_loops: int) -> MoneyWeb:
        """The counts from the two writes and the numbers of deals and loops."""
        return cls(n_deals, deal_write.inserted + deal_write.updated + deal_write.deleted,
                   n_loops, cycle_write.inserted + cycle_write.updated + cycle_write.deleted)


def rebuild_deals(lake: Lake) -> tuple[WriteResult, pl.DataFrame]:
    """Merge every deal mention into deals and write the `deals` table; returns the write
    and the deals."""
    mentions = lake.read("deal_mentions")
    documents = lake.read("documents", columns=["doc_id", "canonical_url", "published_at"])
    entities = lake.read("entities", columns=["entity_id", "name"])
    previous = lake.read("deals", columns=["deal_id", "mention_ids"])
    deals = deals_from_mentions(mentions, documents, entities, previous)
    if deals.is_empty() and not lake.exists("deals"):
        return WriteResult("deals", 0, 0, 0, None), deals
    result = lake.upsert("deals", deals, replace_where=_WHOLE_TABLE)
    log.info("deals: %d from %d mentions", deals.height, mentions.height)
    return result, deals


def rebuild_cycles(lake: Lake, options: DetectOptions,
                   deals: pl.DataFrame | None = None) -> tuple[WriteResult, list[Loop]]:
    """Find the loops of the deals (read from the table unless given) and write the `cycles`
    table; returns the write and the loops, best first."""
    if deals is None:
        deals = lake.read("deals")
    loops = find_deal_loops(deals, options)
    rows = cycle_rows(loops, entity_names(deals))
    if not rows and not lake.exists("cycles"):
        return WriteResult("cycles", 0, 0, 0, None), loops
    result = lake.upsert("cycles", rows, replace_where=_WHOLE_TABLE)
    log.info("cycles: %d loops (%s)", len(loops), options)
    return result, loops


def rebuild_money_web(lake: Lake, options: DetectOptions) -> MoneyWeb:
    """Both stages in order; the counts for a run summary."""
    deal_write, deals = rebuild_deals(lake)
    cycle_write, loops = rebuild_cycles(lake, options, deals)
    return MoneyWeb.of(deal_write, deals.height, cycle_write, len(loops))


def describe(web: MoneyWeb, lake: Lake, previous_ids: set[str], deals: pl.DataFrame,
             loops: list[Loop]) -> MoneyWeb:
    """The run's view of the web: deals new in it, loops as lines, and the HTML report
    (written under a local storage root as `report.html`)."""
    from detect.presentation import deals_by_id, loop_line
    from detect.report import render_report, write_report

    by_id = deals_by_id(deals)
    report = None
    if lake.storage.local:
        page = render_report([by_id[k] for k in sorted(by_id)], loops,
                             generated_at=datetime.now(UTC).replace(microsecond=0))
        report = write_report(Path(lake.storage.root) / "report.html", page)
    return replace(web, new_deals=tuple(r for k, r in by_id.items() if k not in previous_ids),
                   loop_lines=tuple(loop_line(loop, by_id) for loop in loops), report=report)
