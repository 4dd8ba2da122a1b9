"""No item lost to the per-run cap: the watermark stops before what was left, the source is
partial with the count, the next run (or backfill window) fetches the rest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.backfill_flow import WINDOW_FLOW, backfill
from flows.nightly_flow import nightly
from flows.runtime import build_lake
from flows.stages import plan_fetch, watermark_after_cap
from load.lake import Lake
from load.runs import watermarks
from records import Ref
from tests.flow_env import apply_env, edgar_env, flow_env
from tests.four_sites import Filing, serve_edgar
from tests.sites import Article, serve_site

T0 = datetime(2025, 9, 20, 12, tzinfo=UTC)
ARTICLES = [Article(f"story-{i}", f"Story {i}", T0 + timedelta(days=i),
                    [f"Nvidia will invest ${i} billion in OpenAI."]) for i in range(1, 5)]


def ref(name: str, hint: datetime | None) -> Ref:
    return Ref("cnbc", f"https://www.cnbc.com/{name}.html", f"https://www.cnbc.com/{name}.html",
               hint)


def test_the_plan_takes_the_oldest_and_the_watermark_stops_before_the_rest(tmp_path) -> None:
    lake = Lake(str(tmp_path / "data"))
    refs = [ref("d", T0 + timedelta(days=3)), ref("a", T0), ref("c", T0 + timedelta(days=2)),
            ref("b", T0 + timedelta(days=1))]
    plan = plan_fetch(lake, "cnbc", refs, max_items=2, max_attempts=3)
    assert [r.url.rsplit("/", 1)[1] for r in plan.refs] == ["a.html", "b.html"]
    assert [r.url.rsplit("/", 1)[1] for r in plan.left] == ["c.html", "d.html"]
    discovered = T0 + timedelta(days=3)
    assert watermark_after_cap(discovered, plan.left) == T0 + timedelta(days=2, microseconds=-1)
    assert watermark_after_cap(discovered, []) == discovered
    assert watermark_after_cap(discovered, [ref("x", None)]) is None  # undated: do not move


@pytest.mark.usefixtures("prefect_harness")
def test_a_capped_nightly_source_is_partial_and_the_next_run_catches_up(
        loopback_server: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(loopback_server, ARTICLES),
                                              CIRCULARITY_CNBC__MAX_ITEMS_PER_RUN="2"))
    first = nightly()
    cnbc = next(r for r in first["sources"] if r["source"] == "cnbc")
    assert cnbc["status"] == "partial" and cnbc["documents"] == 2
    assert cnbc["error"] == "per-run cap: 2 new item(s) left for the next run"
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    assert watermarks(lake)["cnbc"] < ARTICLES[2].published  # stops before the first left
    second = nightly()
    cnbc = next(r for r in second["sources"] if r["source"] == "cnbc")
    assert cnbc["status"] == "ok" and cnbc["documents"] == 2
    assert set(lake.read("documents")["title"].to_list()) == {a.headline for a in ARTICLES}


@pytest.mark.usefixtures("prefect_harness")
def test_a_capped_backfill_window_is_not_recorded_done(
        loopback_server: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    filings = [Filing("0001769628", "CoreWeave, Inc.", f"0001769628-25-00000{i}",
                      f"2025-09-2{i}", f"CoreWeave agreed to buy ${i} billion of Nvidia GPUs.")
               for i in range(1, 4)]
    base = serve_edgar(loopback_server, filings)
    apply_env(monkeypatch, tmp_path, edgar_env(tmp_path, base, ["0001769628"],
                                               CIRCULARITY_EDGAR__MAX_ITEMS_PER_RUN="2"))
    window = dict(start=date(2025, 9, 20), end=date(2025, 9, 25), sources=["edgar"],
                  chunk_days=10)
    first = backfill(**window)
    assert first["sources"][0]["documents"] == 2 and first["sources"][0]["status"] == "partial"
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    rows = lake.read("runs").filter(lake.read("runs")["flow"] == WINDOW_FLOW)
    assert rows["status"].to_list() == ["capped"]
    second = backfill(**window)  # the window was not done: it runs again and finishes
    assert second["sources"][0]["documents"] == 1
    assert lake.read("documents").height == 3


def test_a_failed_url_still_in_the_feed_is_planned_once(tmp_path) -> None:
    """The quarantine keys a retry by the URL that failed (with its tracking parameter);
    discovery keys the same item by its normalised URL: one fetch, not two."""
    from datetime import datetime as dt

    from load import quarantine
    from load.quarantine import QuarantineItem

    lake = Lake(str(tmp_path / "data"))
    failed_url = "https://www.cnbc.com/2025/09/22/story.html?__source=rss"
    quarantine.record(lake, [QuarantineItem(
        source="cnbc", url=failed_url, stage="fetch", error_class="FetchTimeout",
        message="timed out", retryable=True, raw_id=None, seen_at=dt(2025, 9, 22, tzinfo=UTC))])
    discovered = Ref("cnbc", failed_url, "https://www.cnbc.com/2025/09/22/story.html", T0)
    plan = plan_fetch(lake, "cnbc", [discovered], max_items=10, max_attempts=5)
    assert [r.url for r in plan.refs] == [failed_url]


@pytest.mark.usefixtures("prefect_harness")
def test_fetched_bodies_are_stored_batch_by_batch(loopback_server: HTTPServer,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path) -> None:
    """A run that dies while fetching keeps the bodies of the batches already fetched."""
    from flows import nightly_flow
    from flows import pipeline_tasks as t

    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(loopback_server, ARTICLES)))
    monkeypatch.setattr(nightly_flow, "FETCH_BATCH", 2)
    real_fetch, calls = t.fetch, []

    def dies_on_the_second_batch(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the process died here")
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(t, "fetch", dies_on_the_second_batch)
    from flows.run_artifacts import RunFailed

    with pytest.raises(RunFailed) as failed:  # the flow run ends Failed, like its runs row
        nightly()
    cnbc = next(r for r in failed.value.summary["sources"] if r["source"] == "cnbc")
    assert cnbc["status"] == "failed" and "died here" in cnbc["error"]
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    assert lake.read("raw_documents").height == 2  # the first batch was kept
