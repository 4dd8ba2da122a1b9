"""What a flow run shows in the Prefect UI: artifacts a person can read, and run names.

Every run publishes a table of per-source results, the deals that are new in this run, and the
loops found (as a Markdown list, linking to the HTML report when the storage root is a local
folder); backfill and reprocess also keep a progress artifact moving. Flow-run names say what
ran: `nightly-2026-12-04`, `backfill-cnbc-2025-09-01..2025-09-30`, `reprocess-all-2026-12-04`.

Artifacts are a view: a failure to publish one is logged and never fails the run.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.runtime import flow_run

log = logging.getLogger(__name__)

_SOURCE_COLUMNS = ("source", "status", "discovered", "fetched", "not_modified", "documents",
                   "mentions", "quarantined", "error")
_DEAL_COLUMNS = ("payer_name", "payee_name", "deal_type", "amount_usd", "status",
                 "first_reported_at", "n_documents", "n_sources", "evidence")


def today() -> str:
    """The UTC date of now, for run names."""
    return f"{datetime.now(UTC):%Y-%m-%d}"


def nightly_run_name() -> str:
    """`nightly-2026-12-04`."""
    return f"nightly-{today()}"


def backfill_run_name() -> str:
    """`backfill-cnbc-2025-09-01..2025-09-30` (sources joined by "+", "all" when none)."""
    params = flow_run.parameters or {}
    sources = "+".join(params.get("sources") or []) or "all"
    return f"backfill-{sources}-{params.get('start')}..{params.get('end')}"


def reprocess_run_name() -> str:
    """`reprocess-cnbc-2026-12-04` (or `reprocess-all-...`)."""
    return f"reprocess-{(flow_run.parameters or {}).get('source') or 'all'}-{today()}"


def detect_run_name() -> str:
    """`detect-2026-12-04`."""
    return f"detect-{today()}"


class RunFailed(Exception):
    """Every source that ran failed; `summary` is the run summary (as for any run)."""

    def __init__(self, summary: dict[str, Any]) -> None:
        failed = [s["source"] for s in summary.get("sources", [])
                  if s.get("status") == "failed"]
        super().__init__(f"every source that ran failed: {', '.join(failed) or 'none ran'}")
        self.summary = summary

    def __reduce__(self) -> tuple[type[RunFailed], tuple[dict[str, Any]]]:
        # Pickled (Prefect may persist the result) with its summary, not its message.
        return (RunFailed, (self.summary,))


def as_flow_state(summary: dict[str, Any]) -> Any:
    """The flow's return value: the summary, or a Failed state carrying it (as a RunFailed)
    when the run's status is "failed", so the Prefect UI shows what the `runs` table says;
    calling the flow directly then raises RunFailed, whose `summary` has the details."""
    if summary.get("status") != "failed":
        return summary
    from prefect.states import Failed

    error = RunFailed(summary)
    return Failed(message=str(error), data=error)


def final_summary(state: Any) -> dict[str, Any]:
    """The summary of a flow called with `return_state=True`, failed or not."""
    result = state.result(raise_on_failure=False)
    return result.summary if isinstance(result, RunFailed) else result


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, str) and len(value) > 300:
        return value[:299] + "…"
    return value


def publish_run(flow: str, sources: Sequence[Mapping[str, Any]],
                new_deals: Sequence[Mapping[str, Any]], loop_lines: Sequence[str],
                report: Path | None) -> None:
    """The run's artifacts: per-source results, new deals, loops (keys `<flow>-sources`,
    `<flow>-new-deals`, `<flow>-loops`)."""
    try:
        if sources:
            create_table_artifact(
                [{k: _cell(s.get(k)) for k in _SOURCE_COLUMNS} for s in sources],
                key=f"{flow}-sources", description="What each source did in this run")
        create_table_artifact(
            [{k: _cell(d.get(k)) for k in _DEAL_COLUMNS} for d in new_deals] or
            [{"deals": "no new deal in this run"}],
            key=f"{flow}-new-deals", description=f"{len(new_deals)} deal(s) new in this run")
        lines = [f"1. {line}" for line in loop_lines] or ["No loop among the deals."]
        link = f"\n\n[The money web: report]({report.resolve().as_uri()})" if report else ""
        create_markdown_artifact(f"## Loops ({len(loop_lines)})\n\n" + "\n".join(lines) + link,
                                 key=f"{flow}-loops", description="Money loops, best first")
    except Exception as exc:  # noqa: BLE001 - a view must never fail the run it describes
        log.warning("could not publish the run's artifacts: %s: %s", type(exc).__name__, exc)


# Set by the CLI when it runs on a terminal: progress is then also drawn as a bar there
# (a rich.console.Console to draw on, None: no bar, as under cron or in a pipe).
console_bar: Any = None


class Progress:
    """A progress artifact that moves as work is done (0 to 100 %), and a bar on the terminal
    when the CLI asked for one (`console_bar`)."""

    def __init__(self, key: str, description: str) -> None:
        self._id: UUID | None = None
        self._bar: Any = None
        try:
            self._id = create_progress_artifact(0.0, key=key, description=description)
        except Exception as exc:  # noqa: BLE001 - progress is a view
            log.warning("no progress artifact: %s: %s", type(exc).__name__, exc)
        if console_bar is not None:
            from rich.progress import Progress as Bar

            self._bar = Bar(console=console_bar, transient=False)
            self._task = self._bar.add_task(description, total=100.0)
            self._bar.start()

    def update(self, done: float, total: float) -> None:
        """Set the progress to done / total."""
        if total <= 0:
            return
        percent = min(100.0, 100.0 * done / total)
        if self._bar is not None:
            self._bar.update(self._task, completed=percent)
            if percent >= 100.0:
                self._bar.stop()
        if self._id is None:
            return
        try:
            update_progress_artifact(self._id, percent)
        except Exception as exc:  # noqa: BLE001 - progress is a view
            log.warning("progress not updated: %s: %s", type(exc).__name__, exc)
