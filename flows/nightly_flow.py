"""The nightly flow: every enabled source, from its watermark to now.

Wiring only. Per source: discover -> plan (skip what is done) -> fetch -> store raw -> parse ->
write -> quarantine; then, over the whole lake, deals -> detect (loops) -> exports. A source
that fails is recorded as failed in `runs` and the others go on.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Executor
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from extract.connectors import SourceBroken, SourceUnavailable
from flows import pipeline_tasks as t
from flows import redaction
from flows import reprocess_pool as pool
from flows.app_settings import Settings, SourceName, load_settings
from flows.run_artifacts import as_flow_state, nightly_run_name
from flows.runtime import Runtime, build_runtime, selected_sources
from flows.stages import by_source, quarantine_item, watermark_after_cap
from flows.writer_lock import writer_lock
from load.quarantine import QuarantineItem
from load.runs import SourceResult, watermarks
from records import FetchOutcome, RawRef, Ref

FLOW_NAME = "circularity-nightly"
# Fetched bodies are stored (raw store and raw_documents) this many at a time.
FETCH_BATCH = 25
# Starts the error of a source the per-run cap cut short (the rest waits for the next run).
CAP_MARKER = "per-run cap:"


def _retrying(task_obj: Any, settings: Settings) -> Any:
    return task_obj.with_options(
        retries=settings.task_retries, retry_delay_seconds=settings.task_retry_delay_seconds
    )


def ingest_source(rt: Runtime, name: str, since: datetime | None,
                  until: datetime | None = None,
                  executor: Executor | None = None) -> SourceResult:
    """Run one source through every stage; raises when the source cannot run at all.

    With `executor` (a Dask cluster, `flows.cluster`), parsing and extraction run there, each
    batch a task run of its own; otherwise in a task here (worker processes when worth it).

    Refs the source hands over to another enabled source (links in posts) are fetched with
    that source's hosts and headers and stored and parsed as that source's items.
    """
    settings, lake = rt.settings, rt.lake
    connector = rt.connectors[name]
    now = datetime.now(UTC)
    try:
        # Not retried here: the HTTP client already retried each request (one retry layer per
        # kind of failure); a source that cannot discover now is tried again on the next run.
        discovery = t.discover(connector, rt.client, since, until)
    except (SourceUnavailable, SourceBroken) as exc:
        t.record_quarantine(lake, [
            quarantine_item(name, url, "discover", err, now) for url, err in exc.failures
        ])
        raise
    # Discovery went through: earlier discovery failures it did not repeat are over.
    t.resolve_discovery(lake, name, [url for url, _ in discovery.failures], now)
    handed = [r for r in discovery.handoffs if r.source in rt.connectors]
    outcomes: list[FetchOutcome] = []
    inputs: list[RawRef] = []
    fetch_failures: list[QuarantineItem] = []
    left: list[Ref] = []

    def keep(fetched: list[FetchOutcome]) -> None:
        # Stored batch by batch: a run killed while fetching keeps what it already fetched.
        # Only references are kept afterwards: bodies are read back from the raw store a
        # batch at a time for parsing, so memory does not grow with the number of items.
        stored, failed = _retrying(t.store_raw, settings)(lake, rt.raw_store, fetched, now)
        outcomes.extend(o.without_body() for o in fetched)
        inputs.extend(RawRef(i.source, i.url, i.raw_id, i.published_hint) for i in stored)
        fetch_failures.extend(failed)

    for source, group in by_source([*discovery.refs, *handed]).items():
        plan = t.plan_fetch(
            lake, source, group, settings.source(source).max_items_per_run,
            settings.max_fetch_attempts, include_retries=source == name,
        )
        if source == name:
            left = plan.left
        for start in range(0, len(plan.refs), FETCH_BATCH):
            keep(t.fetch(rt.client, rt.connectors[source], plan.refs[start:start + FETCH_BATCH],
                         plan.stored))
    if discovery.prefetched:
        keep([FetchOutcome(ref, response=resp) for ref, resp in discovery.prefetched])
    budget, workers = settings.extract_budget_seconds or None, pool.worker_count(settings.workers)
    parsed = (t.parse_and_extract(lake, inputs, now, budget, workers) if executor is None else
              pool.compute_all(lake, inputs, seen_at=now, budget_seconds=budget,
                               workers=workers, executor=executor))
    documents, mentions = parsed.documents, parsed.mentions
    parse_failures, extract_failures = parsed.parse_items, parsed.extract_items
    # Mentions before documents: a document row marks its URL done (see flows.stages).
    _retrying(t.write_extracted, settings)(lake, documents, mentions, parsed.extracted)
    discovery_failures = [
        quarantine_item(name, url, "discover", err, now) for url, err in discovery.failures
    ]
    failures = discovery_failures + fetch_failures + parse_failures + extract_failures
    _retrying(t.record_quarantine, settings)(lake, failures)
    t.resolve_quarantine(lake, outcomes, inputs, failures, now)
    # The per-run cap left new items: the watermark stops before them and the source is
    # partial, so the next run (or backfill window) picks them up; nothing is lost.
    capped = f"{CAP_MARKER} {len(left)} new item(s) left for the next run" if left else None
    return SourceResult(
        source=name,
        status="partial" if failures or left else "ok",
        error=capped,
        discovered=len(discovery.refs) + len(discovery.prefetched) + len(handed),
        fetched=sum(1 for o in outcomes if o.error is None and not o.not_modified),
        not_modified=sum(1 for o in outcomes if o.not_modified),
        documents=len(documents),
        mentions=len(mentions),
        quarantined=len(failures),
        watermark=watermark_after_cap(discovery.watermark, left),
    )


@flow(name=FLOW_NAME, log_prints=False, flow_run_name=nightly_run_name)
def nightly(sources: list[SourceName] | None = None) -> dict[str, Any]:
    """Ingest every enabled source (or the listed ones) from its watermark to now.

    Returns the run summary: run id, status and one result per source.
    """
    settings = load_settings()
    redaction.install(settings.secret_values())
    with writer_lock(settings, FLOW_NAME):
        logger = get_run_logger()
        rt = build_runtime(settings)
        run_id = str(flow_run.get_id() or uuid.uuid4())
        parameters = {"sources": sources}
        started = datetime.now(UTC)
        t.close_interrupted_runs(rt.lake, started)
        t.start_run(rt.lake, run_id, FLOW_NAME, parameters, started)
        marks = watermarks(rt.lake)
        results: list[SourceResult] = []
        try:
            for name in selected_sources(settings, list(sources) if sources else None):
                if name in rt.skipped:
                    logger.info("source %s skipped: %s", name, rt.skipped[name])
                    results.append(SourceResult(source=name, status="skipped",
                                                error=rt.skipped[name]))
                    continue
                if name not in rt.connectors:
                    results.append(SourceResult(source=name, status="skipped",
                                                error="disabled in settings"))
                    continue
                try:
                    results.append(ingest_source(rt, name, marks.get(name)))
                except Exception as exc:  # noqa: BLE001 - one source failing never stops the others
                    message = f"{type(exc).__name__}: {exc}"
                    logger.error("source %s failed: %s", name, message)
                    results.append(SourceResult(source=name, status="failed", error=message,
                                                quarantined=len(getattr(exc, "failures", []))))
        finally:
            rt.close()
        web = t.money_web_stages(rt.lake, settings.detect.options())
        status = t.finish_run(rt.lake, run_id, FLOW_NAME, parameters, started,
                              datetime.now(UTC), results, web)
        if status != "failed":
            t.export_snapshots(rt.lake)
        t.publish("nightly", [asdict(r) for r in results], web)
        logging.getLogger(__name__).info("run %s finished: %s", run_id, status)
        summary = {"run_id": run_id, "status": status,
                   "sources": [asdict(r) for r in results], **t.web_summary(web)}
        # Prefect's state says what `runs` says: a run in which every source failed is Failed
        # (its result is still the summary: `nightly(return_state=True).result(False)`).
        return as_flow_state(summary)
