"""The nightly flow with all four sources, each on its own loopback server.

One run lands documents and deal mentions from every source. A second scenario stops the EDGAR
server in the middle of a run: the other three sources complete, the failure is recorded in
`runs` and `quarantine`, and the next run (server back) catches up with no duplicates.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.app_settings import load_settings
from flows.nightly_flow import nightly
from flows.runtime import build_lake
from load.lake import Lake
from tests.conftest import start_loopback_server, stop_loopback_server
from tests.flow_env import apply_env, flow_env
from tests.four_sites import (
    Filing,
    InfoArticle,
    bluesky_post,
    serve_bluesky,
    serve_edgar,
    serve_the_information,
)
from tests.sites import Article, serve_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

CNBC = [Article("oracle-openai", "OpenAI signs $300 billion compute deal with Oracle",
                datetime(2025, 9, 10, 20, tzinfo=UTC),
                ["OpenAI agreed to buy $300 billion of computing power from Oracle over about"
                 " five years."])]
INFO = [InfoArticle("microsoft-nscale", "Microsoft's Nscale Deal", datetime(2025, 10, 15,
                    tzinfo=UTC), "Microsoft will pay Nscale up to $24 billion for GPU capacity"
                    " in Texas and Norway.")]
HANDLE = "dealwatch.test"
POSTS = [bluesky_post(HANDLE, "3k1", "nvidia puts $2B into xai, and xai buys nvidia gpus.",
                      datetime(2025, 10, 7, 12, tzinfo=UTC))]
FILINGS = [Filing("0001769628", "CoreWeave, Inc.", "0001769628-25-000045", "2025-09-30",
                  "On September 30, 2025, CoreWeave, Inc. (the \"Company\") entered into an Order"
                  " Form with Meta Platforms, Inc., pursuant to which Meta committed to purchase"
                  " cloud computing capacity from the Company for approximately $14.2 billion.")]
EXPECTED_FLOWS = {  # every flow each source's documents state, and nothing else
    "cnbc": {("openai", "oracle", "compute_contract")},
    "the_information": {("microsoft", "nscale", "compute_contract")},
    "bluesky": {("nvidia", "xai", "equity_investment"), ("xai", "nvidia", "purchase")},
    "edgar": {("meta", "coreweave", "compute_contract")},
}


@pytest.fixture
def servers() -> Iterator[dict[str, HTTPServer]]:
    started = {name: start_loopback_server() for name in EXPECTED_FLOWS}
    yield started
    for server in started.values():
        stop_loopback_server(server)


def four_source_env(tmp_path: Path, servers: dict[str, HTTPServer]) -> dict[str, str]:
    loopback = json.dumps(["127.0.0.1"])
    info_feed = serve_the_information(servers["the_information"], INFO)
    appview = serve_bluesky(servers["bluesky"], HANDLE, POSTS)
    edgar = serve_edgar(servers["edgar"], FILINGS)
    return flow_env(
        tmp_path, serve_site(servers["cnbc"], CNBC),
        CIRCULARITY_HTTP__CONTACT_EMAIL="pipeline@example.org",
        CIRCULARITY_THE_INFORMATION__ENABLED="true",
        CIRCULARITY_THE_INFORMATION__FEED=info_feed,
        CIRCULARITY_THE_INFORMATION__ALLOWED_HOSTS=loopback,
        CIRCULARITY_BLUESKY__ENABLED="true",
        CIRCULARITY_BLUESKY__APPVIEW_URL=appview, CIRCULARITY_BLUESKY__PDS_URL=appview,
        CIRCULARITY_BLUESKY__AUTHORS=json.dumps([HANDLE]),
        CIRCULARITY_BLUESKY__QUERIES="[]",
        CIRCULARITY_BLUESKY__ALLOWED_HOSTS=loopback,
        CIRCULARITY_EDGAR__ENABLED="true",
        CIRCULARITY_EDGAR__DATA_URL=edgar, CIRCULARITY_EDGAR__EFTS_URL=edgar,
        CIRCULARITY_EDGAR__ARCHIVES_URL=edgar,
        CIRCULARITY_EDGAR__CIKS=json.dumps([f.cik for f in FILINGS]),
        CIRCULARITY_EDGAR__SEARCH_PHRASES="[]",
        CIRCULARITY_EDGAR__ALLOWED_HOSTS=loopback,
    )


def lake_at(tmp_path: Path) -> Lake:
    return build_lake(load_settings(data_dir=str(tmp_path / "data")))


def flows_by_source(lake: Lake) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set] = {}
    for row in lake.read("deal_mentions").to_dicts():
        out.setdefault(row["source"], set()).add(
            (row["payer_id"], row["payee_id"], row["deal_type"]))
    return out


def test_all_four_sources_land_documents_and_mentions(servers, monkeypatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, four_source_env(tmp_path, servers))
    summary = nightly()
    results = {r["source"]: r for r in summary["sources"]}
    assert summary["status"] == "ok", results
    assert {name: results[name]["status"] for name in EXPECTED_FLOWS} == dict.fromkeys(
        EXPECTED_FLOWS, "ok")
    lake = lake_at(tmp_path)
    documents = lake.read("documents")
    assert set(documents["source"].to_list()) == set(EXPECTED_FLOWS)
    found = flows_by_source(lake)
    assert found == EXPECTED_FLOWS
    edgar_doc = documents.filter(documents["source"] == "edgar").row(0, named=True)
    assert edgar_doc["published_at"] == datetime(2025, 9, 30, tzinfo=UTC)  # the filing date
    assert json.loads(edgar_doc["metadata"])["items"][0]["number"] == "1.01"
    info_doc = documents.filter(documents["source"] == "the_information").row(0, named=True)
    assert info_doc["paywalled"] and "MSFT" in info_doc["tickers"]
    # EDGAR got the contact e-mail in its User-Agent; every request went through one client.
    assert all("pipeline@example.org" in entry[0].headers["User-Agent"]
               for entry in servers["edgar"].log)


def test_a_source_failing_mid_run_leaves_the_others_complete_and_is_caught_up(
    servers, monkeypatch, tmp_path
) -> None:
    env = four_source_env(tmp_path, servers)
    edgar = servers["edgar"]
    port = edgar.port
    # Answer the submissions call, then go away: the filing documents cannot be fetched.
    submissions = f"/submissions/CIK{FILINGS[0].cik}.json"
    recent = edgar.log  # keep the handlers registered by serve_edgar
    assert recent == []

    stopping = threading.Lock()

    def stop_once() -> None:
        if edgar.is_running():
            edgar.stop()

    def stop_soon(request: Request) -> Response:
        # Discovery may be retried; the server is stopped once, shortly after this answer.
        if stopping.acquire(blocking=False):
            threading.Timer(0.05, stop_once).start()
        return Response(json.dumps({
            "cik": FILINGS[0].cik, "name": FILINGS[0].company,
            "filings": {"recent": {
                "accessionNumber": [FILINGS[0].accession], "filingDate": [FILINGS[0].filed],
                "form": ["8-K"], "items": ["1.01"],
                "primaryDocument": [f"doc-{FILINGS[0].accession}.htm"]}, "files": []}}),
            content_type="application/json")

    edgar.clear()
    edgar.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    edgar.expect_request(submissions).respond_with_handler(stop_soon)
    apply_env(monkeypatch, tmp_path, env)

    first = nightly()
    results = {r["source"]: r for r in first["sources"]}
    assert first["status"] == "partial"
    assert {results[n]["status"] for n in ("cnbc", "the_information", "bluesky")} == {"ok"}
    assert results["edgar"]["status"] in ("partial", "failed")
    lake = lake_at(tmp_path)
    assert set(lake.read("documents")["source"].to_list()) == {
        "cnbc", "the_information", "bluesky"}
    quarantined = lake.read("quarantine").filter(
        lake.read("quarantine")["source"] == "edgar").to_dicts()
    assert quarantined and all(q["retryable"] for q in quarantined)
    run_row = lake.read("runs").sort("started_at").row(-1, named=True)
    edgar_result = next(s for s in run_row["sources"] if s["source"] == "edgar")
    assert edgar_result["quarantined"] >= 1

    # The EDGAR server comes back on the same port with its full content (once the stop
    # scheduled above has released the port: the run itself may now end before it does).
    deadline = time.monotonic() + 10
    while True:
        try:
            back = start_loopback_server(port)
            break
        except (OSError, SystemExit):  # werkzeug exits (SystemExit) when the port is taken
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        serve_edgar(back, FILINGS)
        second = nightly()
    finally:
        stop_loopback_server(back)
    assert second["status"] == "ok", second["sources"]
    documents = lake.read("documents")
    assert set(documents["source"].to_list()) == set(EXPECTED_FLOWS)
    assert documents["doc_id"].n_unique() == documents.height
    mentions = lake.read("deal_mentions")
    assert mentions["mention_id"].n_unique() == mentions.height
    assert flows_by_source(lake)["edgar"] == EXPECTED_FLOWS["edgar"]
    open_edgar = lake.read("quarantine").filter(
        (lake.read("quarantine")["source"] == "edgar")
        & lake.read("quarantine")["resolved_at"].is_null())
    assert open_edgar.is_empty()
