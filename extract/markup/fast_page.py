"""`FastHtmlPage`: an `HtmlPage` whose answers come from lxml and one scan of the page.

`HtmlPage` answers element questions with BeautifulSoup + soupsieve, which was most of the
cost of parsing a big news page. This subclass gives the same answers from lxml trees and
selectors compiled once (`extract.markup.lxml_dom`), and finds `<meta>` tags and JSON-LD
scripts in one pass over the page instead of one pass each. Wherever lxml could answer
differently (a selector outside the compiled subset, a tree holding a `<template>`, ancestors
BeautifulSoup would compare by value), the question goes to the `HtmlPage` code instead.

The whole page is answered by one of the two for its whole life: `body_texts` changes the
BeautifulSoup tree it reads (widgets removed, `<br>` made spaces) and later questions see those
changes, so when the page turns to BeautifulSoup the body questions asked so far are replayed
on it first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from bs4 import BeautifulSoup, Tag
from lxml import etree

from extract.markup import html_scan
from extract.markup.html_scan import META_TAG, HtmlPage, clean_text, script_blocks
from extract.markup.lxml_dom import (
    LxTree,
    attribute,
    common_ancestor,
    compile_all,
    compile_selector,
    element_text,
    parse_tree,
)
from extract.markup.slicing import is_simple_selector, slice_element

# Every `<meta` and `<script` (any case): where META_TAG and script_blocks matches can begin.
_TAG_STARTS = re.compile(r"<(?i:meta|script)")


def _matches_at(pattern: re.Pattern[str], html: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(html)`, trying only `starts`: the same matches when every match of
    `pattern` begins at one of them (none can be empty)."""
    end = 0
    for at in starts:
        if at >= end and (found := pattern.match(html, at)) is not None:
            end = found.end()
            yield found


def meta_from_tags(tags: Sequence[str]) -> dict[str, str] | None:
    """`meta_values` of a page whose `<meta>` tags are `tags`, parsed with lxml (None when
    lxml builds no tree of them)."""
    if not tags:
        return {}
    root = parse_tree("".join(tags))
    if root is None:
        return None
    values: dict[str, str] = {}
    for tag in LxTree(root).iter("meta"):
        # `value` instead of `content`: some saved and older pages (CNBC 2016) write it so.
        key = tag.get("property") or tag.get("name")
        content = tag.get("content") if "content" in tag.attrib else tag.get("value")
        if isinstance(key, str) and isinstance(content, str):
            values.setdefault(key.strip().lower(), content)
    return values


