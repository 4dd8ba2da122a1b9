"""The nightly flow against a loopback CNBC: one misbehaving item among good ones.

Each test runs the real flow (Prefect test harness, real HTTP on loopback, real Delta tables)
and shows the bad item ending as a retry or a quarantine row with its reason, while the run
completes and the other items land.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.app_settings import load_settings
from flows.nightly_flow import nightly
from flows.run_artifacts import final_summary
from flows.runtime import build_lake
from tests.flow_env import apply_env, flow_env
from tests.sites import BILLION_LAUGHS, Article, article_page, rss_feed, serve_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

GOOD = [
    Article("nvidia-invests-in-openai", "Nvidia to invest up to $100 billion in OpenAI",
            datetime(2025, 9, 22, 16, 5, tzinfo=UTC),
            ["Nvidia will invest up to $100 billion in OpenAI.",
             "OpenAI will deploy 10 gigawatts of Nvidia systems."]),
    Article("oracle-openai-compute", "OpenAI signs $300 billion compute deal with Oracle",
            datetime(2025, 9, 10, 20, 0, tzinfo=UTC),
            ["OpenAI agreed to buy $300 billion of computing power from Oracle over about five"
             " years."]),
]
BAD = Article("coreweave-backstop", "Nvidia backstops CoreWeave capacity",
              datetime(2025, 9, 19, 9, 30, tzinfo=UTC),
              ["Nvidia signed a $6.3 billion order for CoreWeave's unsold capacity."])


@pytest.fixture
def site(loopback_server: HTTPServer) -> HTTPServer:
    """The loopback server standing in for the source."""
    return loopback_server


def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, feeds: list[str]) -> dict:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, feeds))
    state = nightly(return_state=True)
    summary = final_summary(state)
    # Prefect's view of the run matches the runs table: Failed exactly when the run failed.
    assert state.is_failed() == (summary["status"] == "failed")
    return summary


def tables(tmp_path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    return lake.read("documents"), lake.read("quarantine")


def assert_good_items_landed(documents: pl.DataFrame) -> None:
    titles = set(documents["title"].to_list())
    assert {a.headline for a in GOOD} <= titles
    assert documents["doc_id"].n_unique() == documents.height


def bad_url(site: HTTPServer) -> str:
    return site.url_for(BAD.path)


def serve_with_bad(site: HTTPServer, bad_handler) -> list[str]:
    """The good articles served normally; BAD listed in the feed and served by bad_handler."""
    feeds = serve_site(site, GOOD, feeds={"technology": [*GOOD, BAD]})
    site.expect_request(BAD.path).respond_with_handler(bad_handler)
    return feeds


def test_429_with_retry_after_is_waited_out(site, monkeypatch, tmp_path) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(article_page(BAD, site.url_for("").rstrip("/")), content_type="text/html")

    summary = run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    assert summary["status"] == "ok"
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.9
    assert BAD.headline in documents["title"].to_list()
    assert_good_items_landed(documents)
    assert quarantine.is_empty()


def test_persistent_503_ends_in_quarantine(site, monkeypatch, tmp_path) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        return Response("down", status=503)

    summary = run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    assert summary["status"] == "partial"
    assert len(calls) == 3  # first attempt + CIRCULARITY_HTTP__MAX_RETRIES=2
    row = quarantine.row(0, named=True)
    assert (row["url"], row["stage"], row["error_class"]) == (
        bad_url(site) + "?__source=rss", "fetch", "ServerBusy")
    assert row["retryable"] and "503" in row["message"]
    assert_good_items_landed(documents)


def test_read_timeout_is_retried(site, monkeypatch, tmp_path) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            time.sleep(1.6)  # past the 1 s read timeout
        return Response(article_page(BAD, site.url_for("").rstrip("/")), content_type="text/html")

    summary = run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    assert summary["status"] == "ok" and len(calls) == 2
    assert BAD.headline in documents["title"].to_list()
    assert_good_items_landed(documents)


def test_body_over_the_cap_is_refused(site, monkeypatch, tmp_path) -> None:
    def handler(request: Request) -> Response:
        return Response("<html>" + "x" * 400_000 + "</html>", content_type="text/html")

    run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"], row["retryable"]) == ("fetch", "BodyTooLarge", False)
    assert_good_items_landed(documents)


def test_redirect_off_the_allowlist_is_refused(site, monkeypatch, tmp_path) -> None:
    elsewhere = site.url_for("/elsewhere").replace("127.0.0.1", "localhost")
    reached: list[str] = []
    site.expect_request("/elsewhere").respond_with_handler(
        lambda request: reached.append(request.path) or Response("gotcha"))

    def handler(request: Request) -> Response:
        return Response("", status=302, headers={"Location": elsewhere})

    run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"]) == ("fetch", "HostNotAllowed")
    assert "localhost" in row["message"] and reached == []
    assert_good_items_landed(documents)


def test_robots_disallow_is_honoured(site, monkeypatch, tmp_path) -> None:
    feeds = serve_site(site, [*GOOD, BAD], feeds={"technology": [*GOOD, BAD]},
                       robots=f"User-agent: circularity\nDisallow: {BAD.path}\n")
    run(monkeypatch, tmp_path, feeds)
    documents, quarantine = tables(tmp_path)
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"], row["retryable"]) == (
        "fetch", "RobotsDisallowed", False)
    assert BAD.headline not in documents["title"].to_list()
    assert all(BAD.path not in entry[0].path for entry in site.log)
    assert_good_items_landed(documents)


def test_changed_layout_is_quarantined_with_the_reason(site, monkeypatch, tmp_path) -> None:
    def handler(request: Request) -> Response:
        page = article_page(BAD, site.url_for("").rstrip("/"))
        return Response(page.replace("ArticleBody-articleBody", "StoryBody-v2"),
                        content_type="text/html")

    run(monkeypatch, tmp_path, serve_with_bad(site, handler))
    documents, quarantine = tables(tmp_path)
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"]) == ("parse", "LayoutChanged")
    assert "ArticleBody-articleBody" in row["message"] and row["raw_id"]
    assert_good_items_landed(documents)


def test_hostile_feed_is_refused_and_the_other_feed_lands(site, monkeypatch, tmp_path) -> None:
    feeds = serve_site(site, GOOD, feeds={"technology": GOOD})
    site.expect_request("/rss/hostile.xml").respond_with_data(
        BILLION_LAUGHS, content_type="application/rss+xml")
    summary = run(monkeypatch, tmp_path, [*feeds, site.url_for("/rss/hostile.xml")])
    documents, quarantine = tables(tmp_path)
    assert summary["status"] == "partial"
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"]) == ("discover", "MalformedInput")
    assert row["url"].endswith("/rss/hostile.xml")
    assert_good_items_landed(documents)


def test_only_feed_broken_xml_fails_the_source(site, monkeypatch, tmp_path) -> None:
    site.expect_request("/robots.txt").respond_with_data("")
    site.expect_request("/rss/broken.xml").respond_with_data("<rss><channel><item>",
                                                             content_type="text/xml")
    summary = run(monkeypatch, tmp_path, [site.url_for("/rss/broken.xml")])
    [cnbc] = [s for s in summary["sources"] if s["source"] == "cnbc"]
    assert summary["status"] == "failed" and cnbc["status"] == "failed"
    assert "MalformedInput" in cnbc["error"]
    _, quarantine = tables(tmp_path)
    row = quarantine.row(0, named=True)
    assert (row["stage"], row["error_class"], row["retryable"]) == (
        "discover", "MalformedInput", False)


def test_transient_failure_is_retried_on_the_next_run(site, monkeypatch, tmp_path) -> None:
    healthy = {"up": False}

    def handler(request: Request) -> Response:
        if not healthy["up"]:
            return Response("down", status=503)
        return Response(article_page(BAD, site.url_for("").rstrip("/")), content_type="text/html")

    feeds = serve_with_bad(site, handler)
    run(monkeypatch, tmp_path, feeds)
    healthy["up"] = True
    summary = run(monkeypatch, tmp_path, feeds)
    documents, quarantine = tables(tmp_path)
    assert summary["status"] == "ok"
    assert BAD.headline in documents["title"].to_list()
    row = quarantine.row(0, named=True)
    assert row["resolved_at"] is not None and row["attempts"] == 1


def test_rss_lists_unchanged_site(site) -> None:  # the helper itself: feed links carry tracking
    feed = rss_feed(GOOD, "http://h")
    assert "?__source=rss" in feed and GOOD[0].path in feed
