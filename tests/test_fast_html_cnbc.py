"""The CNBC parser's lxml path (FastHtmlPage) gives the same documents as its BeautifulSoup path.

`extract.cnbc.article._ArticlePage` answers element questions from lxml; `_ArticleData` is the
same page class on plain `HtmlPage`, which answers them with BeautifulSoup + soupsieve (the
parser as it was). Every CNBC fixture, and variants of them built to reach each fallback, must
give equal documents (or equal errors) both ways, and the fixtures must not need BeautifulSoup.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extract.cnbc import article
from extract.errors import LayoutChanged, NotAnArticle, SourceError
from extract.markup import fast_page, html_scan
from extract.markup.html_scan import decode_html, meta_values

FIXTURES = Path(__file__).parent / "fixtures"
REAL_CNBC = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "cnbc"
URL = "https://www.cnbc.com/2025/09/22/nvidia-to-invest-up-to-100-billion-in-openai.html"

CNBC_PAGES = sorted(p for p in FIXTURES.rglob("*.html") if "cnbc" in p.parts)


def _outcome(body: bytes, url: str) -> Any:
    """The document, or the error's class and message."""
    try:
        return article.parse_article(body, url, "raw-1")
    except SourceError as exc:
        return type(exc).__name__, str(exc)


def _both(body: bytes, monkeypatch: pytest.MonkeyPatch, url: str = URL) -> tuple[Any, Any]:
    """(lxml path outcome, BeautifulSoup path outcome) of one page."""
    fast = _outcome(body, url)
    with monkeypatch.context() as patched:
        patched.setattr(article, "_ArticlePage", article._ArticleData)
        soup = _outcome(body, url)
    return fast, soup


