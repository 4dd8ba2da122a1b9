"""The money web as an inline SVG drawing, for `detect.report`.

Entities are circles (area proportional to the money known to go through them, with a floor
for entities with no known amount), labelled with their names; each (payer, payee) pair is
one arrow payer -> payee, coloured by the kind of flow. A pair with deals both ways gets two
gently curved arrows, so they do not overlap. Edges and entities on a loop are drawn strong,
the rest light. The layout is networkx's spring layout with a fixed seed over nodes and edges
sorted by id, so the same web always gives the same picture; arrows stop at the circles' rims,
so arrowheads are never hidden under a node.

Every string drawn here comes from scraped data: everything is escaped.
"""

from __future__ import annotations

import html
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

log = logging.getLogger(__name__)

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

WIDTH = 1000
HEIGHT = 700
_MARGIN_X = 90  # room for the labels of nodes at the left and right edges
_MARGIN_TOP = 45
_MARGIN_BOTTOM = 60  # labels go below their node first
_R_MIN = 7.0
_R_MAX = 34.0
_SEED = 20251001
_LINEAR_SHARE = 0.45  # of a node's position; the rest is its rank along the axis (`_fit`)
_FONT = 13.0
_CHAR_W = 7.5  # average width of a character of the label font, in viewBox units

# kind -> (legend label, colour); colours from the Okabe-Ito colour-blind safe palette.
KINDS: dict[str, tuple[str, str]] = {
    "investment": ("investment (equity, warrants, acquisitions)", "#0072B2"),
    "hardware": ("hardware (purchases)", "#D55E00"),
    "compute": ("compute / services (contracts, leases, backstops)", "#009E73"),
    "lending": ("lending (loans)", "#AA4499"),
    "other": ("other", "#777777"),
}
_KIND_OF_TYPE = {
    "equity_investment": "investment", "warrant": "investment", "acquisition": "investment",
    "purchase": "hardware",
    "compute_contract": "compute", "lease": "compute", "backstop": "compute",
    "loan": "lending",
}


def kind_of(deal_type: str) -> str:
    """The kind of flow (a key of `KINDS`) of a deal type; unknown types are "other"."""
    return _KIND_OF_TYPE.get(deal_type, "other")


@dataclass(frozen=True)
class NodeView:
    """One entity to draw: `money_usd` is the known money in and out (0 when none)."""

    entity_id: str
    name: str
    money_usd: float
    on_loop: bool
    title: str


