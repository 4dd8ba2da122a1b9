"""Slicing one element out of a big HTML page without parsing it (`slice_element`).

A news page is often over a megabyte, most of it one `<style>` block and some scripts, and a
parser wants one `div.Article-body` of it. `slice_element` finds that element's source with
string searches, so only the fragment has to be parsed. `PageIndex` keeps, per page, what those
searches learnt: where the tag around a position begins, and the page's first long stretch
without any `<` (the inline CSS), which no tag can start in, so later searches skip it.

Part of `extract.markup.html_scan` (which re-exports these names); kept apart for size.
"""

from __future__ import annotations

import bisect
import functools
import re

_OPEN_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_CLASS_ATTR = re.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SIMPLE_SELECTOR = re.compile(r"([a-z][a-z0-9]*)\.([\w-]+)")

# A stretch without `<` at least this long is worth skipping; looked for among the first tags.
_LONG_GAP = 1 << 16
_GAP_SEARCH_TAGS = 64


@functools.cache
def _tag_events(tag: str) -> re.Pattern[str]:
    """Comments, script/style blocks (skipped whole) and open/close tags named `tag`."""
    return re.compile(
        r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(/?)" + re.escape(tag)
        + r"""\b(?:[^>"']|"[^"]*"|'[^']*')*>""",
        re.IGNORECASE | re.DOTALL,
    )


def is_simple_selector(selector: str) -> bool:
    """True for a `tag.class` selector, the form `slice_element` can find without a parse."""
    return _SIMPLE_SELECTOR.fullmatch(selector) is not None


class PageIndex:
    """Facts about one page's text that searches share: exact answers, found once."""

    def __init__(self, html: str) -> None:
        self.html = html
        self._known: dict[str, tuple[list[int], list[int]]] = {}

    def rfind(self, sub: str, end: int) -> int:
        """The same answer as `html.rfind(sub, 0, end)`, reusing the closest earlier answer:
        on a page that opens with a long `<style>`, the search back from each class name
        mentioned in the CSS would otherwise cross most of the page every time."""
        if sub == "<" and self.gap is not None and self.gap[0] < end <= self.gap[1]:
            return self.gap[0]
        ends, answers = self._known.setdefault(sub, ([], []))
        i = bisect.bisect_right(ends, end) - 1
        if i < 0:
            found = self.html.rfind(sub, 0, end)
        else:
            # A match wholly before ends[i] is answers[i]'s business; search only the rest.
            found = self.html.rfind(sub, max(0, ends[i] - len(sub) + 1), end)
            if found == -1:
                found = answers[i]
        ends.insert(i + 1, end)
        answers.insert(i + 1, found)
        return found

    @functools.cached_property
    def gap(self) -> tuple[int, int] | None:
        """(a `<`, the next `<` or the page's length) around the first stretch of at least
        _LONG_GAP characters without a `<`, looked for among the first tags; or None."""
        html, at = self.html, self.html.find("<")
        for _ in range(_GAP_SEARCH_TAGS):
            if at == -1:
                return None
            following = html.find("<", at + 1)
            end = len(html) if following == -1 else following
            if end - at >= _LONG_GAP:
                return at, end
            at = following
        return None

    @functools.cached_property
    def _tag_end_in_gap(self) -> int:
        """Where the tag opened by the gap's `<` ends (its start + 1 when it is no tag)."""
        assert self.gap is not None  # noqa: S101 - only asked when there is a gap
        opening = _OPEN_TAG.match(self.html, self.gap[0])
        return opening.end() if opening is not None else self.gap[0] + 1

    def find_outside_gap(self, sub: str, pos: int) -> int:
        """`html.find(sub, pos)`, except that matches starting after the gap's opening tag and
        before the gap's end are skipped: no tag starts there, and that tag ends before them."""
        if self.gap is not None:
            skip_from, skip_to = self._tag_end_in_gap, self.gap[1]
            if pos < skip_to:
                if pos < skip_from:
                    found = self.html.find(sub, pos, skip_from + len(sub) - 1)
                    if found != -1:
                        return found
                pos = skip_to
        return self.html.find(sub, pos)


def slice_element(html: str, selector: str, index: PageIndex | None = None) -> str | None:
    """The source of the first element matching a simple `tag.class` selector, or None.

    A fast scan: find the class name, check that it sits in the class attribute of an opening
    `tag`, then count nested open/close tags of that name (ignoring scripts, styles and
    comments) to its end. Mentions in CSS never match as they are not in an opening tag, nor
    does markup quoted inside a script (page state JSON). Unbalanced markup makes the slice
    run to the end of the page, which is still correct (lxml closes the element as a full
    parse would). Any other selector form gives None. `index` (of this `html`) keeps what the
    scan learns for the next one.
    """
    simple = _SIMPLE_SELECTOR.fullmatch(selector)
    if simple is None:
        return None
    tag, class_name = simple.groups()
    index = index or PageIndex(html)
    pos = 0
    while (hit := index.find_outside_gap(class_name, pos)) != -1:
        pos = hit + len(class_name)
        start = index.rfind("<", hit)
        opening = _OPEN_TAG.match(html, start) if start != -1 else None
        if opening is None or opening.end() <= hit or opening.group(1).lower() != tag:
            continue
        if index.rfind("</script", start) < index.rfind("<script", start):
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