class FastHtmlPage(HtmlPage):
    """`HtmlPage` with the same answers, from lxml where it gives them identically."""

    def __init__(self, html: str, url: str) -> None:
        super().__init__(html, url)
        self._soup_only = False  # the whole page is BeautifulSoup's from now on
        self._body_log: list[tuple[str, str, Sequence[str]]] = []  # answered on the lxml page

    # ---------------------------------------------------------------- scans

    @functools.cached_property
    def _tag_starts(self) -> list[int]:
        """Positions of every `<meta` and `<script` (one pass for both kinds of tag, around the
        page's long stretch without `<`, where none can start)."""
        html, gap = self.html, self._index.gap
        if gap is None:
            return [found.start() for found in _TAG_STARTS.finditer(html)]
        before = _TAG_STARTS.finditer(html, 0, gap[0] + len("<script"))
        starts = [found.start() for found in before if found.start() <= gap[0]]
        return starts + [found.start() for found in _TAG_STARTS.finditer(html, gap[1])]

    @functools.cached_property
    def meta(self) -> dict[str, str]:
        """`<meta>` content by lower-cased property/name (first wins), as `meta_values`."""
        tags = [m.group(0) for m in _matches_at(META_TAG, self.html, self._tag_starts)]
        values = meta_from_tags(tags)
        return values if values is not None else super().meta

    def _script_texts(self, script_type: str) -> Iterator[str]:
        """`script_texts`, from the positions of the page's `<script` tags."""
        for block in _matches_at(script_blocks(script_type), self.html, self._tag_starts):
            yield block.group(1).strip()

    # ---------------------------------------------------------------- trees

    @functools.cached_property
    def _lx_page(self) -> LxTree | None:
        """The whole page as an lxml tree (only for fallback selectors: a megabyte to parse)."""
        root = parse_tree(self.html)
        return LxTree(root) if root is not None else None

    def _page_tree(self, selectors: Sequence[str]) -> LxTree | None:
        """The lxml page when it answers `selectors` as BeautifulSoup would; else None, and the
        page is BeautifulSoup's for good."""
        if not self._soup_only:
            tree = self._lx_page
            if tree is not None and tree.fits(compile_all(selectors)):
                return tree
            self._to_soup()
        return None

    def _to_soup(self) -> None:
        """Answer the whole page with BeautifulSoup from now on, its soup changed as the body
        questions answered so far would have changed it."""
        if not self._soup_only:
            self._soup_only = True
            for args in self._body_log:
                HtmlPage.body_texts(self, *args)

    def _first(self, selector: str, inner: Sequence[str]) -> tuple[Any, LxTree | None] | None:
        """`HtmlPage.select_one(selector)` as (lxml element, its tree) or (bs4 Tag, None),
        choosing for each tree lxml when it also answers the `inner` selectors; None when
        nothing matches."""
        selectors = [selector, *inner]
        if is_simple_selector(selector):
            fragment = slice_element(self.html, selector, self._index)
            if fragment is None:
                return None
            root = parse_tree(fragment)
            tree = LxTree(root) if root is not None else None
            if tree is not None and tree.fits(compile_all(selectors)):
                found = _select(selector, tree)
                if found:
                    return found[0], tree
            else:
                tag = BeautifulSoup(fragment, "lxml").select_one(selector)
                if tag is not None:
                    return tag, None
        tree = self._page_tree(selectors)
        if tree is None:
            tag = self.full_soup.select_one(selector)
            return (tag, None) if tag is not None else None
        found = _select(selector, tree)
        return (found[0], tree) if found else None

    # ---------------------------------------------------------------- questions

    def select_one(self, selector: str) -> Tag | None:
        """`HtmlPage.select_one`: a bs4 Tag, so the page turns to BeautifulSoup for good (the
        Tag may be of its soup, which must then hold the changes lxml only recorded)."""
        self._to_soup()
        return super().select_one(selector)

    def first_text(self, selector: str) -> str | None:
        """`HtmlPage.first_text`, from lxml when it fits."""
        tree = self._page_tree([selector])
        if tree is None:
            return super().first_text(selector)
        found = _select(selector, tree)
        return clean_text(element_text(found[0], tree)) if found else None

    def first_attribute(self, selector: str, name: str) -> Any:
        """`HtmlPage.first_attribute`, from lxml when it fits."""
        tree = self._page_tree([selector])
        if tree is None:
            return super().first_attribute(selector, name)
        found = _select(selector, tree)
        return attribute(found[0], name) if found else None

    def all_texts(self, selector: str) -> list[str]:
        """`HtmlPage.all_texts`, from lxml when it fits."""
        tree = self._page_tree([selector])
        if tree is None:
            return super().all_texts(selector)
        return [clean_text(element_text(found, tree)) for found in _select(selector, tree)]

    def item_texts(self, container: str, items: str) -> list[str] | None:
        """`HtmlPage.item_texts`, from lxml when it fits."""
        hit = self._first(container, [items])
        if hit is None:
            return None
        box, tree = hit
        if tree is None:
            return [clean_text(item.get_text()) for item in box.select(items)]
        return [clean_text(element_text(item, tree)) for item in _select(items, tree, box)]

    def body_texts(self, selector: str, blocks: str, exclude: Sequence[str]) -> list[str] | None:
        """`HtmlPage.body_texts`, from lxml when it fits."""
        widgets = ", ".join(exclude)
        if is_simple_selector(selector):
            hit = self._first(selector, [blocks, widgets])
            nodes, tree = ([hit[0]], hit[1]) if hit is not None else ([], None)
        else:
            tree = self._page_tree([selector, blocks, widgets])
            nodes = _select(selector, tree) if tree is not None else self.full_soup.select(selector)
        if not nodes:
            return None
        if tree is None:  # bs4 Tags: what HtmlPage.body_texts does with them
            return html_scan.block_texts(html_scan.common_ancestor(nodes), blocks, exclude)
        container = common_ancestor(nodes, tree)
        if container is None:  # only BeautifulSoup knows which ancestor it would take
            self._to_soup()
            return super().body_texts(selector, blocks, exclude)
        if tree is self.__dict__.get("_lx_page"):  # (a lookup that does not parse the page)
            self._body_log.append((selector, blocks, exclude))
        return _block_texts(tree, container, blocks, widgets)


def _select(selector: str, tree: LxTree, scope: etree._Element | None = None) -> list[Any]:
    """Matches of an already checked (translatable) selector."""
    compiled = compile_selector(selector)
    assert compiled is not None  # noqa: S101 - callers checked with LxTree.fits
    return compiled.select(tree, scope)


def _block_texts(tree: LxTree, container: etree._Element, blocks: str, widgets: str) -> list[str]:
    """`html_scan.block_texts` on an lxml tree: the same texts, and the same changes to the
    tree (recorded in `tree`, not made).

    One walk does bs4's three steps: widgets go first (nothing inside them is visited), then
    each `<br>` becomes a space, and of the blocks left the outermost ones are taken.
    """
    is_block = compile_selector(blocks)
    is_widget = compile_selector(widgets)
    assert is_block is not None and is_widget is not None  # noqa: S101 - checked by fits()
    removed, spaced = tree.removed, tree.spaced
    found: list[etree._Element] = []

    def walk(node: etree._Element, in_block: bool) -> None:
        for child in node.iterchildren(etree.Element):
            if child in removed or child in spaced:
                continue  # gone with an earlier question, as from the soup
            if is_widget.matches(child):
                removed.add(child)
            elif child.tag == "br":
                spaced.add(child)
            elif not in_block and is_block.matches(child):
                found.append(child)
                walk(child, True)
            else:
                walk(child, in_block)

    walk(container, False)
    texts = (clean_text(element_text(block, tree)) for block in found)
    return [text for text in texts if text]