@dataclass(frozen=True)
class EdgeView:
    """One (payer, payee) arrow; `anchor` is the html id of the edge's section."""

    payer_id: str
    payee_id: str
    anchor: str
    kind: str
    on_loop: bool
    title: str


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def layout(node_ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> dict[str, Point]:
    """Node positions inside the viewBox margins: networkx's spring layout with a fixed seed
    over sorted nodes and edges (falls back to a circle when numpy is missing)."""
    ids = sorted(set(node_ids))
    if not ids:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(sorted({tuple(sorted(p)) for p in pairs if p[0] != p[1]}))
    try:
        raw = nx.spring_layout(graph, seed=_SEED, iterations=300, method="force")
        pos = {n: (float(raw[n][0]), float(raw[n][1])) for n in ids}
    except ImportError:  # networkx's layouts need numpy
        log.warning("numpy is missing: the money web is drawn on a circle")
        step = 2 * math.pi / len(ids)
        pos = {n: (math.cos(i * step), math.sin(i * step)) for i, n in enumerate(ids)}
    return _fit(pos)


def _fit(pos: dict[str, Point]) -> dict[str, Point]:
    """Scale positions into the viewBox, each axis on its own, leaving the margins free.

    Each coordinate is a blend of its linear position and its rank along the axis: a few
    far-out leaves would otherwise squeeze the busy core of the web into the middle.
    """
    ids = sorted(pos)
    out: dict[str, list[float]] = {n: [] for n in ids}
    fill = min(1.0, math.sqrt(len(ids) / 8))  # a few nodes stay near the middle
    for axis, lo_out, hi_out in ((0, _MARGIN_X, WIDTH - _MARGIN_X),
                                 (1, _MARGIN_TOP, HEIGHT - _MARGIN_BOTTOM)):
        middle, half = (lo_out + hi_out) / 2, (hi_out - lo_out) / 2 * fill
        lo_out, hi_out = middle - half, middle + half
        values = {n: pos[n][axis] for n in ids}
        lo, hi = min(values.values()), max(values.values())
        order = sorted(ids, key=lambda n: (values[n], n))
        for rank, n in enumerate(order):
            linear = (values[n] - lo) / (hi - lo) if hi - lo > 1e-9 else 0.5
            spread = rank / (len(ids) - 1) if len(ids) > 1 else 0.5
            mixed = _LINEAR_SHARE * linear + (1 - _LINEAR_SHARE) * spread
            out[n].append(round(lo_out + mixed * (hi_out - lo_out), 1))
    return {n: (xy[0], xy[1]) for n, xy in out.items()}


def radii(nodes: Sequence[NodeView]) -> dict[str, float]:
    """Circle radius per entity: area proportional to its money, at least `_R_MIN`."""
    top = max((n.money_usd for n in nodes), default=0.0)
    out = {}
    for n in nodes:
        r = _R_MAX * math.sqrt(n.money_usd / top) if top > 0 and n.money_usd > 0 else 0.0
        out[n.entity_id] = round(max(_R_MIN, r), 1)
    return out


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 1e-9 else (1.0, 0.0)


def _edge_path(a: Point, b: Point, ra: float, rb: float,
               curved: bool) -> tuple[str, list[Point]]:
    """Path data from circle a to circle b, cut at both rims, bent to its right if curved;
    with points along it (for placing labels off the arrows)."""
    (ax, ay), (bx, by) = a, b
    if a == b:  # a deal of an entity with itself: a small loop above (or below) the node
        up = 1 if ay > HEIGHT / 2 else -1  # towards the middle, so it stays in the picture
        s = (ax - ra * 0.6, ay - up * ra * 0.8)
        e = (ax + ra * 0.6, ay - up * ra * 0.8)
        c1 = (ax - ra - 14, ay - up * (ra + 34))
        c2 = (ax + ra + 14, ay - up * (ra + 34))
        d = (f"M{_num(s[0])},{_num(s[1])} C{_num(c1[0])},{_num(c1[1])} "
             f"{_num(c2[0])},{_num(c2[1])} {_num(e[0])},{_num(e[1])}")
        return d, [tuple((1 - t) ** 3 * p0 + 3 * t * (1 - t) ** 2 * p1 + 3 * t * t * (1 - t) * p2
                         + t ** 3 * p3 for p0, p1, p2, p3 in zip(s, c1, c2, e, strict=True))
                   for t in (i / 10 for i in range(11))]
    ux, uy = _unit(bx - ax, by - ay)
    dist = math.hypot(bx - ax, by - ay)
    cx, cy = (ax + bx) / 2, (ay + by) / 2
    if curved:
        bend = max(18.0, 0.17 * dist)
        cx, cy = cx - uy * bend, cy + ux * bend
    sx, sy = _unit(cx - ax, cy - ay)
    ex, ey = _unit(cx - bx, cy - by)
    start = (ax + sx * ra, ay + sy * ra)
    end = (bx + ex * (rb + 1.5), by + ey * (rb + 1.5))
    steps = max(2, int(dist / 8))
    points = []
    for i in range(steps + 1):  # the quadratic Bezier (a straight line when not curved)
        t = i / steps
        points.append(((1 - t) ** 2 * start[0] + 2 * t * (1 - t) * cx + t * t * end[0],
                       (1 - t) ** 2 * start[1] + 2 * t * (1 - t) * cy + t * t * end[1]))
    if curved:
        return (f"M{_num(start[0])},{_num(start[1])} Q{_num(cx)},{_num(cy)} "
                f"{_num(end[0])},{_num(end[1])}"), points
    return f"M{_num(start[0])},{_num(start[1])} L{_num(end[0])},{_num(end[1])}", points


def _markers() -> list[str]:
    out = ["<defs>"]
    for kind, (_label, colour) in KINDS.items():
        for state, size in (("on", 13), ("off", 9)):
            out.append(
                f'<marker id="arrow-{kind}-{state}" viewBox="0 0 10 10" refX="10" refY="5" '
                f'markerWidth="{size}" markerHeight="{size}" markerUnits="userSpaceOnUse" '
                f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    return out


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _labels(nodes: Sequence[NodeView], pos: dict[str, Point], radius: dict[str, float],
            arrows: Sequence[Point]) -> list[str]:
    """Labels placed greedily, biggest entity first: below, above, right or left of the node,
    whichever overlaps the labels and circles placed so far and the arrows (points along
    them) least, kept inside the viewBox."""
    circles = {n.entity_id: (pos[n.entity_id][0] - radius[n.entity_id],
                             pos[n.entity_id][1] - radius[n.entity_id],
                             pos[n.entity_id][0] + radius[n.entity_id],
                             pos[n.entity_id][1] + radius[n.entity_id]) for n in nodes}
    placed: list[Box] = []
    out = []
    for n in sorted(nodes, key=lambda v: (-v.money_usd, v.entity_id)):
        (x, y), r = pos[n.entity_id], radius[n.entity_id]
        w, h = _CHAR_W * len(n.name) + 4, _FONT + 2
        options = [(x - w / 2, y + r + 2), (x - w / 2, y - r - 2 - h),
                   (x + r + 5, y - h / 2), (x - r - 5 - w, y - h / 2)]
        best: tuple[float, Box] | None = None
        for left, top in options:
            left = min(max(left, 2.0), WIDTH - w - 2)
            top = min(max(top, 2.0), HEIGHT - h - 2)
            box = (left, top, left + w, top + h)
            cost = sum(_overlap(box, t) for t in placed) + sum(
                _overlap(box, c) for k, c in circles.items() if k != n.entity_id) + 12 * sum(
                box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3] for p in arrows)
            if best is None or cost < best[0]:
                best = (cost, box)
            if cost == 0:
                break
        assert best is not None
        box = best[1]
        placed.append(box)
        cls = "label on-loop" if n.on_loop else "label"
        out.append(f'<text class="{cls}" x="{_num((box[0] + box[2]) / 2)}" '
                   f'y="{_num(box[3] - 4)}" text-anchor="middle">{_esc(n.name)}</text>')
    return out


def render_svg(nodes: Sequence[NodeView], edges: Sequence[EdgeView]) -> str:
    """The inline <svg> of the money web (no xmlns needed inside HTML, no external refs)."""
    nodes = sorted(nodes, key=lambda v: v.entity_id)
    edges = sorted(edges, key=lambda e: (e.payer_id, e.payee_id))
    pos = layout([n.entity_id for n in nodes], [(e.payer_id, e.payee_id) for e in edges])
    radius = radii(nodes)
    pairs = {(e.payer_id, e.payee_id) for e in edges}
    parts = [f'<svg class="web" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="The money web: entities and who pays whom">', *_markers()]
    arrows: list[Point] = []
    parts.append('<g class="edges">')
    for e in sorted(edges, key=lambda v: v.on_loop):  # loop edges last, on top
        d, points = _edge_path(pos[e.payer_id], pos[e.payee_id], radius[e.payer_id],
                               radius[e.payee_id], (e.payee_id, e.payer_id) in pairs)
        arrows.extend(points)
        colour = KINDS[e.kind][1]
        state = "on" if e.on_loop else "off"
        cls = f"edge kind-{e.kind} {'on-loop' if e.on_loop else 'off-loop'}"
        parts.append(
            f'<a href="#{_esc(e.anchor)}"><title>{_esc(e.title)}</title>'
            f'<path class="{cls}" d="{d}" stroke="{colour}" '
            f'marker-end="url(#arrow-{e.kind}-{state})" data-payer="{_esc(e.payer_id)}" '
            f'data-payee="{_esc(e.payee_id)}"/></a>')
    parts.append("</g>")
    parts.append('<g class="nodes">')
    for n in nodes:
        x, y = pos[n.entity_id]
        cls = "node on-loop" if n.on_loop else "node off-loop"
        parts.append(f'<g class="{cls}" data-entity="{_esc(n.entity_id)}"><title>'
                     f'{_esc(n.title)}</title><circle cx="{_num(x)}" cy="{_num(y)}" '
                     f'r="{_num(radius[n.entity_id])}"/></g>')
    parts.append("</g>")
    parts.append('<g class="labels">')
    parts.extend(_labels(nodes, pos, radius, arrows))
    parts.append("</g></svg>")
    return "\n".join(parts)
