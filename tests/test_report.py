"""The HTML report of the money web (detect/report.py): structure, links, escaping, determinism.

Inputs are small hand-made deal webs from the reference deals (../shared/REFERENCE-DEALS.md);
the loops come from the real loop search; the page is parsed back with BeautifulSoup.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from detect.graph import Flow, MoneyGraph
from detect.loops import Hop, Loop, find_loops
from detect.report import format_usd, render_report, write_report

B = 1e9
M = 1e6
GENERATED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)

NAMES = {
    "nvidia": "Nvidia", "openai": "OpenAI", "microsoft": "Microsoft", "coreweave": "CoreWeave",
    "morgan-stanley": "Morgan Stanley", "oracle": "Oracle", "amd": "AMD", "amazon": "Amazon",
    "anthropic": "Anthropic", "google": "Google", "lambda": "Lambda", "meta": "Meta",
    "softbank": "SoftBank", "broadcom": "Broadcom", "iren": "IREN", "dell": "Dell",
}


def row(deal_id: str, payer: str, payee: str, deal_type: str, amount: float | None,
        when: str | None, **extra: Any) -> dict[str, Any]:
    """One row of the deals table, as the report gets it."""
    base: dict[str, Any] = {
        "deal_id": deal_id, "payer_id": payer, "payee_id": payee,
        "payer_name": NAMES.get(payer), "payee_name": NAMES.get(payee),
        "deal_type": deal_type, "amount_usd": amount, "amount_qualifier": None,
        "total_usd": amount, "period": "total", "duration_years": None, "status": "announced",
        "first_reported_at": datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None,
        "last_reported_at": None, "n_documents": 2, "n_sources": 1, "confidence": 0.9,
        "evidence": f"{NAMES.get(payer, payer)} and {NAMES.get(payee, payee)} signed a deal.",
        "source_urls": [f"https://www.example-news.com/{deal_id}"],
    }
    base.update(extra)
    return base


def small_web() -> list[dict[str, Any]]:
    return [
        row("d-nv-oai", "nvidia", "openai", "equity_investment", 100 * B, "2025-09-22",
            amount_qualifier="up_to",
            evidence="Nvidia intends to invest up to $100 billion in OpenAI.",
            source_urls=["https://nvidianews.nvidia.com/news/openai-nvidia",
                         "https://www.cnbc.com/2025/09/22/nvidia-openai.html"]),
        row("d-oai-nv", "openai", "nvidia", "purchase", None, "2025-09-22"),
        row("d-ms-oai", "microsoft", "openai", "equity_investment", 13.8 * B, "2023-01-23",
            amount_qualifier="about"),
        row("d-ms-oai-2019", "microsoft", "openai", "equity_investment", 1 * B, "2019-07-22"),
        row("d-oai-ms", "openai", "microsoft", "compute_contract", 250 * B, "2025-10-28"),
        row("d-nv-cw", "nvidia", "coreweave", "backstop", 6.3 * B, "2025-09-15",
            amount_qualifier="at_least"),
        row("d-oai-cw", "openai", "coreweave", "compute_contract", 11.9 * B, "2025-03-10",
            duration_years=5.0),
        row("d-ms-cw-loan", "morgan-stanley", "coreweave", "loan", 2.3 * B, "2024-08-01"),
        row("d-oai-oracle", "openai", "oracle", "compute_contract", 30 * B, "2025-06-30",
            amount_qualifier="at_least", period="per_year", total_usd=None),
        row("d-cw-oai", "coreweave", "openai", "equity_investment", 350 * M, "2025-03-10"),
    ]


def reference_web() -> list[dict[str, Any]]:
    """A bigger web (for the determinism test and the sample page)."""
    return small_web() + [
        row("d-oracle-nv", "oracle", "nvidia", "purchase", 40 * B, "2025-05-23"),
        row("d-oai-amd", "openai", "amd", "purchase", None, "2025-10-06"),
        row("d-amd-oai", "amd", "openai", "warrant", None, "2025-10-06"),
        row("d-oai-bc", "openai", "broadcom", "purchase", None, "2025-10-13"),
        row("d-nv-lambda", "nvidia", "lambda", "lease", 1.5 * B, "2025-09-03"),
        row("d-lambda-nv", "lambda", "nvidia", "purchase", None, "2025-06-01"),
        row("d-amz-ant", "amazon", "anthropic", "equity_investment", 8 * B, "2024-03-27"),
        row("d-ant-amz", "anthropic", "amazon", "compute_contract", None, "2024-11-22"),
        row("d-goog-ant", "google", "anthropic", "equity_investment", 3 * B, "2025-01-22"),
        row("d-ant-goog", "anthropic", "google", "compute_contract", None, "2025-10-23"),
        row("d-nv-ant", "nvidia", "anthropic", "equity_investment", 10 * B, "2025-11-18"),
        row("d-ms-ant", "microsoft", "anthropic", "equity_investment", 5 * B, "2025-11-18"),
        row("d-ant-ms", "anthropic", "microsoft", "compute_contract", 30 * B, "2025-11-18"),
        row("d-ms-nv", "microsoft", "nvidia", "purchase", None, "2025-11-18"),
        row("d-amz-oai", "amazon", "openai", "equity_investment", 50 * B, "2026-02-27"),
        row("d-oai-amz", "openai", "amazon", "compute_contract", 38 * B, "2025-11-03",
            duration_years=7.0),
        row("d-meta-cw", "meta", "coreweave", "compute_contract", 14.2 * B, "2025-09-30",
            amount_qualifier="up_to"),
        row("d-meta-goog", "meta", "google", "compute_contract", 10 * B, "2025-08-21"),
        row("d-sb-oai", "softbank", "openai", "equity_investment", 22.5 * B, "2025-03-31"),
        row("d-ms-iren", "microsoft", "iren", "compute_contract", 9.7 * B, "2025-11-03"),
        row("d-iren-dell", "iren", "dell", "purchase", 5.8 * B, "2025-11-03"),
        row("d-cw-nv", "coreweave", "nvidia", "purchase", None, "2024-05-01"),
    ]


def loops_of(deals: list[dict[str, Any]]) -> list[Loop]:
    graph = MoneyGraph([Flow.from_deal_row(d) for d in deals])
    return find_loops(graph, max_length=4)


def render(deals: list[dict[str, Any]], loops: list[Loop] | None = None) -> str:
    return render_report(deals, loops_of(deals) if loops is None else loops,
                         generated_at=GENERATED)


def soup_of(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def svg_edges(soup: BeautifulSoup) -> dict[tuple[str, str], Any]:
    found = {}
    for path in soup.select("svg path[data-payer]"):
        key = (path["data-payer"], path["data-payee"])
        assert key not in found, f"edge {key} drawn twice"
        found[key] = path
    return found


# --- the drawing --------------------------------------------------------------------------

def test_loop_edges_and_nodes_are_highlighted() -> None:
    deals = small_web()
    loops = loops_of(deals)
    pairs = {(h.payer_id, h.payee_id) for lp in loops for h in lp.hops}
    assert ("nvidia", "openai") in pairs and ("openai", "microsoft") in pairs
    soup = soup_of(render(deals, loops))
    edges = svg_edges(soup)
    assert set(edges) == {(d["payer_id"], d["payee_id"]) for d in deals}  # one per pair
    for key, path in edges.items():
        assert ("on-loop" in path["class"]) == (key in pairs), key
        assert path.parent.name == "a" and path.parent["href"] == f"#edge-{key[0]}-{key[1]}"
        assert path["marker-end"].startswith("url(#arrow-")
    assert "on-loop" not in edges[("morgan-stanley", "coreweave")]["class"]
    on_loop = {e for lp in loops for e in lp.entity_ids}
    for node in soup.select("svg g.node"):
        assert ("on-loop" in node["class"]) == (node["data-entity"] in on_loop)
    assert {t.get_text() for t in soup.select("svg text.label")} >= {"Nvidia", "Morgan Stanley"}


def test_edge_colour_is_the_kind_of_the_largest_deal_and_tooltip_counts_deals() -> None:
    soup = soup_of(render(small_web()))
    edges = svg_edges(soup)
    assert "kind-investment" in edges[("nvidia", "openai")]["class"]
    assert "kind-hardware" in edges[("openai", "nvidia")]["class"]
    assert "kind-compute" in edges[("nvidia", "coreweave")]["class"]  # backstop
    assert "kind-lending" in edges[("morgan-stanley", "coreweave")]["class"]
    title = edges[("microsoft", "openai")].parent.find("title").get_text()
    assert title == "Microsoft → OpenAI: 2 deals, $14.8B"
    # both directions of a pair are curves, a one-way pair a straight line
    assert " Q" in edges[("nvidia", "openai")]["d"] and " Q" in edges[("openai", "nvidia")]["d"]
    assert " L" in edges[("nvidia", "coreweave")]["d"]


def test_nodes_are_sized_by_money_with_a_floor() -> None:
    soup = soup_of(render(small_web()))
    radius = {g["data-entity"]: float(g.circle["r"]) for g in soup.select("svg g.node")}
    assert radius["openai"] == max(radius.values())
    assert radius["openai"] > radius["coreweave"] > radius["morgan-stanley"] >= 7.0
    for g in soup.select("svg g.node"):
        x, y = float(g.circle["cx"]), float(g.circle["cy"])
        assert 0 < x < 1000 and 0 < y < 700


# --- the loop table and the links ---------------------------------------------------------

def test_loop_table_rows_and_in_page_links_resolve() -> None:
    deals = small_web()
    loops = loops_of(deals)
    soup = soup_of(render(deals, loops))
    rows = soup.select("table.loops tbody tr")
    assert [r["id"] for r in rows] == [f"loop-{lp.cycle_id}" for lp in loops]
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate html ids"
    for link in soup.find_all(href=True):
        href = link["href"]
        if href.startswith("#"):
            assert soup.find(id=href[1:]) is not None, href
    for lp in loops:
        for deal_id in lp.deal_ids:
            assert soup.find(id=f"deal-{deal_id}") is not None
    nv_oai = next(r for r, lp in zip(rows, loops, strict=True)
                  if lp.entity_ids == ("nvidia", "openai"))
    cells = [td.get_text(" ", strip=True) for td in nv_oai.find_all("td")]
    assert cells[1] == "Nvidia → OpenAI → Nvidia"
    assert [a["href"] for a in nv_oai.find_all("a")] == ["#edge-nvidia-openai",
                                                         "#edge-openai-nvidia"]
    assert cells[2:5] == ["2", "—", "—"]  # the purchase has no figure
    assert cells[5:7] == ["2025-09-22", "2025-09-22"] and cells[7] == "yes"
    assert re.fullmatch(r"\d\.\d\d", cells[8])
    ms_oai = next(r for r, lp in zip(rows, loops, strict=True)
                  if lp.entity_ids == ("microsoft", "openai"))
    cells = [td.get_text(" ", strip=True) for td in ms_oai.find_all("td")]
    assert cells[3] == "$14.8B" and cells[4] == "100%"


def test_no_loops_says_so() -> None:
    deals = [row("d1", "morgan-stanley", "coreweave", "loan", 2.3 * B, "2024-08-01")]
    page = render(deals, [])
    soup = soup_of(page)
    assert soup.find("table", class_="loops") is None
    assert "No loops were found" in soup.get_text()
    assert "1 deal · 0 loops" in soup.get_text()


def test_loop_with_unknown_deal_is_an_error() -> None:
    deals = small_web()
    loops = loops_of(deals)
    with pytest.raises(ValueError, match="d-oai-nv"):
        render_report([d for d in deals if d["deal_id"] != "d-oai-nv"], loops,
                      generated_at=GENERATED)
    flow = Flow("ghost", "nvidia", "openai", "purchase", None, None, "announced", 1.0)
    back = Flow.from_deal_row(deals[1])
    bad = Loop("c", ("nvidia", "openai"), (Hop("nvidia", "openai", (flow,)),
                                           Hop("openai", "nvidia", (back,))),
               2, None, None, None, None, None, False, 0.1)
    with pytest.raises(ValueError, match="ghost"):
        render_report(deals, [bad], generated_at=GENERATED)


# --- the deal sections --------------------------------------------------------------------

def test_edge_sections_list_their_deals_with_amounts_as_stated() -> None:
    soup = soup_of(render(small_web()))
    section = soup.find(id="edge-microsoft-openai")
    assert section.h3.get_text() == "Microsoft → OpenAI"
    assert [a["id"] for a in section.select("article.deal")] == ["deal-d-ms-oai-2019",
                                                                "deal-d-ms-oai"]  # by date
    text = {d: soup.find(id=f"deal-{d}").get_text(" ", strip=True)
            for d in ("d-nv-oai", "d-ms-oai", "d-nv-cw", "d-oai-cw", "d-oai-oracle", "d-oai-nv",
                      "d-cw-oai")}
    assert "amount up to $100B" in text["d-nv-oai"]
    assert "amount about $13.8B" in text["d-ms-oai"]
    assert "amount at least $6.3B" in text["d-nv-cw"]
    assert "amount $11.9B over 5 years" in text["d-oai-cw"]
    assert "amount at least $30B per year" in text["d-oai-oracle"]
    assert "amount undisclosed" in text["d-oai-nv"]
    assert "amount $350M" in text["d-cw-oai"]
    nv = soup.find(id="deal-d-nv-oai")
    assert "type equity investment" in text["d-nv-oai"]
    assert "status announced" in text["d-nv-oai"] and "first reported 2025-09-22" in text[
        "d-nv-oai"]
    assert "documents / sources 2 / 1" in text["d-nv-oai"] and "confidence 0.90" in text[
        "d-nv-oai"]
    assert nv.blockquote.get_text() == "Nvidia intends to invest up to $100 billion in OpenAI."
    links = nv.select("p.sources a")
    assert [a.get_text() for a in links] == ["nvidianews.nvidia.com", "www.cnbc.com"]
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in links)


@pytest.mark.parametrize(("amount", "text"), [
    (100e9, "$100B"), (6.3e9, "$6.3B"), (350e6, "$350M"), (13.8e9, "$13.8B"), (1.25e12, "$1.25T"),
    (999.7e6, "$1B"), (12_000, "$12K"), (950, "$950"), (None, "—"),
])
def test_format_usd(amount: float | None, text: str) -> None:
    assert format_usd(amount) == text


# --- safety -------------------------------------------------------------------------------

def test_untrusted_text_is_escaped_and_nothing_is_loaded_from_outside() -> None:
    deals = small_web()
    deals[0] = {**deals[0], "evidence": 'Nvidia <script>alert("x")</script> & <b>OpenAI</b>',
                "source_urls": ["javascript:alert(1)", "https://ok.example.org/a?b=1&c=2",
                                'https://x.example.com/"onmouseover="alert(1)', "ftp://f.example"]}
    deals[1] = {**deals[1], "payer_name": '<img src=x onerror="alert(1)">'}
    page = render(deals)
    soup = soup_of(page)
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.find("link") is None and soup.find("iframe") is None
    quote = soup.find(id="deal-d-nv-oai").blockquote
    assert quote.get_text() == 'Nvidia <script>alert("x")</script> & <b>OpenAI</b>'
    assert quote.find("b") is None
    external = [tag for tag in soup.find_all(True)
                for attr in ("src", "href") if tag.has_attr(attr)
                and not str(tag[attr]).startswith("#")]
    assert all(tag.name == "a" and tag.find_parent("p", class_="sources") for tag in external)
    hrefs = [tag["href"] for tag in external]
    assert not any(h.lower().startswith(("javascript:", "ftp:")) for h in hrefs)
    assert "https://ok.example.org/a?b=1&c=2" in hrefs
    assert not any(tag.has_attr("onmouseover") or tag.has_attr("onerror")
                   for tag in soup.find_all(True))
    sources = soup.find(id="deal-d-nv-oai").select_one("p.sources").get_text()
    assert "javascript:alert(1)" in sources and "ftp://f.example" in sources
    assert "@import" not in page and "url(http" not in page


# --- determinism --------------------------------------------------------------------------

def test_same_inputs_in_any_order_give_the_same_page() -> None:
    deals = reference_web()
    loops = loops_of(deals)
    first = render_report(deals, loops, generated_at=GENERATED)
    assert first == render_report(deals, loops, generated_at=GENERATED)
    shuffled = list(deals)
    random.Random(7).shuffle(shuffled)
    assert render_report(shuffled, loops_of(shuffled), generated_at=GENERATED) == first
    assert "Generated 2026-03-01 12:30 UTC" in first
    soup = soup_of(first)
    assert f"{len(NAMES)} entities · {len(deals)} deals · {len(loops)} loops" in soup.get_text()


def test_names_fall_back_to_ids_and_ids_are_made_safe() -> None:
    deals = [
        row("d 1", "acme corp", "beta", "purchase", 1 * B, "2025-01-01", payer_name=None),
        row("d/2", "beta", "acme corp", "loan", 2 * B, "2025-02-01", payee_name=""),
    ]
    soup = soup_of(render(deals))
    assert soup.find(id="edge-acme_corp-beta").h3.get_text() == "acme corp → beta"
    assert soup.find(id="deal-d_1") is not None and soup.find(id="deal-d_2") is not None
    for tag in soup.find_all(id=True):
        assert re.fullmatch(r"[A-Za-z0-9_-]+", tag["id"]), tag["id"]


def test_write_report_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    page = render(small_web())
    assert write_report(target, page) == target
    assert target.read_text(encoding="utf-8") == page
    write_report(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_empty_input_and_a_self_deal_still_render() -> None:
    empty = soup_of(render_report([], [], generated_at=GENERATED))
    assert "0 entities · 0 deals · 0 loops" in empty.get_text()
    assert empty.find("svg") is not None and not empty.select("svg path[data-payer]")
    deals = [row("s1", "nvidia", "nvidia", "purchase", 1 * B, "2025-01-01"),
             row("x", "nvidia", "openai", "loan", None, None)]
    soup = soup_of(render(deals, []))
    own = svg_edges(soup)[("nvidia", "nvidia")]
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", own["d"])]
    assert all(0 <= v <= 1000 for v in numbers[0::2]) and all(0 <= v <= 700
                                                               for v in numbers[1::2])
    assert "first reported —" in soup.find(id="deal-x").get_text(" ", strip=True)
