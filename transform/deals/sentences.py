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
# pysbd reads the letter of "Series B." as an initial and runs on into the next sentence
# ("... closed a $140 million Series B. Sutter Hill Ventures led the round").
_MISSED_BOUNDARY = re.compile(r"\b(?:Series|Class|Tranche|Phase) [A-Z](?P<dot>\.)\s+(?=[A-Z][a-z])")


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
        cursor = 0
        # The processor's sentences, located by a forward search: Segmenter.segment() would
        # locate each one with a freshly compiled regex, the slowest step of extraction.
        for piece in segmenter.processor(paragraph).process():
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
                out.append(Sentence(index, start, start + end - offset, stripped[offset:end]))
                index += 1
                offset = boundary.end() if boundary else offset
    return out
