"""Deals and loops as a reader sees them: one line each in a terminal, or JSON objects.

Deals are rows of the `deals` table (dicts, keyed by deal_id for the loop functions); loops
are `detect.loops.Loop`. Used by `circularity deals` and `circularity detect`, whether the
deals come from the tables or straight from `circularity extract` output.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from detect.loops import Hop, Loop

Deal = Mapping[str, Any]

_QUALIFIERS = {"up_to": "up to ", "about": "about ", "at_least": "at least "}


_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
# Deal types that move money first: a loop's story starts with the financing hop.
_FINANCING = frozenset({"equity_investment", "loan", "backstop", "lease", "warrant"})


def short_usd(amount: float) -> str:
    """A figure as readers write it: $100B, $6.3B, $350M, $12K, $950 ($999.7M is $1B)."""
    sign, value = ("-" if amount < 0 else ""), abs(amount)
    for unit, suffix in _UNITS:  # largest first; 999.6M rounds up to $1B, not $1000M
        if value >= unit * 0.9995:
            return f"{sign}${float(f'{value / unit:.3g}'):g}{suffix}"
    return f"{sign}${value:,.0f}"


def money(amount: float | None) -> str:
    """`short_usd`, or "amount not stated" for None."""
    return "amount not stated" if amount is None else short_usd(amount)


def story_hops(loop: Loop) -> tuple[Hop, ...]:
    """The loop's hops from where its story starts, for readers (`cycle_id` and the table
    keep the canonical rotation): the hop whose financing deal (equity, loan, backstop,
    lease, warrant) was reported first, else the first-reported hop, else the canonical
    start. "Nvidia → Lambda → Nvidia", not "Lambda → Nvidia → Lambda"."""
    def start_key(index: int) -> tuple[int, datetime, int]:
        deals = loop.hops[index].deals
        financing = [f.reported_at for f in deals if f.deal_type in _FINANCING]
        dated = [d for d in (financing or [f.reported_at for f in deals]) if d is not None]
        rank = 0 if financing else 1
        return (rank, min(dated) if dated else datetime.max.replace(tzinfo=UTC), index)

    start = min(range(len(loop.hops)), key=start_key)
    return loop.hops[start:] + loop.hops[:start]


def amount_text(deal: Deal) -> str:
    """The deal's figure as stated: "up to $100B", "$30B per year over 5 years"."""
    if deal.get("amount_usd") is None:
        return "amount not stated"
    text = _QUALIFIERS.get(deal.get("amount_qualifier") or "", "") + money(deal["amount_usd"])
    if deal.get("period") == "per_year":
        text += " per year"
    years = deal.get("duration_years")
    if years:
        text += f" over {float(years):g} year{'' if float(years) == 1 else 's'}"
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
    sources = ", ".join(deal.get("sources") or hosts(deal.get("source_urls"))) or "unknown"
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
    """One loop on one line, in money order from where its story starts, each hop with its
    headline deal: "Nvidia → OpenAI (equity_investment, up to $100B, 2025-09-22) → Nvidia
    (purchase, amount not stated, 2025-09-22)"; "+N more" when a hop has more deals."""
    names = _names(loop, deals)
    hops = story_hops(loop)
    parts = [names[hops[0].payer_id]]
    for hop in hops:
        # The hop's headline deal (largest stated amount, then earliest); the rest counted.
        lead = min(hop.deals, key=lambda f: (-(f.amount_usd or 0.0), f.reported_at is None,
                                             f.reported_at or datetime.min.replace(tzinfo=UTC),
                                             f.deal_id))
        stated = ", ".join(x for x in (lead.deal_type, amount_text(deals[lead.deal_id]),
                                       _day(lead.reported_at)) if x)
        more = len(hop.deals) - 1
        parts.append(f"{names[hop.payee_id]} ({stated}{f'; +{more} more' if more else ''})")
    return " → ".join(parts)


def loop_record(loop: Loop, deals: Mapping[str, Deal]) -> dict[str, Any]:
    """One loop as a JSON-ready object: ids and names in money order from where its story
    starts (`story_hops`), hops with every deal (type, amount, status, dates, evidence,
    URLs), bottleneck, time order, score."""
    names = _names(loop, deals)
    hops = []
    ordered = story_hops(loop)
    for hop in ordered:
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
        "cycle_id": loop.cycle_id, "entities": [names[h.payer_id] for h in ordered],
        "entity_ids": [h.payer_id for h in ordered], "length": loop.length, "hops": hops,
        "bottleneck_usd": loop.bottleneck_usd, "total_usd": loop.total_usd,
        "return_share": loop.return_share, "first_date": _iso(loop.first_date),
        "last_date": _iso(loop.last_date), "time_ordered": loop.time_ordered,
        "score": loop.score,
    }
