"""The backfill flow: ingest a past date window, in chunks, resumably.

Wiring only. Sources whose discovery can look back over dates (every one of the four today) are
walked window by window; a source without history is skipped with the reason.
Each finished window is a `runs` row with a deterministic id (source + window), so a backfill
that is stopped and started again skips the windows already done, and an overlapping backfill
adds nothing twice (merges on deterministic keys). Backfills never move the nightly watermarks.
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows import pipeline_tasks as t
from flows import redaction
from flows.app_settings import SourceName, load_settings
from flows.cluster import cluster_executor
from flows.nightly_flow import CAP_MARKER, ingest_source
from flows.reprocess_pool import worker_count
from flows.run_artifacts import Progress, as_flow_state, backfill_run_name
from flows.runtime import build_runtime, selected_sources
from flows.writer_lock import writer_lock
from load.runs import SourceResult, completed_runs
from records.ids import stable_id

FLOW_NAME = "circularity-backfill"
WINDOW_FLOW = "circularity-backfill-window"


def windows(start: date, end: date, days: int) -> list[tuple[date, date]]:
    """Consecutive inclusive windows of at most `days` days covering start..end."""
    if end < start:
        raise ValueError(f"backfill end {end} is before its start {start}")
    if days < 1:
        raise ValueError("chunk_days must be at least 1")
    out, cursor = [], start
    while cursor <= end:
        last = min(cursor + timedelta(days=days - 1), end)
        out.append((cursor, last))
        cursor = last + timedelta(days=1)
    return out


def window_run_id(source: str, first: date, last: date) -> str:
    """The deterministic run id of one source's window."""
    return stable_id("backfill", source, first.isoformat(), last.isoformat())


@flow(name=FLOW_NAME, flow_run_name=backfill_run_name)
def backfill(start: date, end: date, sources: list[SourceName] | None = None,
             chunk_days: int = 7) -> dict[str, Any]:
    """Ingest [start, end] (UTC days, inclusive) for the sources that keep history."""
    spans = windows(start, end, chunk_days)  # bad parameters fail before anything is written
    settings = load_settings()
    redaction.install(settings.secret_values())
    with writer_lock(settings, FLOW_NAME):
        logger = get_run_logger()
        rt = build_runtime(settings)
        run_id = str(flow_run.get_id() or uuid.uuid4())
        parameters = {"start": start.isoformat(), "end": end.isoformat(), "sources": sources,
                      "chunk_days": chunk_days}
        started = datetime.now(UTC)
        t.close_interrupted_runs(rt.lake, started)
        t.start_run(rt.lake, run_id, FLOW_NAME, parameters, started)
        results: list[SourceResult] = []
        chosen = selected_sources(settings, list(sources) if sources else None)
        progress = Progress("backfill-progress",
                            f"{len(spans)} window(s) x {len(chosen)} source(s)")
        done_windows, total_windows = 0, len(spans) * len(chosen)
        cluster = ExitStack()  # a Dask cluster for parsing and extraction, when configured
        try:
            executor = cluster.enter_context(cluster_executor(
                settings.dask_address, worker_count(settings.workers)))
            for name in chosen:
                connector = rt.connectors.get(name)
                if connector is None:
                    reason = rt.skipped.get(name, "disabled in settings")
                    results.append(SourceResult(source=name, status="skipped", error=reason))
                    continue
                if not connector.has_history:
                    results.append(SourceResult(source=name, status="skipped",
                                                error="it cannot look back over dates"))
                    continue
                ids = {window_run_id(name, a, b): (a, b) for a, b in spans}
                done = completed_runs(rt.lake, list(ids))
                total = SourceResult(source=name, status="ok")
                for window_id, (first, last) in ids.items():
                    done_windows += 1
                    progress.update(done_windows, total_windows)
                    if window_id in done:
                        logger.info("%s %s..%s already done", name, first, last)
                        continue
                    since = datetime.combine(first, time.min, UTC)
                    until = datetime.combine(last + timedelta(days=1), time.min, UTC)
                    window_parameters = {"source": name, "start": first.isoformat(),
                                         "end": last.isoformat()}
                    window_started = datetime.now(UTC)
                    t.start_run(rt.lake, window_id, WINDOW_FLOW, window_parameters, window_started)
                    try:
                        result = replace(ingest_source(rt, name, since, until, executor),
                                         watermark=None)
                    except Exception as exc:  # noqa: BLE001 - one window failing: record, go on
                        result = SourceResult(source=name, status="failed",
                                              error=f"{type(exc).__name__}: {exc}")
                        logger.error("%s %s..%s failed: %s", name, first, last, result.error)
                    # A window the per-run cap cut short is recorded "capped", not done: the next
                    # backfill over it fetches what was left.
                    capped = bool(result.error and result.error.startswith(CAP_MARKER))
                    t.finish_run(rt.lake, window_id, WINDOW_FLOW, window_parameters, window_started,
                                 datetime.now(UTC), [result], status="capped" if capped else None)
                    total = _add(total, result)
                results.append(total)
        finally:
            cluster.close()
            rt.close()
        web = t.money_web_stages(rt.lake, settings.detect.options())
        status = t.finish_run(rt.lake, run_id, FLOW_NAME, parameters, started, datetime.now(UTC),
                              results, web)
        if status != "failed":
            t.export_snapshots(rt.lake)
        t.publish("backfill", [asdict(r) for r in results], web)
        return as_flow_state({"run_id": run_id, "status": status, "windows": len(spans),
                              "sources": [asdict(r) for r in results], **t.web_summary(web)})


def _add(total: SourceResult, part: SourceResult) -> SourceResult:
    worst = {"ok": 0, "partial": 1, "failed": 2}
    status = max(total.status, part.status, key=lambda s: worst.get(s, 0))
    if total.status == "ok" and part.status == "failed":
        status = "partial"
    return replace(
        total, status=status, discovered=total.discovered + part.discovered,
        fetched=total.fetched + part.fetched, not_modified=total.not_modified + part.not_modified,
        documents=total.documents + part.documents, mentions=total.mentions + part.mentions,
        quarantined=total.quarantined + part.quarantined, error=part.error or total.error,
    )
