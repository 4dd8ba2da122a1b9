"""CNBC article pages -> Documents, and the URL keys of CNBC items.

`parse_article` works on stored bytes, so `reprocess` can re-run it without the network.
Every selector, JSON path and marker comes from `extract/cnbc/selectors.toml`.

Article pages are ~1.2 MB, mostly inline CSS and scripts, and get reprocessed in bulk. So the
parser never builds a tree of the whole page on the normal path: JSON-LD, `<meta>` tags and the
`window.__s_data` page state are pulled out with the targeted scans of
`extract.markup.html_scan`, and only the key points and article body fragments are parsed, with
lxml (`extract.markup.fast_page`, which answers exactly as BeautifulSoup would and hands the
rare question lxml cannot answer the same way to BeautifulSoup). A full parse happens only when
a fallback selector is needed (a page missing its JSON-LD or meta data).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from extract.errors import LayoutChanged, NotAnArticle
from extract.markup.fast_page import FastHtmlPage
from extract.markup.html_scan import (
    HtmlPage,
    clean_text,
    decode_html,
    iso_to_utc,
    json_ld_names,
    json_path,
    unique_texts,
)
from extract.markup.selectors import load_selectors
from extract.markup.urls import https_key, web_link_on
from records import Document
from records.ids import stable_id

SOURCE = "cnbc"
PARSER_VERSION = "cnbc-2"  # 2: body, key point and byline fallbacks across layouts

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)


# --------------------------------------------------------------------------- URLs and feeds


def canonical_url(url: str) -> str:
    """The natural key of a CNBC URL (`extract.markup.urls.https_key`): article links carry tracking
    parameters (`?__source=newsletter...`); the article is the same without them."""
    return https_key(url)


def is_article_link(link: str, hosts: Collection[str] | None = None) -> bool:
    """True for links to CNBC text articles (on `hosts`, default the selectors' article hosts;
    an entry also allows its subdomains).

    Feeds also list videos (`/video/...`: a player, no article body to parse) and, now and
    then, partner or other-host pages that CNBC's selectors do not fit and our host allowlist
    would refuse anyway; fetching those would only fill the quarantine table.
    """
    parts = web_link_on(link, hosts or _SEL["feed"]["article_hosts"])
    if parts is None:
        return False
    return not any(parts.path.startswith(p) for p in _SEL["feed"]["skip_path_prefixes"])


# --------------------------------------------------------------------------- page views


class _ArticleData(HtmlPage):
    """An article page plus its two CNBC data sources: the article JSON-LD and page state."""

    @functools.cached_property
    def json_ld(self) -> dict[str, Any]:
        """The first JSON-LD object whose @type is an article type, or {}."""
        return self.article_json_ld(_SEL["json_ld"])

    @functools.cached_property
    def state(self) -> dict[str, Any]:
        """The article's own object inside `window.__s_data` (page.page), or {}."""
        cfg = _SEL["s_data"]
        article = json_path(self.json_assignment(cfg["marker"]), cfg["article_path"])
        return article if isinstance(article, dict) else {}


class _ArticlePage(_ArticleData, FastHtmlPage):
    """The page as the parser reads it: element questions answered from lxml (see module doc;
    tests swap in `_ArticleData`, the BeautifulSoup answers, to check they agree)."""


# --------------------------------------------------------------------------- article fields


def _title(page: _ArticlePage) -> str | None:
    """JSON-LD headline, else the article's headline <h1>, else og:title / twitter:title,
    else any <h1>."""
    headline = page.json_ld.get(_SEL["json_ld"]["headline"])
    if isinstance(headline, str) and clean_text(headline):
        return clean_text(headline)
    for selector in (_SEL["page"]["headline"], None, _SEL["page"]["title"]):
        if selector is None:
            title = page.meta_first(_SEL["meta"]["title"])
        else:
            title = page.first_text(selector) or None
        if title:
            return title
    return None


def _published_at(page: _ArticlePage) -> datetime | None:
    """JSON-LD datePublished, else meta article:published_time, else the header's <time>."""
    found = iso_to_utc(page.json_ld.get(_SEL["json_ld"]["date_published"]))
    for key in _SEL["meta"]["published_time"]:
        found = found or iso_to_utc(page.meta.get(key))
    if found is None:
        cfg = _SEL["page"]
        found = iso_to_utc(page.first_attribute(cfg["published_time"], cfg["published_time_attr"]))
    return found


def _authors(page: _ArticlePage) -> list[str]:
    """JSON-LD author names, else the header's author links, else meta author."""
    cfg = _SEL["json_ld"]
    names = json_ld_names(page.json_ld.get(cfg["authors"]), cfg["author_name"])
    if not names:
        names = unique_texts(page.all_texts(_SEL["page"]["authors"]))
    if not names:
        names = unique_texts([page.meta_first(_SEL["meta"]["authors"]) or ""])
    return names


def _section(page: _ArticlePage) -> str | None:
    """The article's section as CNBC files it: page state, else meta/JSON-LD, else eyebrow."""
    for keys in _SEL["s_data"]["section"]:
        value = json_path(page.state, keys)
        if isinstance(value, str) and clean_text(value):
            return clean_text(value)
    found = page.meta_first(_SEL["meta"]["section"])
    ld_section = page.json_ld.get(_SEL["json_ld"]["section"])
    if not found and isinstance(ld_section, str):
        found = clean_text(ld_section) or None
    if not found:
        found = page.first_text(_SEL["page"]["eyebrow"]) or None
    return found


