"""Loops straight from deal mentions (`circularity extract` output), with no tables.

For `circularity detect --from-mentions`: the loops a handful of texts state. The mention
lines go through the same path as the pipeline's tables: `transform.normalize` merges them
into deals (each text counts as one document of an unknown source, dated by its
`published_at` when the line carries one), then `detect.cycles` finds the loops.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import polars as pl

from detect.cycles import DetectOptions, find_deal_loops
from detect.loops import Loop
from records.ids import stable_id
from transform.normalize import deals_from_mentions

_TEXT_SOURCE = "text"
DEFAULT_OPTIONS = DetectOptions()

_MENTION_SCHEMA: dict[str, Any] = {
    "mention_id": pl.String, "doc_id": pl.String, "source": pl.String,
    "payer_id": pl.String, "payee_id": pl.String, "deal_type": pl.String,
    "amount_usd": pl.Float64, "amount_qualifier": pl.String, "period": pl.String,
    "duration_years": pl.Float64, "status": pl.String, "confidence": pl.Float64,
    "evidence": pl.String, "published_at": pl.Datetime("us", "UTC"),
}


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def mention_frames(mentions: Iterable[Mapping[str, Any]]) -> tuple[pl.DataFrame, pl.DataFrame,
                                                                   pl.DataFrame]:
    """Mentions, documents and entity names as frames shaped like the tables, from
    `circularity extract` lines (names stand in for ids where a line has none)."""
    rows, names = [], {}
    for m in mentions:
        payer = str(m.get("payer_id") or m.get("payer") or "") or None
        payee = str(m.get("payee_id") or m.get("payee") or "") or None
        if payer and m.get("payer"):
            names.setdefault(payer, str(m["payer"]))
        if payee and m.get("payee"):
            names.setdefault(payee, str(m["payee"]))
        doc_id = str(m.get("doc_id") or "")
        rows.append({
            "mention_id": stable_id(doc_id, m.get("field"), m.get("char_start"), payer, payee,
                                    m.get("deal_type")),
            "doc_id": doc_id, "source": _TEXT_SOURCE, "payer_id": payer, "payee_id": payee,
            "deal_type": str(m.get("deal_type") or ""), "amount_usd": m.get("amount_usd"),
            "amount_qualifier": m.get("amount_qualifier"),
            "period": str(m.get("period") or "total"),
            "duration_years": m.get("duration_years"), "status": str(m.get("status")
                                                                     or "announced"),
            "confidence": float(m.get("confidence") or 1.0), "evidence": m.get("evidence"),
            "published_at": _moment(m.get("published_at")),
        })
    frame = pl.DataFrame(rows, schema=_MENTION_SCHEMA).unique("mention_id", keep="first",
                                                              maintain_order=True)
    documents = frame.select("doc_id", "published_at").unique("doc_id", keep="first") \
        .with_columns(canonical_url=pl.lit(None, dtype=pl.String))
    entities = pl.DataFrame({"entity_id": list(names), "name": list(names.values())},
                            schema={"entity_id": pl.String, "name": pl.String})
    return frame, documents, entities


def loops_from_mentions(mentions: Iterable[Mapping[str, Any]],
                        options: DetectOptions = DEFAULT_OPTIONS,
                        ) -> tuple[list[Loop], dict[str, dict[str, Any]]]:
    """The loops the mentions state, best first, and the merged deals by deal id."""
    frame, documents, entities = mention_frames(mentions)
    deals = deals_from_mentions(frame, documents, entities)
    loops = find_deal_loops(deals, options)
    return loops, {row["deal_id"]: row for row in deals.iter_rows(named=True)}
