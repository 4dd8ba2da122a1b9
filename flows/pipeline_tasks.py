"""Prefect tasks: one-line wrappers around the plain stage functions (`flows.stages`, `load`),
which tests call directly.

Retries are for transient errors only (timeouts, unreachable hosts, storage hiccups): a
permanent error is bad input and retrying it would change nothing. No task caches its result:
every stage is idempotent on its own, and hashing raw page bodies for cache keys is waste.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from detect.cycles import DetectOptions
from detect.loops import Loop
from extract.connectors import Connector, Discovery
from extract.errors import TransientError
from extract.fetching import Fetcher, fetch_refs
from flows import money_web, stages
from flows import reprocess_pool as pool
from load import quarantine, runs
from load.lake import Lake, WriteResult
from load.quarantine import QuarantineItem
from load.raw_store import RawStore
from records import Document, FetchOutcome, RawInput, RawRef, Ref, StoredCopy


def is_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry only errors that may go away by themselves."""
    try:
        state.result()
    except TransientError:
        return True
    except OSError:  # storage or network I/O at the OS level
        return True
    except Exception:  # noqa: BLE001 - any other failure is permanent: fail fast
        return False
    return False


TASK_DEFAULTS: dict[str, Any] = {"cache_policy": NO_CACHE, "retry_condition_fn": is_transient}


@task(name="discover", **TASK_DEFAULTS)
def discover(connector: Connector, client: Fetcher, since: datetime | None,
             until: datetime | None = None) -> Discovery:
    """What the source has that is new since the watermark (and before `until`)."""
    return connector.discover(client, since, until)


@task(name="plan-fetch", **TASK_DEFAULTS)
def plan_fetch(
    lake: Lake, source: str, refs: list[Ref], max_items: int, max_attempts: int,
    include_retries: bool = True,
) -> stages.FetchPlan:
    """Refs not yet done (plus transient failures to retry), their stored copies, and the new
    refs the per-run cap leaves for the next run."""
    return stages.plan_fetch(lake, source, refs, max_items=max_items, max_attempts=max_attempts,
                             include_retries=include_retries)


@task(name="fetch", **TASK_DEFAULTS)
def fetch(
    client: Fetcher, connector: Connector, refs: list[Ref], stored: dict[str, StoredCopy]
) -> list[FetchOutcome]:
    """Fetch each ref politely; failures are outcomes, not exceptions."""
    return fetch_refs(
        client, refs, allowed_hosts=connector.allowed_hosts, stored=stored,
        headers=connector.request_headers(), screen=connector.screen,
    )


@task(name="store-raw", **TASK_DEFAULTS)
def store_raw(
    lake: Lake, raw_store: RawStore, outcomes: list[FetchOutcome], seen_at: datetime
) -> tuple[list[RawInput], list[QuarantineItem]]:
    """Keep every fetched body and index it under its source."""
    return stages.store_fetched(lake, raw_store, outcomes, seen_at)


@task(name="parse-and-extract", **TASK_DEFAULTS)
def parse_and_extract(lake: Lake, refs: list[RawRef], seen_at: datetime,
                      budget_seconds: float | None, workers: int) -> pool.Computed:
    """Read the stored bodies back batch by batch, parse them and extract their deals (in
    worker processes when there is enough work); failures become quarantine items."""
    return pool.compute_all(lake, refs, seen_at=seen_at, budget_seconds=budget_seconds,
                            workers=workers)


@task(name="write-extracted", **TASK_DEFAULTS)
def write_extracted(lake: Lake, documents: list[Document], mentions: list[dict[str, Any]],
                    extracted: list[str]) -> int:
    """Write mentions, entities, then documents (crash-safe order); returns rows changed."""
    return stages.write_extracted(lake, documents, mentions, extracted)


@task(name="quarantine", **TASK_DEFAULTS)
def record_quarantine(lake: Lake, items: list[QuarantineItem]) -> int:
    """Record failures with their reasons; returns how many."""
    quarantine.record(lake, items)
    return len(items)


@task(name="resolve-quarantine", **TASK_DEFAULTS)
def resolve_quarantine(lake: Lake, outcomes: list[FetchOutcome], inputs: list[RawRef],
                       failures: list[QuarantineItem], at: datetime) -> int:
    """Mark earlier failures of URLs that have now succeeded as resolved."""
    return stages.resolve_successes(lake, outcomes, inputs, failures, at)


