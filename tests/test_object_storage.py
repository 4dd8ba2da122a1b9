"""The whole nightly flow on an S3 storage root: a real S3-compatible server (moto's server
mode) on loopback, every table, the raw store and the exports in the bucket; the logical tables
equal a run on a local folder, and Polars reads them straight from the bucket."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from pytest_httpserver import HTTPServer

from flows.nightly_flow import nightly
from load.lake import Lake
from load.schemas import TABLES
from tests.flow_env import apply_env, flow_env
from tests.sites import serve_site
from tests.test_reprocess_flow import ARTICLES

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

pytestmark = pytest.mark.usefixtures("prefect_harness")
SECRET = "s3cr3t-never-logged-0123456789"
# Stamped with the time of the run, so they differ between two runs by design.
RUN_TIME = {"fetched_at", "first_seen_at", "last_seen_at", "resolved_at"}


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A moto S3 server on loopback with an empty bucket `lake`; AWS variables point at it."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for key, value in {"AWS_ACCESS_KEY_ID": "circularity-test", "AWS_SECRET_ACCESS_KEY": SECRET,
                       "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
                       "AWS_ENDPOINT_URL": endpoint, "AWS_ALLOW_HTTP": "true"}.items():
        monkeypatch.setenv(key, value)
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="lake")
    try:
        yield endpoint
    finally:
        server.stop()


def logical(lake: Lake) -> dict[str, list[dict]]:
    """Every table but runs, sorted by key, without the columns stamped with the run's time."""
    out = {}
    for name in TABLES:
        if name == "runs":
            continue
        rows = lake.read(name).sort(list(TABLES[name].key)).to_dicts()
        out[name] = [{k: v for k, v in row.items() if k not in RUN_TIME} for row in rows]
    return out


def test_the_nightly_flow_on_s3_writes_the_tables_of_a_local_run(
        loopback_server: HTTPServer, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    feeds = serve_site(loopback_server, ARTICLES)
    options = {"AWS_ENDPOINT_URL": s3_endpoint, "AWS_ALLOW_HTTP": "true"}
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, feeds))
    local_run = nightly()
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", "s3://lake/circularity")
    monkeypatch.setenv("CIRCULARITY_STORAGE_OPTIONS", json.dumps(options))
    s3_run = nightly()
    assert s3_run["status"] == local_run["status"] == "ok"
    assert (s3_run["deals"], s3_run["loops"]) == (local_run["deals"], local_run["loops"]) == (3, 1)

    on_s3 = Lake("s3://lake/circularity", options)
    expected = logical(Lake(str(tmp_path / "data")))
    assert logical(on_s3) == expected
    assert len(expected["documents"]) == len(ARTICLES)

    # Straight from the bucket with Polars, no project code in between.
    deals = pl.read_delta("s3://lake/circularity/tables/deals", storage_options=options)
    assert sorted(deals["deal_id"].to_list()) == sorted(d["deal_id"] for d in expected["deals"])
    exported = pl.read_parquet("s3://lake/circularity/exports/cycles.parquet",
                               storage_options=options)
    assert exported.height == 1

    # DuckDB reads the bucket too: the deals table's live files (as the Delta log lists them)
    # and the cycles export, through an fsspec view of pyarrow's S3 filesystem.
    import duckdb
    import pyarrow.fs as pafs
    from deltalake import DeltaTable
    from fsspec.implementations.arrow import ArrowFSWrapper

    class S3Files(ArrowFSWrapper):
        protocol = ("s3",)

    con = duckdb.connect()
    con.register_filesystem(S3Files(pafs.S3FileSystem(endpoint_override=s3_endpoint,
                                                      scheme="http")))
    live = DeltaTable("s3://lake/circularity/tables/deals", storage_options=options).file_uris()
    ids = con.execute("SELECT deal_id FROM read_parquet(?) ORDER BY deal_id", [live]).fetchall()
    assert [row[0] for row in ids] == sorted(d["deal_id"] for d in expected["deals"])
    assert con.execute("SELECT count(*) FROM 's3://lake/circularity/exports/cycles.parquet'"
                       ).fetchall() == [(1,)]

    keys = [o["Key"] for page in boto3.client("s3", endpoint_url=s3_endpoint)
            .get_paginator("list_objects_v2").paginate(Bucket="lake")
            for o in page.get("Contents", [])]
    blobs = [k for k in keys if k.startswith("circularity/raw/")]
    assert len(blobs) == len(ARTICLES) and all(k.endswith(".gz") for k in blobs)
    assert not [k for k in keys if k.endswith("/") or ".tmp" in k]  # no markers, no temp names
    assert "circularity/raw/" in caplog.text or caplog.records  # the runs were logged...
    assert SECRET not in caplog.text  # ...and the credentials never were
