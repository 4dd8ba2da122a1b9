"""The nightly flow with one new source at a time, against a loopback server: bad answers end
as a retry on a later run or a quarantine row with the reason, and the run completes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.app_settings import load_settings
from flows.nightly_flow import nightly
from flows.runtime import build_lake
from tests.flow_env import apply_env, flow_env
from tests.four_sites import (
    Filing,
    InfoArticle,
    bluesky_post,
    info_article_page,
    serve_bluesky,
    serve_edgar,
    serve_the_information,
)

pytestmark = pytest.mark.usefixtures("prefect_harness")
LOOPBACK = json.dumps(["127.0.0.1"])


@pytest.fixture
def site(loopback_server: HTTPServer) -> HTTPServer:
    """The loopback server standing in for the source."""
    return loopback_server


def only(source: str, tmp_path: Path, **settings: str) -> dict[str, str]:
    env = flow_env(tmp_path, ["http://127.0.0.1:9/unused.xml"],
                   CIRCULARITY_CNBC__ENABLED="false", **settings)
    env[f"CIRCULARITY_{source.upper()}__ENABLED"] = "true"
    env[f"CIRCULARITY_{source.upper()}__ALLOWED_HOSTS"] = LOOPBACK
    return env


def quarantine_of(tmp_path: Path) -> pl.DataFrame:
    return build_lake(load_settings(data_dir=str(tmp_path / "data"))).read("quarantine")


def documents_of(tmp_path: Path) -> pl.DataFrame:
    return build_lake(load_settings(data_dir=str(tmp_path / "data"))).read("documents")


def test_a_challenge_page_is_retried_on_a_later_run(site, monkeypatch, tmp_path) -> None:
    article = InfoArticle("nscale-microsoft", "Microsoft's Nscale Deal",
                          datetime(2025, 10, 15, tzinfo=UTC),
                          "Microsoft will pay Nscale up to $24 billion for GPU capacity.")
    challenged = {"on": True}

    def page(request: Request) -> Response:
        if challenged["on"]:
            return Response("<html><head><title>Just a moment...</title></head><body>"
                            "<div id='challenge-running'>Checking your browser</div>"
                            "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/"
                            "v1'></script></body></html>", content_type="text/html")
        return Response(info_article_page(article, site.url_for("").rstrip("/")),
                        content_type="text/html")

    # Registered first, so it answers before the page serve_the_information adds.
    site.expect_request(f"/articles/{article.slug}").respond_with_handler(page)
    feed = serve_the_information(site, [article])
    apply_env(monkeypatch, tmp_path, only("the_information", tmp_path,
                                          CIRCULARITY_THE_INFORMATION__FEED=feed))
    first = nightly()
    row = quarantine_of(tmp_path).row(0, named=True)
    assert (row["stage"], row["error_class"], row["retryable"]) == (
        "fetch", "ChallengePage", True)
    assert documents_of(tmp_path).is_empty()
    assert first["status"] == "partial"

    challenged["on"] = False
    second = nightly()
    assert second["status"] == "ok"
    assert documents_of(tmp_path)["title"].to_list() == [article.headline]
    assert quarantine_of(tmp_path).row(0, named=True)["resolved_at"] is not None


def test_malformed_json_from_bluesky_is_quarantined_with_the_reason(site, monkeypatch,
                                                                   tmp_path) -> None:
    good = bluesky_post("dealwatch.test", "3k1", "nvidia puts $2B into xai.",
                        datetime(2025, 10, 7, tzinfo=UTC))
    appview = serve_bluesky(site, "dealwatch.test", [good])
    site.expect_request("/xrpc/app.bsky.feed.getAuthorFeed",
                        query_string="actor=broken.test&limit=100").respond_with_data(
        '{"feed": [ {"post": ', content_type="application/json")
    site.handlers.insert(0, site.handlers.pop())  # the broken actor's handler is tried first
    apply_env(monkeypatch, tmp_path, only(
        "bluesky", tmp_path, CIRCULARITY_BLUESKY__APPVIEW_URL=appview,
        CIRCULARITY_BLUESKY__PDS_URL=appview, CIRCULARITY_BLUESKY__QUERIES="[]",
        CIRCULARITY_BLUESKY__AUTHORS=json.dumps(["broken.test", "dealwatch.test"])))
    summary = nightly()
    assert summary["status"] == "partial"
    row = quarantine_of(tmp_path).row(0, named=True)
    assert (row["stage"], row["error_class"]) == ("discover", "MalformedInput")
    assert "broken.test" in row["url"] and "JSON" in row["message"]
    assert documents_of(tmp_path)["text"].to_list() == ["nvidia puts $2B into xai."]


def test_a_filing_index_without_its_document_is_quarantined(site, monkeypatch, tmp_path) -> None:
    whole = Filing("0001769628", "CoreWeave, Inc.", "0001769628-25-000045", "2025-09-30",
                   "Meta committed to purchase cloud computing capacity from the Company.")
    broken = Filing("0001769628", "CoreWeave, Inc.", "0001769628-25-000046", "2025-10-01",
                    "Item text that is never read.")
    base = serve_edgar(site, [whole, broken])
    folder = f"/Archives/edgar/data/1769628/{broken.accession.replace('-', '')}"
    site.expect_request(f"{folder}/index.json").respond_with_json(
        {"directory": {"item": [{"name": f"{broken.accession}-index.html"}]}})
    site.handlers.insert(0, site.handlers.pop())
    apply_env(monkeypatch, tmp_path, only(
        "edgar", tmp_path, CIRCULARITY_HTTP__CONTACT_EMAIL="pipeline@example.org",
        CIRCULARITY_EDGAR__DATA_URL=base, CIRCULARITY_EDGAR__EFTS_URL=base,
        CIRCULARITY_EDGAR__ARCHIVES_URL=base, CIRCULARITY_EDGAR__SEARCH_PHRASES="[]",
        CIRCULARITY_EDGAR__CIKS=json.dumps(["0001769628"])))
    summary = nightly()
    assert summary["status"] == "partial"
    row = quarantine_of(tmp_path).row(0, named=True)
    assert row["error_class"] == "MissingDocument" and broken.accession in row["message"]
    assert not row["retryable"]
    [doc] = documents_of(tmp_path).to_dicts()
    assert whole.accession.replace("-", "") in doc["url"]


def test_edgar_without_a_contact_email_is_skipped_with_the_reason(monkeypatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, only("edgar", tmp_path))
    summary = nightly()
    [edgar] = [s for s in summary["sources"] if s["source"] == "edgar"]
    assert edgar["status"] == "skipped" and "contact e-mail" in edgar["error"]
