"""Word-level tests for telling a company's name from other capitalised words: how common a
word is, words that are never part of a name, Headline Case, and a kind guessed from the words
of an unknown company's name. Pure functions over words; `transform.entities.parties` uses them
to find the parties of a sentence.
"""

from __future__ import annotations

import functools
import re

from wordfreq import zipf_frequency

from transform.entities.words import (
    HEADLINE_BREAKS,
    NAME_STOPWORDS,
    PLACE_AND_PRODUCT_WORDS,
    TITLE_WORDS,
    is_company_word,
)

_KIND_BY_WORD = (
    (re.compile(r"\b(?:mining|miner|bitcoin)\b", re.I), "miner"),
    (re.compile(r"\b(?:data\s*cent(?:er|re)s?|datacenters?|realty|reit|digital|properties|"
                r"infrastructure|campus|datacampus)\b", re.I), "datacenter"),
    (re.compile(r"\b(?:cloud|compute|computing|gpu|gpus|calcul|hpc|neocloud)\b", re.I), "neocloud"),
    (re.compile(r"\b(?:bank|credit|lending|lender|banque)\b", re.I), "lender"),
    (re.compile(r"\b(?:capital|partners|ventures|management|fund|funds|investments?|equity|"
                r"asset|advisors|holdings)\b", re.I), "investor"),
    (re.compile(r"\b(?:semiconductors?|micro|silicon|chips?)\b", re.I), "chipmaker"),
    (re.compile(r"\b(?:ai|labs?|intelligence)\b", re.I), "ai_lab"),
)


def guess_kind(name: str) -> str | None:
    """A kind for a company missing from the table, from the words of its name."""
    for pattern, kind in _KIND_BY_WORD:
        if pattern.search(name):
            return kind
    return None


def split_headline_run(words: list[str]) -> list[list[str]]:
    """In Headline Case, a run of capitalised words breaks at words that are not names."""
    runs: list[list[str]] = [[]]
    for word in words:
        if runs[-1] and is_company_word(word):
            runs[-1].append(word)  # "Sundance Digital Signs": a company word ends the name
        elif not_name_word(word, True) or word.strip(".,:;").lower() in HEADLINE_BREAKS:
            runs.append([])
        else:
            runs[-1].append(word)
    return [r for r in runs if r]


def first_word_start(sentence: str) -> int:
    """Where the sentence's first letter is."""
    found = re.search(r"[A-Za-z]", sentence)
    return found.start() if found else 0


def is_place_or_product(word: str) -> bool:
    """True for a place ("Texas") or product word ("GPU", "Blackwell")."""
    return word.strip(".,").lower() in PLACE_AND_PRODUCT_WORDS


# A capitalised word this common as a plain word ("Private", "Shares", "Bitcoin") is a name
# only when the table knows it; at the start of a sentence or in a headline, capitals say
# nothing. Zipf scale: 4 is about once per 100,000 words.
COMMON_WORD_ZIPF = 4.0
# In a headline every word is capitalised: a single word as frequent as "longtime" or
# "rivals" (about once per 300,000 words) is taken for a plain word there.
HEADLINE_ZIPF = 3.5


def is_common_word(word: str, lang: str = "en", zipf: float = COMMON_WORD_ZIPF) -> bool:
    """True when a word is common as a plain word in the language."""
    bare = word.strip(".,:;'’\"()").lower()
    return zipf_frequency(bare, lang) >= zipf or zipf_frequency(bare, "en") >= zipf + 0.5 or \
        zipf_frequency(bare, "fr") >= zipf + 0.5


@functools.cache
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency_code(word: str) -> bool:
    """True for an ISO 4217 code as written before a figure ("SEK", "DKK", "CNY")."""
    return word in _currency_codes()


def not_name_word(word: str, headline: bool) -> bool:
    """True for a word that cannot be (the edge of) a company's name: a function word, a
    title, a place, a product code, a figure; in a headline, any common word."""
    bare = word.strip(".,:;'’\"()").lower()
    if not bare or bare in NAME_STOPWORDS or bare in TITLE_WORDS:
        return True
    if re.search(r"-(?:based|backed|owned|listed|led|linked|focused|made|powered|designed|"
                 r"built|funded)$", bare):
        return True
    if re.fullmatch(r"[A-Z]{1,5}\d{1,4}[A-Z]?s?", word.strip(".,:;'’\"()")):
        return True  # a product code: "HBM4", "GB300", "H200s", "MI450"
    if re.fullmatch(r"[A-Z]{3}\d[\d.,]*(?:bn|b|mn|m|k|tn)?", word.strip(".,:;'’\"()")):
        return True  # a sum in a currency's code: "RMB20.6", "DKK688bn"
    if re.fullmatch(r"(?=[IVX]{2,}\b)X{0,3}(?:IX|IV|V?I{0,3})", word.strip(".,:;'’\"()")):
        return True  # a Roman numeral: "Acquisition Co. VII, LLC"
    if headline and is_common_word(bare):
        return True
    if bare.endswith("'s") or bare.endswith("’s"):
        return bare[:-2] in NAME_STOPWORDS
    return any(ch.isdigit() for ch in bare) and not any(ch.isalpha() for ch in bare)


_TITLE_CASE_LOWER = frozenset(
    "with from into over amid upon onto than that this your what when like near past than "
    "after about under above until".split())


def is_headline(sentence: str) -> bool:
    """True for Headline Case text, where capitals do not mark names (five words of four
    letters or more: a short sentence of names is not a headline)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    if len(words) < 5 or sum(w[0].isupper() for w in words) / len(words) <= 0.7:
        return False
    # Title case capitalises every word of four letters or more, prepositions aside: a
    # lower-case verb or noun ("... Ventures led the round") makes it a sentence full of names.
    return not any(w[0].islower() and w.lower() not in _TITLE_CASE_LOWER for w in words)
