"""The lxml answers (extract.markup.lxml_dom, fast_page, slicing) equal BeautifulSoup's.

Hand-picked cases for each rule BeautifulSoup reads a tree by, then seeded random pages asked
random sequences of questions on both `HtmlPage` (BeautifulSoup) and `FastHtmlPage` (lxml), and
the slicing index checked against plain string searches.
"""

from __future__ import annotations

import random

import pytest
from bs4 import BeautifulSoup

from extract.markup.fast_page import FastHtmlPage
from extract.markup.html_scan import HtmlPage, clean_text, script_texts
from extract.markup.lxml_dom import LxTree, compile_selector, element_text, parse_tree
from extract.markup.slicing import _CLASS_ATTR, _OPEN_TAG, PageIndex, _tag_events, slice_element


def _pair(markup: str, selector: str) -> tuple[list[str], list[str]]:
    """clean get_text() of each match: (BeautifulSoup, lxml)."""
    soup = [clean_text(t.get_text()) for t in BeautifulSoup(markup, "lxml").select(selector)]
    compiled = compile_selector(selector)
    assert compiled is not None
    root = parse_tree(markup)
    assert root is not None
    return soup, [clean_text(element_text(e)) for e in compiled.select(LxTree(root))]


@pytest.mark.parametrize("markup", [
    "<p>a<script>s</script>b<style>c</style>d<!-- e -->f<?pi g?>h</p>",
    "<p>a<template>t<b>u</b></template>v<ruby>w<rt>x<b>y</b></rt><rp>(</rp></ruby>z</p>",
    "<p>a&nbsp;b &amp; c&#x27;d &bogus; <b>e</b>\n<i>f</i></p>",
    "<p>one<br>two</p><pre>  x\n  y </pre><p><!DOCTYPE html>  q  </p>",
])
def test_text_is_bs4_get_text(markup: str) -> None:
    soup, lx = _pair(markup, "p, pre")
    assert soup == lx


@pytest.mark.parametrize(("markup", "selector"), [
    ('<div class="a  b\tc"><p class="b">x</p></div><p class="bb">y</p>', ".b"),
    ('<div class="a\xa0b">x</div><div class="a b">y</div>', ".b"),  # bs4 splits on \xa0 too
    ('<a rel=" AUTHOR  me">x</a><span rel="author">y</span><a rel="Author">z</a>',
     "[rel=author]"),
    ('<div itemprop="Author"><a rel="author">x</a></div><div itemprop="author"><p><a rel=author>'
     "y</a></p></div>", "[itemprop=author] a[rel=author]"),
    ('<div id="k"><p>x</p><div><p>y</p></div></div>', "#k > p"),
    ('<DIV CLASS="X"><P>x</P></DIV>', "div.X p"),
])
def test_selectors_match_as_soupsieve(markup: str, selector: str) -> None:
    soup, lx = _pair(markup, selector)
    assert soup == lx and soup


@pytest.mark.parametrize("selector", [
    "p:first-child", "a[href^=x]", "a[rel~=x]", "div + p", "div ~ p", "ns|p", "p::text",
    "[class=x i]", r"p.a\:b", "", "p,",
])
def test_other_selectors_are_left_to_beautifulsoup(selector: str) -> None:
    assert compile_selector(selector) is None


@pytest.mark.parametrize("depth", [50, 300])
def test_deep_nesting_is_read_whole(depth: int) -> None:
    """libxml2's tree builder drops elements over 256 deep, bs4 (fed its events) keeps them:
    such trees go to BeautifulSoup."""
    html = '<div class="ArticleBody-articleBody">' + "<div><p>x" * depth + "</div>" * depth
    answers = [page.body_texts("div.ArticleBody-articleBody", "p", ["script"])
               for page in (HtmlPage(html, "u"), FastHtmlPage(html, "u"))]
    assert answers[0] == answers[1] == ["x"] * depth


def test_a_template_sends_the_tree_to_beautifulsoup() -> None:
    root = parse_tree("<div><template><p>x</p></template><p>y</p></div>")
    assert root is not None
    assert not LxTree(root).fits([compile_selector("p")])


# --------------------------------------------------------------------------- random pages

_TAGS = ["div", "p", "li", "ul", "h1", "h2", "span", "a", "br", "script", "style", "template",
         "rt", "figure", "aside", "blockquote", "table", "td", "time", "b", "pre", "html", "body",
         "article", "DIV", "P"]
_CLASSES = ["ArticleBody-articleBody", "RenderKeyPoints-keyPoints", "group", "x", "X",
            "ArticleBody-subtitle", "Author-authorName", "InlineImage-imageEmbed"]
_WORDS = ["alpha", "Nvidia", "$10 billion", "über", "&amp;", "&nbsp;", "a<b", "x > y", "\xa0",
          "\n", "  ", "<!-- c -->", "<!DOCTYPE html>", "</p>", "<", "&#0;"]
_ATTRS = ["class", "itemprop", "rel", "id", "datetime", "data-test", "data-module"]
_VALUES = _CLASSES + ["author", " AUTHOR ", "articleBody", "Pullquote", "mps-slot", "a\xa0x",
                      "x\x0cgroup", ""]


def _node(rng: random.Random, depth: int) -> str:
    if depth <= 0 or rng.random() < 0.3:
        return "".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 3)))
    tag = rng.choice(_TAGS)
    attrs = "".join(f' {rng.choice(_ATTRS)}="{rng.choice(_VALUES)}"'
                    for _ in range(rng.choice([0, 1, 1, 2])))
    inner = "".join(_node(rng, depth - 1) for _ in range(rng.randint(0, 4)))
    return f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if rng.random() < 0.9 else "")


