"""Sentence splitting with character spans, English and French.

pysbd (rule-based, no model) handles abbreviations ("Inc.", "Corp.", "U.S.", "Sept. 8", "N.V.",
"Mr.", "M.") and tickers better than a period split. It is slow on long inputs, so it runs one
paragraph at a time, and paragraphs that cannot hold a deal (no digit, no trigger word) can be
skipped by the caller before splitting.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pysbd

_PARAGRAPH = re.compile(r"[^\n]+")
# A line break inside a sentence is layout, not a boundary; two or more end a paragraph.
_SUPPORTED = {"en", "fr"}


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the document's sentence order and its character span."""

    index: int
    start: int
    end: int
    text: str


@functools.cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang if lang in _SUPPORTED else "en", clean=False,
                           char_span=True)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def split_sentences(text: str, lang: str = "en",
                    keep: re.Pattern[str] | None = None) -> list[Sentence]:
    """The text's sentences in order, with spans into `text` (surrounding spaces trimmed).

    With `keep`, paragraphs that do not match it are not split (their sentences are left out);
    sentence indexes still count every sentence of the paragraphs that are split, so they stay
    stable for a given text and `keep`.
    """
    segmenter = _segmenter((lang or "en")[:2].lower())
    out: list[Sentence] = []
    index = 0
    for p_start, p_end in paragraphs(text):
        paragraph = text[p_start:p_end]
        if keep is not None and not keep.search(paragraph):
            continue
        for span in segmenter.segment(paragraph):
            raw = paragraph[span.start:span.end]
            stripped = raw.strip()
            if not stripped:
                continue
            start = p_start + span.start + (len(raw) - len(raw.lstrip()))
            out.append(Sentence(index, start, start + len(stripped), stripped))
            index += 1
    return out