def _no_soup(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any BeautifulSoup parse in the page code fail the test."""
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("BeautifulSoup used on the fast path")

    monkeypatch.setattr(html_scan, "BeautifulSoup", refuse)
    monkeypatch.setattr(fast_page, "BeautifulSoup", refuse)


def _real_page() -> bytes:
    page = REAL_CNBC / "cnbc_2023_04_28.html.gz"
    if not page.is_file():
        pytest.skip("../shared/fixtures/real/cnbc is not present in this checkout")
    return gzip.decompress(page.read_bytes())


def test_the_fixture_list_is_not_empty() -> None:
    assert len(CNBC_PAGES) >= 5


@pytest.mark.parametrize("path", CNBC_PAGES, ids=lambda p: p.name)
def test_fixture_documents_match_the_soup_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, soup = _both(path.read_bytes(), monkeypatch)
    assert fast == soup


def test_real_page_document_matches_the_soup_path(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, soup = _both(_real_page(), monkeypatch, "https://www.cnbc.com/2023/04/28/x.html")
    assert fast == soup
    assert not isinstance(fast, tuple) and fast.metadata["body_selector"]


@pytest.mark.parametrize("path", CNBC_PAGES, ids=lambda p: p.name)
def test_fixtures_are_parsed_without_beautifulsoup(path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _outcome(path.read_bytes(), URL)
    _no_soup(monkeypatch)
    assert _outcome(path.read_bytes(), URL) == expected


def test_real_page_is_parsed_without_beautifulsoup(monkeypatch: pytest.MonkeyPatch) -> None:
    body = _real_page()
    expected = _outcome(body, URL)
    _no_soup(monkeypatch)
    assert _outcome(body, URL) == expected


@pytest.mark.parametrize("path", CNBC_PAGES, ids=lambda p: p.name)
def test_meta_scan_matches_meta_values(path: Path) -> None:
    html = decode_html(path.read_bytes(), URL)
    assert fast_page.FastHtmlPage(html, URL).meta == meta_values(html)


# --------------------------------------------------------------------------- variants

NVIDIA = "cnbc/article_nvidia_openai.html"
OLD_2016 = "real_pages/cnbc/2016_itemprop_articlebody_wyoming_coal_stronghold.html"
KEYPOINTS_2019 = "real_pages/cnbc/2019_keypoints_articlebody_cybersecurity_vendors.html"


def _sub(pattern: str, repl: str, count: int = 0) -> Callable[[str], str]:
    return lambda html: re.sub(pattern, repl, html, count=count, flags=re.S)


# Each reaches another branch: fallback selectors on the whole page, BeautifulSoup fallbacks
# (a <template>, look-alike ancestors), changes made by one body question seen by the next.
VARIANTS: dict[str, Callable[[str], str]] = {
    "no json-ld": _sub(r'<script type="application/ld\+json">.*?</script>', ""),
    "no og/twitter title": _sub(r"<meta [^>]*(?:og:title|twitter:title)[^>]*>", ""),
    "no page state": lambda h: h.replace("window.__s_data=", "window.__x_data="),
    "body class renamed": lambda h: h.replace("ArticleBody-articleBody", "ArticleBody-gone"),
    "odd space in the class": lambda h: h.replace(
        'class="ArticleBody-articleBody"', 'class="ArticleBody-articleBody\xa0z"'),
    "template in a paragraph": _sub(r"<p>", "<p><template><b>t</b></template>", 1),
    "line breaks": lambda h: h.replace("</p>", "<br>x<br/>y</p>"),
    "comments, ruby, stray doctype": _sub(r"<p>", "<p><!-- c --><rt>r</rt> <!DOCTYPE html> ", 3),
    "nested blocks": _sub(r"<li>", "<li><p>nested</p>", 2),
    "widget with text": lambda h: h.replace(
        '<div class="group">', '<div class="group"><aside><p>aside</p></aside><script>s</script>'),
    "key points renamed": lambda h: h.replace("RenderKeyPoints-keyPoints", "RenderKeyPoints-x"),
    "premium": lambda h: h.replace('"premium":false', '"premium":true'),
    "rel=author links": lambda h: h.replace("<a ", '<a rel=" AUTHOR " ', 5),
    "content after </html>": lambda h: h + '</html><div itemprop="articleBody"><p>after</p></div>',
    "style tag with a quote": lambda h: h.replace("<style", '<style data-x="<q"', 1),
}


def _variant_pages() -> list[tuple[str, str, Callable[[str], str]]]:
    return [(page, name, change) for page in (NVIDIA, OLD_2016, KEYPOINTS_2019)
            for name, change in VARIANTS.items()]


@pytest.mark.parametrize(("page", "name", "change"), _variant_pages(),
                         ids=[f"{p.rsplit('/', 1)[-1][:12]}-{n}" for p, n, _ in _variant_pages()])
def test_variants_match_the_soup_path(page: str, name: str, change: Callable[[str], str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    html = (FIXTURES / page).read_text(encoding="utf-8", errors="replace")
    fast, soup = _both(change(html).encode(), monkeypatch)
    assert fast == soup, name


def test_look_alike_sections_are_read_as_beautifulsoup_reads_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """bs4 compares ancestors by value when it looks for the common one: two equal sections
    make it stop early. The fast path must not be cleverer than that."""
    group = '<div class="wrap"><div itemprop="articleBody"><p>Same words.</p></div></div>'
    body = (f'<html><head><meta property="og:title" content="T"/>'
            f'<meta property="og:type" content="article"/></head>'
            f"<body><main>{group}{group}<p>Other.</p></main></body></html>").encode()
    fast, soup = _both(body, monkeypatch)
    assert fast == soup
    assert fast.text == "Same words."  # bs4's answer: only the first wrapper


# --------------------------------------------------------------------------- selector misses


def test_missing_body_still_raises_layout_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    html = (FIXTURES / NVIDIA).read_text()
    emptied = re.sub(r"<(p|li|h2)\b[^>]*>.*?</\1>", "", html, flags=re.S).encode()
    _no_soup(monkeypatch)
    with pytest.raises(LayoutChanged, match="no article body") as caught:
        article.parse_article(emptied, URL, "r")
    assert "div.ArticleBody-articleBody" in str(caught.value)


def test_renamed_containers_raise_layout_changed_on_both_paths(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = (FIXTURES / "cnbc" / "layout_changed.html").read_bytes().replace(
        b"<article ", b"<section ").replace(b"</article>", b"</section>")
    fast, soup = _both(page, monkeypatch)
    assert fast == soup
    assert fast[0] == LayoutChanged.__name__


def test_missing_title_raises_layout_changed() -> None:
    body = b"<!DOCTYPE html><html><head></head><body><div class='x'><p>Hi</p></div></body></html>"
    with pytest.raises(LayoutChanged, match="no title"):
        article.parse_article(body, URL, "r")


def test_a_page_that_is_not_an_article_raises_not_an_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = (b"<!DOCTYPE html><html><head><title>CNBC</title>"
            b'<meta property="og:type" content="website"/>'
            b'<meta property="og:title" content="Markets"/></head>'
            b"<body><h1>Markets</h1><div class='Card'>Latest</div></body></html>")
    fast, soup = _both(page, monkeypatch, "https://www.cnbc.com/markets/")
    assert fast == soup
    assert fast[0] == NotAnArticle.__name__
