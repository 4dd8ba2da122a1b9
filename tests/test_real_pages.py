"""The parsers on real pages they were not written against (tests/fixtures/real_pages).

The pages were saved by other open-source projects (README.md beside them: repository, path,
commit, licence) and the answer key, `expected.json`, was read off the pages by hand, not
produced by these parsers. Each page must parse, with the title, date, authors and the first
and last paragraph the key gives, or be refused with a reason when it is not a document.
CNBC's 2023 layout is read from ../shared/fixtures/real when that folder is present:
with it, four CNBC layouts (2016, 2019, 2022, 2023).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from extract import bluesky, cnbc, edgar
from extract.errors import ChallengePage
from records import Document

PAGES = Path(__file__).parent / "fixtures" / "real_pages"
EXPECTED: list[dict[str, Any]] = json.loads((PAGES / "expected.json").read_text("utf-8"))
SHARED_CNBC = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "real" / "cnbc"


def norm(text: str | None) -> str:
    """Compare as a reader would: quotes and dashes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-",
                                         "–": "-", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text).strip()


def company_key(name: str | None) -> str:
    """"Rock of Ages Corp" and "ROCK OF AGES CORP", "Oracle Corporation" and "ORACLE CORP"."""
    words = re.sub(r"[^a-z0-9 ]", " ", (name or "").lower()).split()
    return " ".join("corp" if w == "corporation" else w for w in words)


def entries(source: str) -> list[dict[str, Any]]:
    return [e for e in EXPECTED if e["source"] == source]


def paragraphs(doc: Document) -> list[str]:
    return [norm(p) for p in doc.text.split("\n\n")]


def test_the_corpus_covers_the_layouts_and_decades_the_issue_lists() -> None:
    cnbc_years = {e["file"].split("/")[1][:4] for e in entries("cnbc")}
    edgar_decades = {e["file"].split("/")[1][:3] for e in entries("edgar")
                     if e["kind"] == "article"}
    assert len(cnbc_years) >= 3 and {"200", "201", "202"} <= edgar_decades
    assert len(entries("bluesky")) >= 2
    for entry in EXPECTED:
        assert (PAGES / entry["file"]).is_file(), entry["file"]
        assert entry["file"].split("/", 1)[1] in (PAGES / "README.md").read_text("utf-8")


@pytest.mark.parametrize("entry", entries("cnbc"), ids=lambda e: e["file"])
def test_cnbc_pages_of_every_layout(entry: dict[str, Any]) -> None:
    doc = cnbc.parse_article((PAGES / entry["file"]).read_bytes(), entry["url"], "raw")
    assert norm(doc.title) == norm(entry["title"])
    assert doc.published_at is not None
    assert doc.published_at.date().isoformat() == entry["published_date"]
    assert doc.authors == entry["authors"]
    body = paragraphs(doc)
    assert body[0].startswith(norm(entry["first_paragraph_starts"]))
    assert body[-1].startswith(norm(entry["last_paragraph_starts"]))
    for heading in entry.get("subheadings", []):
        assert norm(heading) in body  # subheads are paragraphs of their own
    if entry.get("key_points_starts"):
        points = doc.metadata["key_points"]
        assert len(points) == entry["key_points_count"]
        assert norm(points[0]).startswith(norm(entry["key_points_starts"]))
    assert doc.metadata["body_selector"]  # which path the parser took


def test_cnbc_2023_layout_from_the_shared_captures() -> None:
    page = SHARED_CNBC / "cnbc_2023_04_28.html.gz"
    if not page.is_file():
        pytest.skip("../shared/fixtures/real is not present in this checkout")
    key = json.loads((SHARED_CNBC / "cnbc_2023_04_28.expected.json").read_text())["V1"]
    doc = cnbc.parse_article(gzip.decompress(page.read_bytes()),
                             "https://www.cnbc.com/2023/04/28/crypto.html", "raw")
    assert norm(doc.title) == norm(key["title"]) and doc.authors == key["authors"]
    assert doc.published_at is not None and str(doc.published_at.date()) == "2023-04-28"
    sections = key["body"]["sections"]
    body = paragraphs(doc)
    assert body[0] == norm(sections[0]["paragraphs"][0])
    assert body[-1] == norm(sections[-1]["paragraphs"][-1])
    assert doc.metadata["body_selector"] == "div.ArticleBody-articleBody"


