"""Targeted scans of big HTML pages, shared by the site parsers (CNBC, The Information, ...).

News article pages are often over a megabyte, mostly inline CSS and scripts, and they get
reprocessed in bulk; building a tree of the whole page is most of the cost of parsing one. So
the data a parser wants is pulled out with targeted scans instead: `<meta>` tags, JSON-LD
scripts and `window.__state = {...}`-style JSON assignments are found with regexes or a string
search, and a single `tag.class` element is sliced out of the page (`slice_element`, in
extract/markup/slicing.py) and only that fragment is parsed with BeautifulSoup + lxml. `HtmlPage`
bundles these views of one page and falls back to a full parse only when a selector cannot be
answered from a fragment. `FastHtmlPage` (extract/markup/fast_page.py) gives the same answers
from lxml alone, several times faster.

Nothing here knows a site: selectors, script types and markers are passed in by the caller
(each site keeps them in `extract/<site>/selectors.toml`).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from extract.errors import MalformedInput
from extract.markup.slicing import PageIndex, is_simple_selector, slice_element

logger = logging.getLogger(__name__)

JSON_LD_TYPE = "application/ld+json"

_JSON = json.JSONDecoder(strict=False)  # tolerate raw newlines in strings, as browsers do
_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
META_TAG = re.compile(r"""<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


# --------------------------------------------------------------------------- values


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) into one space, trimmed."""
    return " ".join(text.split())


def json_path(data: Any, keys: Sequence[str]) -> Any:
    """The value at `keys` inside nested dicts, or None when any step is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def iso_to_utc(value: Any) -> datetime | None:
    """An ISO 8601 timestamp with a zone ("2023-04-28T18:23:00+0000") as aware UTC, else None.

    A timestamp without a zone is refused rather than guessed (sites publish in their own local
    time, which the page does not state).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


def unique_texts(values: Iterable[str]) -> list[str]:
    """Values with whitespace collapsed, blanks dropped, first occurrence of each kept."""
    return list(dict.fromkeys(v for v in (clean_text(x) for x in values) if v))


def json_ld_names(value: Any, name_key: str = "name") -> list[str]:
    """Names in a JSON-LD person-like value (e.g. `author`): a string, an object with a
    `name_key` string, or a list of those; cleaned, unique, in order."""
    entries = value if isinstance(value, list) else [value] if value else []
    names = (e.get(name_key) if isinstance(e, dict) else e for e in entries)
    return unique_texts(n if isinstance(n, str) else "" for n in names)


def decode_html(body: bytes, url: str) -> str:
    """The page as text; MalformedInput when it is empty, binary or not HTML at all."""
    if not body or body.isspace():  # `not body.strip()` without copying a megabyte
        raise MalformedInput(f"{url}: empty body", url=url)
    if b"\x00" in body[:4096]:
        raise MalformedInput(f"{url}: binary body, not HTML", url=url)
    html = body.decode("utf-8-sig", errors="replace")
    if not _HTML_MARKER.search(html):
        raise MalformedInput(f"{url}: body is not an HTML document", url=url)
    return html


# --------------------------------------------------------------------------- scans


def meta_values(html: str) -> dict[str, str]:
    """`<meta>` content (or `value`) by lower-cased property/name (first wins); only the tags
    are parsed."""
    soup = BeautifulSoup("".join(META_TAG.findall(html)), "lxml")
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        # `value` instead of `content`: some saved and older pages (CNBC 2016) write it so.
        key = tag.get("property") or tag.get("name")
        content = tag.get("content") if tag.has_attr("content") else tag.get("value")
        if isinstance(key, str) and isinstance(content, str):
            values.setdefault(key.strip().lower(), content)
    return values


@functools.cache
def script_blocks(script_type: str) -> re.Pattern[str]:
    """`<script type="script_type">...</script>` blocks, capturing their content."""
    return re.compile(
        r"""<script\b[^>]*\btype\s*=\s*["']?""" + re.escape(script_type)
        + r"""["']?[^>]*>(.*?)</script\s*>""",
        re.IGNORECASE | re.DOTALL,
    )


