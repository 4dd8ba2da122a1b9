"""Deals and loops as a reader sees them: one line each in a terminal, or JSON objects.

Deals are rows of the `deals` table (dicts, keyed by deal_id for the loop functions); loops
are `detect.loops.Loop`. Used by `circularity deals` and `circularity detect`, whether the
deals come from the tables or straight from `circularity extract` output.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from detect.loops import Loop

Deal = Mapping[str, Any]

_QUALIFIERS = {"up_to": "up to ", "about": "about ", "at_least": "at least "}


def money(amount: float | None) -> str:
    """$100B, $6.3B, $350M, $12,000; "amount not stated" for None."""
    if amount is None:
        return "amount not stated"
    for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(amount) >= scale:
            return f"${amount / scale:.3g}{unit}"
    return f"${amount:,.0f}"


def amount_text(deal: Deal) -> str:
    """The deal's figure as stated: "up to $100B", "$30B a year over 5 years"."""
    if deal.get("amount_usd") is None:
        return "amount not stated"
    text = _QUALIFIERS.get(deal.get("amount_qualifier") or "", "") + money(deal["amount_usd"])
    if deal.get("period") == "per_year":
        text += " a year"
    if deal.get("duration_years"):
        text += f" over {deal['duration_years']:g} years"
    return text


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def hosts(urls: list[str] | None) -> list[str]:
    """The distinct hosts of URLs, in order ("www." dropped)."""
    found = [urlsplit(u).hostname or u for u in urls or []]
    return list(dict.fromkeys(h.removeprefix("www.") for h in found))


def deal_line(deal: Deal) -> str:
    """One deal on one line: date, payer → payee, type, amount, status, sources."""
    sources = ", ".join(hosts(deal.get("source_urls"))) or "no URL"
    return (f"{_day(deal.get('first_reported_at')) or '????-??-??'}  "
            f"{deal['payer_name']} → {deal['payee_name']}  {deal['deal_type']}  "
            f"{amount_text(deal)}  {deal['status']}  "
            f"{deal['n_documents']} doc(s), {deal['n_sources']} source(s): {sources}")


def deal_record(deal: Deal) -> dict[str, Any]:
    """One deal as a JSON-ready object (every column; dates in ISO 8601)."""
    return {key: _iso(value) if isinstance(value, datetime) else value
            for key, value in deal.items()}


def deals_by_id(deals: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """The rows of a deals frame as dicts, by deal_id."""
    return {row["deal_id"]: row for row in deals.iter_rows(named=True)}


def _names(loop: Loop, deals: Mapping[str, Deal]) -> dict[str, str]:
    names: dict[str, str] = {}
    for hop in loop.hops:
        for flow in hop.deals:
            deal = deals[flow.deal_id]
            names[flow.payer_id] = deal.get("payer_name") or flow.payer_id
            names[flow.payee_id] = deal.get("payee_name") or flow.payee_id
    return names


def loop_line(loop: Loop, deals: Mapping[str, Deal]) -> str:
    """One loop on one line, in money order: "Nvidia → OpenAI (equity_investment, up to
    $100B, 2025-09-22) → Nvidia (purchase, amount not stated, 2025-09-22)"."""
    names = _names(loop, deals)
    parts = [names[loop.entity_ids[0]]]
    for hop in loop.hops:
        stated = "; ".join(
            ", ".join(x for x in (flow.deal_type, amount_text(deals[flow.deal_id]),
                                  _day(flow.reported_at)) if x)
            for flow in hop.deals)
        parts.append(f"{names[hop.payee_id]} ({stated})")
    return " → ".join(parts)


def loop_record(loop: Loop, deals: Mapping[str, Deal]) -> dict[str, Any]:
    """One loop as a JSON-ready object: ids and names in money order, hops with their deals
    (type, amount, status, dates, evidence, URLs), bottleneck, time order, score."""
    names = _names(loop, deals)
    hops = []
    for hop in loop.hops:
        items = []
        for flow in hop.deals:
            deal = deals[flow.deal_id]
            items.append({
                "deal_id": flow.deal_id, "deal_type": flow.deal_type,
                "amount_usd": deal.get("amount_usd"),
                "amount_qualifier": deal.get("amount_qualifier"),
                "period": deal.get("period"), "duration_years": deal.get("duration_years"),
                "total_usd": deal.get("total_usd"), "status": flow.status,
                "first_reported_at": _iso(deal.get("first_reported_at")),
                "last_reported_at": _iso(deal.get("last_reported_at")),
                "n_documents": deal.get("n_documents"), "n_sources": deal.get("n_sources"),
                "confidence": deal.get("confidence"), "evidence": deal.get("evidence"),
                "source_urls": list(deal.get("source_urls") or []),
            })
        hops.append({"payer": names[hop.payer_id], "payee": names[hop.payee_id],
                     "payer_id": hop.payer_id, "payee_id": hop.payee_id, "deals": items})
    return {
        "cycle_id": loop.cycle_id, "entities": [names[e] for e in loop.entity_ids],
        "entity_ids": list(loop.entity_ids), "length": loop.length, "hops": hops,
        "bottleneck_usd": loop.bottleneck_usd, "total_usd": loop.total_usd,
        "return_share": loop.return_share, "first_date": _iso(loop.first_date),
        "last_date": _iso(loop.last_date), "time_ordered": loop.time_ordered,
        "score": loop.score,
    }