@task(name="resolve-discovery", **TASK_DEFAULTS)
def resolve_discovery(lake: Lake, source: str, still_failing: list[str], at: datetime) -> int:
    """After a discovery that went through, resolve its earlier failures not seen again."""
    return stages.resolve_discovery(lake, source, still_failing, at)


@task(name="close-interrupted-runs", **TASK_DEFAULTS)
def close_interrupted_runs(lake: Lake, at: datetime) -> int:
    """Mark runs left `running` by a killed process as `interrupted` (the caller holds the
    storage root's writer lock, so no other run is in progress); returns how many."""
    return runs.close_interrupted(lake, at)


@task(name="start-run", **TASK_DEFAULTS)
def start_run(lake: Lake, run_id: str, flow: str, parameters: dict[str, Any],
              started_at: datetime) -> None:
    """Write the run's row with status running."""
    runs.start_run(lake, run_id, flow, parameters, started_at)


@task(name="finish-run", **TASK_DEFAULTS)
def finish_run(lake: Lake, run_id: str, flow: str, parameters: dict[str, Any],
               started_at: datetime, finished_at: datetime,
               sources: list[runs.SourceResult],
               web: money_web.MoneyWeb | None = None, status: str | None = None) -> str:
    """Write the run's final row (with the deals and loops found); returns the run status."""
    return runs.finish_run(lake, run_id, flow, parameters, started_at, finished_at, sources,
                           deals=web.deals if web else None, loops=web.loops if web else None,
                           status=status)


@task(name="export-snapshots", **TASK_DEFAULTS)
def export_snapshots(lake: Lake) -> list[str]:
    """Refresh the Parquet snapshots under exports/."""
    return lake.export_snapshots()


@task(name="deals", **TASK_DEFAULTS)
def build_deals(lake: Lake) -> tuple[WriteResult, pl.DataFrame]:
    """Merge every deal mention into the `deals` table; returns the write and the deals."""
    return money_web.rebuild_deals(lake)


@task(name="detect", **TASK_DEFAULTS)
def detect_loops(lake: Lake, options: DetectOptions,
                 deals: pl.DataFrame | None = None) -> tuple[WriteResult, list[Loop]]:
    """Find the loops of the deals and write the `cycles` table; returns the write and the
    loops."""
    return money_web.rebuild_cycles(lake, options, deals)


def build_money_web(lake: Lake, options: DetectOptions) -> money_web.MoneyWeb:
    """The deals then the detect task; the counts, new deals, loop lines and report."""
    previous = set(lake.read("deals", columns=["deal_id"])["deal_id"].to_list())
    deal_write, deals = build_deals(lake)
    cycle_write, loops = detect_loops(lake, options, deals)
    web = money_web.MoneyWeb.of(deal_write, deals.height, cycle_write, len(loops))
    return money_web.describe(web, lake, previous, deals, loops)


def money_web_stages(lake: Lake, options: DetectOptions) -> money_web.MoneyWeb | None:
    """`build_money_web` as the end of an ingest run: a failure is logged and gives None (the
    run's own results are already written, and the next run rebuilds both tables)."""
    try:
        return build_money_web(lake, options)
    except Exception as exc:  # noqa: BLE001 - the run's ingest results stand; say what failed
        logging.getLogger(__name__).error("deals/detect failed: %s: %s",
                                          type(exc).__name__, exc)
        return None


def publish(flow: str, sources: list[dict[str, Any]],
            web: money_web.MoneyWeb | None) -> None:
    """The run's artifacts in the Prefect UI (flows.run_artifacts)."""
    from flows.run_artifacts import publish_run

    publish_run(flow, sources, web.new_deals if web else (), web.loop_lines if web else (),
                web.report if web else None)


def web_summary(web: money_web.MoneyWeb | None) -> dict[str, Any]:
    """The run summary's deals and loops: counts, the loops as lines (best first) and the
    report's path (None when the stages failed or the storage root is not local)."""
    if web is None:
        return {"deals": None, "loops": None, "loop_lines": [], "report": None}
    return {"deals": web.deals, "deals_changed": web.deals_changed, "loops": web.loops,
            "loops_changed": web.loops_changed, "loop_lines": list(web.loop_lines),
            "report": str(web.report) if web.report else None}
