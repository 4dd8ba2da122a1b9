"""Articles about the deals of ../shared/REFERENCE-DEALS.md, through extract -> deals -> detect.

The corpus (flows/demo_corpus, shipped for `circularity demo`; its README is the answer key)
was written for the project in the register of each source, in English and French, without
looking at the extractor. It goes through the pipeline's own stages into a real lake: the
extract stage writes mentions, entities and documents, then the deals and detect stages write
`deals` and `cycles`, which are read back here.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from detect.cycles import DetectOptions
from flows.money_web import rebuild_money_web
from flows.stages import extract_mentions, write_extracted
from load.lake import Lake
from records import Document

CORPUS = Path(__file__).resolve().parents[1] / "flows" / "demo_corpus" / "articles.jsonl"

# The loops REFERENCE-DEALS.md says a reader should find, in money order, as entity ids.
REFERENCE_LOOPS = [
    ("nvidia", "openai"),                  # investment, then purchases of Nvidia systems
    ("nvidia", "coreweave"),               # equity and backstop, then GPU purchases
    ("nvidia", "lambda"),                  # leaseback, then GPU purchases
    ("microsoft", "openai"),               # equity, then Azure
    ("amazon", "anthropic"),               # equity, then AWS
    ("google", "anthropic"),               # equity, then TPUs / Google Cloud
    ("nvidia", "anthropic", "microsoft"),  # equity, Azure, GPUs
]


def rotations(loop: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {loop[i:] + loop[:i] for i in range(len(loop))}


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    """A lake the corpus went through: extract, deals, detect (default options)."""
    documents = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        documents.append(Document(
            doc_id=article["id"], source=article["source"], url=article["url"],
            canonical_url=article["url"], title=article["title"] or None,
            published_at=datetime.fromisoformat(article["published_at"]), authors=[],
            text=article["text"], lang=article["lang"], raw_id="raw-" + article["id"],
            parser_version="corpus"))
    stored = Lake(str(tmp_path_factory.mktemp("web") / "data"))
    seen_at = datetime.fromisoformat("2026-03-01T00:00:00+00:00")
    mentions, extracted, failures = extract_mentions(documents, seen_at)
    assert failures == [] and len(extracted) == len(documents)
    write_extracted(stored, documents, mentions, extracted)
    rebuild_money_web(stored, DetectOptions())
    return stored


def test_every_reference_loop_is_found_with_its_evidence(lake: Lake) -> None:
    cycles = lake.read("cycles")
    deals = lake.read("deals")
    urls = {json.loads(line)["url"] for line in CORPUS.read_text().splitlines()}
    by_id = {row["deal_id"]: row for row in deals.iter_rows(named=True)}
    found = {tuple(ids): row for row in cycles.iter_rows(named=True)
             for ids in rotations(tuple(row["entity_ids"]))}
    missing = [loop for loop in REFERENCE_LOOPS if loop not in found]
    assert missing == []
    for loop in REFERENCE_LOOPS:
        cycle = found[loop]
        hops = set(zip(loop, loop[1:] + loop[:1], strict=True))
        covered = set()
        for deal_id in cycle["deal_ids"]:
            deal = by_id[deal_id]
            covered.add((deal["payer_id"], deal["payee_id"]))
            assert deal["status"] == "announced"
            assert deal["evidence"] and deal["source_urls"]
            assert set(deal["source_urls"]) <= urls
        assert covered == hops


def test_one_deal_three_documents_two_sources(lake: Lake) -> None:
    nvidia_openai = lake.read("deals").filter(
        (pl.col("payer_id") == "nvidia") & (pl.col("payee_id") == "openai")
        & (pl.col("deal_type") == "equity_investment"))
    assert nvidia_openai.height == 1
    deal = nvidia_openai.row(0, named=True)
    assert (deal["n_documents"], deal["n_sources"]) == (3, 2)
    assert deal["amount_usd"] == 100e9 and deal["amount_qualifier"] == "up_to"
    assert deal["first_reported_at"].date().isoformat() == "2025-09-22"
    assert "100 billion" in deal["evidence"]


def test_a_rerun_changes_nothing(lake: Lake) -> None:
    versions = {name: lake.version(name) for name in ("deals", "cycles")}
    before = {name: lake.read(name).sort(key).to_dicts()
              for name, key in (("deals", "deal_id"), ("cycles", "cycle_id"))}
    web = rebuild_money_web(lake, DetectOptions())
    assert (web.deals_changed, web.loops_changed) == (0, 0)
    assert {name: lake.version(name) for name in ("deals", "cycles")} == versions
    assert before == {name: lake.read(name).sort(key).to_dicts()
                      for name, key in (("deals", "deal_id"), ("cycles", "cycle_id"))}


def test_the_documents_with_no_deal_add_none(lake: Lake) -> None:
    """The earnings story and the benchmark post (README: no deal) yield no mention."""
    mentions = lake.read("deal_mentions")
    quiet = [json.loads(line)["id"] for line in CORPUS.read_text().splitlines()
             if "earnings" in json.loads(line)["id"] or "mlperf" in json.loads(line)["id"]]
    assert quiet and mentions.filter(pl.col("doc_id").is_in(quiet)).is_empty()
