"""Deals from mentions (transform.normalize): the merge rules, headline figures, status, ids."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl
import pytest

from load.contract import conform
from load.schemas import DEAL_MENTIONS, DEALS, DOCUMENTS
from records.ids import stable_id
from transform.deal_clusters import MergeRules, Report, amounts_agree, deal_status
from transform.normalize import deals_from_mentions

DAY = timedelta(days=1)
T0 = datetime(2025, 9, 22, 13, 0, tzinfo=UTC)


def mention(doc: str, payer: str, payee: str, deal_type: str, amount: float | None = None,
            *, source: str = "cnbc", when: datetime | None = T0, qualifier: str | None = None,
            period: str = "total", duration: float | None = None, status: str = "announced",
            confidence: float = 0.9, sentence: int = 0) -> dict[str, Any]:
    """A deal_mentions row as the extractor writes it."""
    return {
        "mention_id": stable_id(doc, "text", sentence, payer, payee, deal_type),
        "doc_id": doc, "source": source, "field": "text", "sentence_index": sentence,
        "char_start": 0, "char_end": 40,
        "evidence": f"{payer} pays {payee} ({deal_type}) in {doc}",
        "payer_text": payer.title(), "payee_text": payee.title(), "payer_id": payer,
        "payee_id": payee, "deal_type": deal_type, "amount_usd": amount,
        "amount_qualifier": qualifier, "amount_original": amount,
        "currency": "USD" if amount else None, "period": period, "duration_years": duration,
        "status": status, "confidence": confidence, "published_at": when,
        "extractor_version": "test",
    }


def frames(rows: list[dict[str, Any]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Mentions and their documents as the tables hold them (through the contract)."""
    mentions = pl.from_arrow(conform(DEAL_MENTIONS, rows))
    docs = []
    for row in {r["doc_id"]: r for r in rows}.values():
        docs.append({
            "doc_id": row["doc_id"], "source": row["source"],
            "url": f"https://example.test/{row['doc_id']}",
            "canonical_url": f"https://example.test/{row['doc_id']}",
            "title": None, "published_at": row["published_at"], "authors": [],
            "text": "...", "lang": "en", "raw_id": "r" + row["doc_id"], "parser_version": "t",
            "doc_type": "article", "section": None, "summary": None, "tickers": [],
            "entity_hints": [], "paywalled": False, "metadata": None,
        })
    documents = pl.from_arrow(conform(DOCUMENTS, docs))
    assert isinstance(mentions, pl.DataFrame) and isinstance(documents, pl.DataFrame)
    return mentions, documents


def deals_of(rows: list[dict[str, Any]], **kwargs: Any) -> pl.DataFrame:
    mentions, documents = frames(rows)
    deals = deals_from_mentions(mentions, documents, **kwargs)
    conform(DEALS, deals)  # every output matches the table contract
    return deals


def test_one_deal_reported_by_three_documents_from_two_sources() -> None:
    rows = [
        mention("cnbc-1", "nvidia", "openai", "equity_investment", 100e9, qualifier="up_to"),
        mention("cnbc-2", "nvidia", "openai", "equity_investment", 100e9, when=T0 + DAY,
                qualifier="up_to"),
        mention("post-1", "nvidia", "openai", "equity_investment", 100e9, source="bluesky",
                when=T0 + 2 * DAY, confidence=0.7),
    ]
    deals = deals_of(rows)
    assert deals.height == 1
    deal = deals.row(0, named=True)
    assert (deal["n_documents"], deal["n_sources"]) == (3, 2)
    assert deal["sources"] == ["bluesky", "cnbc"]
    assert deal["amount_usd"] == 100e9 and deal["amount_qualifier"] == "up_to"
    assert deal["first_reported_at"] == T0 and deal["last_reported_at"] == T0 + 2 * DAY
    assert sorted(deal["mention_ids"]) == sorted(r["mention_id"] for r in rows)
    assert deal["source_urls"] == [f"https://example.test/{d}" for d in
                                   ("cnbc-1", "cnbc-2", "post-1")]
    assert "cnbc-1" in deal["evidence"]  # the filing-first, then earliest, report
    single = deals_of(rows[:1]).row(0, named=True)["confidence"]
    assert deal["confidence"] > single  # a second source is more evidence


def test_headline_comes_from_the_most_authoritative_source() -> None:
    rows = [
        mention("post", "microsoft", "nebius", "compute_contract", 19e9, source="bluesky"),
        mention("filing", "microsoft", "nebius", "compute_contract", 17.4e9, source="edgar",
                when=T0 + DAY, duration=5),
    ]
    deal = deals_of(rows).row(0, named=True)
    assert deal["amount_usd"] == 17.4e9 and deal["duration_years"] == 5
    assert deal["n_documents"] == 2


def test_rounds_a_year_apart_are_two_deals_a_rereport_months_later_is_one() -> None:
    rows = [
        mention("a", "amazon", "anthropic", "equity_investment", 4e9),
        mention("b", "amazon", "anthropic", "equity_investment", 4e9, when=T0 + 365 * DAY),
        mention("c", "amazon", "anthropic", "equity_investment", 2.75e9, when=T0 + 400 * DAY),
    ]
    assert deals_of(rows).height == 3
    rereported = [mention("a", "amazon", "anthropic", "equity_investment", 4e9),
                  mention("b", "amazon", "anthropic", "equity_investment", None,
                          when=T0 + 100 * DAY),
                  mention("c", "amazon", "anthropic", "equity_investment", 4e9,
                          when=T0 + 250 * DAY)]
    assert deals_of(rereported).height == 1