def _page(rng: random.Random) -> str:
    body = "".join(_node(rng, rng.randint(2, 5)) for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.3:  # a long style block: the slicing index's gap
        css = ".ArticleBody-articleBody{a:b} .x>.y{} " * 2000
        body = f'<meta property="og:title" content="T"><style type="text/css">{css}</style>{body}'
    return body + ("</html><p>late</p>" if rng.random() < 0.1 else "")


_SELECTORS = ["div.ArticleBody-articleBody", "div.RenderKeyPoints-keyPoints", "p.group",
              "[itemprop=articleBody]", "article", "h1", "a.Author-authorName, [itemprop=author] "
              "a[rel=author], a[rel=author]", "div > p", "li", ".x", "p:first-child", "time"]
_BLOCKS = ["p, li, h2, .ArticleBody-subtitle", "p", "div > p, li", "b:empty"]
_EXCLUDES = [["script", "style", "figure", "aside", ".InlineImage-imageEmbed",
              "[data-module=mps-slot]"], ["br"], ["div p"], [".x"]]


def _questions(rng: random.Random) -> list[tuple[object, ...]]:
    questions: list[tuple[object, ...]] = []
    for _ in range(rng.randint(1, 5)):
        selector, kind = rng.choice(_SELECTORS), rng.random()
        if kind < 0.2:
            questions.append(("first_text", selector))
        elif kind < 0.3:
            attribute = rng.choice(["datetime", "class", "rel"])
            questions.append(("first_attribute", selector, attribute))
        elif kind < 0.45:
            questions.append(("all_texts", selector))
        elif kind < 0.6:
            questions.append(("item_texts", selector, rng.choice(["li", "p", "div > p"])))
        else:
            questions.append(("body_texts", selector, rng.choice(_BLOCKS), rng.choice(_EXCLUDES)))
    return questions


def _answers(page: HtmlPage, questions: list[tuple[object, ...]]) -> list[object]:
    answers: list[object] = [getattr(page, str(q[0]))(*q[1:]) for q in questions]
    return [*answers, page.meta, list(page._script_texts("application/ld+json"))]


@pytest.mark.parametrize("seed", range(4))
def test_random_pages_get_the_same_answers(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        html = _page(rng)
        questions = _questions(rng)
        soup = _answers(HtmlPage(html, "u"), questions)
        assert _answers(FastHtmlPage(html, "u"), questions) == soup, (html[:300], questions)


# --------------------------------------------------------------------------- slicing


def _slice_reference(html: str, selector: str) -> str | None:
    """slice_element as first written: plain str.find/rfind, no index."""
    tag, class_name = selector.split(".")
    pos = 0
    while (hit := html.find(class_name, pos)) != -1:
        pos = hit + len(class_name)
        start = html.rfind("<", 0, hit)
        opening = _OPEN_TAG.match(html, start) if start != -1 else None
        if opening is None or opening.end() <= hit or opening.group(1).lower() != tag:
            continue
        if html.rfind("</script", 0, start) < html.rfind("<script", 0, start):
            continue
        classes = _CLASS_ATTR.search(opening.group(2))
        if classes is None or class_name not in "".join(g or "" for g in classes.groups()).split():
            continue
        depth, end = 1, len(html)
        for event in _tag_events(tag).finditer(html, opening.end()):
            if event.group(2) is None:
                continue
            depth += -1 if event.group(2) else (0 if event.group(0).endswith("/>") else 1)
            if depth == 0:
                end = event.end()
                break
        return html[start:end]
    return None


_PIECES = ['<div title="a<b" class="ArticleBody-articleBody">', "</div>", "<div>", "<div/>",
           '<div data-c=".ArticleBody-articleBody" class="group">', "<p class=group>", "</p>",
           '<script>var s = "<div class=\\"ArticleBody-articleBody\\">";</script>', "text",
           "<!-- <div class=ArticleBody-articleBody> -->",
           "<DIV CLASS='x ArticleBody-articleBody'>", '<meta name="description" content="d">',
           '<script type="application/ld+json">{}</script>', "<META NAME=x CONTENT=y>",
           "<SCRIPT type=application/ld+json>[]</SCRIPT >", "'", '"']
_OPENERS = ["<style>", '<style title="a>b">', '<style data-x="<q">', "<p class='x ",
            "<div class=ArticleBody-articleBody>", "<script>", "plain "]


@pytest.mark.parametrize("seed", range(3))
def test_slices_and_scans_equal_plain_string_searches(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        parts = [rng.choice(_PIECES) for _ in range(rng.randint(0, 25))]
        # Short, or long enough (past 64K characters without a `<`) for the index's gap.
        css = "".join(rng.choice([".ArticleBody-articleBody{}", ".x>.y{}", "'", " "])
                      + " " * rng.choice([0, 0, 9000]) for _ in range(rng.randint(5, 40)))
        parts.insert(rng.randint(0, len(parts)), rng.choice(_OPENERS) + css + "</style>")
        html = "".join(parts)
        index = PageIndex(html)
        for selector in rng.sample(["div.ArticleBody-articleBody", "p.group", "div.x"], 3):
            assert slice_element(html, selector, index) == _slice_reference(html, selector)
        for _ in range(10):
            end, sub = rng.randint(0, len(html) + 1), rng.choice(["<", "<script", "</script"])
            assert index.rfind(sub, end) == html.rfind(sub, 0, end)
        page = FastHtmlPage(html, "u")
        assert list(page._script_texts("application/ld+json")) == list(script_texts(html))
        assert page.meta == HtmlPage(html, "u").meta
