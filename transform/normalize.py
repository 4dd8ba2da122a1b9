"""Deals from deal mentions, in Polars: one row per real-world deal, merged across sources.

Input: the `deal_mentions` table joined with `documents` (for the canonical URL and, when a
mention has none, the publication date), the `entities` table for display names, and the
previous `deals` table (for ids). Output: rows of the `deals` table (load/schemas.py).

How mentions become deals:

- **Kept mentions**: both parties resolved and different. Their report date is the
  mention's `published_at`, else its document's.
- **Clusters**: mentions are grouped by payer, payee and type family, sorted by report date
  then mention id, and merged by the rules of `transform.deal_clusters` (compatible type,
  agreeing amounts, a time window); each cluster is one deal.
- **Headline figures**: the mention stating an amount with the most authoritative source
  (EDGAR filing > CNBC > The Information > Bluesky), then the amount cited by the most
  documents, then the highest confidence, then the earliest report. It gives `amount_usd`,
  `amount_qualifier`, `period`, `duration_years` (else the duration another report gives)
  and `deal_type` (the headline's type, or the type most reports use when no amount is
  stated). `total_usd` is the figure over the deal's life: per year times the duration, or
  the total as stated, or a total another report of the deal states.
- **Status** (`deal_clusters.deal_status`): follows the reports in date order.
- **Evidence**: the sentence of the headline mention (or the most confident, most
  authoritative one). `source_urls`: the documents' canonical URLs, earliest report first;
  `sources`: the sources' names.
- **Confidence**: per source, the best mention confidence times the source's authority
  weight; sources combine as independent evidence, 1 - prod(1 - c), capped at 0.99.
- **Ids**: a new deal's id is `stable_id("deal", anchor)`, the anchor being its first
  mention (report date, then mention id), so the same mentions give the same id. A deal
  whose mentions overlap a previous deal's keeps that deal's id (largest overlap first), so
  a new mention joining a deal, even an earlier one from a backfill, never changes its id.

Pure: frames in, a frame out; no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from records.ids import stable_id
from transform.deal_clusters import (
    DEFAULT_RULES,
    MergeRules,
    Report,
    cluster_group,
    deal_status,
    type_family,
)

# Higher first: a filing is the company's own word; a post is the least checked.
SOURCE_AUTHORITY: Mapping[str, int] = {"edgar": 0, "cnbc": 1, "the_information": 2,
                                       "bluesky": 3}
SOURCE_WEIGHT: Mapping[str, float] = {"edgar": 1.0, "cnbc": 0.95, "the_information": 0.9,
                                      "bluesky": 0.75}
_UNKNOWN_AUTHORITY = 9
_UNKNOWN_WEIGHT = 0.7
_MAX_CONFIDENCE = 0.99

DEAL_COLUMNS = [
    "deal_id", "payer_id", "payee_id", "payer_name", "payee_name", "deal_type", "amount_usd",
    "amount_qualifier", "total_usd", "period", "duration_years", "status",
    "first_reported_at", "last_reported_at", "n_documents", "n_sources", "mention_ids",
    "confidence", "evidence", "source_urls", "sources",
]


def reports_frame(mentions: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Mentions that can be deals, with their document's URL and a report date, sorted in
    report order (payer, payee, family, date with undated last, mention id)."""
    docs = documents.select(
        "doc_id",
        pl.col("canonical_url").alias("doc_url"),
        pl.col("published_at").alias("doc_published_at"),
    ).unique("doc_id", keep="first")
    return (
        mentions.lazy()
        .filter(pl.col("payer_id").is_not_null() & pl.col("payee_id").is_not_null()
                & (pl.col("payer_id") != pl.col("payee_id")))
        .join(docs.lazy(), on="doc_id", how="left")
        .with_columns(
            reported_at=pl.coalesce("published_at", "doc_published_at"),
            family=pl.col("deal_type").map_elements(type_family, return_dtype=pl.String),
            authority=pl.col("source").replace_strict(
                SOURCE_AUTHORITY, default=_UNKNOWN_AUTHORITY, return_dtype=pl.Int32),
            weight=pl.col("source").replace_strict(
                SOURCE_WEIGHT, default=_UNKNOWN_WEIGHT, return_dtype=pl.Float64),
        )
        .sort(["payer_id", "payee_id", "family", "reported_at", "mention_id"],
              nulls_last=True)
        .collect()
    )