def script_texts(html: str, script_type: str = JSON_LD_TYPE) -> Iterator[str]:
    """The contents of every `<script type=script_type>` block, stripped, in page order."""
    for block in script_blocks(script_type).finditer(html):
        yield block.group(1).strip()


def json_ld_objects(data: Any, graph_key: str = "@graph") -> Iterator[dict[str, Any]]:
    """Every dict of a JSON-LD block: the block itself, list members and @graph members."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            yield item
            graph = item.get(graph_key)
            if isinstance(graph, list):
                yield from (g for g in graph if isinstance(g, dict))


def json_after_marker(html: str, marker: str) -> Any:
    """The JSON value that follows the first `marker` (e.g. "window.__s_data=") in the page.

    Decoding stops at the end of that value, so the rest of the script is never looked at.
    Raises LookupError when the marker is absent and ValueError when the JSON is unreadable.
    """
    at = html.find(marker)
    if at == -1:
        raise LookupError(f"marker {marker!r} not in page")
    start = at + len(marker)
    while start < len(html) and html[start].isspace():
        start += 1
    data, _ = _JSON.raw_decode(html, start)
    return data


def block_texts(container: Tag, blocks: str, exclude: Sequence[str]) -> list[str]:
    """Texts of the `blocks` elements inside `container`, in order, skipping `exclude` widgets.

    `blocks` and `exclude` are CSS selectors. The excluded elements are removed from
    `container` (it is changed in place). A block nested in another block is taken once, as
    part of the outer one; `<br>` separates words; blank blocks are dropped.
    """
    for widget in container.select(", ".join(exclude)):
        if not widget.decomposed:  # already gone with an enclosing widget
            widget.decompose()
    for br in container.find_all("br"):
        br.replace_with(" ")  # keep words on both sides of a line break apart
    taken: set[int] = set()
    texts: list[str] = []
    for block in container.select(blocks):
        if any(id(parent) in taken for parent in block.parents):
            continue  # its text is already part of an enclosing block
        taken.add(id(block))
        text = clean_text(block.get_text())
        if text:
            texts.append(text)
    return texts


def common_ancestor(nodes: list[Tag]) -> Tag:
    """The closest element holding every node (the node itself when there is one).

    `in node.parents` compares Tags by value (bs4 `Tag.__eq__`), so a look-alike ancestor can
    win; parsers' outputs depend on that, and lxml_dom.common_ancestor defers to it.
    """
    first, *rest = nodes
    if not rest:
        return first
    lineage = [first, *first.parents]
    for candidate in lineage:
        if all(candidate in node.parents for node in rest):
            return candidate
    return lineage[-1]


# --------------------------------------------------------------------------- one page


class HtmlPage:
    """One HTML page: cheap targeted views first (each computed once), a full parse on demand.

    `url` only names the page in log messages. The element questions (`first_text`,
    `item_texts`, `body_texts`, ...) are answered with BeautifulSoup here; `FastHtmlPage`
    (extract/markup/fast_page.py) gives the same answers from lxml.
    """

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url
        self._json_ld: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._assignments: dict[str, Any] = {}
        self._index = PageIndex(html)

    @functools.cached_property
    def full_soup(self) -> BeautifulSoup:
        """The whole page parsed (slow on a big page: only for fallbacks)."""
        logger.debug("%s: full-page parse for a fallback selector", self.url)
        return BeautifulSoup(self.html, "lxml")

    def select_one(self, selector: str) -> Tag | None:
        """First element matching `selector`: from its own fragment when it can be sliced.

        For a simple `tag.class` selector the scan is trusted when it finds nothing (optional
        page parts are common; a page without one must not pay for a full parse).
        """
        if is_simple_selector(selector):
            fragment = slice_element(self.html, selector, self._index)
            if fragment is None:
                return None
            found = BeautifulSoup(fragment, "lxml").select_one(selector)
            if found is not None:
                return found
        return self.full_soup.select_one(selector)

    # Texts come whitespace-collapsed (`clean_text`): every parser wants them so, and lxml's
    # answers (FastHtmlPage) are the same only up to whitespace.

    def first_text(self, selector: str) -> str | None:
        """Text of the page's first `selector` match (whole page), None without one."""
        found = self.full_soup.select_one(selector)
        return clean_text(found.get_text()) if found is not None else None

    def first_attribute(self, selector: str, name: str) -> Any:
        """Attribute `name` of the page's first `selector` match (bs4 `Tag.get`), or None."""
        found = self.full_soup.select_one(selector)
        return found.get(name) if found is not None else None

    def all_texts(self, selector: str) -> list[str]:
        """Text of every `selector` match of the whole page, in order."""
        return [clean_text(found.get_text()) for found in self.full_soup.select(selector)]

    def item_texts(self, container: str, items: str) -> list[str] | None:
        """Text of each `items` match inside the first `container` (found as `select_one`
        finds it), or None when there is no container."""
        box = self.select_one(container)
        if box is None:
            return None
        return [clean_text(item.get_text()) for item in box.select(items)]

    def body_texts(self, selector: str, blocks: str, exclude: Sequence[str]) -> list[str] | None:
        """`block_texts` of the element holding the `selector` matches (the first one, found as
        `select_one` finds it, for a simple selector; else the closest common ancestor of all
        of them on the whole page), or None when nothing matches."""
        if is_simple_selector(selector):
            found = self.select_one(selector)
            nodes = [found] if found is not None else []
        else:
            nodes = self.full_soup.select(selector)
        return block_texts(common_ancestor(nodes), blocks, exclude) if nodes else None

    @functools.cached_property
    def meta(self) -> dict[str, str]:
        """`<meta>` content by lower-cased property/name (first wins), see `meta_values`."""
        return meta_values(self.html)

    def meta_first(self, keys: Iterable[str]) -> str | None:
        """The first non-blank meta value among `keys`, whitespace-normalised."""
        for key in keys:
            value = clean_text(self.meta.get(key, ""))
            if value:
                return value
        return None

    def article_json_ld(self, cfg: Mapping[str, Any]) -> dict[str, Any]:
        """The first JSON-LD object of one of `cfg["article_types"]` (a site's [json_ld]
        selectors: script_type, type_key, graph_key), or {}."""
        return self.first_json_ld(cfg["article_types"], script_type=cfg["script_type"],
                                  type_key=cfg["type_key"], graph_key=cfg["graph_key"])

    def first_json_ld(self, types: Iterable[str], *, script_type: str = JSON_LD_TYPE,
                      type_key: str = "@type", graph_key: str = "@graph") -> dict[str, Any]:
        """The first JSON-LD object whose `type_key` is (or lists) one of `types`, or {}.

        Unreadable blocks are skipped. The answer is kept per argument set, so callers may ask
        again for every field they read.
        """
        wanted = tuple(types)
        cache_key = (wanted, script_type, type_key, graph_key)
        if cache_key not in self._json_ld:
            self._json_ld[cache_key] = self._find_json_ld(wanted, script_type, type_key,
                                                          graph_key)
        return self._json_ld[cache_key]

    def _find_json_ld(self, wanted: tuple[str, ...], script_type: str, type_key: str,
                      graph_key: str) -> dict[str, Any]:
        """Scan the JSON-LD blocks in page order for the first object of a wanted type."""
        for text in self._script_texts(script_type):
            try:
                data = _JSON.decode(text)
            except ValueError:
                logger.debug("%s: unreadable JSON-LD block skipped", self.url)
                continue
            for candidate in json_ld_objects(data, graph_key):
                found = candidate.get(type_key)
                found = [found] if isinstance(found, str) else found
                if isinstance(found, list) and any(t in wanted for t in found):
                    return candidate
        return {}

    def _script_texts(self, script_type: str) -> Iterator[str]:
        """`script_texts` of this page (a subclass may find them another way)."""
        return script_texts(self.html, script_type)

    def json_assignment(self, marker: str) -> Any:
        """The JSON value after `marker` (see `json_after_marker`), or None when the marker is
        absent or its JSON unreadable (logged as a warning: the page state is a main source)."""
        if marker not in self._assignments:
            try:
                value = json_after_marker(self.html, marker)
            except LookupError:
                value = None
            except ValueError:
                logger.warning("%s: unreadable %s JSON ignored", self.url, marker)
                value = None
            self._assignments[marker] = value
        return self._assignments[marker]
