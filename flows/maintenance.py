"""Table maintenance: compact small files, vacuum old ones, checkpoint the logs.

Every run adds small Parquet files and log entries; merges leave superseded files behind.
`maintain_lake` compacts each table, deletes the files no version younger than the retention
needs (`CIRCULARITY_RETENTION_HOURS`, default 168: a week of time travel), and checkpoints the
log. It holds the storage root's writer lock, like every writer. The `maintain` flow is that
call for the `maintain` deployment (weekly, `CIRCULARITY_MAINTAIN_CRON`); `circularity
maintain` runs it from a terminal without Prefect.
"""

from __future__ import annotations

import logging
from typing import Any

from prefect import flow, task

from flows import redaction
from flows.app_settings import Settings, load_settings
from flows.runtime import build_lake
from flows.writer_lock import writer_lock
from load.lake import Lake
from load.schemas import TABLES

FLOW_NAME = "circularity-maintain"
log = logging.getLogger(__name__)


def maintain_lake(lake: Lake, retention_hours: int) -> dict[str, dict[str, int]]:
    """Compact, vacuum and checkpoint every table; per table, the files added by compaction,
    the files it replaced and the files deleted from storage."""
    done = {}
    for name in TABLES:
        done[name] = lake.maintain(name, retention_hours)
        log.info("maintained %s: %s", name, done[name])
    return done


def maintain_storage(settings: Settings, retention_hours: int | None = None,
                     ) -> dict[str, dict[str, int]]:
    """`maintain_lake` on the configured storage root, under its writer lock."""
    with writer_lock(settings, FLOW_NAME):
        hours = settings.retention_hours if retention_hours is None else retention_hours
        return maintain_lake(build_lake(settings), hours)


@task(name="maintain-tables")
def maintain_tables(settings: Settings, retention_hours: int | None) -> dict[str, Any]:
    """Compact, vacuum and checkpoint every table of the storage root."""
    return maintain_storage(settings, retention_hours)


@flow(name=FLOW_NAME)
def maintain(retention_hours: int | None = None) -> dict[str, Any]:
    """Compact every table, delete files older versions needed beyond `retention_hours`
    (default: the setting), checkpoint the logs."""
    settings = load_settings()
    redaction.install(settings.secret_values())
    return {"tables": maintain_tables(settings, retention_hours)}
