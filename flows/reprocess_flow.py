"""The reprocess flow: re-parse and re-extract everything in the raw store, no network.

Wiring only: the stored bodies are parsed and extracted in worker processes
(`flows.reprocess_pool`, `CIRCULARITY_WORKERS`, default every core) and written here chunk by
chunk, in order, through the nightly run's write path; the run is recorded in `runs` like any
other.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from prefect import flow, task
from prefect.runtime import flow_run

from flows import pipeline_tasks as t
from flows import redaction, stages
from flows import reprocess_pool as pool
from flows.app_settings import SourceName, load_settings
from flows.cluster import cluster_executor
from flows.run_artifacts import Progress, reprocess_run_name
from flows.runtime import build_lake
from flows.writer_lock import writer_lock
from load.lake import Lake
from load.runs import SourceResult

FLOW_NAME = "circularity-reprocess"


@task(name="write-chunk", **t.TASK_DEFAULTS)
def write_chunk(lake: Lake, computed: pool.Computed, seen_at: datetime) -> stages.ChunkResult:
    """Write one chunk of parsed and extracted bodies, and quarantine its failures."""
    return pool.write_computed(lake, computed, seen_at)


@task(name="drop-stale-mentions", **t.TASK_DEFAULTS)
def drop_stale_mentions(lake: Lake) -> int:
    """Remove mentions written by other extractor versions."""
    return stages.drop_stale_mentions(lake)


@flow(name=FLOW_NAME, flow_run_name=reprocess_run_name)
def reprocess(source: SourceName | None = None, chunk_size: int = 250) -> dict[str, Any]:
    """Re-parse every stored raw body (of one source, or all) and re-extract its deals."""
    settings = load_settings()
    redaction.install(settings.secret_values())
    with writer_lock(settings, FLOW_NAME):
        lake = build_lake(settings)
        run_id = str(flow_run.get_id() or uuid.uuid4())
        parameters = {"source": source, "chunk_size": chunk_size}
        started = datetime.now(UTC)
        t.close_interrupted_runs(lake, started)
        t.start_run(lake, run_id, FLOW_NAME, parameters, started)
        totals = {"raw": 0, "documents": 0, "mentions": 0, "failures": 0}
        refs = pool.raw_refs(lake, source)
        progress, done = Progress("reprocess-progress", f"{len(refs)} stored bodies"), 0
        workers = pool.worker_count(settings.workers)
        with cluster_executor(settings.dask_address, workers) as executor:
            for computed in pool.computed_chunks(
                    lake, refs, chunk_size=chunk_size, workers=workers, seen_at=started,
                    budget_seconds=settings.extract_budget_seconds or None, executor=executor):
                done += len(computed.refs)
                result = write_chunk(lake, computed, started)
                for key in totals:
                    totals[key] += getattr(result, key)
                progress.update(done, len(refs))
        deleted = drop_stale_mentions(lake)
        summary = SourceResult(source=source or "all",
                               status="partial" if totals["failures"] else "ok",
                               fetched=0, documents=totals["documents"],
                               mentions=totals["mentions"], quarantined=totals["failures"])
        web = t.money_web_stages(lake, settings.detect.options())
        status = t.finish_run(lake, run_id, FLOW_NAME, parameters, started, datetime.now(UTC),
                              [summary], web)
        if status != "failed" and web is not None:  # exports only from a run that succeeded
            t.export_snapshots(lake)
        t.publish("reprocess", [asdict(summary)], web)
        return {"run_id": run_id, "status": status, **totals, "stale_mentions_deleted": deleted,
                **t.web_summary(web)}
