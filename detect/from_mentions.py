"""Loops straight from deal mentions (`circularity extract` output), with no tables.

For `circularity detect --from-mentions`: a quick look at the loops a handful of texts state.
Mentions are merged into one flow per (payer, payee, deal type), which is what a reader of a
few texts means by "a deal" (the `deals` table's merge rules, with time windows and amount
tolerances across sources, are for the pipeline). Per merged flow:

- the amount is the one stated most often (ties: the largest), None when none is stated;
- the status is "terminated" when any mention says so, else "announced" when any does, else
  "rumored";
- the date is the earliest `published_at` of its mentions (a key the input may carry);
- the confidence is the highest of its mentions';
- the evidence is the sentences of its mentions, in input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from detect.graph import Flow, MoneyGraph
from detect.loops import Loop, find_loops
from records.ids import stable_id


@dataclass(frozen=True)
class MergedDeal:
    """A flow merged from mentions, with the names and sentences behind it."""

    flow: Flow
    payer_name: str
    payee_name: str
    evidence: tuple[str, ...]
    doc_ids: tuple[str, ...]


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def merge_mentions(mentions: Iterable[Mapping[str, Any]]) -> list[MergedDeal]:
    """One merged deal per (payer, payee, deal type), in first-seen order."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for mention in mentions:
        payer = str(mention.get("payer_id") or mention.get("payer") or "")
        payee = str(mention.get("payee_id") or mention.get("payee") or "")
        if payer and payee:
            groups.setdefault((payer, payee, str(mention["deal_type"])), []).append(mention)
    merged = []
    for (payer, payee, deal_type), group in groups.items():
        amounts = Counter(m["amount_usd"] for m in group if m.get("amount_usd") is not None)
        amount = max(amounts, key=lambda a: (amounts[a], a)) if amounts else None
        statuses = {m.get("status") for m in group}
        status = "terminated" if "terminated" in statuses else \
            "announced" if "announced" in statuses else "rumored"
        dates = [d for d in (_moment(m.get("published_at")) for m in group) if d is not None]
        flow = Flow(
            deal_id=stable_id("mentions", payer, payee, deal_type),
            payer_id=payer, payee_id=payee, deal_type=deal_type, amount_usd=amount,
            reported_at=min(dates) if dates else None, status=status,
            confidence=max(float(m.get("confidence") or 0.0) for m in group),
        )
        merged.append(MergedDeal(
            flow, str(group[0].get("payer") or payer), str(group[0].get("payee") or payee),
            tuple(dict.fromkeys(str(m.get("evidence") or "") for m in group)),
            tuple(dict.fromkeys(str(m.get("doc_id") or "") for m in group)),
        ))
    return merged


def loops_from_mentions(mentions: Iterable[Mapping[str, Any]], *, max_length: int = 4,
                        include_rumored: bool = False, time_ordered: bool = False,
                        ) -> tuple[list[Loop], dict[str, MergedDeal]]:
    """The loops the mentions state, best first, and the merged deals by deal id."""
    merged = merge_mentions(mentions)
    statuses = ("announced", "rumored") if include_rumored else ("announced",)
    graph = MoneyGraph((m.flow for m in merged), statuses=statuses)
    loops = find_loops(graph, max_length=max_length, time_ordered=time_ordered)
    return loops, {m.flow.deal_id: m for m in merged}


def _money(amount: float | None) -> str:
    if amount is None:
        return "amount not stated"
    for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if amount >= scale:
            return f"${amount / scale:.3g}{unit}"
    return f"${amount:,.0f}"


def loop_line(loop: Loop, deals: Mapping[str, MergedDeal]) -> str:
    """One loop on one line, in money order: "Nvidia → OpenAI (equity_investment, $100B)
    → Nvidia (purchase, amount not stated)"."""
    names = {}
    for hop in loop.hops:
        for flow in hop.deals:
            deal = deals[flow.deal_id]
            names[flow.payer_id], names[flow.payee_id] = deal.payer_name, deal.payee_name
    parts = [names.get(loop.entity_ids[0], loop.entity_ids[0])]
    for hop in loop.hops:
        kinds = ", ".join(
            f"{flow.deal_type}, {_money(flow.amount_usd)}"
            + (f", {flow.reported_at.date().isoformat()}" if flow.reported_at else "")
            for flow in hop.deals)
        parts.append(f"{names.get(hop.payee_id, hop.payee_id)} ({kinds})")
    return " → ".join(parts)


def loop_record(loop: Loop, deals: Mapping[str, MergedDeal]) -> dict[str, Any]:
    """One loop as a JSON-ready object: ids, names in money order, hops with their deals and
    evidence, bottleneck, time order, score."""
    hops = []
    names: dict[str, str] = {}
    for hop in loop.hops:
        items = []
        for flow in hop.deals:
            deal = deals[flow.deal_id]
            names[flow.payer_id], names[flow.payee_id] = deal.payer_name, deal.payee_name
            items.append({
                "deal_id": flow.deal_id, "deal_type": flow.deal_type,
                "amount_usd": flow.amount_usd, "status": flow.status,
                "reported_at": flow.reported_at.isoformat() if flow.reported_at else None,
                "evidence": list(deal.evidence), "doc_ids": list(deal.doc_ids),
            })
        hops.append({"payer_id": hop.payer_id, "payee_id": hop.payee_id, "deals": items})
    return {
        "cycle_id": loop.cycle_id, "entity_ids": list(loop.entity_ids),
        "entities": [names.get(e, e) for e in loop.entity_ids], "length": loop.length,
        "hops": hops, "bottleneck_usd": loop.bottleneck_usd, "total_usd": loop.total_usd,
        "return_share": loop.return_share, "time_ordered": loop.time_ordered,
        "score": loop.score,
    }
