"""Sentence splitting with character spans, English and French.

pysbd (rule-based, no model) handles abbreviations ("Inc.", "Corp.", "U.S.", "Sept. 8", "N.V.",
"Mr.", "M.") and tickers better than a period split. Its time grows with the square of its
input (a 100 KB paragraph took 11 s, 200 KB 34 s), so it runs one paragraph at a time, a
paragraph longer than `WINDOW_CHARS` is read window by window (linear time), and paragraphs that
cannot hold a deal (no digit, no trigger word) can be skipped by the caller before splitting.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pysbd

_PARAGRAPH = re.compile(r"[^\n]+")
# A line break inside a sentence is layout, not a boundary; two or more end a paragraph.
_SUPPORTED = {"en", "fr"}
# pysbd reads the letter of "Series B." as an initial and runs on into the next sentence
# ("... closed a $140 million Series B. Sutter Hill Ventures led the round"; French "série C.
# L'opération ...").
_MISSED_BOUNDARY = re.compile(r"\b(?:Series|Class|Tranche|Phase|[Ss]érie) [A-Z](?P<dot>\.)\s+"
                              r"(?=[A-Z](?:[a-z]|['’]))")
# Paragraphs up to this length go to pysbd whole (every labelled sentence and nearly every real
# paragraph); longer ones are segmented in windows of this size, each ending at the start of its
# last (possibly cut) sentence, so pysbd's cost stays linear in the paragraph's length.
WINDOW_CHARS = 4000


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the document's sentence order and its character span."""

    index: int
    start: int
    end: int
    text: str


@functools.cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    # No char_span: pysbd would compile a fresh regex per sentence to locate it, which
    # dominated extraction time; the spans are found below by a forward search instead.
    return pysbd.Segmenter(language=lang if lang in _SUPPORTED else "en", clean=False)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _windowed(segmenter: pysbd.Segmenter, paragraph: str) -> Iterator[str]:
    """pysbd's sentences of a long paragraph, one window at a time. A window's last sentence
    may be cut by the window's end, so it is read again at the start of the next window; a
    window that holds no boundary at all (one "sentence" longer than a window: a table or a
    list flattened into a line) is cut at its last space."""
    pos = 0
    while len(paragraph) - pos > WINDOW_CHARS:
        window = paragraph[pos:pos + WINDOW_CHARS]
        pieces = [p for p in segmenter.processor(window).process() if p.strip()]
        cursor, last_start = 0, -1
        for piece in pieces:
            found = window.find(piece.strip(), cursor)
            if found < 0:
                break
            last_start, cursor = found, found + len(piece.strip())
        if len(pieces) < 2 or last_start <= 0:
            cut = window.rfind(" ", WINDOW_CHARS // 2)
            cut = cut if cut > 0 else WINDOW_CHARS
            yield window[:cut]
            pos += cut
            continue
        yield from pieces[:-1]
        pos += last_start
    yield from segmenter.processor(paragraph[pos:]).process()


def split_sentences(text: str, lang: str = "en",
                    keep: re.Pattern[str] | None = None) -> list[Sentence]:
    """The text's sentences in order, with spans into `text` (surrounding spaces trimmed).

    With `keep`, paragraphs that do not match it are not split (their sentences are left out);
    sentence indexes still count every sentence of the paragraphs that are split, so they stay
    stable for a given text and `keep`.
    """
    return list(iter_sentences(text, lang, keep))


def iter_sentences(text: str, lang: str = "en",
                   keep: re.Pattern[str] | None = None) -> Iterator[Sentence]:
    """`split_sentences`, one sentence at a time (a caller with a time budget can stop early)."""
    segmenter = _segmenter((lang or "en")[:2].lower())
    index = 0
    for p_start, p_end in paragraphs(text):
        paragraph = text[p_start:p_end]
        if keep is not None and not keep.search(paragraph):
            continue
        cursor = 0
        # The processor's sentences, located by a forward search: Segmenter.segment() would
        # locate each one with a freshly compiled regex, the slowest step of extraction.
        pieces = (segmenter.processor(paragraph).process() if len(paragraph) <= WINDOW_CHARS
                  else _windowed(segmenter, paragraph))
        for piece in pieces:
            stripped = piece.strip()
            if not stripped:
                continue
            found = paragraph.find(stripped, cursor)
            if found < 0:  # pysbd altered the text (it should not with clean=False): skip it
                continue
            cursor = found + len(stripped)
            offset = 0
            for boundary in [*_MISSED_BOUNDARY.finditer(stripped), None]:
                end = boundary.end("dot") if boundary else len(stripped)
                start = p_start + found + offset
                yield Sentence(index, start, start + end - offset, stripped[offset:end])
                index += 1
                offset = boundary.end() if boundary else offset
