"""prefect.yaml deploys every flow to a process work pool; a worker runs a backfill triggered
through the API with typed parameters, and its rows land in the lake."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.runtime import build_lake
from tests.flow_env import edgar_env
from tests.four_sites import serve_edgar
from tests.test_backfill_and_serve import FILINGS

REPO = Path(__file__).resolve().parents[1]
PREFECT = [sys.executable, "-m", "prefect"]

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


def _run(command: list[str], env: dict[str, str], timeout: float = 180) -> str:
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_worker_runs_a_backfill_deployed_from_prefect_yaml(
        loopback_server: HTTPServer, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    base = serve_edgar(loopback_server, FILINGS)
    (tmp_path / "work").mkdir()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CIRCULARITY_")},
           **edgar_env(tmp_path, base, ["0001769628"]),
           "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(REPO)}
    _run([*PREFECT, "work-pool", "create", "circularity", "--type", "process", "--overwrite"],
         env)
    _run([*PREFECT, "work-queue", "create", "writers", "--pool", "circularity", "--limit", "1"],
         env)
    _run([*PREFECT, "--no-prompt", "deploy", "--all"], env)
    with get_client(sync_client=True) as client:
        names = {d.name for d in client.read_deployments()}
        assert {"nightly", "backfill", "reprocess", "detect", "maintain"} <= names
        deployment = client.read_deployment_by_name("circularity-backfill/backfill")
        assert deployment.work_queue_name == "writers"
        run = client.create_flow_run_from_deployment(deployment.id, parameters={
            "start": "2025-09-29", "end": "2025-10-03", "sources": ["edgar"]})
    _run([*PREFECT, "worker", "start", "--pool", "circularity", "--type", "process",
          "--run-once"], env, timeout=300)
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(run.id).state
    assert state is not None and state.is_completed(), state
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    documents = lake.read("documents")
    assert set(documents["source"].to_list()) == {"edgar"} and documents.height == 2
    windows = lake.read("runs")["parameters"].to_list()
    assert any(date(2025, 9, 29).isoformat() in (p or "") for p in windows)
