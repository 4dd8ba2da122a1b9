"""Deployments: the nightly run and the weekly table maintenance on cron schedules; backfill,
reprocess and detect on demand.

`circularity serve` registers them with the Prefect server (PREFECT_API_URL, or a local one)
and serves them from this process, so they run on schedule and can be started from the UI
with typed parameters (dates for a backfill, a choice of sources).
"""

from __future__ import annotations

from typing import Any

from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from flows.app_settings import Settings
from flows.backfill_flow import backfill
from flows.detect_flow import detect
from flows.maintenance import maintain
from flows.nightly_flow import nightly
from flows.reprocess_flow import reprocess

TAGS = ["circularity"]
# Flows are found by module ("flows.nightly_flow:nightly"), not by a file path relative to the
# folder `serve` started in: a runner or worker anywhere with the package installed finds them.
# One run of a flow at a time per deployment (two writers on one lake wait their turn).
COMMON: dict[str, Any] = {"tags": TAGS, "entrypoint_type": EntrypointType.MODULE_PATH,
                          "concurrency_limit": 1}


def build_deployments(settings: Settings) -> list[Any]:
    """The runner deployments of every flow, configured from the settings."""
    return [
        nightly.to_deployment(
            name="nightly", schedule=Cron(settings.nightly_cron, timezone=settings.timezone),
            **COMMON, description="Every enabled source, from its watermark to now.",
        ),
        backfill.to_deployment(
            name="backfill", **COMMON,
            description="A past date window for the sources that keep history, in chunks.",
        ),
        reprocess.to_deployment(
            name="reprocess", **COMMON,
            description="Re-parse and re-extract everything in the raw store (no network).",
        ),
        detect.to_deployment(
            name="detect", **COMMON,
            description="Rebuild deals from the stored mentions and find the money loops "
                        "(max length, rumored deals, time order, since a date).",
        ),
        maintain.to_deployment(
            name="maintain", schedule=Cron(settings.maintain_cron, timezone=settings.timezone),
            **COMMON, description="Compact the tables, vacuum files older versions needed "
                                  "beyond the retention, checkpoint the logs.",
        ),
    ]


def serve(settings: Settings) -> None:
    """Register the deployments and run them from this process until stopped."""
    from prefect import serve as prefect_serve

    prefect_serve(*build_deployments(settings))
