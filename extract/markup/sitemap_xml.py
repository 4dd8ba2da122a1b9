"""XML sitemaps (the sitemaps.org 0.9 protocol, with the Google News extension) as entries.

A sitemap is either a `<urlset>` of pages (`<url><loc>`, optional `<lastmod>`, and in a news
sitemap `<news:news><news:publication_date>`/`<news:title>`) or a `<sitemapindex>` of further
sitemaps (`<sitemap><loc>`, optional `<lastmod>`). Bodies are parsed by the same hardened XML
parser as feeds (no DTDs, entities or external references); a gzip body (`.xml.gz`) is
inflated up to a bound first. Dates are W3C datetimes: a date alone is midnight UTC, a time
without a zone is refused (None) rather than guessed.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from extract.errors import LayoutChanged, MalformedInput
from extract.markup.feed_xml import parse_feed_xml
from extract.markup.html_scan import clean_text, iso_to_utc

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_GZIP_MAGIC = b"\x1f\x8b"
# An inflated sitemap is at most 50 MB by the protocol; more is refused, not read.
MAX_INFLATED_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SitemapEntry:
    """One `<url>` or `<sitemap>` of a sitemap: where, and the dates it states."""

    loc: str
    lastmod: datetime | None = None
    published: datetime | None = None  # news:publication_date, news sitemaps only
    title: str | None = None  # news:title, news sitemaps only


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: an index of sitemaps, or a set of pages."""

    is_index: bool
    entries: list[SitemapEntry]


def w3c_datetime(value: str | None) -> datetime | None:
    """A W3C datetime ("2025-09-22", "2025-09-22T16:05:00Z", "...+02:00") as aware UTC; a
    date alone is midnight UTC; anything else (no zone, not a date) is None."""
    text = (value or "").strip()
    if len(text) == 10:
        try:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        except ValueError:
            return None
    return iso_to_utc(text)


def _inflate(body: bytes, url: str) -> bytes:
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_INFLATED_BYTES + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise MalformedInput(f"broken gzip sitemap: {exc}", url=url) from exc
    if len(data) > MAX_INFLATED_BYTES or inflater.unconsumed_tail:
        raise MalformedInput(f"sitemap inflates past {MAX_INFLATED_BYTES} bytes", url=url)
    if not inflater.eof:
        raise MalformedInput("broken gzip sitemap: the stream is cut short", url=url)
    return data


def _child_text(element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None:
        return None
    return clean_text(child.text or "") or None


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """The entries of a sitemap body, in document order, each `loc` once.

    Raises MalformedInput for a body that is not XML (or a hostile one), LayoutChanged for XML
    that is not a sitemap (the site moved its sitemap or serves something else at its URL).
    """
    root = parse_feed_xml(_inflate(body, url), url)
    if root.tag == SITEMAP_NS + "sitemapindex":
        item_tag, is_index = SITEMAP_NS + "sitemap", True
    elif root.tag == SITEMAP_NS + "urlset":
        item_tag, is_index = SITEMAP_NS + "url", False
    else:
        raise LayoutChanged(f"{url}: not a sitemap (root element {root.tag!r})", url=url)
    entries: list[SitemapEntry] = []
    seen: set[str] = set()
    for item in root.iter(item_tag):
        loc = _child_text(item, SITEMAP_NS + "loc")
        if not loc or loc in seen:
            continue
        seen.add(loc)
        news = item.find(NEWS_NS + "news")
        entries.append(SitemapEntry(
            loc=loc,
            lastmod=w3c_datetime(_child_text(item, SITEMAP_NS + "lastmod")),
            published=None if news is None else w3c_datetime(
                _child_text(news, NEWS_NS + "publication_date")),
            title=None if news is None else _child_text(news, NEWS_NS + "title"),
        ))
    return Sitemap(is_index=is_index, entries=entries)
