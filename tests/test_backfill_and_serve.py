"""Backfills over date windows (resumable, watermarks untouched) and the served deployments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.backfill_flow import WINDOW_FLOW, backfill, window_run_id, windows
from flows.deployments import build_deployments
from flows.runtime import build_lake
from load.runs import watermarks
from tests.flow_env import apply_env, edgar_env, flow_env
from tests.four_sites import Filing, serve_edgar

FILINGS = [
    Filing("0001769628", "CoreWeave, Inc.", "0001769628-25-000045", "2025-09-30",
           "Meta committed to purchase cloud computing capacity from the Company for"
           " approximately $14.2 billion."),
    Filing("0001769628", "CoreWeave, Inc.", "0001769628-25-000050", "2025-10-02",
           "The Company entered into a lease with Galaxy Digital Inc. for its Helios campus."),
]


def test_windows_cover_the_range_without_gaps_or_overlaps() -> None:
    spans = windows(date(2025, 9, 28), date(2025, 10, 9), 5)
    assert spans == [(date(2025, 9, 28), date(2025, 10, 2)), (date(2025, 10, 3),
                     date(2025, 10, 7)), (date(2025, 10, 8), date(2025, 10, 9))]
    with pytest.raises(ValueError, match="before its start"):
        windows(date(2025, 10, 2), date(2025, 10, 1), 7)


@pytest.fixture
def edgar_site(loopback_server: HTTPServer) -> HTTPServer:
    """The loopback server standing in for the source."""
    return loopback_server


@pytest.mark.usefixtures("prefect_harness")
def test_backfill_is_resumable_and_leaves_watermarks_alone(edgar_site, monkeypatch,
                                                           tmp_path) -> None:
    base = serve_edgar(edgar_site, FILINGS)
    apply_env(monkeypatch, tmp_path, edgar_env(tmp_path, base, ["0001769628"]))
    first = backfill(start=date(2025, 9, 29), end=date(2025, 10, 3), sources=["edgar"],
                     chunk_days=2)
    results = {r["source"]: r for r in first["sources"]}
    assert results["edgar"]["status"] == "ok" and results["edgar"]["documents"] == 2
    assert first["windows"] == 3
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    runs = lake.read("runs")
    window_rows = runs.filter(runs["flow"] == WINDOW_FLOW)
    expected_ids = {window_run_id("edgar", a, b)
                    for a, b in windows(date(2025, 9, 29), date(2025, 10, 3), 2)}
    assert set(window_rows["run_id"].to_list()) == expected_ids
    assert watermarks(lake) == {}  # a backfill does not move the nightly's starting point
    documents_before = lake.read("documents").sort("doc_id").to_dicts()
    requests_before = len(edgar_site.log)

    again = backfill(start=date(2025, 9, 29), end=date(2025, 10, 3), sources=["edgar"],
                     chunk_days=2)
    assert {r["source"]: r["documents"] for r in again["sources"]} == {"edgar": 0}
    assert len(edgar_site.log) == requests_before  # every window was already done
    assert lake.read("documents").sort("doc_id").to_dicts() == documents_before


@pytest.mark.usefixtures("prefect_harness")
def test_deployments_register_with_schedule_and_typed_parameters(monkeypatch) -> None:
    from prefect.client.orchestration import get_client

    monkeypatch.setenv("CIRCULARITY_NIGHTLY_CRON", "15 4 * * *")
    deployments = {d.name: d for d in build_deployments(load_settings())}
    assert set(deployments) == {"nightly", "backfill", "reprocess", "detect", "maintain"}
    for deployment in deployments.values():
        deployment.apply()
    with get_client(sync_client=True) as client:
        nightly = client.read_deployment_by_name("circularity-nightly/nightly")
        backfill_deployment = client.read_deployment_by_name("circularity-backfill/backfill")
        detect_deployment = client.read_deployment_by_name("circularity-detect/detect")
        maintain_deployment = client.read_deployment_by_name("circularity-maintain/maintain")
    assert [s.schedule.cron for s in nightly.schedules] == ["15 4 * * *"]
    assert [s.schedule.cron for s in maintain_deployment.schedules] == ["0 4 * * 0"]
    properties = backfill_deployment.parameter_openapi_schema["properties"]
    assert properties["start"]["format"] == "date" and properties["end"]["format"] == "date"
    assert properties["sources"]["anyOf"][0]["items"]["enum"] == [
        "cnbc", "the_information", "bluesky", "edgar"]
    detect_parameters = detect_deployment.parameter_openapi_schema["properties"]
    assert set(detect_parameters) == {"max_length", "include_rumored", "time_ordered_only",
                                      "since"}
    assert detect_parameters["since"]["anyOf"][0]["format"] == "date"
    assert detect_parameters["max_length"]["anyOf"][0]["type"] == "integer"


def _sitemap_day(links: list[tuple[str, str]]) -> str:
    """A day page of CNBC's site map: the day's articles as SiteMapArticleList links."""
    items = "".join(f'<li><a class="SiteMapArticleList-link" href="{href}">{title}</a></li>'
                    for href, title in links)
    return ('<!DOCTYPE html><html lang="en"><head><title>Site Map</title></head><body>'
            '<div class="SiteMapArticleList-container"><ul class="SiteMapArticleList-'
            f'articleList">{items}</ul></div></body></html>')


@pytest.mark.usefixtures("prefect_harness")
def test_a_cnbc_window_is_backfilled_from_its_dated_site_map(loopback_server, monkeypatch,
                                                             tmp_path) -> None:
    from tests.sites import Article, article_page

    base = loopback_server.url_for("").rstrip("/")
    days = {
        "22": [Article("nvidia-openai", "Nvidia to invest up to $100 billion in OpenAI",
                       datetime(2025, 9, 22, 16, tzinfo=UTC),
                       ["Nvidia will invest up to $100 billion in OpenAI."])],
        "23": [],  # a day without articles
        "24": [Article("coreweave-meta", "CoreWeave signs Meta deal",
                       datetime(2025, 9, 24, 9, tzinfo=UTC),
                       ["Meta will pay CoreWeave up to $14.2 billion for capacity."])],
    }
    loopback_server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    for day, articles in days.items():
        loopback_server.expect_request(f"/site-map/articles/2025/September/{day}/") \
            .respond_with_data(_sitemap_day([(base + a.path, a.headline) for a in articles]))
        for article in articles:
            loopback_server.expect_request(article.path).respond_with_data(
                article_page(article, base), content_type="text/html")
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, [f"{base}/rss/unused.xml"],
                                              CIRCULARITY_CNBC__SITEMAP_BASE=base))
    result = backfill(start=date(2025, 9, 22), end=date(2025, 9, 24), sources=["cnbc"],
                      chunk_days=2)
    [cnbc] = result["sources"]
    assert cnbc["status"] == "ok" and cnbc["documents"] == 2
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    titles = set(lake.read("documents")["title"].to_list())
    assert titles == {"Nvidia to invest up to $100 billion in OpenAI", "CoreWeave signs Meta deal"}
    asked = [entry[0].path for entry in loopback_server.log]
    assert [p for p in asked if p.startswith("/site-map/")] == [
        "/site-map/articles/2025/September/22/", "/site-map/articles/2025/September/23/",
        "/site-map/articles/2025/September/24/"]
    assert "/rss/unused.xml" not in asked  # a window reads the site map, not the feeds
    assert {(d["payer_id"], d["payee_id"]) for d in lake.read("deals").to_dicts()} >= {
        ("nvidia", "openai"), ("meta", "coreweave")}


@pytest.mark.usefixtures("prefect_harness")
def test_a_backfill_with_its_end_before_its_start_writes_nothing(monkeypatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, ["http://127.0.0.1:9/unused.xml"]))
    with pytest.raises(ValueError, match="before its start"):
        backfill(start=date(2025, 9, 30), end=date(2025, 9, 1))
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    assert not lake.exists("runs")  # no row left "running" forever
