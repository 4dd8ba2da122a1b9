"""The runs table: one row per pipeline run, with per-source counts and watermarks.

A run writes its row when it starts (status "running") and again when it ends, so a run that
was killed shows up as one that never finished. Each source's watermark is read back from the
latest run in which that source completed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl

from load.lake import Lake

SOURCE_STATUSES = ("ok", "partial", "failed", "skipped")


@dataclass(frozen=True)
class SourceResult:
    """What one source did in a run. `watermark` is where the next run starts from."""

    source: str
    status: str
    discovered: int = 0
    fetched: int = 0
    not_modified: int = 0
    documents: int = 0
    mentions: int = 0
    quarantined: int = 0
    watermark: datetime | None = None
    error: str | None = None


def _row(
    run_id: str,
    flow: str,
    parameters: dict[str, Any],
    started_at: datetime,
    finished_at: datetime | None,
    status: str,
    sources: list[SourceResult],
    deals: int | None = None,
    loops: int | None = None,
) -> dict[str, Any]:
    for result in sources:
        if result.status not in SOURCE_STATUSES:
            raise ValueError(f"unknown source status {result.status!r}")
    return {
        "run_id": run_id,
        "flow": flow,
        "parameters": json.dumps(parameters, sort_keys=True, default=str),
        "started_at": started_at,
        "finished_at": finished_at,
        "status": status,
        "sources": [asdict(r) for r in sources],
        "deals": deals,
        "loops": loops,
    }


def start_run(
    lake: Lake, run_id: str, flow: str, parameters: dict[str, Any], started_at: datetime
) -> None:
    """Record that a run started."""
    lake.upsert("runs", [_row(run_id, flow, parameters, started_at, None, "running", [])])


def finish_run(
    lake: Lake,
    run_id: str,
    flow: str,
    parameters: dict[str, Any],
    started_at: datetime,
    finished_at: datetime,
    sources: list[SourceResult],
    *,
    deals: int | None = None,
    loops: int | None = None,
    status: str | None = None,
) -> str:
    """Record a run's end, per-source results and the deals and loops found; returns the
    run status.

    The run is "ok" when every source is ok or skipped, "failed" when every source that ran
    failed, otherwise "partial".
    """
    ran = [r for r in sources if r.status != "skipped"]
    if status is not None:
        pass  # the caller knows better ("capped": work left, the window is not done)
    elif all(r.status == "ok" for r in ran):
        status = "ok"
    elif ran and all(r.status == "failed" for r in ran):
        status = "failed"
    else:
        status = "partial"
    lake.upsert("runs", [_row(run_id, flow, parameters, started_at, finished_at, status, sources,
                              deals, loops)])
    return status


def close_interrupted(lake: Lake, at: datetime) -> int:
    """Rows still `running` become `interrupted`, finished at `at`; returns how many. Only
    sound while holding the storage root's writer lock (no run can be in progress)."""
    if not lake.exists("runs"):
        return 0
    stamp = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return lake.update_where("runs", "status = 'running'", {
        "status": "'interrupted'", "finished_at": f"CAST('{stamp}' AS TIMESTAMP)"})


def watermarks(lake: Lake) -> dict[str, datetime]:
    """Per source, the latest watermark of a run in which the source was ok or partial."""
    runs = lake.read("runs", columns=["started_at", "sources"])
    if runs.is_empty():
        return {}
    flat = (
        runs.explode("sources")
        .drop_nulls("sources")
        .unnest("sources")
        .filter(pl.col("status").is_in(["ok", "partial"]) & pl.col("watermark").is_not_null())
    )
    if flat.is_empty():
        return {}
    latest = flat.group_by("source").agg(pl.col("watermark").max())
    return dict(zip(latest["source"].to_list(), latest["watermark"].to_list(), strict=True))


def last_run(lake: Lake) -> dict[str, Any] | None:
    """The most recently started run as a dict, or None."""
    runs = lake.read("runs")
    if runs.is_empty():
        return None
    return runs.sort("started_at", descending=True).row(0, named=True)


def completed_runs(lake: Lake, run_ids: list[str]) -> set[str]:
    """The ids among `run_ids` of runs that finished ok or partial (work done)."""
    if not run_ids:
        return set()
    runs = lake.read("runs", columns=["run_id", "status"])
    done = runs.filter(pl.col("run_id").is_in(run_ids) & pl.col("status").is_in(["ok", "partial"]))
    return set(done["run_id"].to_list())