def test_per_year_times_duration_equals_total() -> None:
    rows = [
        mention("a", "openai", "oracle", "compute_contract", 300e9),
        mention("b", "openai", "oracle", "compute_contract", 60e9, period="per_year",
                duration=5, when=T0 + DAY),
    ]
    deals = deals_of(rows)
    assert deals.height == 1
    per_year_only = deals_of([rows[1]]).row(0, named=True)
    assert per_year_only["total_usd"] == 300e9 and per_year_only["period"] == "per_year"


def test_ceiling_and_firm_part_merge_different_figures_split() -> None:
    up_to = mention("a", "nvidia", "openai", "equity_investment", 100e9, qualifier="up_to")
    tranche = mention("b", "nvidia", "openai", "equity_investment", 10e9, when=T0 + DAY)
    assert deals_of([up_to, tranche]).height == 1
    other = mention("c", "nvidia", "openai", "equity_investment", 30e9, when=T0 + DAY)
    firm = mention("d", "nvidia", "openai", "equity_investment", 100e9, when=T0 + 2 * DAY)
    assert deals_of([other, firm]).height == 2


def test_lease_reported_as_purchase_is_one_deal_only_when_amounts_agree() -> None:
    lease = mention("a", "nvidia", "lambda", "lease", 1.5e9, source="the_information")
    purchase = mention("b", "nvidia", "lambda", "purchase", 1.5e9, when=T0 + 3 * DAY)
    assert deals_of([lease, purchase]).height == 1
    vague = mention("c", "nvidia", "lambda", "purchase", None, when=T0 + 3 * DAY)
    assert deals_of([lease, vague]).height == 2
    loan = mention("d", "nvidia", "lambda", "loan", 1.5e9, when=T0 + 3 * DAY)
    assert deals_of([lease, loan]).height == 2


@pytest.mark.parametrize(("reports", "expected"), [
    ([("rumored", 0), ("announced", 5)], "announced"),
    ([("announced", 0), ("rumored", 5)], "announced"),
    ([("announced", 0), ("terminated", 30)], "terminated"),
    ([("terminated", 0), ("announced", 0)], "terminated"),
    ([("terminated", 0), ("announced", 40)], "announced"),
    ([("rumored", 0)], "rumored"),
])
def test_status_follows_the_news(reports: list[tuple[str, int]], expected: str) -> None:
    assert deal_status([(T0 + d * DAY, s) for s, d in reports]) == expected
    rows = [mention(f"d{i}", "meta", "oracle", "compute_contract", 20e9, status=s,
                    when=T0 + d * DAY) for i, (s, d) in enumerate(reports)]
    assert deals_of(rows)["status"].to_list() == [expected]


def test_ids_are_stable_across_input_order_and_when_a_mention_joins() -> None:
    rows = [mention(f"d{i}", "nvidia", "coreweave", kind, amount, when=T0 + i * DAY)
            for i, (kind, amount) in enumerate([("backstop", 6.3e9), ("equity_investment", 2e9),
                                                 ("backstop", None), ("lease", 1.3e9)])]
    first = deals_of(rows)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert deals_of(shuffled).equals(first)
    # A backfill adds an earlier report of the backstop: its deal keeps its id.
    earlier = mention("old", "nvidia", "coreweave", "backstop", 6.3e9, when=T0 - 20 * DAY)
    again = deals_of([earlier, *rows], previous=first)
    assert set(again["deal_id"]) == set(first["deal_id"])
    backstop = again.filter(pl.col("deal_type") == "backstop").row(0, named=True)
    assert backstop["n_documents"] == 3 and backstop["first_reported_at"] == T0 - 20 * DAY
    # Without the previous table, the same mentions still give the same ids.
    assert deals_of(rows)["deal_id"].to_list() == first["deal_id"].to_list()


def test_unresolved_and_self_mentions_are_not_deals_and_names_come_from_entities() -> None:
    rows = [mention("a", "nvidia", "openai", "purchase", None),
            mention("b", "openai", "openai", "purchase", 1e9, sentence=1)]
    rows.append({**mention("c", "x", "y", "loan", 1e9), "payer_id": None})
    entities = pl.DataFrame({"entity_id": ["nvidia", "openai"], "name": ["Nvidia", "OpenAI"]})
    deals = deals_of(rows, entities=entities)
    assert deals.select("payer_name", "payee_name").rows() == [("Nvidia", "OpenAI")]
    assert deals_of([]).is_empty()


def test_amount_rules() -> None:
    def r(amount: float | None, qualifier: str | None = None, period: str = "total",
          duration: float | None = None) -> Report:
        return Report("m", "purchase", T0, amount, qualifier, period, duration)

    assert amounts_agree(r(10e9), r(None))
    assert amounts_agree(r(10e9), r(11e9))
    assert not amounts_agree(r(10e9), r(13e9))
    assert amounts_agree(r(10e9, "about"), r(12e9))
    assert amounts_agree(r(30e9, period="per_year", duration=5), r(150e9))
    assert not amounts_agree(r(30e9, period="per_year"), r(150e9))
    assert amounts_agree(r(14.2e9, "up_to"), r(3e9))
    assert not amounts_agree(r(3e9, "up_to"), r(14.2e9))
    assert MergeRules().window_days == 180
