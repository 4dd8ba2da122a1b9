"""The extractor over whole real documents: what each states, and nothing invented.

Curated sentences overstate an extractor; real pages carry bylines, people's names, filing
headings ("Risk Factors", "Procedures"), cover-page boilerplate and figures that are no deals.
Each document here is a real published page or filing (tests/fixtures/real_documents/, with
provenance in its README; ../shared/fixtures/real/ when present), read the way the pipeline
reads it: parsed by the source's parser, then every field extracted with one discourse. A page
the parser cannot read yet is read from its paragraphs, so the extractor is still tested on it.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from extract.errors import SourceError
from extract.parsers import parse_raw
from tests.conftest import FIXTURES, SHARED_REAL
from tests.deal_scoring import norm_name
from transform.deals import extract_document

REAL_DOCUMENTS = FIXTURES / "real_documents"
EXPECTED = json.loads((REAL_DOCUMENTS / "expected.json").read_text(encoding="utf-8"))
SHARED_DOCUMENTS = [  # (path under ../shared/fixtures/real, source, url): none states a deal
    ("cnbc/cnbc_2023_04_28.html.gz", "cnbc", "https://www.cnbc.com/2023/04/28/crypto.html"),
    ("edgar/oracle_8-K.html", "edgar",
     "https://www.sec.gov/Archives/edgar/data/1341439/000134143924000001/oracle_8-K.html"),
    ("edgar/buckle_8-K.html", "edgar",
     "https://www.sec.gov/Archives/edgar/data/885245/000088524524000001/buckle_8-K.html"),
]


def flows_in(path: Path, source: str, url: str) -> set[tuple[str, str, str]]:
    """(payer, payee, type) of every deal the extractor finds in the document."""
    body = path.read_bytes()
    if path.suffix == ".gz":
        body = gzip.decompress(body)
    try:
        documents = [(d.title, d.summary, d.text, d.lang)
                     for d in parse_raw(source, body, url, "raw-test")]
    except SourceError:
        soup = BeautifulSoup(body, "lxml")
        paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
        title = soup.title.get_text(strip=True) if soup.title else None
        documents = [(title, None, "\n\n".join(p for p in paragraphs if p), "en")]
    found = set()
    for title, summary, text, lang in documents:
        for mention in extract_document("doc", title=title, summary=summary, text=text,
                                        lang=lang):
            found.add((norm_name(mention.payer_name), norm_name(mention.payee_name),
                       mention.deal_type))
    return found


@pytest.mark.parametrize("entry", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_real_documents_yield_exactly_their_deals(entry: dict) -> None:
    expected = {(norm_name(d["payer"]), norm_name(d["payee"]), d["type"])
                for d in entry["deals"] if not d.get("optional")}
    found = flows_in(REAL_DOCUMENTS / entry["file"], entry["source"], entry["url"])
    assert found == expected


@pytest.mark.parametrize(("name", "source", "url"), SHARED_DOCUMENTS,
                         ids=[name for name, _, _ in SHARED_DOCUMENTS])
def test_shared_real_documents_without_deals_yield_none(name: str, source: str,
                                                        url: str) -> None:
    if not SHARED_REAL.is_dir():
        pytest.skip("../shared/fixtures/real is not present")
    assert flows_in(SHARED_REAL / name, source, url) == set()


def test_filing_headings_bylines_and_people_are_not_parties() -> None:
    """Failure modes seen on real documents: a filing's headings and defined terms, a title
    before a person's name, a byline; only the organisations' deal comes out."""
    filing = ("Item 1A. Risk Factors\n\nRisk Factors: the SEC may require us to invest $20 "
              "million in Compliance Procedures.\n\nProcedures for borrowing under the $500 "
              "million credit facility are set out in Rule 144A.")
    news = ("By Jordan Novak and Priya Raman\n\nCommerce Secretary Howard Lutnick said the "
            "government will take a $9 billion stake in Intel. Nvidia CEO Jensen Huang said "
            "demand is 'insane'. Billionaire Elon Musk's AI startup xAI raised $10 billion from "
            "Valor Equity Partners.")
    found = set()
    for text in (filing, news):
        found |= {(m.payer_name, m.payee_name, m.deal_type)
                  for m in extract_document("d", title=None, summary=None, text=text)}
    assert found == {("Valor Equity Partners", "xAI", "equity_investment")}


NO_DEAL_DOCUMENTS = [json.loads(line) for name in ("nodeal_docs.jsonl", "nodeal_docs2.jsonl")
                     for line in (FIXTURES.parent / "labelled" / name).read_text(
                         encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", NO_DEAL_DOCUMENTS, ids=[c["id"] for c in NO_DEAL_DOCUMENTS])
def test_long_real_documents_without_deals_yield_none(case: dict) -> None:
    """Whole real articles, earnings calls and filing sections that state no deal between two
    named organisations (tests/labelled/nodeal_docs*.jsonl, development sets): the extractor
    must not invent one. A stake a document mentions in passing is allowed (marked optional)."""
    allowed = {(norm_name(d["payer"]), norm_name(d["payee"]), d["type"])
               for d in case["deals"] if d.get("optional")}
    found = {(norm_name(m.payer_name), norm_name(m.payee_name), m.deal_type)
             for m in extract_document(case["id"], title=None, summary=None, text=case["text"],
                                       lang=case["lang"])}
    assert found - allowed == set()