@pytest.mark.parametrize("entry", [e for e in entries("edgar") if e["kind"] == "article"],
                         ids=lambda e: e["file"])
def test_edgar_filings_of_three_decades(entry: dict[str, Any]) -> None:
    body = (PAGES / entry["file"]).read_bytes()
    doc = edgar.parse_document(body, entry["url"], "raw")
    meta = doc.metadata
    assert meta["form"] == entry["form_type"]
    assert company_key(meta["registrant"]) == company_key(entry["company"])
    assert doc.title and company_key(entry["company"]) in company_key(doc.title)
    assert not re.match(r"(?i)united states|securities and exchange", doc.title)
    numbers = [i["number"] for i in meta["items"]]
    assert [f"Item {n}" for n in numbers] == entry["items"]
    header_date = re.search(rb"FILED AS OF DATE:\s*(\d{8})", body)
    if header_date:  # the filing date is in the SGML header: it is the document's date
        assert doc.published_at is not None
        assert doc.published_at.strftime("%Y%m%d") == header_date.group(1).decode()
        assert doc.published_at.date().isoformat() == entry["published_date"]
    else:  # a bare document: its date comes from the filing index (discovery's hint)
        assert doc.published_at is None and meta["date_of_report"] is not None
    text = paragraphs(doc)
    first = next(i for i, p in enumerate(text) if p.startswith(norm(
        entry["first_paragraph_starts"])))
    last = max(i for i, p in enumerate(text) if p.startswith(norm(
        entry["last_paragraph_starts"])))
    assert first <= last
    assert "<TYPE>" not in doc.text and "<SEQUENCE>" not in doc.text  # no wrapper leaks


def test_an_edgar_page_that_is_not_a_filing_is_refused_with_the_reason() -> None:
    [entry] = [e for e in entries("edgar") if e["kind"] == "not_article"]
    with pytest.raises(ChallengePage, match="rate-limit page"):
        edgar.parse_document((PAGES / entry["file"]).read_bytes(), entry["url"], "raw")


@pytest.mark.parametrize("entry", entries("bluesky"), ids=lambda e: e["file"])
def test_bluesky_posts_with_their_quotes_and_link_cards(entry: dict[str, Any]) -> None:
    documents = bluesky.parse_response((PAGES / entry["file"]).read_bytes(), entry["url"], "raw")
    by_uri = {d.canonical_url: d for d in documents}
    for post in entry.get("posts", []):
        doc = by_uri[post["uri"]]
        parts = {p["part"]: doc.text[p["start"]:p["end"]] for p in doc.metadata["text_parts"]}
        assert norm(parts["post"]).startswith(norm(post["text_starts"]))
        if post.get("quoted_text_starts"):
            assert norm(parts["quoted_post"]).startswith(norm(post["quoted_text_starts"]))
        else:
            assert "quoted_post" not in parts
        if post.get("link_title"):
            assert norm(parts["link_title"]) == norm(post["link_title"])
        if post.get("link_description_starts"):
            assert norm(parts["link_description"]).startswith(
                norm(post["link_description_starts"]))
        assert doc.published_at is not None
        assert doc.published_at.isoformat()[:19] == post["created_at"][:19]


def test_circularity_parse_prints_the_header_date_of_every_filing_that_has_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    from flows.command_line import main

    dated = [e for e in entries("edgar")
             if re.search(rb"FILED AS OF DATE", (PAGES / e["file"]).read_bytes())]
    assert len(dated) >= 2
    for entry in dated:
        assert main(["parse", "--source", "edgar", str(PAGES / entry["file"])]) == 0
        printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert printed and all(d["published_at"] for d in printed)
        assert printed[0]["published_at"][:10] == entry["published_date"]
