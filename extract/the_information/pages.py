"""The Information pages, pure parts: item URLs, challenge pages, article pages -> Documents.

`parse_article` works on stored bytes, so `reprocess` can re-run it without the network. Every
selector, JSON-LD key and challenge marker comes from `extract/the_information/selectors.toml`.

The site is paywalled. A page fetched without a subscriber session carries the headline, the
teaser and the JSON-LD only; that teaser is what the document holds (`paywalled=True`). The
full text is read only from a page served to a subscriber session (`session_headers` builds the
Cookie header from settings; the lead passes it to the fetches). Cloudflare sometimes answers
with a bot-challenge page instead of the content: it is recognised and raised as
`ChallengePage` (transient), so the item is tried again on a later run and never parsed.
The Atom feed is read by `extract.the_information.feed`.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from extract.errors import ChallengePage, ConfigurationError, LayoutChanged, NotAnArticle
from extract.markup.html_scan import (
    HtmlPage,
    block_texts,
    clean_text,
    decode_html,
    iso_to_utc,
    json_ld_names,
    unique_texts,
)
from extract.markup.selectors import load_selectors
from extract.markup.urls import https_key, web_link_on
from records import Document
from records.ids import stable_id

SOURCE = "the_information"
PARSER_VERSION = "the_information-1"

_SEL = load_selectors(SOURCE)
_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TICKER = re.compile(r"[A-Z0-9][A-Z0-9.\-]{0,11}")


# --------------------------------------------------------------------------- URLs, session


def canonical_url(url: str) -> str:
    """The natural key of a The Information URL (`extract.markup.urls.https_key`): feed and teaser
    links carry cache-busters and referral codes (`?rc=abc`, `?utm_...`)."""
    return https_key(url)


def _path_kind(path: str) -> str | None:
    """"article", "briefing" or "newsletter" for an item path, None for any other page."""
    segments = [s for s in path.split("/") if s]
    for rule in _SEL["feed"]["kinds"]:
        if path.startswith(rule["prefix"]) and len(segments) >= rule["segments"]:
            return str(rule["kind"])
    return None


def item_kind(link: str, hosts: Collection[str] | None = None) -> str | None:
    """The kind of an item link on `hosts` (default the selectors' article hosts, subdomains
    included), or None: other hosts (an origin or partner host where no subscriber session
    exists) and other pages (podcasts, events, topics) are not items we parse."""
    parts = web_link_on(link, hosts or _SEL["feed"]["article_hosts"])
    return None if parts is None else _path_kind(parts.path)


def session_headers(cookie: str | None) -> dict[str, str] | None:
    """The Cookie header of a subscriber session, or None without one (teasers only).

    `cookie` is the Cookie header value from settings ("name=value; name2=value2"). It is
    never logged, and errors do not quote it. Raises ConfigurationError for a value that is
    not a cookie list or would inject header lines.
    """
    if cookie is None or not cookie.strip():
        return None
    value = cookie.strip()
    if any(ch in value for ch in "\r\n\x00"):
        raise ConfigurationError("The Information session cookie contains line breaks")
    if "=" not in value:
        raise ConfigurationError(
            "The Information session cookie must be a Cookie header value (name=value; ...)"
        )
    return {"Cookie": value}


# --------------------------------------------------------------------------- challenge pages


def challenge_header(headers: Mapping[str, str] | None) -> bool:
    """True when the response headers mark a challenge answer (Cloudflare's cf-mitigated)."""
    cfg = _SEL["challenge"]
    return any(name.lower() == cfg["header"] and value.strip().lower() == cfg["header_value"]
               for name, value in (headers or {}).items())


def is_challenge_page(body: bytes, headers: Mapping[str, str] | None = None) -> bool:
    """True for a bot-challenge page ("Just a moment...") served instead of content.

    A challenge response header, a challenge <title>, or a challenge-script marker (see the
    selectors file for why the list is narrow) on a page without article JSON-LD all count.
    """
    cfg = _SEL["challenge"]
    if challenge_header(headers):
        return True
    text = body.decode("utf-8", errors="replace")
    title = _TITLE_TAG.search(text)
    if title is not None:
        shown = clean_text(html_lib.unescape(title.group(1))).casefold()
        if shown in {t.casefold() for t in cfg["titles"]}:
            return True
    if not any(marker in text for marker in cfg["markers"]):
        return False
    return not _ArticlePage(text, "challenge check").json_ld


# --------------------------------------------------------------------------- article pages


class _ArticlePage(HtmlPage):
    """An article page plus its article JSON-LD object."""

    @functools.cached_property
    def json_ld(self) -> dict[str, Any]:
        """The first JSON-LD object whose @type is an article type, or {}."""
        return self.article_json_ld(_SEL["json_ld"])

    def ld_text(self, key: str) -> str | None:
        """A JSON-LD string field, whitespace-normalised, or None."""
        value = self.json_ld.get(_SEL["json_ld"][key])
        return (clean_text(value) or None) if isinstance(value, str) else None


def _title(page: _ArticlePage) -> str | None:
    """JSON-LD headline, else og:title / twitter:title, else <title> without the site name."""
    found = page.ld_text("headline") or page.meta_first(_SEL["meta"]["title"])
    if found:
        return found
    tag = _TITLE_TAG.search(page.html)
    title = clean_text(html_lib.unescape(tag.group(1))) if tag else ""
    for suffix in _SEL["page"]["title_suffixes"]:
        title = title.removesuffix(suffix)
    return title.strip() or None


def _as_bool(value: Any) -> bool | None:
    """A schema.org boolean: true/false, or the strings "True"/"False" the site writes."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _is_free(page: _ArticlePage) -> bool | None:
    """isAccessibleForFree of the article, else of its hasPart; None when the page says nothing."""
    cfg = _SEL["json_ld"]
    free = _as_bool(page.json_ld.get(cfg["free_flag"]))
    part = page.json_ld.get(cfg["has_part"])
    parts = part if isinstance(part, list) else [part]
    for item in parts:
        if free is None and isinstance(item, dict):
            free = _as_bool(item.get(cfg["free_flag"]))
    return free


def _ticker(value: Any) -> str | None:
    """A tickerSymbol without its exchange prefix ("NASDAQ:MDB" -> "MDB"), or None."""
    if not isinstance(value, str):
        return None
    symbol = value.rsplit(":", 1)[-1].strip().upper()
    return symbol if _TICKER.fullmatch(symbol) else None


def _organizations(page: _ArticlePage) -> list[dict[str, str | None]]:
    """The Corporation/Organization entries of `about` and `mentions`, in page order."""
    cfg = _SEL["json_ld"]
    found: list[dict[str, str | None]] = []
    for role in cfg["entity_lists"]:
        value = page.json_ld.get(role)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                continue
            types = item.get(cfg["type_key"])
            types = [types] if isinstance(types, str) else types
            if not isinstance(types, list) or not any(
                    t in cfg["organization_types"] for t in types if isinstance(t, str)):
                continue
            name = item.get(cfg["entity_name"])
            name = (clean_text(name) or None) if isinstance(name, str) else None
            ticker = _ticker(item.get(cfg["ticker"]))
            if name or ticker:
                found.append({"name": name, "ticker": ticker, "role": role})
    return found


def _section(page: _ArticlePage) -> str | None:
    """articleSection (a string or the first of a list), else meta article:section."""
    value = page.json_ld.get(_SEL["json_ld"]["section"])
    values = value if isinstance(value, list) else [value]
    found = next((clean_text(v) for v in values if isinstance(v, str) and clean_text(v)), None)
    return found or page.meta_first(_SEL["meta"]["section"])


def _container_texts(page: _ArticlePage, selectors: list[str], blocks: str,
                     exclude: list[str]) -> tuple[str | None, list[str]]:
    """The first of `selectors` that holds any block text, and its texts; (None, [])."""
    for selector in selectors:
        container = page.select_one(selector)
        if container is not None:
            texts = block_texts(container, blocks, exclude)
            if texts:
                return selector, texts
    return None, []


def _document_urls(page: _ArticlePage, url: str) -> tuple[str, str]:
    """(url, canonical key) of a page: its declared URL (og:url, JSON-LD mainEntityOfPage)
    keys it when that is an item link, so a page fetched with a cache-buster or read from a
    saved file gets the same doc_id."""
    cfg = _SEL["json_ld"]
    declared: Any = page.meta_first(_SEL["meta"]["canonical"])
    main = page.json_ld.get(cfg["main_entity"])
    if not declared and isinstance(main, dict):
        declared = main.get(cfg["id_key"]) or main.get(cfg["url_key"])
    elif not declared:
        declared = main
    fetched_is_web = urlsplit(url).scheme in ("http", "https")
    if isinstance(declared, str) and declared.strip():
        # The site writes mainEntityOfPage @id as a path ("/newsletters/...").
        declared = urljoin(url if fetched_is_web else _SEL["page"]["site_base"], declared.strip())
        if item_kind(declared):
            return (url if fetched_is_web else declared), canonical_url(declared)
    if fetched_is_web:
        return url, canonical_url(url)
    raise LayoutChanged(f"{url}: page declares no URL (og:url, JSON-LD mainEntityOfPage)",
                        url=url)


def _typed_article(page: HtmlPage) -> bool:
    """Whether the page's Open Graph type says article ("article", "article:...")."""
    return (page.meta.get("og:type") or "").strip().lower().startswith("article")


def parse_article(body: bytes, url: str, raw_id: str) -> Document:
    """Parse a stored The Information page (article, briefing, newsletter) into a Document.

    Raises ChallengePage (transient: retried on a later run) for a bot-challenge page,
    MalformedInput for a body that is not HTML, LayoutChanged for a page with no title at all
    (no JSON-LD article, og:title or <title>) or a free article whose body is not found, and
    NotAnArticle for a page with neither an article type nor an article body (the homepage).
    The text is the full body only when the page carries the subscriber-only body and shows
    no paywall prompt; otherwise it is the public teaser (description and free intro
    paragraphs) and the document is `paywalled`.
    """
    if is_challenge_page(body):
        raise ChallengePage(f"{url}: bot-challenge page instead of the article", url=url)
    page = _ArticlePage(decode_html(body, url), url)
    title = _title(page)
    if title is None:
        raise LayoutChanged(f"{url}: no title (no JSON-LD article, meta "
                            f"{_SEL['meta']['title']} or <title>)", url=url)
    free = _is_free(page)
    body_cfg, intro_cfg = _SEL["page"]["body"], _SEL["page"]["intro"]
    _, intro = _container_texts(page, [intro_cfg["container"]], intro_cfg["blocks"],
                                intro_cfg["exclude"])
    gated = any(page.select_one(gate) is not None for gate in _SEL["page"]["paywall"]["gates"])
    body_selector, full = (None, []) if gated else _container_texts(
        page, body_cfg["containers"], body_cfg["blocks"], body_cfg["exclude"])
    if not page.json_ld and not _typed_article(page) and not intro and not full:
        raise NotAnArticle(f"{url}: not an article page (no article type in JSON-LD or "
                           f"og:type, no article body): a homepage or section front?", url=url)
    if free is True and not gated and not full:
        raise LayoutChanged(f"{url}: free article without a body: {body_cfg['containers']} "
                            f"matched no {body_cfg['blocks']!r}", url=url)
    description = page.ld_text("description") or page.meta_first(_SEL["meta"]["description"])
    has_full_text = bool(full)
    paragraphs = unique_texts([*intro, *full] if has_full_text else [description or "", *intro])
    organizations = _organizations(page)
    url, key = _document_urls(page, url)
    kind = _path_kind(urlsplit(key).path) or "article"
    section = _section(page)
    published = iso_to_utc(page.json_ld.get(_SEL["json_ld"]["date_published"]))
    modified = iso_to_utc(page.json_ld.get(_SEL["json_ld"]["date_modified"]))
    for meta_key in _SEL["meta"]["published_time"]:
        published = published or iso_to_utc(page.meta.get(meta_key))
    for meta_key in _SEL["meta"]["modified_time"]:
        modified = modified or iso_to_utc(page.meta.get(meta_key))
    cfg = _SEL["json_ld"]
    authors = json_ld_names(page.json_ld.get(cfg["authors"]), cfg["author_name"]) or \
        unique_texts([page.meta_first(_SEL["meta"]["authors"]) or ""])
    return Document(
        doc_id=stable_id(SOURCE, key),
        source=SOURCE,
        url=url,
        canonical_url=key,
        title=title,
        published_at=published,
        authors=authors,
        text="\n\n".join(paragraphs),
        lang="en",
        raw_id=raw_id,
        parser_version=PARSER_VERSION,
        doc_type="briefing" if kind == "briefing" else "article",
        section=section,
        summary=description,
        tickers=unique_texts(o["ticker"] or "" for o in organizations),
        entity_hints=unique_texts(o["name"] or "" for o in organizations),
        paywalled=not has_full_text and free is not True,
        metadata={
            "section": section,
            "kind": kind,
            "newsletter": urlsplit(key).path.split("/")[2] if kind == "newsletter" else None,
            "is_accessible_for_free": free,
            "has_full_text": has_full_text,
            "body_selector": body_selector,
            "has_json_ld": bool(page.json_ld),
            "paywall_prompt": gated,
            "description": description,
            "organizations": organizations,
            "modified_at": modified.isoformat() if modified else None,
        },
    )
