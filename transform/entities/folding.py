"""How names are matched in text: case and accent folding with a map back to the original
characters, quotes and dashes made plain, and whether a text capitalises names at all."""

from __future__ import annotations

import functools
import re
import unicodedata

QUOTES_AND_DASHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-",
                                   "–": "-", "—": "-"})


def is_word_char(ch: str) -> bool:
    """A character that continues a word."""
    return ch.isalnum() or ch == "_"


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return folded.translate(QUOTES_AND_DASHES) or ch


# ASCII whitespace other than a lone space: where the ASCII shortcut of `fold` does not apply.
_NOT_PLAIN_SPACING = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f]|  ")


def fold(text: str) -> tuple[str, list[int]]:
    """Casefolded, accent-free text with whitespace runs as one space, and for each folded
    character the index of the original character it came from (to report spans)."""
    if text.isascii() and not _NOT_PLAIN_SPACING.search(text):
        # Most sentences: ASCII folds to lower case character for character (no accents,
        # no typographic quotes), so the per-character walk below would give the same.
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            chars.append(" ")
            origin.append(index)
            continue
        for folded in _fold_char(ch):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


_WORD_RE = re.compile(r"(?<![$\w])[A-Za-z][a-z]*[A-Za-z]\b")
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|our|your)\s+$", re.IGNORECASE)


def written_in_lower_case(text: str) -> bool:
    """True for text that does not capitalise names: no word of three letters or more (other
    than the first, a ticker or a cashtag) starts with a capital."""
    words = [w for w in _WORD_RE.findall(text) if len(w) >= 3 and not w.isupper()]
    return len(words) >= 5 and not any(w[0].isupper() for w in words[1:])


def written_as(written: str, alias: str) -> bool:
    """Whether text matches a case-sensitive alias as written (a sentence may capitalise an
    alias's lower-case first letter: "The iPhone maker")."""
    written = " ".join(written.split()).translate(QUOTES_AND_DASHES)
    alias = " ".join(alias.split()).translate(QUOTES_AND_DASHES)
    if written == alias:
        return True
    return bool(alias) and alias[0].islower() and written == alias[0].upper() + alias[1:]
