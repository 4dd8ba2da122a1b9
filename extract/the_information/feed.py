"""The Information's Atom feed, pure parts: feed entries (with teasers) -> Refs.

No HTTP here: `discover` takes any client with the `get` method of `extract.http.PoliteClient`.
Feed names come from `extract/the_information/selectors.toml`. XML is parsed with DTDs,
entities and external references forbidden; a challenge page served instead of the feed is
raised as `ChallengePage` (transient). Article pages are parsed by
`extract.the_information.pages`.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import Element, tostring

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from extract.errors import ChallengePage, ConfigurationError, MalformedInput, SourceError
from extract.markup.feed_xml import parse_feed_xml
from extract.markup.html_scan import block_texts, clean_text, iso_to_utc, unique_texts
from extract.markup.selectors import load_selectors
from extract.the_information.pages import (
    SOURCE,
    canonical_url,
    challenge_header,
    is_challenge_page,
    item_kind,
)
from records import FetchedResponse, Ref

# `published` is stable but a feed may only carry `updated` (restamped in bulk), so `since` is
# widened by this much; re-finding a known item is harmless (ids are stable).
SINCE_OVERLAP = timedelta(days=2)

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_ATOM = "{" + _SEL["feed"]["atom_namespace"] + "}"


class FeedClient(Protocol):
    """What `discover` needs from an HTTP client (extract.http.PoliteClient satisfies it)."""

    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        """Fetch `url`, refusing hosts outside `allowed_hosts`; raises SourceError subclasses."""
        ...


@dataclass(frozen=True)
class FeedEntry:
    """One item of the Atom feed with its teaser (a Ref has no field for it).

    `teaser_text` is the entry's HTML teaser as plain text, paragraphs separated by a blank
    line; `kind` is "article", "briefing" or "newsletter" (from the link's path).
    """

    entry_id: str | None
    url: str
    canonical_url: str
    title: str | None
    published: datetime | None
    updated: datetime | None
    teaser_text: str
    kind: str
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiscoveryResult:
    """Refs found in the feed, the feed entries behind them (with teasers), and failures."""

    refs: list[Ref]
    failures: list[tuple[str, SourceError]]
    entries: list[FeedEntry] = field(default_factory=list)


# --------------------------------------------------------------------------- feed


def _parse_xml(body: bytes, feed_url: str) -> Element:
    """The feed's root element (`parse_feed_xml`), or ChallengePage for a bot-challenge page.

    A challenge page is no feed at all (its `<!DOCTYPE html>` alone trips the DTD ban): it is
    worth a retry on a later run, so it is raised as ChallengePage, not as MalformedInput.
    """
    try:
        return parse_feed_xml(body, feed_url)
    except MalformedInput:
        if is_challenge_page(body):
            raise ChallengePage(f"bot-challenge page instead of the feed: {feed_url}",
                                url=feed_url) from None
        raise


def _html_to_text(markup: str) -> str:
    """HTML as plain text: its paragraph-like blocks, blank-line separated, else all its text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    cfg = _SEL["feed"]
    blocks = block_texts(soup, cfg["teaser_blocks"], cfg["teaser_exclude"])
    return "\n\n".join(blocks) if blocks else clean_text(soup.get_text(" "))


def _atom_text(element: Element | None) -> str:
    """The text of an Atom text construct (type text, html or xhtml) as plain text."""
    if element is None:
        return ""
    kind = (element.get("type") or "text").strip().lower()
    if kind == "xhtml":
        markup = "".join(tostring(child, encoding="unicode") for child in element)
        return _html_to_text(markup)
    if kind in ("html", "text/html"):
        return _html_to_text(element.text or "")
    return clean_text(element.text or "")


def _entry_link(entry: Element) -> str | None:
    """The href of the entry's alternate link (a link without rel is an alternate link)."""
    for link in entry.findall(_ATOM + "link"):
        href = (link.get("href") or "").strip()
        if href and (link.get("rel") or "alternate").strip() == "alternate":
            return href
    return None


def parse_feed_entries(
    body: bytes, feed_url: str, article_hosts: Collection[str] | None = None
) -> list[FeedEntry]:
    """The item entries of the Atom feed, in feed order, each item once.

    An entry counts when its alternate link is an article, briefing or newsletter on
    `article_hosts` (default: the selectors' list). Relative links resolve against xml:base and
    the feed URL. Duplicates are dropped by canonical URL and by entry id, so a cache-buster
    link or a restamped `updated` never yields a second entry (the first one wins). Raises
    MalformedInput for a hostile, malformed or non-Atom body, ChallengePage for a challenge.
    """
    root = _parse_xml(body, feed_url)
    if root.tag != _ATOM + "feed":
        if is_challenge_page(body):
            raise ChallengePage(f"bot-challenge page instead of the feed: {feed_url}",
                                url=feed_url)
        raise MalformedInput(f"not an Atom feed (root element <{root.tag}>)", url=feed_url)
    feed_base = urljoin(feed_url, root.get(_XML_BASE) or "")
    entries: list[FeedEntry] = []
    seen_urls: set[str] = set()
    seen_ids: set[str] = set()
    for entry in root.findall(_ATOM + "entry"):
        entry_id = clean_text(entry.findtext(_ATOM + "id") or "") or None
        href = _entry_link(entry)
        if href is None:
            logger.debug("feed %s: entry %s without a link skipped", feed_url, entry_id)
            continue
        url = urljoin(urljoin(feed_base, entry.get(_XML_BASE) or ""), href)
        kind = item_kind(url, article_hosts)
        if kind is None:
            logger.debug("feed %s: non-item link skipped: %s", feed_url, url)
            continue
        key = canonical_url(url)
        if key in seen_urls or (entry_id is not None and entry_id in seen_ids):
            continue
        seen_urls.add(key)
        if entry_id is not None:
            seen_ids.add(entry_id)
        content = entry.find(_ATOM + "content")
        entries.append(FeedEntry(
            entry_id=entry_id,
            url=url,
            canonical_url=key,
            title=_atom_text(entry.find(_ATOM + "title")) or None,
            published=iso_to_utc(entry.findtext(_ATOM + "published")),
            updated=iso_to_utc(entry.findtext(_ATOM + "updated")),
            teaser_text=_atom_text(content if content is not None
                                   else entry.find(_ATOM + "summary")),
            kind=kind,
            authors=tuple(unique_texts(a.findtext(_ATOM + "name") or ""
                                       for a in entry.findall(_ATOM + "author"))),
        ))
    return entries


def _feed_date(entry: FeedEntry) -> datetime | None:
    """The entry's publication date, else its (restamped) update date."""
    return entry.published or entry.updated


def _is_recent(entry: FeedEntry, cutoff: datetime | None) -> bool:
    """True when the entry is at or after `cutoff`, or either is unknown (undated entries are
    kept: dropping them could lose an item for good)."""
    when = _feed_date(entry)
    return cutoff is None or when is None or when >= cutoff


def fetch_url(url: str) -> str:
    """The URL to fetch for a link: as written but without query and fragment (a referral code
    that changes between runs would otherwise look like a new page to the conditional GET)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme or "https", parts.netloc.lower(), parts.path or "/", "", ""))


def _ref(entry: FeedEntry, feed_url: str) -> Ref:
    return Ref(source=SOURCE, url=fetch_url(entry.url), canonical_url=entry.canonical_url,
               published_hint=_feed_date(entry), title_hint=entry.title,
               discovered_via=feed_url)


def parse_feed(
    body: bytes, feed_url: str, article_hosts: Collection[str] | None = None
) -> list[Ref]:
    """The items of the Atom feed as Refs (see `parse_feed_entries` for the rules).

    `published_hint` is the entry's `published` (its `updated` when absent: that one is
    restamped in bulk, so it is only a fallback).
    """
    return [_ref(e, feed_url) for e in parse_feed_entries(body, feed_url, article_hosts)]


def discover(
    client: FeedClient,
    feed_url: str,
    *,
    allowed_hosts: Collection[str],
    since: datetime | None,
) -> DiscoveryResult:
    """Fetch and parse the feed into Refs; a failing feed is a failure, never an exception.

    With `since` (aware), items whose feed date is older than `since - SINCE_OVERLAP` are
    dropped; items without a date are kept. Item links count when they are on `allowed_hosts`.
    Raises ConfigurationError without a feed URL or hosts, ValueError for a naive `since`.
    """
    if not feed_url or not allowed_hosts:
        raise ConfigurationError("The Information needs a feed URL and allowed hosts")
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    try:
        response = client.get(feed_url, allowed_hosts=allowed_hosts)
        if response.not_modified:
            entries: list[FeedEntry] = []
        elif challenge_header(response.headers):
            raise ChallengePage(f"bot-challenge answer instead of the feed: {feed_url}",
                                url=feed_url)
        else:  # a challenge body is recognised by the feed parser
            entries = parse_feed_entries(response.body, feed_url, article_hosts=allowed_hosts)
    except SourceError as exc:
        logger.warning("the_information feed %s failed: %s: %s", feed_url, exc.error_class, exc)
        return DiscoveryResult(refs=[], failures=[(feed_url, exc)])
    cutoff = None if since is None else since - SINCE_OVERLAP
    kept = [e for e in entries if _is_recent(e, cutoff)]
    logger.info("the_information discovery: %d refs (%d in feed)", len(kept), len(entries))
    return DiscoveryResult(refs=[_ref(e, feed_url) for e in kept], failures=[], entries=kept)