def assign_clusters(reports: pl.DataFrame, rules: MergeRules = DEFAULT_RULES) -> pl.DataFrame:
    """The reports with an `anchor` column: the mention id that starts their deal."""
    anchors: dict[str, str] = {}
    for group in reports.partition_by(["payer_id", "payee_id", "family"], maintain_order=True):
        anchors |= cluster_group([
            Report(r["mention_id"], r["deal_type"], r["reported_at"], r["amount_usd"],
                   r["amount_qualifier"], r["period"], r["duration_years"])
            for r in group.iter_rows(named=True)
        ], rules)
    return reports.with_columns(
        anchor=pl.col("mention_id").replace_strict(anchors, return_dtype=pl.String))


def _headlines(reports: pl.DataFrame) -> pl.DataFrame:
    """Per anchor, the headline mention's figures, type and evidence."""
    support = (pl.col("doc_id").n_unique().over(["anchor", "amount_usd"]))
    type_votes = pl.col("doc_id").n_unique().over(["anchor", "deal_type"])
    ranked = reports.with_columns(support=support, type_votes=type_votes).sort(
        [pl.col("amount_usd").is_null(), "authority", "support", "confidence",
         "reported_at", "mention_id"],
        descending=[False, False, True, True, False, False], nulls_last=True,
    )
    headline = ranked.group_by("anchor", maintain_order=True).first().select(
        "anchor", "amount_usd", "amount_qualifier", "period", "evidence",
        pl.col("deal_type").alias("headline_type"),
        pl.col("duration_years").alias("headline_duration"),
    )
    by_votes = reports.with_columns(type_votes=type_votes).sort(
        ["type_votes", "authority", "deal_type"], descending=[True, False, False]
    ).group_by("anchor", maintain_order=True).agg(pl.col("deal_type").first().alias("voted"))
    return headline.join(by_votes, on="anchor").with_columns(
        deal_type=pl.when(pl.col("amount_usd").is_null()).then("voted")
        .otherwise("headline_type"),
    ).drop("voted", "headline_type")


def _aggregates(reports: pl.DataFrame) -> pl.DataFrame:
    """Per anchor: parties, dates, counts, mention ids, URLs, a stated duration and total."""
    by_authority = reports.sort(["authority", "reported_at", "mention_id"], nulls_last=True)
    stated = by_authority.group_by("anchor", maintain_order=True).agg(
        pl.col("duration_years").drop_nulls().first().alias("any_duration"),
        pl.col("amount_usd").filter(pl.col("period") == "total").drop_nulls().first()
        .alias("stated_total"),
    )
    dated = reports.sort(["reported_at", "mention_id"], nulls_last=True)
    main = dated.group_by("anchor", maintain_order=True).agg(
        pl.col("payer_id").first(), pl.col("payee_id").first(),
        pl.col("reported_at").min().alias("first_reported_at"),
        pl.col("reported_at").max().alias("last_reported_at"),
        pl.col("doc_id").n_unique().cast(pl.Int32).alias("n_documents"),
        pl.col("source").n_unique().cast(pl.Int32).alias("n_sources"),
        pl.col("source").unique().sort().alias("sources"),
        pl.col("mention_id").unique().sort().alias("mention_ids"),
        pl.col("doc_url").drop_nulls().unique(maintain_order=True).alias("source_urls"),
        pl.struct("reported_at", "status").alias("statuses"),
    )
    confidence = (
        reports.group_by(["anchor", "source"]).agg(
            (pl.col("confidence").max() * pl.col("weight").first()).alias("evidence_strength"))
        .sort(["anchor", "source"])
        .group_by("anchor", maintain_order=True)
        .agg((1.0 - (1.0 - pl.col("evidence_strength")).product()).alias("confidence"))
        .with_columns(pl.col("confidence").clip(0.0, _MAX_CONFIDENCE))
    )
    return main.join(stated, on="anchor").join(confidence, on="anchor")