def _description(page: _ArticlePage) -> str | None:
    """The standfirst: JSON-LD description, else meta description, else the page state's."""
    candidates = [page.json_ld.get(_SEL["json_ld"]["description"])]
    candidates.append(page.meta_first(_SEL["meta"]["description"]))
    candidates.append(json_path(page.state, _SEL["s_data"]["description"]))
    return next((clean_text(c) for c in candidates if isinstance(c, str) and clean_text(c)), None)


def _tickers(page: _ArticlePage) -> list[str]:
    """Symbols CNBC tagged the article with (page state tickerSymbols[].symbol)."""
    entries = json_path(page.state, _SEL["s_data"]["tickers"])
    if not isinstance(entries, list):
        return []
    key = _SEL["s_data"]["ticker_symbol"]
    return unique_texts(
        [e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)]
    )


def _is_premium(page: _ArticlePage) -> bool:
    """CNBC PRO: `premium: true` on the article's own page state, or JSON-LD marks it not free."""
    if json_path(page.state, _SEL["s_data"]["premium"]) is True:
        return True
    free = page.json_ld.get(_SEL["json_ld"]["free_flag"])
    return free is False or (isinstance(free, str) and free.strip().lower() == "false")


def _key_points(page: _ArticlePage) -> list[str]:
    """The "Key Points" bullets above the body, in order ([] when the page has none)."""
    cfg = _SEL["page"]["key_points"]
    for selector in cfg["containers"]:
        items = page.item_texts(selector, cfg["items"])
        if items is not None:
            return unique_texts(items)
    return []


def _body(page: _ArticlePage) -> tuple[str | None, list[str]]:
    """The article body's paragraphs and the selector that found them (first that holds text
    of `page.body.containers`); (None, []) when none does."""
    cfg = _SEL["page"]["body"]
    for selector in cfg["containers"]:
        paragraphs = page.body_texts(selector, cfg["blocks"], cfg["exclude"])
        if paragraphs:
            return selector, paragraphs
    return None, []


def _is_typed_article(page: _ArticlePage) -> bool:
    """An article by its metadata: an article JSON-LD object or og:type "article"."""
    og_type = (page.meta.get(_SEL["meta"]["article_type"]) or "").strip().lower()
    return bool(page.json_ld) or og_type.startswith("article")


_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def _page_lang(page: _ArticlePage) -> str:
    """The page's language from `<html lang>` (two letters), English when it says none."""
    found = _HTML_LANG.search(page.html[:5000])
    return found.group(1).lower() if found else "en"


def _document_urls(page: _ArticlePage, url: str) -> tuple[str, str]:
    """(url, canonical key) of a page: the page's declared URL keys it when it is a CNBC
    article link, so the same article fetched via a tracking link or read from a saved file
    gets the same doc_id."""
    declared = next((page.meta[k] for k in _SEL["meta"]["canonical"] if page.meta.get(k)), None)
    fetched_is_web = urlsplit(url).scheme in ("http", "https")
    if declared and is_article_link(declared):
        return (url if fetched_is_web else declared), canonical_url(declared)
    if fetched_is_web:
        return url, canonical_url(url)
    raise LayoutChanged(f"{url}: page declares no URL ({_SEL['meta']['canonical']})", url=url)


def parse_article(body: bytes, url: str, raw_id: str) -> Document:
    """Parse a stored CNBC article page into a Document.

    CNBC PRO pages (paywalled) keep only their public part: title, description and key
    points; their text is that teaser, never the body. Raises LayoutChanged when the page no
    longer matches the selectors (no title; no body on a free article) and MalformedInput for
    a body that is not HTML.
    """
    page = _ArticlePage(decode_html(body, url), url)
    title = _title(page)
    if title is None:
        raise LayoutChanged(
            f"{url}: no title (JSON-LD headline, meta {_SEL['meta']['title']}, "
            f"{_SEL['page']['title']!r} all missing)",
            url=url,
        )
    premium = _is_premium(page)
    description = _description(page)
    key_points = _key_points(page)
    if premium:
        paragraphs = [p for p in [description, *key_points] if p]
        body_selector = None
    else:
        body_selector, paragraphs = _body(page)
        if not paragraphs:
            tried = _SEL["page"]["body"]["containers"]
            if not _is_typed_article(page):
                raise NotAnArticle(f"{url}: not an article page (no article JSON-LD, og:type "
                                   f"not article, no body in {tried})", url=url)
            raise LayoutChanged(f"{url}: no article body: none of {tried} holds "
                                f"{_SEL['page']['body']['blocks']!r}", url=url)
    section = _section(page)
    modified = iso_to_utc(page.json_ld.get(_SEL["json_ld"]["date_modified"]))
    for key in _SEL["meta"]["modified_time"]:
        modified = modified or iso_to_utc(page.meta.get(key))
    url, key = _document_urls(page, url)
    return Document(
        doc_id=stable_id(SOURCE, key),
        source=SOURCE,
        url=url,
        canonical_url=key,
        title=title,
        published_at=_published_at(page),
        authors=_authors(page),
        text="\n\n".join(paragraphs),
        lang=_page_lang(page),
        raw_id=raw_id,
        parser_version=PARSER_VERSION,
        doc_type="article",
        section=section,
        summary="\n".join(key_points) or None,
        tickers=_tickers(page),
        paywalled=premium,
        metadata={
            "section": section,
            "premium": premium,
            "description": description,
            "key_points": key_points,
            "cnbc_id": json_path(page.state, _SEL["s_data"]["id"]),
            "content_type": json_path(page.state, _SEL["s_data"]["content_type"]),
            "modified_at": modified.isoformat() if modified else None,
            "body_selector": body_selector,
            "has_json_ld": bool(page.json_ld),
        },
    )
