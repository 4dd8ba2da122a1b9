"""Reprocess on a Dask LocalCluster (two worker processes, through Prefect's Dask task runner)
writes the same tables as a serial reprocess in the flow's own process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.reprocess_flow import reprocess
from load.lake import Lake
from load.schemas import TABLES
from tests.flow_env import apply_env, flow_env
from tests.test_reprocess_pool import build_store

pytestmark = pytest.mark.usefixtures("prefect_harness")
RUN_TIME = {"first_seen_at", "last_seen_at", "resolved_at"}


def logical(lake: Lake) -> dict[str, list[dict]]:
    """Every table but runs, sorted by key, without the columns stamped with the run's time,
    the storage root made neutral in messages."""
    out = {}
    for name in TABLES:
        if name == "runs":
            continue
        rows = lake.read(name).sort(list(TABLES[name].key)).to_dicts()
        for row in rows:
            for column in RUN_TIME & set(row):
                row.pop(column)
            if isinstance(row.get("message"), str):
                row["message"] = row["message"].replace(lake.storage.root, "<root>")
        out[name] = rows
    return out


@pytest.mark.slow
def test_reprocess_on_a_local_dask_cluster_matches_a_serial_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_store(tmp_path / "serial")
    shutil.copytree(tmp_path / "serial", tmp_path / "dask")
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, []))
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "serial"))
    serial = reprocess(chunk_size=3)
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "dask"))
    monkeypatch.setenv("CIRCULARITY_DASK_ADDRESS", "local")
    monkeypatch.setenv("CIRCULARITY_WORKERS", "2")
    on_cluster = reprocess(chunk_size=3)
    for key in ("raw", "documents", "mentions", "failures"):
        assert on_cluster[key] == serial[key]
    assert serial["documents"] == 7 and serial["failures"] == 2
    expected = logical(Lake(str(tmp_path / "serial")))
    assert logical(Lake(str(tmp_path / "dask"))) == expected
    assert expected["deal_mentions"] and expected["deals"]
    # The batches ran as Prefect task runs on the cluster (3 chunks of 3 refs: 3 batches).
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        batches = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[on_cluster["run_id"]])))
    names = [run.name for run in batches if run.name.startswith("parse-and-extract-batch")]
    assert len(names) == 3


@pytest.mark.slow
def test_a_backfill_parses_on_the_cluster_and_matches_a_local_backfill(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loopback_server) -> None:
    from datetime import date

    from flows.backfill_flow import backfill
    from tests.flow_env import edgar_env
    from tests.four_sites import serve_edgar
    from tests.test_backfill_and_serve import FILINGS

    base = serve_edgar(loopback_server, FILINGS)
    apply_env(monkeypatch, tmp_path, edgar_env(tmp_path, base, ["0001769628"]))
    window = {"start": date(2025, 9, 29), "end": date(2025, 10, 3), "sources": ["edgar"]}
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "local"))
    local = backfill(**window)
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "dask"))
    monkeypatch.setenv("CIRCULARITY_DASK_ADDRESS", "local")
    monkeypatch.setenv("CIRCULARITY_WORKERS", "2")
    on_cluster = backfill(**window)
    assert [s["documents"] for s in on_cluster["sources"]] == [
        s["documents"] for s in local["sources"]] == [2]
    expected = logical(Lake(str(tmp_path / "local")))
    got = logical(Lake(str(tmp_path / "dask")))
    for name in ("documents", "deal_mentions", "entities", "deals", "cycles"):
        assert got[name] == expected[name], name
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[on_cluster["run_id"]])))
    assert any(run.name.startswith("parse-and-extract-batch") for run in runs)
