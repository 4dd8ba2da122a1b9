"""lxml trees that answer like BeautifulSoup("lxml") + soupsieve, for the fast path of page parsing.

BeautifulSoup's "lxml" builder is fed by libxml2's HTML parser, so an lxml tree of the same
markup has the same elements and text (libxml2 lower-cases tag and attribute names, as soupsieve
compares them); building it costs a tenth. What differs is how the two *read* a tree, and this
module reproduces BeautifulSoup's reading exactly:

- text (`element_text`): `get_text()` skips comments and processing instructions, and the text
  inside `<script>`, `<style>`, `<template>`, `<rt>` and `<rp>` (BeautifulSoup stores those as
  other string types); a `<br>` the caller "replaced with a space" counts as one space. The
  texts are equal once whitespace is collapsed (`clean_text`), which every caller does: bs4
  also shortens strings of only whitespace, and splits text where lxml keeps no node (a
  `<!DOCTYPE>` inside the page);
- selectors (`compile_selector`): CSS is parsed once with cssselect and compiled to matchers for
  the subset whose meaning is plain (type, `*`, `.class`, `#id`, `[attr]`, `[attr=value]`,
  descendant and child combinators), read as soupsieve reads a BeautifulSoup tree: classes and
  other multi-valued attributes (`a[rel]`, ...) as lists of words, `rel` and a few more
  compared case-insensitively. Anything else gives None and the caller uses BeautifulSoup.
  (Not XPath: libxml2 spends microseconds per element on predicates, more than the matchers.)
- trees (`LxTree.fits`): soupsieve neither selects inside a `<template>` nor looks through one,
  so a tree holding one goes to BeautifulSoup too.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import cssselect
from cssselect import parser as css
from lxml import etree

# bs4's HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS: strings under these tags are not text.
STRING_CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})
# bs4's HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES: values split into lists of words.
_LIST_ATTRIBUTES: dict[str, frozenset[str] | None] = {
    "class": None, "accesskey": None, "dropzone": None,  # None: on every tag
    "rel": frozenset({"a", "link", "area"}), "rev": frozenset({"a", "link"}),
    "headers": frozenset({"td", "th"}), "accept-charset": frozenset({"form"}),
    "archive": frozenset({"object"}), "sizes": frozenset({"icon"}),
    "sandbox": frozenset({"iframe"}), "for": frozenset({"output"}),
}
# soupsieve's HTML_CASE_INSENSITIVE_ATTRIBUTES: values compared after ASCII lower-casing.
_CASE_INSENSITIVE = frozenset((
    "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked",
    "clear", "codetype", "color", "compact", "declare", "defer", "dir", "direction",
    "disabled", "enctype", "face", "frame", "hreflang", "http-equiv", "lang", "language",
    "link", "media", "method", "multiple", "nohref", "noresize", "noshade", "nowrap",
    "readonly", "rel", "rev", "rules", "scope", "scrolling", "selected", "shape", "target",
    "text", "type", "valign", "valuetype", "vlink",
))
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Plain selectors only: no escapes, pseudo-classes, functions, comments or other operators.
_PLAIN_SELECTOR = re.compile(
    r"""(?:[A-Za-z0-9_\-.#\[\]=,>*\s]|"[^"\\\r\n\f]*"|'[^'\\\r\n\f]*')*""")
_NAME = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
# libxml2's tree builder (without XML_PARSE_HUGE): longest text node, deepest element.
_MAX_TEXT_BYTES = 10_000_000
_NEAR_DEPTH_LIMIT = etree.XPath("boolean(" + "/*" * 250 + ")")  # any element 249+ deep


# --------------------------------------------------------------------------- trees


def parse_tree(markup: str) -> etree._Element | None:
    """The root of the tree BeautifulSoup(markup, "lxml") is built from, or None when lxml
    builds none (an empty document) or may have built less than BeautifulSoup gets.

    BeautifulSoup takes libxml2's parse events, lxml lets libxml2 build the tree, and only the
    tree builder has limits: it drops elements nested over 256 deep and cuts text nodes at
    10 MB, silently. Trees that could have met either limit are refused.
    """
    if markup.startswith("\ufeff"):
        markup = markup[1:]  # BeautifulSoup drops a leading BOM before lxml sees the markup
    if len(markup) * 4 >= _MAX_TEXT_BYTES and (
            len(markup.encode("utf-8", "surrogatepass")) >= _MAX_TEXT_BYTES):
        return None
    parser = etree.HTMLParser()  # BeautifulSoup feeds the whole text to a fresh parser too
    try:
        parser.feed(markup)
        root = parser.close()
    except etree.LxmlError:
        return None
    return None if root is None or _NEAR_DEPTH_LIMIT(root) else root


class LxTree:
    """A parsed tree and what BeautifulSoup would have changed in it so far.

    `block_texts` on BeautifulSoup removes widgets and turns `<br>` into spaces in place, and
    later questions about the same soup see that; here the changes are kept as sets instead.
    """

    def __init__(self, root: etree._Element) -> None:
        # Markup after `</html>` can give the document more top-level elements after the root.
        self.tops = [root, *root.itersiblings(etree.Element)]
        self.removed: set[etree._Element] = set()
        self.spaced: set[etree._Element] = set()

    def iter(self, *tags: Any) -> Iterator[etree._Element]:
        """The tree's elements (of `tags`, as lxml's `iter` takes them) in document order."""
        for top in self.tops:
            yield from top.iter(*tags)

    @functools.cached_property
    def has_template(self) -> bool:
        """True when the tree holds a `<template>` (soupsieve does not select inside one)."""
        return next(self.iter("template"), None) is not None

    def fits(self, selectors: Iterable[Selector | None]) -> bool:
        """True when every selector compiled and the matchers answer as soupsieve would here."""
        return all(s is not None for s in selectors) and not self.has_template

    def gone(self, element: etree._Element) -> bool:
        """True when `element` was removed (itself or an ancestor) or turned into a space."""
        if element in self.spaced:
            return True
        return element in self.removed or any(a in self.removed for a in element.iterancestors())


# --------------------------------------------------------------------------- selectors


def _value(element: etree._Element, name: str, raw: str) -> str:
    """An attribute value as soupsieve compares it: lists of words joined by one space."""
    tags = _LIST_ATTRIBUTES.get(name, frozenset())
    return " ".join(raw.split()) if tags is None or element.tag in tags else raw


class _Compound:
    """One compound selector: an optional tag, classes, an id and attribute tests."""

    def __init__(self, tag: str | None, classes: frozenset[str], ident: str | None,
                 attributes: tuple[tuple[str, str | None], ...]) -> None:
        self.tag, self.classes, self.ident, self.attributes = tag, classes, ident, attributes

    def matches(self, element: etree._Element) -> bool:
        """True when `element` matches (soupsieve's reading of a BeautifulSoup tag)."""
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.classes:
            have = element.get("class")
            if have is None or not self.classes.issubset(have.split()):  # bs4 splits so
                return False
        if self.ident is not None and element.get("id") != self.ident:
            return False
        for name, wanted in self.attributes:
            raw = element.get(name)
            if raw is None:
                return False
            if wanted is not None:
                value = _value(element, name, raw)
                if name in _CASE_INSENSITIVE:
                    value = value.translate(_ASCII_LOWER)
                if value != wanted:
                    return False
        return True


class _Complex:
    """Compounds joined by descendant (" ") or child (">") combinators, rightmost first."""

    def __init__(self, parts: list[_Compound], combinators: list[str]) -> None:
        self.parts, self.combinators = parts, combinators

    def matches(self, element: etree._Element) -> bool:
        """True when `element` matches; ancestors are looked for anywhere above it."""
        return self.parts[0].matches(element) and self._above(element, 0)

    def _above(self, element: etree._Element, at: int) -> bool:
        if at == len(self.combinators):
            return True
        part = self.parts[at + 1]
        if self.combinators[at] == ">":
            parent = element.getparent()
            return parent is not None and part.matches(parent) and self._above(parent, at + 1)
        return any(part.matches(a) and self._above(a, at + 1) for a in element.iterancestors())


class Selector:
    """A CSS selector list compiled to matchers."""

    def __init__(self, text: str, complexes: list[_Complex]) -> None:
        self.text = text
        # Shortcuts for the common shapes, a bare tag and a bare class: one set lookup each.
        self._tags = frozenset(c.parts[0].tag for c in complexes if _bare_tag(c))
        self._classes = frozenset(min(c.parts[0].classes) for c in complexes if _bare_class(c))
        rest = [c for c in complexes if not (_bare_tag(c) or _bare_class(c))]
        self._by_tag: dict[str, list[_Complex]] = {}
        for c in rest:
            if c.parts[0].tag is not None:
                self._by_tag.setdefault(c.parts[0].tag, []).append(c)
        self._any_tag = [c for c in rest if c.parts[0].tag is None]
        rightmost = [c.parts[0].tag for c in complexes]
        # When every selector names its tag, lxml hands over only elements of those tags.
        self._only = tuple(sorted(set(rightmost))) if all(rightmost) else (etree.Element,)

    def matches(self, element: etree._Element) -> bool:
        """True when `element` matches one of the selectors."""
        tag = element.tag
        if tag in self._tags:
            return True
        if self._classes:
            have = element.get("class")
            if have is not None and not self._classes.isdisjoint(have.split()):
                return True
        for c in self._by_tag.get(tag, ()):
            if c.matches(element):
                return True
        return any(c.matches(element) for c in self._any_tag)

    def select(self, tree: LxTree, scope: etree._Element | None = None) -> list[etree._Element]:
        """Matches in document order: in the tree, or strictly inside `scope`; parts of the tree
        BeautifulSoup would no longer hold are left out."""
        elements = tree.iter(*self._only) if scope is None else scope.iterdescendants(*self._only)
        found = [e for e in elements if self.matches(e)]
        if tree.removed or tree.spaced:
            found = [e for e in found if not tree.gone(e)]
        return found


def _bare_tag(selector: _Complex) -> bool:
    """True for a selector that is a tag name alone (`p`)."""
    part = selector.parts[0]
    plain = not (selector.combinators or part.classes or part.ident or part.attributes)
    return plain and part.tag is not None


def _bare_class(selector: _Complex) -> bool:
    """True for a selector that is one class alone (`.note`)."""
    part = selector.parts[0]
    plain = not (selector.combinators or part.tag or part.ident or part.attributes)
    return plain and len(part.classes) == 1


def _compound(tree: Any) -> _Compound | None:
    """A cssselect compound (Element, Class, Hash, Attrib chain) compiled, or None."""
    classes: set[str] = set()
    ident: str | None = None
    attributes: list[tuple[str, str | None]] = []
    while not isinstance(tree, css.Element):
        if isinstance(tree, css.Class) and _NAME.fullmatch(tree.class_name):
            classes.add(tree.class_name)
        elif isinstance(tree, css.Hash) and _NAME.fullmatch(tree.id) and ident in (None, tree.id):
            ident = tree.id
        elif (isinstance(tree, css.Attrib) and tree.namespace is None
              and getattr(tree, "flag", None) is None  # `[a=b i]` (newer cssselect)
              and _NAME.fullmatch(tree.attrib) and tree.operator in ("exists", "=")):
            name = tree.attrib.translate(_ASCII_LOWER)
            value = None if tree.value is None else str(tree.value.value)
            if value is not None and name in _CASE_INSENSITIVE:
                value = value.translate(_ASCII_LOWER)
            attributes.append((name, value))
        else:
            return None
        tree = tree.selector
    if tree.namespace is not None or (tree.element and not _NAME.fullmatch(tree.element)):
        return None
    tag = tree.element.translate(_ASCII_LOWER) if tree.element else None
    return _Compound(tag, frozenset(classes), ident, tuple(attributes))


def _complex(tree: Any) -> _Complex | None:
    """A cssselect selector tree compiled, or None when it is outside the plain subset."""
    parts: list[_Compound] = []
    combinators: list[str] = []
    while isinstance(tree, css.CombinedSelector):
        if tree.combinator not in (" ", ">"):
            return None
        part = _compound(tree.subselector)
        if part is None:
            return None
        parts.append(part)
        combinators.append(tree.combinator)
        tree = tree.selector
    part = _compound(tree)
    if part is None:
        return None
    parts.append(part)
    return _Complex(parts, combinators)


@functools.cache
def compile_selector(text: str) -> Selector | None:
    """`text` (a CSS selector list) compiled, or None when it is outside the subset whose
    matches are known to equal soupsieve's (the caller then uses BeautifulSoup)."""
    if not _PLAIN_SELECTOR.fullmatch(text):
        return None
    try:
        parsed = css.parse(text)
    except cssselect.SelectorError:
        return None
    complexes = []
    for selector in parsed:
        found = _complex(selector.parsed_tree) if selector.pseudo_element is None else None
        if found is None:
            return None
        complexes.append(found)
    return Selector(text, complexes) if complexes else None


def compile_all(texts: Iterable[str]) -> list[Selector | None]:
    """`compile_selector` of each text."""
    return [compile_selector(t) for t in texts]


# --------------------------------------------------------------------------- reading


def _container_of(element: etree._Element) -> str | None:
    """The innermost string-container tag around `element`'s own content (its own tag first)."""
    if element.tag in STRING_CONTAINERS:
        return element.tag
    return next((a.tag for a in element.iterancestors() if a.tag in STRING_CONTAINERS), None)


def element_text(element: etree._Element, tree: LxTree | None = None) -> str:
    """`get_text()` of `element` as BeautifulSoup gives it, up to whitespace (see the module
    docstring); with `tree`, what was removed from it or turned into a space counts as such."""
    # bs4 types each string by its innermost string container; get_text() keeps the plain
    # ones, or on a container tag (a <script>, ...) that container's own kind.
    wanted = element.tag if element.tag in STRING_CONTAINERS else None
    removed: Collection[etree._Element] = tree.removed if tree is not None else ()
    spaced: Collection[etree._Element] = tree.spaced if tree is not None else ()
    parts: list[str] = []

    def walk(node: etree._Element, context: str | None) -> None:
        if node.text and context == wanted:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if child in removed:
                pass  # gone with its content; its tail is the parent's text and stays
            elif child in spaced:
                if wanted is None:  # the space is a plain string wherever it sits
                    parts.append(" ")
            elif isinstance(tag, str):
                walk(child, tag if tag in STRING_CONTAINERS else context)
            if child.tail and context == wanted:
                parts.append(child.tail)

    walk(element, _container_of(element))
    return "".join(parts)


def attribute(element: etree._Element, name: str) -> str | list[str] | None:
    """`Tag.get(name)`: multi-valued attributes come back as lists of words, as in bs4."""
    value = element.get(name)
    if value is None:
        return None
    tags = _LIST_ATTRIBUTES.get(name, frozenset())
    return value.split() if tags is None or element.tag in tags else value


def _inside(element: etree._Element, scope: etree._Element) -> bool:
    """True when `element` is a descendant of `scope`."""
    return any(a is scope for a in element.iterancestors())


def common_ancestor(nodes: list[etree._Element], tree: LxTree) -> etree._Element | None:
    """The closest element holding every node (the node itself when there is one), or None when
    BeautifulSoup could answer otherwise (the caller then asks it).

    The BeautifulSoup code asks `candidate in node.parents`, which compares elements by value:
    an ancestor of the first node that looks like an ancestor of another node (same tags below
    it) could be taken for a common one. Below the true common ancestor such pairs are checked
    and any look-alike gives None; above it one element holds the other, so they never compare
    equal.
    """
    first, *rest = nodes
    if not rest:
        return first
    lineage = [first, *first.iterancestors()]
    found = next((c for c in lineage if all(_inside(n, c) for n in rest)), None)
    if found is None or tree.removed or tree.spaced:
        # In two top-level trees bs4 takes the document; or it would compare changed trees.
        return None
    own = lineage[:lineage.index(found)]
    for node in rest:
        for parent in node.iterancestors():
            if parent is found:
                break
            if any(_same_shape(candidate, parent) for candidate in own):
                return None
    return found


def _same_shape(a: etree._Element, b: etree._Element) -> bool:
    """Necessary for bs4 `Tag.__eq__`: the same tags in the same order below both."""
    if a.tag != b.tag:
        return False
    tags_a = [e.tag for e in a.iter() if isinstance(e.tag, str)]
    return tags_a == [e.tag for e in b.iter() if isinstance(e.tag, str)]
