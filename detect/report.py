"""One self-contained HTML page of the money web: who pays whom, and the loops in it.

The page has four parts, all inline (no script, no external CSS, fonts or images, so it opens
offline and can be mailed as one file):

1. a header: title, when the page was generated (passed in, so the page is deterministic), and
   how many entities, deals and loops it shows;
2. the money web as an SVG drawing (`detect.report_layout`): entities sized by the money
   through them, one arrow per (payer, payee) pair coloured by the kind of flow, the arrows
   and entities on a loop drawn strong; each arrow links to its section below;
3. the loop table, best loop first (the caller's order), each hop's arrow linking to the
   hop's section;
4. one section per (payer, payee) pair with its deals: type, amount as stated, status,
   dates, support, confidence, the evidence sentence and links to the source documents.

Every string of the data is scraped news and is escaped; only http(s) source URLs become
links. The same inputs, in any order, give byte-identical HTML.
"""

from __future__ import annotations

import html
import logging
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from detect.loops import Loop
from detect.presentation import amount_text, short_usd, story_hops
from detect.report_layout import KINDS, EdgeView, NodeView, kind_of, render_svg
from records.ids import stable_id

log = logging.getLogger(__name__)

Deal = Mapping[str, Any]

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_DASH = "—"

_CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #f6f7f9; color: #1d232b;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 36px 0 10px; border-bottom: 2px solid #e3e6ea; }
h3 { font-size: 1.08em; margin: 0 0 6px; }
.meta { color: #5a6472; margin: 0; }
a { color: #0b5cad; }
svg.web { display: block; width: 100%; height: auto; border: 1px solid #e3e6ea;
  border-radius: 6px; background: #fcfcfd; }
svg.web path.edge { fill: none; }
svg.web path.off-loop { stroke-width: 1.6; opacity: 0.45; }
svg.web path.on-loop { stroke-width: 3.2; }
svg.web a:hover path.edge, svg.web a:focus path.edge { stroke-width: 5; opacity: 1; }
svg.web .node circle { fill: #c9ced6; stroke: #8a939f; stroke-width: 1; }
svg.web .node.on-loop circle { fill: #2e3a4a; stroke: #11161d; stroke-width: 1.5; }
svg.web text.label { font-size: 13px; fill: #4a5360; paint-order: stroke;
  stroke: #fff; stroke-width: 3.5px; stroke-linejoin: round; pointer-events: none; }
svg.web text.label.on-loop { fill: #11161d; font-weight: 600; }
ul.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap;
  gap: 6px 20px; font-size: 0.9em; color: #3d4652; }
ul.legend .swatch { display: inline-block; width: 26px; height: 4px; border-radius: 2px;
  vertical-align: middle; margin-right: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #d7dbe0; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
tbody tr:nth-child(even) { background: #f7f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.loop a { text-decoration: none; padding: 0 2px; }
section.edge { border: 1px solid #e3e6ea; border-radius: 6px; padding: 12px 16px;
  margin: 14px 0; }
section.edge:target, article.deal:target, tr:target { outline: 3px solid #f0b400; }
article.deal { border-top: 1px solid #eceef1; padding: 8px 0 4px; }
article.deal .facts { margin: 0; }
article.deal .facts b { font-weight: 600; }
blockquote { margin: 6px 0; padding: 4px 12px; border-left: 3px solid #c9ced6;
  color: #38404b; background: #f7f8fa; }
.sources { font-size: 0.9em; margin: 4px 0 0; }
"""


def format_usd(amount: float | None) -> str:
    """Money as a short figure: $100B, $6.3B, $350M, $12K, $950 ("—" when None)."""
    if amount is None or not math.isfinite(amount):
        return _DASH
    return short_usd(amount)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _day(value: datetime | None) -> str:
    if value is None:
        return _DASH
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d")


def _amount_text(deal: Deal) -> str:
    """The amount as reported (`presentation.amount_text`), with the figure over the deal's
    life when it differs: "at least $30B per year over 5 years (total $150B)"."""
    amount = deal.get("amount_usd")
    if amount is None:
        return "undisclosed"
    text = amount_text(deal)
    total = deal.get("total_usd")
    if total is not None and not math.isclose(float(total), float(amount)):
        text += f" (total {format_usd(float(total))})"
    return text


def _slug(text: str) -> str:
    return _UNSAFE.sub("_", text) or "_"


def _anchors(prefix: str, keys: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """A unique html id per key, in key order: prefix-slug-slug..., hash-suffixed on a clash
    ("a-b" -> "c" and "a" -> "b-c" would both be edge-a-b-c)."""
    out: dict[tuple[str, ...], str] = {}
    used: set[str] = set()
    for key in keys:
        anchor = "-".join([prefix, *map(_slug, key)])
        if anchor in used:
            anchor = f"{anchor}-{stable_id(prefix, *key, length=10)}"
        used.add(anchor)
        out[key] = anchor
    return out


def _source_links(urls: Iterable[str]) -> str:
    """Source URLs as links with the host as text; only http(s) URLs become links."""
    items = []
    for url in urls:
        url = str(url)
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if parts is not None and parts.scheme in ("http", "https") and host:
            items.append(f'<a href="{_esc(url)}" rel="noopener noreferrer">{_esc(host)}</a>')
        else:
            items.append(f'<span class="url">{_esc(url)}</span>')
    return " · ".join(items) if items else "no source recorded"


def _deal_html(deal: Deal, anchor: str) -> str:
    """One deal of an edge section."""
    facts = [
        ("type", str(deal.get("deal_type", "")).replace("_", " ")),
        ("amount", _amount_text(deal)),
        ("status", deal.get("status", "")),
        ("first reported", _day(deal.get("first_reported_at"))),
        ("documents / sources", f"{deal.get('n_documents', 0)} / {deal.get('n_sources', 0)}"),
        ("confidence", f"{float(deal.get('confidence') or 0.0):.2f}"),
    ]
    text = " · ".join(f"<b>{_esc(k)}</b> {_esc(v)}" for k, v in facts)
    evidence = deal.get("evidence")
    quote = f"<blockquote>{_esc(evidence)}</blockquote>" if evidence else ""
    return (f'<article class="deal" id="{_esc(anchor)}"><p class="facts">{text}</p>{quote}'
            f'<p class="sources">Sources: {_source_links(deal.get("source_urls") or ())}</p>'
            "</article>")


def _largest(deals: Sequence[Deal]) -> Deal:
    """The deal with the largest known amount; the smallest deal id on a tie."""
    return min(deals, key=lambda d: (math.inf if d.get("amount_usd") is None
                                     else -float(d["amount_usd"]), str(d["deal_id"])))


def _known_sum(deals: Iterable[Deal]) -> float | None:
    known = [float(d["amount_usd"]) for d in deals if d.get("amount_usd") is not None]
    return math.fsum(known) if known else None


def _names(rows: Sequence[Deal]) -> dict[str, str]:
    """Entity id -> name: the first name given over deals sorted by id, else the id."""
    names: dict[str, str] = {}
    ids: set[str] = set()
    for row in rows:
        for id_key, name_key in (("payer_id", "payer_name"), ("payee_id", "payee_name")):
            entity, name = str(row[id_key]), str(row.get(name_key) or "").strip()
            ids.add(entity)
            if name and entity not in names:
                names[entity] = name
    return {entity: names.get(entity, entity) for entity in sorted(ids)}


def _check_loops(loops: Sequence[Loop], by_id: Mapping[str, Deal]) -> None:
    """Every loop deal must be one of the deals, on the hop's (payer, payee); ids unique."""
    seen: set[str] = set()
    for loop in loops:
        if loop.cycle_id in seen:
            raise ValueError(f"loop {loop.cycle_id} is given twice")
        seen.add(loop.cycle_id)
        for hop in loop.hops:
            if not hop.deals:
                raise ValueError(f"loop {loop.cycle_id}: hop {hop.payer_id!r} -> "
                                 f"{hop.payee_id!r} has no deal")
            for flow in hop.deals:
                row = by_id.get(flow.deal_id)
                if row is None:
                    raise ValueError(f"loop {loop.cycle_id} refers to deal {flow.deal_id!r}, "
                                     "which is not among the deals")
                if (str(row["payer_id"]), str(row["payee_id"])) != (hop.payer_id, hop.payee_id):
                    raise ValueError(f"loop {loop.cycle_id}: deal {flow.deal_id!r} does not go "
                                     f"from {hop.payer_id!r} to {hop.payee_id!r}")


def _loop_table(loops: Sequence[Loop], names: Mapping[str, str],
                edge_ids: Mapping[tuple[str, ...], str], loop_ids: Mapping[str, str]) -> str:
    if not loops:
        return '<p class="no-loops">No loops were found: no money goes round among these deals.</p>'
    head = ("<tr><th>#</th><th>loop (money order)</th><th>length</th><th>bottleneck</th>"
            "<th>returns</th><th>first date</th><th>last date</th><th>time-ordered</th>"
            "<th>score</th></tr>")
    rows = []
    for rank, loop in enumerate(loops, 1):
        hops = story_hops(loop)
        path = [_esc(names.get(hops[0].payer_id, hops[0].payer_id))]
        for hop in hops:
            title = f"{names[hop.payer_id]} → {names[hop.payee_id]}"
            path.append(f'<a href="#{_esc(edge_ids[(hop.payer_id, hop.payee_id)])}" '
                        f'title="{_esc(title)}">→</a>')
            path.append(_esc(names[hop.payee_id]))
        share = _DASH if loop.return_share is None else f"{loop.return_share * 100:.0f}%"
        cells = [
            f'<td class="num">{rank}</td>', f'<td class="loop">{" ".join(path)}</td>',
            f'<td class="num">{loop.length}</td>',
            f'<td class="num">{_esc(format_usd(loop.bottleneck_usd))}</td>',
            f'<td class="num">{_esc(share)}</td>', f'<td>{_day(loop.first_date)}</td>',
            f'<td>{_day(loop.last_date)}</td>', f'<td>{"yes" if loop.time_ordered else "no"}</td>',
            f'<td class="num">{loop.score:.2f}</td>',
        ]
        rows.append(f'<tr id="{_esc(loop_ids[loop.cycle_id])}">{"".join(cells)}</tr>')
    return (f'<table class="loops"><thead>{head}</thead><tbody>\n' + "\n".join(rows)
            + "\n</tbody></table>")


def _edge_section(key: tuple[str, ...], group: Sequence[Deal], names: Mapping[str, str],
                  anchor: str, deal_ids: Mapping[str, str], loop_links: str) -> str:
    """The section of one (payer, payee) pair: a heading, then its deals by date."""
    payer, payee = key
    group = sorted(group, key=lambda d: (_day(d.get("first_reported_at")), str(d["deal_id"])))
    total = _known_sum(group)
    kind = KINDS[kind_of(str(_largest(group)["deal_type"]))][0].split(" (")[0]
    facts = [kind, f"{len(group)} deal{'s' * (len(group) != 1)}",
             "amount undisclosed" if total is None else f"known total {format_usd(total)}"]
    on = f" · on loop {loop_links}" if loop_links else ""
    return (f'<section class="edge" id="{_esc(anchor)}">'
            f"<h3>{_esc(names[payer])} → {_esc(names[payee])}</h3>"
            f'<p class="meta">{_esc(" · ".join(facts))}{on}</p>\n'
            + "\n".join(_deal_html(d, deal_ids[str(d["deal_id"])]) for d in group)
            + "</section>")


def _legend(kinds: Iterable[str]) -> str:
    items = [f'<li><span class="swatch" style="background:{KINDS[k][1]}"></span>'
             f"{_esc(KINDS[k][0])}</li>" for k in KINDS if k != "other" or k in kinds]
    items.append("<li>thick arrows, dark circles: on a loop</li>")
    items.append("<li>circle area: known money in and out</li>")
    return '<ul class="legend">' + "".join(items) + "</ul>"


def render_report(
    deals: Sequence[Mapping[str, Any]],
    loops: Sequence[Loop],
    *,
    title: str = "circularity: the money web",
    generated_at: datetime,
) -> str:
    """The HTML page of the money web: the drawing, the loop table and every deal.

    `deals`: rows of the `deals` table with the entity names (`payer_name`, `payee_name`),
    the `evidence` sentence, `source_urls` and `confidence`; every deal is drawn, in any
    order. `loops`: from `detect.loops.find_loops`, in the order to show them (best first).
    `generated_at` is printed as is (UTC). Raises ValueError when a loop refers to a deal
    that is not in `deals`, or when a deal id or a loop is given twice.
    """
    rows = sorted(deals, key=lambda d: str(d["deal_id"]))
    by_id: dict[str, Deal] = {}
    for row in rows:
        if str(row["deal_id"]) in by_id:
            raise ValueError(f"deal {row['deal_id']!r} is given twice")
        by_id[str(row["deal_id"])] = row
    _check_loops(loops, by_id)
    names = _names(rows)
    edges: dict[tuple[str, str], list[Deal]] = {}
    for row in rows:
        edges.setdefault((str(row["payer_id"]), str(row["payee_id"])), []).append(row)
    edges = dict(sorted(edges.items()))
    edge_ids = _anchors("edge", edges)
    deal_ids = {k[0]: v for k, v in _anchors("deal", ((d,) for d in by_id)).items()}
    loop_ids = {k[0]: v for k, v in _anchors("loop", ((lp.cycle_id,) for lp in loops)).items()}
    loop_edges: dict[tuple[str, str], list[int]] = {}
    loop_nodes: set[str] = set()
    for rank, loop in enumerate(loops, 1):
        loop_nodes.update(loop.entity_ids)
        for hop in loop.hops:
            loop_edges.setdefault((hop.payer_id, hop.payee_id), []).append(rank)

    money: dict[str, list[float]] = {entity: [] for entity in names}
    for row in rows:
        if row.get("amount_usd") is not None:
            for entity in {str(row["payer_id"]), str(row["payee_id"])}:
                money[entity].append(float(row["amount_usd"]))
    nodes = [NodeView(e, names[e], math.fsum(m), e in loop_nodes,
                      f"{names[e]}: {format_usd(math.fsum(m)) if m else 'no known amount'} "
                      "in and out") for e, m in sorted(money.items())]
    views = []
    for (payer, payee), group in edges.items():
        total = _known_sum(group)
        views.append(EdgeView(
            payer, payee, edge_ids[(payer, payee)], kind_of(str(_largest(group)["deal_type"])),
            (payer, payee) in loop_edges,
            f"{names[payer]} → {names[payee]}: {len(group)} deal{'s' * (len(group) != 1)}, "
            f"{format_usd(total) if total is not None else 'amount undisclosed'}"))

    sections = []
    for key, group in edges.items():
        ranks = loop_edges.get(key, [])
        links = ", ".join(f'<a href="#{_esc(loop_ids[loops[r - 1].cycle_id])}">#{r}</a>'
                          for r in ranks)
        sections.append(_edge_section(key, group, names, edge_ids[key], deal_ids, links))

    stamp = generated_at if generated_at.tzinfo is None else generated_at.astimezone(UTC)
    counts = (f"{len(names)} entities · {len(rows)} deal{'s' * (len(rows) != 1)} · "
              f"{len(loops)} loop{'s' * (len(loops) != 1)}")
    log.info("report: %s", counts)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<header><h1>{_esc(title)}</h1>",
        f'<p class="meta">Generated {stamp.strftime("%Y-%m-%d %H:%M")} UTC · {counts}</p>'
        "</header>",
        '<section id="web"><h2>The money web</h2>',
        render_svg(nodes, views),
        _legend({v.kind for v in views}), "</section>",
        f'<section id="loops"><h2>Loops</h2>{_loop_table(loops, names, edge_ids, loop_ids)}'
        "</section>",
        '<section id="edges"><h2>Deals, by payer and payee</h2>',
        *sections, "</section>",
        "</main></body></html>",
        "",
    ])


def write_report(path: Path, html_text: str) -> Path:
    """Write the page atomically (a temporary file in the same folder, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(html_text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the page is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("report written to %s", path)
    return path