def keep_previous_ids(anchors: pl.DataFrame, previous: pl.DataFrame | None) -> dict[str, str]:
    """anchor -> deal_id: a previous deal's id where the mentions overlap, else a new one."""
    fresh = {a: stable_id("deal", a) for a in anchors["anchor"].to_list()}
    if previous is None or previous.is_empty():
        return fresh
    old = previous.select("deal_id", pl.col("mention_ids").alias("old_ids")).explode("old_ids")
    new = anchors.select("anchor", "mention_ids").explode("mention_ids")
    overlaps = (
        new.join(old, left_on="mention_ids", right_on="old_ids")
        .group_by(["anchor", "deal_id"]).len()
        .sort(["len", "deal_id", "anchor"], descending=[True, False, False])
    )
    taken: set[str] = set()
    kept: dict[str, str] = {}
    for anchor, deal_id, _ in overlaps.iter_rows():
        if anchor not in kept and deal_id not in taken:
            kept[anchor] = deal_id
            taken.add(deal_id)
    ids = {anchor: kept.get(anchor, new_id) for anchor, new_id in fresh.items()}
    if len(set(ids.values())) != len(ids):  # a new id equal to a kept one: keep the old deal's
        ids = {a: (i if a in kept or i not in taken else stable_id("deal", a, "new"))
               for a, i in ids.items()}
    return ids


def deals_from_mentions(
    mentions: pl.DataFrame,
    documents: pl.DataFrame,
    entities: pl.DataFrame | None = None,
    previous: pl.DataFrame | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> pl.DataFrame:
    """The `deals` rows for these mentions, sorted by deal_id (see the module docstring)."""
    reports = assign_clusters(reports_frame(mentions, documents), rules)
    if reports.is_empty():
        return _empty_deals()
    deals = _aggregates(reports).join(_headlines(reports), on="anchor")
    statuses = {
        row["anchor"]: deal_status([(s["reported_at"], s["status"]) for s in row["statuses"]])
        for row in deals.select("anchor", "statuses").iter_rows(named=True)
    }
    ids = keep_previous_ids(deals.select("anchor", "mention_ids"), previous)
    names = _names(entities)
    deals = deals.with_columns(
        deal_id=pl.col("anchor").replace_strict(ids, return_dtype=pl.String),
        status=pl.col("anchor").replace_strict(statuses, return_dtype=pl.String),
        duration_years=pl.coalesce("headline_duration", "any_duration"),
    ).with_columns(
        total_usd=pl.when(pl.col("amount_usd").is_null()).then(None)
        .when(pl.col("period") == "total").then(pl.col("amount_usd"))
        .when(pl.col("duration_years").is_not_null())
        .then(pl.col("amount_usd") * pl.col("duration_years"))
        .otherwise(pl.col("stated_total")),
        period=pl.col("period").fill_null("total"),
        payer_name=pl.col("payer_id").replace_strict(names, default=pl.col("payer_id"),
                                                     return_dtype=pl.String),
        payee_name=pl.col("payee_id").replace_strict(names, default=pl.col("payee_id"),
                                                     return_dtype=pl.String),
    )
    return deals.select(DEAL_COLUMNS).sort("deal_id")


def _names(entities: pl.DataFrame | None) -> dict[str, str]:
    if entities is None or entities.is_empty():
        return {}
    return dict(entities.select("entity_id", "name").unique("entity_id").iter_rows())


def _empty_deals() -> pl.DataFrame:
    utc = pl.Datetime("us", "UTC")
    types: dict[str, pl.DataType] = {
        "amount_usd": pl.Float64(), "total_usd": pl.Float64(), "duration_years": pl.Float64(),
        "confidence": pl.Float64(), "first_reported_at": utc, "last_reported_at": utc,
        "n_documents": pl.Int32(), "n_sources": pl.Int32(),
        "mention_ids": pl.List(pl.String), "source_urls": pl.List(pl.String),
        "sources": pl.List(pl.String),
    }
    return pl.DataFrame(schema={c: types.get(c, pl.String()) for c in DEAL_COLUMNS})
