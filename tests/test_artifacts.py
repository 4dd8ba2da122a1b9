"""The Prefect UI's view of a run: the nightly deployment run by a runner on a real Prefect
server (the harness's, on loopback), its artifacts read back through the Prefect client."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.deployments import build_deployments
from tests.flow_env import apply_env, flow_env
from tests.sites import Article, serve_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

ARTICLES = [Article("nvidia-openai", "Nvidia to invest up to $100 billion in OpenAI",
                    datetime(2025, 9, 22, 16, tzinfo=UTC),
                    ["Nvidia will invest up to $100 billion in OpenAI, which will deploy "
                     "Nvidia systems."])]


async def _run_nightly_deployment(deployments: list) -> tuple[str, dict[str, object]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    runner = Runner(name="test-runner", query_seconds=1)
    for deployment in deployments:
        await runner.aadd_deployment(deployment)
    scheduled = await run_deployment("circularity-nightly/nightly", timeout=0)
    await runner.start(run_once=True)
    async with get_client() as client:
        flow_run = await client.read_flow_run(scheduled.id)
        artifacts = await client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[scheduled.id])))
    return flow_run.name + "|" + flow_run.state.type.value, {a.key: a for a in artifacts}


def test_the_nightly_deployment_publishes_readable_artifacts(
        loopback_server: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(loopback_server, ARTICLES)))
    deployments = build_deployments(load_settings())  # outside the event loop: sync API
    name_state, artifacts = asyncio.run(_run_nightly_deployment(deployments))
    name, state = name_state.split("|")
    assert name == f"nightly-{datetime.now(UTC):%Y-%m-%d}" and state == "COMPLETED"
    assert {"nightly-sources", "nightly-new-deals", "nightly-loops"} <= set(artifacts)
    assert artifacts["nightly-sources"].type == "table"
    assert '"cnbc"' in str(artifacts["nightly-sources"].data)
    assert "Nvidia" in str(artifacts["nightly-new-deals"].data)
    loops = str(artifacts["nightly-loops"].data)
    assert "Nvidia → OpenAI" in loops and "report.html" in loops


@pytest.mark.filterwarnings("ignore:Artifact creation outside:FutureWarning")
def test_progress_draws_a_bar_only_when_the_cli_asks_for_one(monkeypatch) -> None:
    import io

    from rich.console import Console

    from flows import run_artifacts

    quiet = run_artifacts.Progress("reprocess-progress", "3 stored bodies")
    assert quiet._bar is None  # not on a terminal: no bar
    screen = io.StringIO()
    monkeypatch.setattr(run_artifacts, "console_bar",
                        Console(file=screen, force_terminal=True, width=80))
    progress = run_artifacts.Progress("reprocess-progress", "3 stored bodies")
    for done in (1, 2, 3):
        progress.update(done, 3)
    assert "3 stored bodies" in screen.getvalue() and "100%" in screen.getvalue()
