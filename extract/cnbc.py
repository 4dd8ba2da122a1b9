"""CNBC connector, pure parts: RSS feeds -> Refs, and article pages -> Documents.

No HTTP here: `discover` takes any client with the `get` method of `extract.http.PoliteClient`,
and `parse_article` works on stored bytes, so `reprocess` can re-run it without the network.
Every selector, JSON path and marker comes from `extract/selectors/cnbc.toml`.

Article pages are ~1.2 MB, mostly inline CSS and scripts, and get reprocessed in bulk. So the
parser never builds a tree of the whole page on the normal path: JSON-LD, `<meta>` tags and the
`window.__s_data` page state are pulled out with targeted scans, and only the key points and
article body fragments are parsed with BeautifulSoup + lxml. A full parse happens only when a
fallback selector is needed (a page missing its JSON-LD or meta data).
"""

from __future__ import annotations

import email.utils
import functools
import json
import logging
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from extract.errors import LayoutChanged, MalformedInput, SourceError
from extract.records import Document, FetchedResponse, Ref
from extract.site_selectors import load_selectors
from transform.ids import stable_id

SOURCE = "cnbc"
PARSER_VERSION = "cnbc-1"
# RSS pubDate can be an update time, so `since` is widened by this much to not miss an item
# whose hint moved; re-finding a known item is harmless (ids are stable).
SINCE_OVERLAP = timedelta(days=2)

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)
_JSON = json.JSONDecoder(strict=False)  # tolerate raw newlines in strings, as browsers do
_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_META_TAG = re.compile(r"""<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_LD_SCRIPT = re.compile(
    r"""<script\b[^>]*\btype\s*=\s*["']?"""
    + re.escape(_SEL["json_ld"]["script_type"])
    + r"""["']?[^>]*>(.*?)</script\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_OPEN_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_CLASS_ATTR = re.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SIMPLE_SELECTOR = re.compile(r"([a-z][a-z0-9]*)\.([\w-]+)")


class FeedClient(Protocol):
    """What `discover` needs from an HTTP client (extract.http.PoliteClient satisfies it)."""

    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        """Fetch `url`, refusing hosts outside `allowed_hosts`; raises SourceError subclasses."""
        ...


@dataclass(frozen=True)
class DiscoveryResult:
    """Refs found across all feeds (deduplicated) and the feeds that failed, with their error."""

    refs: list[Ref]
    failures: list[tuple[str, SourceError]]


# --------------------------------------------------------------------------- URLs and feeds


def canonical_url(url: str) -> str:
    """The natural key of a CNBC URL: https, lower-case host, no query string, no fragment.

    CNBC article links carry tracking parameters (`?__source=newsletter...`); the article is
    the same without them. Raises ValueError for a URL without a host.
    """
    parts = urlsplit(url.strip())
    if not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    return urlunsplit(("https", parts.netloc.lower(), parts.path or "/", "", ""))


def _is_article_link(link: str, hosts: Collection[str] | None = None) -> bool:
    """True for links to CNBC text articles (on `hosts`, default the selectors' article hosts;
    an entry also allows its subdomains).

    Feeds also list videos (`/video/...`: a player, no article body to parse) and, now and
    then, partner or other-host pages that CNBC's selectors do not fit and our host allowlist
    would refuse anyway; fetching those would only fill the quarantine table.
    """
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    entries = [h.lower() for h in (hosts or _SEL["feed"]["article_hosts"])]
    if not any(host == entry or host.endswith("." + entry) for entry in entries):
        return False
    return not any(parts.path.startswith(p) for p in _SEL["feed"]["skip_path_prefixes"])


def _parse_xml(body: bytes, feed_url: str) -> Element:
    """Parse XML with DTDs, entity declarations and external references all forbidden."""
    try:
        return SafeElementTree.fromstring(
            body, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:  # billion laughs, external entities: refused unexpanded
        raise MalformedInput(
            f"hostile feed refused (DTDs, entities and external references are forbidden): "
            f"{exc!r}",
            url=feed_url,
        ) from exc
    except (ParseError, ValueError, LookupError) as exc:  # broken XML, unknown encoding
        raise MalformedInput(f"malformed feed XML: {exc}", url=feed_url) from exc


def _rss_date(text: str | None) -> datetime | None:
    """An RFC 822 pubDate as an aware UTC datetime, or None when absent or unreadable."""
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError):
        return None
    # "-0000" parses naive: RFC 5322 defines it as UTC with no local zone; a missing zone is
    # read the same way (CNBC feeds send GMT or an offset).
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_feed(
    body: bytes, feed_url: str, article_hosts: Collection[str] | None = None
) -> list[Ref]:
    """The article items of a CNBC RSS 2.0 feed as Refs, deduplicated by canonical URL.

    Feed order is kept. `article_hosts` (default: the selectors' list) are the hosts whose
    links count as articles. Raises MalformedInput for a hostile, malformed or non-RSS body.
    """
    root = _parse_xml(body, feed_url)
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise MalformedInput(f"not an RSS 2.0 feed (root element <{root.tag}>)", url=feed_url)
    refs: list[Ref] = []
    seen: set[str] = set()
    for item in channel.findall("item"):
        link = (item.findtext("link") or "").strip()
        if not link:
            logger.debug("feed %s: item without a link skipped", feed_url)
            continue
        if not _is_article_link(link, article_hosts):
            logger.debug("feed %s: non-article link skipped: %s", feed_url, link)
            continue
        key = canonical_url(link)
        if key in seen:
            continue
        seen.add(key)
        title = (item.findtext("title") or "").strip() or None
        refs.append(
            Ref(
                source=SOURCE,
                url=link,
                canonical_url=key,
                published_hint=_rss_date(item.findtext("pubDate")),
                title_hint=title,
                discovered_via=feed_url,
            )
        )
    return refs


def discover(
    client: FeedClient,
    feed_urls: Sequence[str],
    *,
    allowed_hosts: Collection[str],
    since: datetime | None,
) -> DiscoveryResult:
    """Fetch and parse every feed; merge their refs, keeping the first of each canonical URL.

    A feed that fails (any SourceError) is recorded in `failures` and the other feeds still
    run. With `since` (aware), refs whose feed date is older than `since - SINCE_OVERLAP` are
    dropped; refs without a date are kept.
    """
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    cutoff = None if since is None else since - SINCE_OVERLAP
    refs: list[Ref] = []
    failures: list[tuple[str, SourceError]] = []
    seen: set[str] = set()
    for feed_url in feed_urls:
        try:
            response = client.get(feed_url, allowed_hosts=allowed_hosts)
            feed_refs = (
                [] if response.not_modified
                else parse_feed(response.body, feed_url, article_hosts=allowed_hosts)
            )
        except SourceError as exc:
            logger.warning("cnbc feed %s failed: %s: %s", feed_url, exc.error_class, exc)
            failures.append((feed_url, exc))
            continue
        for ref in feed_refs:
            # Filter before dedupe: another feed may list the same item with a newer date.
            hint = ref.published_hint
            if (cutoff is not None and hint is not None and hint < cutoff) or (
                ref.canonical_url in seen
            ):
                continue
            seen.add(ref.canonical_url)
            refs.append(ref)
    logger.info("cnbc discovery: %d refs, %d failed feeds", len(refs), len(failures))
    return DiscoveryResult(refs=refs, failures=failures)


# --------------------------------------------------------------------------- page scanning


def _clean(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) into one space, trimmed."""
    return " ".join(text.split())


def _path(data: Any, keys: Sequence[str]) -> Any:
    """The value at `keys` inside nested dicts, or None when any step is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _to_utc(value: Any) -> datetime | None:
    """An ISO 8601 timestamp with a zone ("2023-04-28T18:23:00+0000") as aware UTC, else None.

    A timestamp without a zone is refused rather than guessed (CNBC's own are US Eastern).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


@functools.cache
def _tag_events(tag: str) -> re.Pattern[str]:
    """Comments, script/style blocks (skipped whole) and open/close tags named `tag`."""
    return re.compile(
        r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(/?)" + re.escape(tag)
        + r"""\b(?:[^>"']|"[^"]*"|'[^']*')*>""",
        re.IGNORECASE | re.DOTALL,
    )


def _slice_element(html: str, selector: str) -> str | None:
    """The source of the first element matching a simple `tag.class` selector, or None.

    A fast scan: find the class name, check that it sits in the class attribute of an opening
    `tag`, then count nested open/close tags of that name (ignoring scripts, styles and
    comments) to its end. Mentions in CSS never match as they are not in an opening tag, nor
    does markup quoted inside a script (page state JSON). Unbalanced markup makes the slice
    run to the end of the page, which is still correct (lxml closes the element as a full
    parse would).
    """
    simple = _SIMPLE_SELECTOR.fullmatch(selector)
    if simple is None:
        return None
    tag, class_name = simple.groups()
    pos = 0
    while (hit := html.find(class_name, pos)) != -1:
        pos = hit + len(class_name)
        start = html.rfind("<", 0, hit)
        opening = _OPEN_TAG.match(html, start) if start != -1 else None
        if opening is None or opening.end() <= hit or opening.group(1).lower() != tag:
            continue
        if html.rfind("</script", 0, start) < html.rfind("<script", 0, start):
            continue  # markup inside a script string (page state JSON) is not an element
        classes = _CLASS_ATTR.search(opening.group(2))
        if classes is None or class_name not in "".join(g or "" for g in classes.groups()).split():
            continue
        depth, end = 1, len(html)
        for event in _tag_events(tag).finditer(html, opening.end()):
            if event.group(2) is None:
                continue  # comment or script/style block
            if event.group(2):
                depth -= 1
            elif not event.group(0).endswith("/>"):
                depth += 1
            if depth == 0:
                end = event.end()
                break
        return html[start:end]
    return None


class _Page:
    """One article page: cheap targeted views first, a full parse only on demand."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url

    @functools.cached_property
    def full_soup(self) -> BeautifulSoup:
        """The whole page parsed (slow on a 1.2 MB page: only for fallbacks)."""
        logger.debug("cnbc %s: full-page parse for a fallback selector", self.url)
        return BeautifulSoup(self.html, "lxml")

    def select_one(self, selector: str) -> Tag | None:
        """First element matching `selector`: from its own fragment when it can be sliced.

        For a simple `tag.class` selector the scan is trusted when it finds nothing (pages
        without key points are common; they must not pay for a full parse).
        """
        if _SIMPLE_SELECTOR.fullmatch(selector):
            fragment = _slice_element(self.html, selector)
            if fragment is None:
                return None
            found = BeautifulSoup(fragment, "lxml").select_one(selector)
            if found is not None:
                return found
        return self.full_soup.select_one(selector)

    @functools.cached_property
    def meta(self) -> dict[str, str]:
        """`<meta>` content by property/name (first wins); the tags alone are parsed by lxml."""
        soup = BeautifulSoup("".join(_META_TAG.findall(self.html)), "lxml")
        values: dict[str, str] = {}
        for tag in soup.find_all("meta"):
            key, content = tag.get("property") or tag.get("name"), tag.get("content")
            if isinstance(key, str) and isinstance(content, str):
                values.setdefault(key.strip().lower(), content)
        return values

    def meta_first(self, keys: Sequence[str]) -> str | None:
        """The first non-blank meta value among `keys`, whitespace-normalised."""
        for key in keys:
            value = _clean(self.meta.get(key, ""))
            if value:
                return value
        return None

    @functools.cached_property
    def json_ld(self) -> dict[str, Any]:
        """The first JSON-LD object whose @type is an article type, or {}."""
        cfg = _SEL["json_ld"]
        for block in _LD_SCRIPT.finditer(self.html):
            try:
                data = _JSON.decode(block.group(1).strip())
            except ValueError:
                logger.debug("cnbc %s: unreadable JSON-LD block skipped", self.url)
                continue
            for candidate in _ld_objects(data, cfg["graph_key"]):
                types = candidate.get(cfg["type_key"])
                types = [types] if isinstance(types, str) else types
                if isinstance(types, list) and any(t in cfg["article_types"] for t in types):
                    return candidate
        return {}

    @functools.cached_property
    def state(self) -> dict[str, Any]:
        """The article's own object inside `window.__s_data` (page.page), or {}."""
        cfg = _SEL["s_data"]
        at = self.html.find(cfg["marker"])
        if at == -1:
            return {}
        start = at + len(cfg["marker"])
        while start < len(self.html) and self.html[start].isspace():
            start += 1
        try:
            data, _ = _JSON.raw_decode(self.html, start)
        except ValueError:
            logger.warning("cnbc %s: unreadable %s JSON ignored", self.url, cfg["marker"])
            return {}
        article = _path(data, cfg["article_path"])
        return article if isinstance(article, dict) else {}


def _ld_objects(data: Any, graph_key: str) -> Iterator[dict[str, Any]]:
    """Every dict of a JSON-LD block: the block itself, list members and @graph members."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            yield item
            graph = item.get(graph_key)
            if isinstance(graph, list):
                yield from (g for g in graph if isinstance(g, dict))


def _unique(values: Iterator[str] | list[str]) -> list[str]:
    """Cleaned, non-empty values, first occurrence kept."""
    return list(dict.fromkeys(v for v in (_clean(x) for x in values) if v))


# --------------------------------------------------------------------------- article fields


def _title(page: _Page) -> str | None:
    """JSON-LD headline, else og:title / twitter:title, else the h1."""
    headline = page.json_ld.get(_SEL["json_ld"]["headline"])
    if isinstance(headline, str) and _clean(headline):
        return _clean(headline)
    title = page.meta_first(_SEL["meta"]["title"])
    if title:
        return title
    h1 = page.full_soup.select_one(_SEL["page"]["title"])
    return (_clean(h1.get_text()) or None) if h1 is not None else None


def _published_at(page: _Page) -> datetime | None:
    """JSON-LD datePublished, else meta article:published_time, else the header's <time>."""
    found = _to_utc(page.json_ld.get(_SEL["json_ld"]["date_published"]))
    for key in _SEL["meta"]["published_time"]:
        found = found or _to_utc(page.meta.get(key))
    if found is None:
        time_tag = page.full_soup.select_one(_SEL["page"]["published_time"])
        if time_tag is not None:
            found = _to_utc(time_tag.get(_SEL["page"]["published_time_attr"]))
    return found


def _ld_name(entry: Any, key: str) -> str:
    """A JSON-LD author entry's name: the string itself or the `name` of a Person object."""
    value = entry.get(key) if isinstance(entry, dict) else entry
    return value if isinstance(value, str) else ""


def _authors(page: _Page) -> list[str]:
    """JSON-LD author names, else the header's author links, else meta author."""
    cfg = _SEL["json_ld"]
    raw = page.json_ld.get(cfg["authors"])
    entries = raw if isinstance(raw, list) else [raw] if raw else []
    names = _unique([_ld_name(entry, cfg["author_name"]) for entry in entries])
    if not names:
        names = _unique([a.get_text() for a in page.full_soup.select(_SEL["page"]["authors"])])
    if not names:
        names = _unique([page.meta_first(_SEL["meta"]["authors"]) or ""])
    return names


def _section(page: _Page) -> str | None:
    """The article's section as CNBC files it: page state, else meta/JSON-LD, else eyebrow."""
    for keys in _SEL["s_data"]["section"]:
        value = _path(page.state, keys)
        if isinstance(value, str) and _clean(value):
            return _clean(value)
    found = page.meta_first(_SEL["meta"]["section"])
    ld_section = page.json_ld.get(_SEL["json_ld"]["section"])
    if not found and isinstance(ld_section, str):
        found = _clean(ld_section) or None
    if not found:
        eyebrow = page.full_soup.select_one(_SEL["page"]["eyebrow"])
        found = (_clean(eyebrow.get_text()) or None) if eyebrow is not None else None
    return found


def _description(page: _Page) -> str | None:
    """The standfirst: JSON-LD description, else meta description, else the page state's."""
    candidates = [page.json_ld.get(_SEL["json_ld"]["description"])]
    candidates.append(page.meta_first(_SEL["meta"]["description"]))
    candidates.append(_path(page.state, _SEL["s_data"]["description"]))
    return next((_clean(c) for c in candidates if isinstance(c, str) and _clean(c)), None)


def _tickers(page: _Page) -> list[str]:
    """Symbols CNBC tagged the article with (page state tickerSymbols[].symbol)."""
    entries = _path(page.state, _SEL["s_data"]["tickers"])
    if not isinstance(entries, list):
        return []
    key = _SEL["s_data"]["ticker_symbol"]
    return _unique([e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)])


def _is_premium(page: _Page) -> bool:
    """CNBC PRO: `premium: true` on the article's own page state, or JSON-LD marks it not free."""
    if _path(page.state, _SEL["s_data"]["premium"]) is True:
        return True
    free = page.json_ld.get(_SEL["json_ld"]["free_flag"])
    return free is False or (isinstance(free, str) and free.strip().lower() == "false")


def _key_points(page: _Page) -> list[str]:
    """The "Key Points" bullets above the body, in order ([] when the page has none)."""
    cfg = _SEL["page"]["key_points"]
    box = page.select_one(cfg["container"])
    return _unique([li.get_text() for li in box.select(cfg["items"])]) if box else []


def _body_paragraphs(container: Tag) -> list[str]:
    """Text blocks of the article body in order, with embedded widgets removed."""
    cfg = _SEL["page"]["body"]
    for widget in container.select(", ".join(cfg["exclude"])):
        if not widget.decomposed:  # already gone with an enclosing widget
            widget.decompose()
    for br in container.find_all("br"):
        br.replace_with(" ")  # keep words on both sides of a line break apart
    taken: set[int] = set()
    paragraphs: list[str] = []
    for block in container.select(cfg["blocks"]):
        if any(id(parent) in taken for parent in block.parents):
            continue  # its text is already part of an enclosing block
        taken.add(id(block))
        text = _clean(block.get_text())
        if text:
            paragraphs.append(text)
    return paragraphs


def _decode_html(body: bytes, url: str) -> str:
    """The page as text; MalformedInput when it is empty, binary or not HTML at all."""
    if not body.strip():
        raise MalformedInput(f"{url}: empty body", url=url)
    if b"\x00" in body[:4096]:
        raise MalformedInput(f"{url}: binary body, not HTML", url=url)
    html = body.decode("utf-8-sig", errors="replace")
    if not _HTML_MARKER.search(html):
        raise MalformedInput(f"{url}: body is not an HTML document", url=url)
    return html


def _document_urls(page: _Page, url: str) -> tuple[str, str]:
    """(url, canonical key) of a page: the page's declared URL keys it when it is a CNBC
    article link, so the same article fetched via a tracking link or read from a saved file
    gets the same doc_id."""
    declared = next((page.meta[k] for k in _SEL["meta"]["canonical"] if page.meta.get(k)), None)
    fetched_is_web = urlsplit(url).scheme in ("http", "https")
    if declared and _is_article_link(declared):
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
    page = _Page(_decode_html(body, url), url)
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
    else:
        selector = _SEL["page"]["body"]["container"]
        container = page.select_one(selector)
        if container is None:
            raise LayoutChanged(f"{url}: no article body: {selector!r} matched nothing", url=url)
        paragraphs = _body_paragraphs(container)
        if not paragraphs:
            raise LayoutChanged(
                f"{url}: article body {selector!r} has no {_SEL['page']['body']['blocks']!r}",
                url=url,
            )
    section = _section(page)
    modified = _to_utc(page.json_ld.get(_SEL["json_ld"]["date_modified"]))
    for key in _SEL["meta"]["modified_time"]:
        modified = modified or _to_utc(page.meta.get(key))
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
        lang="en",
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
            "cnbc_id": _path(page.state, _SEL["s_data"]["id"]),
            "content_type": _path(page.state, _SEL["s_data"]["content_type"]),
            "modified_at": modified.isoformat() if modified else None,
        },
    )
