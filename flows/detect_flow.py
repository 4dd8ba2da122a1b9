"""The detect flow: rebuild `deals` from the mentions and `cycles` from the deals, no network.

Wiring only: the deals and detect tasks every run ends with, run on their own with typed
parameters (for the Prefect UI's "detect" deployment); a parameter left empty takes the
setting (CIRCULARITY_DETECT__*). The run is recorded in `runs` and the exports refreshed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from prefect import flow
from prefect.runtime import flow_run

from flows import pipeline_tasks as t
from flows import redaction
from flows.app_settings import load_settings
from flows.run_artifacts import detect_run_name
from flows.runtime import build_lake
from flows.writer_lock import writer_lock

FLOW_NAME = "circularity-detect"


@flow(name=FLOW_NAME, flow_run_name=detect_run_name)
def detect(max_length: int | None = None, include_rumored: bool | None = None,
           time_ordered_only: bool | None = None, since: date | None = None,
           ) -> dict[str, Any]:
    """Rebuild deals and loops: loops of 2..max_length entities over announced deals (and
    rumored ones when asked), only time-ordered ones when asked, from deals first reported
    on or after `since`. Returns the counts and the loops (`loop_lines`, best first)."""
    settings = load_settings()
    redaction.install(settings.secret_values())
    with writer_lock(settings, FLOW_NAME):
        lake = build_lake(settings)
        options = settings.detect.options(max_length=max_length, include_rumored=include_rumored,
                                          time_ordered_only=time_ordered_only, since=since)
        run_id = str(flow_run.get_id() or uuid.uuid4())
        parameters = {"max_length": options.max_length, "include_rumored": options.include_rumored,
                      "time_ordered_only": options.time_ordered_only,
                      "since": since.isoformat() if since else None}
        started = datetime.now(UTC)
        t.close_interrupted_runs(lake, started)
        t.start_run(lake, run_id, FLOW_NAME, parameters, started)
        web = t.build_money_web(lake, options)  # a failure here fails the run: it is all
        status = t.finish_run(lake, run_id, FLOW_NAME, parameters, started, datetime.now(UTC),
                              [], web)
        t.export_snapshots(lake)
        t.publish("detect", [], web)
        return {"run_id": run_id, "status": status, **t.web_summary(web)}
