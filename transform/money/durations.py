"""How long a money commitment runs, as written near the figure, for `transform.money`.

Forms: "over five years", "over a five-year period", "over an initial term of 15 years",
"for 18 months", "over the next decade", "a seven-year, $38 billion agreement", "a 15-year
lease", "twelve-year agreements", "through 2031" / "through April 2032" / "through December
14, 2031" (years from the publication date, so only with `as_of`), and in French "sur cinq
ans", "pendant cinq ans", "d'une durée de cinq ans", "un bail de 15 ans", "jusqu'en 2031".
"over the past five years", "five years ago" and "multiyear" give nothing.

A duration belongs to one amount of its sentence: a phrase that follows its noun ("over five
years", "through 2031") to the nearest amount before it, else the nearest after; an adjective
("five-year") to the nearest amount after it, else before; never farther than ~120 characters
and never across another amount (the nearest amount is the one in that direction).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from transform.money.patterns import APOS, WORD_VALUES, parse_word_number, sentence_of


class Duration(NamedTuple):
    """A stated duration: where it was written, its length in years, and how it attaches."""

    start: int
    end: int
    years: float
    follows_noun: bool  # "over five years" (after the amount) vs "five-year" (before it)


_WORDS = "|".join(sorted((w for w in WORD_VALUES if w not in ("a", "an", "decade",
                                                                "décennie")), key=len,
                         reverse=True))
_N = rf"(?P<n>\d+(?:[.,]\d+)?|(?:{_WORDS})(?:[\s-](?:{_WORDS}))*)"
_LEAD = (r"(?:(?:a|an|the|its|roughly|about|approximately|around|nearly|some|almost|more\s+than"
         r"|initial|next|following|first|total\s+of)\s+)*")
_TERM_NOUNS = (r"(?:contracts?|deals?|agreements?|terms?|leases?|pacts?|commitments?"
               r"|partnerships?|arrangements?|period|loans?|facilit(?:y|ies)|extensions?|notes?"
               r"|bonds?|tenor|orders?|financing|plan|program(?:me)?|horizon|span|stretch|window"
               r"|rentals?|pledges?|supply)")
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
_MONTH = "|".join(_MONTHS_EN + _MONTHS_FR + [m[:3] for m in _MONTHS_EN] + ["sept"])

_PATTERNS = [  # (follows its noun?, regex); the first pattern to claim a stretch of text wins
    (True, rf"\b(?:over|for|across|spanning|lasting|during)\s+{_LEAD}(?:(?:period|term)\s+of\s+)?"
           rf"{_N}[\s-]+(?P<unit>years?|months?|decades?)\b(?!\s+(?:ago|earlier|running))"),
    (True, rf"\b(?:over|for)\s+{_LEAD}{_N}-(?P<unit>year|month)(?:-long)?\s+{_TERM_NOUNS}\b"),
    (True, r"\b(?:over|for)\s+(?:(?:the\s+)?next\s+|a\s+)(?P<unit>decade)\b"),
    (True, rf"\b(?:sur|pendant|durant)\s+(?:une\s+(?:durée|période)\s+de\s+|les\s+)?{_N}\s+"
           r"(?P<unit>ans|années|mois)\b"),
    (True, rf"\bd{APOS}une\s+durée\s+de\s+{_N}\s+(?P<unit>ans|années|mois)\b"),
    (False, rf"\b{_N}[\s-](?P<unit>year|month)s?(?:-long)?(?=,?\s+(?:[\w$€£.,+-]+\s+){{0,3}}?"
            rf"{_TERM_NOUNS}\b)"),
    (False, r"\b(?P<unit>decade)-long\b"),
    (False, rf"\b(?:contrat|accord|bail|partenariat|engagement|prêt|location)s?\s+de\s+{_N}\s+"
            r"(?P<unit>ans|années)\b"),
]
_COMPILED = [(follows, re.compile(p, re.IGNORECASE)) for follows, p in _PATTERNS]
_THROUGH = re.compile(
    rf"(?i)\b(?:through|thru|until|till|jusqu{APOS}(?:en|à|au)(?:\s+(?:la\s+)?fin\s+d(?:e\s|{APOS}))?)"
    rf"\s+(?:the\s+end\s+of\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?(?:le\s+)?"
    rf"(?:(?P<day1>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH})\.?\s+(?:(?P<day2>\d{{1,2}}),?\s+)?)?"
    r"(?P<year>20\d\d)\b"
)


def find_durations(text: str, as_of: date | None) -> list[Duration]:
    """Every duration phrase in `text`, in order; "through YEAR" only when `as_of` is known."""
    found: list[Duration] = []
    taken: list[tuple[int, int]] = []
    for follows, pattern in _COMPILED:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            years = _years(m.groupdict().get("n"), m.group("unit"))
            if years:
                found.append(Duration(m.start(), m.end(), years, follows))
                taken.append((m.start(), m.end()))
    if as_of is not None:
        for m in _THROUGH.finditer(text):
            years = _years_until(m, as_of)
            if years and not any(m.start() < e and s < m.end() for s, e in taken):
                found.append(Duration(m.start(), m.end(), years, True))
    return sorted(found)


def _years(number: str | None, unit: str) -> float | None:
    unit = unit.lower()
    if unit.startswith("decade"):
        count = 1.0 if number is None else _count(number)
        return count * 10
    if number is None:
        return None
    count = _count(number)
    return count / 12 if unit.startswith(("month", "mois")) else count


def _count(number: str) -> float:
    return float(number.replace(",", ".")) if number[0].isdigit() else parse_word_number(number)


def _years_until(m: re.Match[str], as_of: date) -> float | None:
    year = int(m.group("year"))
    month_name = (m.group("month") or "").lower().rstrip(".")
    month = 12
    if month_name:
        month = next(i % 12 + 1 for i, n in enumerate(_MONTHS_EN + _MONTHS_FR)
                     if n.startswith(month_name))
    day_text = m.group("day1") or m.group("day2")
    day = int(day_text) if day_text else calendar.monthrange(year, month)[1]
    try:
        end = date(year, month, day)
    except ValueError:
        return None
    years = round((end - as_of).days / 365.25, 1)
    return years if years > 0 else None


def attach_durations(durations: list[Duration], spans: list[tuple[int, int]],
                     sentences: list[tuple[int, int]], reach: int = 120) -> list[float | None]:
    """For each amount span, the duration that belongs to it (the closest claim), or None."""
    best: list[tuple[int, float] | None] = [None] * len(spans)
    for d in durations:
        sentence = sentence_of(sentences, d.start)
        before = [i for i, (s, e) in enumerate(spans)
                  if e <= d.start and s >= sentence[0] and d.start - e <= reach]
        after = [i for i, (s, e) in enumerate(spans)
                 if s >= d.end and s < sentence[1] and s - d.end <= reach]
        nearest_before = before[-1] if before else None
        nearest_after = after[0] if after else None
        order = ((nearest_before, nearest_after) if d.follows_noun
                 else (nearest_after, nearest_before))
        target = next((i for i in order if i is not None), None)
        if target is None:
            continue
        s, e = spans[target]
        distance = d.start - e if e <= d.start else s - d.end
        if best[target] is None or distance < best[target][0]:
            best[target] = (distance, d.years)
    return [b[1] if b else None for b in best]
