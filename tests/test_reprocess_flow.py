"""Reprocess: re-parse and re-extract the raw store with no network; twice changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.command_line import main
from flows.detect_flow import detect
from flows.nightly_flow import nightly
from flows.reprocess_flow import reprocess
from flows.runtime import build_lake
from load.lake import Lake
from load.schemas import TABLES
from tests.flow_env import apply_env, flow_env
from tests.sites import Article, serve_site
from transform.deals import EXTRACTOR_VERSION

pytestmark = pytest.mark.usefixtures("prefect_harness")

ARTICLES = [
    Article("nvidia-openai", "Nvidia to invest up to $100 billion in OpenAI",
            datetime(2025, 9, 22, 16, tzinfo=UTC),
            ["Nvidia will invest up to $100 billion in OpenAI, which will deploy at least 10"
             " gigawatts of Nvidia systems.",
             "Shares of Nvidia rose 4% on the news."]),
    Article("coreweave-meta", "CoreWeave signs $14 billion deal with Meta",
            datetime(2025, 9, 30, 12, tzinfo=UTC),
            ["Meta will pay CoreWeave up to $14.2 billion for cloud computing capacity through"
             " 2031, the companies said."]),
]


@pytest.fixture
def site(loopback_server: HTTPServer) -> HTTPServer:
    """The loopback server standing in for the source."""
    return loopback_server


def snapshot(lake: Lake) -> dict[str, tuple[int | None, list[dict]]]:
    return {name: (lake.version(name), lake.read(name).sort(list(TABLES[name].key)).to_dicts())
            for name in ("documents", "deal_mentions", "entities", "deals", "cycles")}


def test_nightly_writes_sourced_deal_mentions(site, monkeypatch, tmp_path) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(site, ARTICLES)))
    summary = nightly()
    [cnbc] = [s for s in summary["sources"] if s["source"] == "cnbc"]
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    mentions = lake.read("deal_mentions")
    assert cnbc["mentions"] == mentions.height > 0
    flows = {(r["payer_id"], r["payee_id"], r["deal_type"]) for r in mentions.to_dicts()}
    assert flows == {("nvidia", "openai", "equity_investment"), ("openai", "nvidia", "purchase"),
                     ("meta", "coreweave", "compute_contract")}
    documents = {r["doc_id"]: r for r in lake.read("documents").to_dicts()}
    for row in mentions.to_dicts():  # every mention points at its evidence in its document
        doc = documents[row["doc_id"]]
        field = {"title": doc["title"], "summary": doc["summary"], "text": doc["text"]}
        assert field[row["field"]][row["char_start"]:row["char_end"]] == row["evidence"]
        assert row["extractor_version"] == EXTRACTOR_VERSION
    entities = lake.read("entities")
    assert {"nvidia", "openai", "coreweave", "meta"} <= set(entities["entity_id"].to_list())


def test_reprocess_twice_leaves_identical_tables_and_replaces_old_versions(
    site, monkeypatch, tmp_path
) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(site, ARTICLES)))
    nightly()
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    deals_after_nightly = snapshot(lake)["deals"]
    assert len(deals_after_nightly[1]) == 3  # Nvidia -> OpenAI both ways, Meta -> CoreWeave
    # Rows left by an older extractor version: one for a document that is re-extracted
    # (replaced with its document's rows), one whose document is no longer produced.
    stale = lake.read("deal_mentions").row(0, named=True)
    stale.update(mention_id="0" * 32, extractor_version="rules-0", payee_id="intel")
    orphan = dict(stale, mention_id="1" * 32, doc_id="f" * 32)
    lake.upsert("deal_mentions", [stale, orphan])
    requests_before = len(site.log)
    site.stop()  # reprocess must not need the network
    monkeypatch.setenv("CIRCULARITY_WORKERS", "2")  # parse and extract in two processes

    first = reprocess()
    assert first["raw"] == len(ARTICLES) and first["documents"] == len(ARTICLES)
    assert first["stale_mentions_deleted"] == 1
    after_first = snapshot(lake)
    assert set(lake.read("deal_mentions")["extractor_version"].to_list()) == {EXTRACTOR_VERSION}

    # The same mentions again: the deals keep their ids, and their table was not committed.
    assert after_first["deals"] == deals_after_nightly
    assert first["deals"] == 3 and first["loops"] == 1

    second = reprocess()
    assert second["stale_mentions_deleted"] == 0
    assert snapshot(lake) == after_first  # same versions: no commit at all
    assert len(site.log) == requests_before
    statuses = lake.read("runs").sort("started_at")["status"].to_list()
    assert statuses == ["ok", "ok", "ok"]


def test_an_extractor_failure_quarantines_that_document_only(lake, raw_store, monkeypatch) -> None:
    """A crash inside the extractor on one document: it is quarantined at stage extract with
    the reason; the other documents get their mentions and rows."""
    from flows import stages
    from records import RawInput
    from tests.sites import article_page
    from transform.deals import extractor as deals

    base = "https://www.cnbc.com"
    inputs = []
    for article in ARTICLES:
        body = article_page(article, base).encode()
        raw_id, _ = raw_store.put(body)
        inputs.append(RawInput("cnbc", base + article.path, raw_id, body))
    real = deals._mention_rows

    def flaky(doc_id, source, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if "Meta" in kwargs["text"]:
            raise KeyError("surprise")
        return real(doc_id, source, **kwargs)

    monkeypatch.setattr(deals, "_mention_rows", flaky)
    result = stages.reprocess_chunk(lake, inputs, datetime(2025, 10, 1, tzinfo=UTC))
    assert (result.documents, result.failures) == (2, 1)
    row = lake.read("quarantine").row(0, named=True)
    assert (row["stage"], row["error_class"]) == ("extract", "ExtractionFailed")
    assert "KeyError" in row["message"] and row["url"].endswith(ARTICLES[1].path)
    # ... with where it broke: the traceback's innermost frames.
    assert "in flaky" in row["message"] and "raise KeyError" in row["message"]
    assert set(lake.read("deal_mentions")["payer_id"].to_list()) == {"nvidia", "openai"}
    assert lake.read("documents").height == 2


def test_the_detect_flow_takes_typed_options_and_records_its_run(
    site, monkeypatch, tmp_path, capsys
) -> None:
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, serve_site(site, ARTICLES)))
    nightly()
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    versions = (lake.version("deals"), lake.version("cycles"))
    result = detect()
    assert (result["deals"], result["loops"]) == (3, 1)
    assert (result["deals_changed"], result["loops_changed"]) == (0, 0)
    assert (lake.version("deals"), lake.version("cycles")) == versions
    assert result["loop_lines"] == [
        "Nvidia → OpenAI (equity_investment, up to $100B, 2025-09-22) → Nvidia (purchase, "
        "amount not stated, 2025-09-22)"]
    later = detect(since=datetime(2025, 9, 25, tzinfo=UTC).date())
    assert later["loops"] == 0 and later["loops_changed"] == 1
    runs = lake.read("runs").sort("started_at")
    assert runs["flow"].to_list()[-2:] == ["circularity-detect", "circularity-detect"]
    assert runs["loops"].to_list()[-2:] == [1, 0]
    capsys.readouterr()
    assert main(["status"]) == 0
    assert "deals 3, loops 0" in capsys.readouterr().out


def test_a_page_over_the_extraction_budget_is_quarantined_then_read_by_a_reprocess(
    site, monkeypatch, tmp_path
) -> None:
    """A 300 KB article takes seconds to read; with a one-second budget the nightly run
    quarantines it (stage extract, the reason named) and keeps the other article; a reprocess
    without a limit reads it and resolves the quarantine row."""
    from tests.test_sentences import paragraph

    huge = Article("huge", "A very long page", datetime(2025, 9, 23, tzinfo=UTC),
                   [paragraph(300_000)])
    apply_env(monkeypatch, tmp_path, flow_env(
        tmp_path, serve_site(site, [ARTICLES[0], huge]),
        CIRCULARITY_EXTRACT_BUDGET_SECONDS="1", CIRCULARITY_HTTP__MAX_BODY_BYTES="2000000"))
    result = nightly()
    [cnbc] = [s for s in result["sources"] if s["source"] == "cnbc"]
    assert (cnbc["status"], cnbc["documents"], cnbc["quarantined"]) == ("partial", 2, 1)
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    [row] = lake.read("quarantine").to_dicts()
    assert (row["stage"], huge.slug in row["url"]) == ("extract", True)
    assert "over budget" in row["message"] and "300," in row["message"]
    assert set(lake.read("deal_mentions")["payer_id"].to_list()) == {"nvidia", "openai"}
    monkeypatch.setenv("CIRCULARITY_EXTRACT_BUDGET_SECONDS", "0")  # no limit
    reprocess()
    assert lake.read("quarantine")["resolved_at"].null_count() == 0
    assert "intel" in set(lake.read("deal_mentions")["payee_id"].to_list())
