"""Money amounts in English and French deal news: where they are, what they are worth in US
dollars, how they are qualified, over what period, and whether they can be a deal's amount.

`find_amounts(text, lang, as_of)` returns every amount in `text`, in order, as `Amount`s.

What counts as an amount
    A figure with a currency: "$100 billion", "$6.3B", "$17.4bn", "$350mn", "US$6.3 billion",
    "USD 6.3 billion", "C$53 billion", "€30bn", "£2 billion", "¥1 trillion", "$1,300,000,000",
    "$414.79", "6.3 billion dollars", "a billion dollars", "50 cents", "19,4 milliards de
    dollars", "5 000 milliards de dollars" (space, no-break or thin-space thousands), "30
    milliards d'euros", "12,5 G$", "600 M€". A figure with a scale word and no currency ("4 000
    milliards", "72 billion") is an amount only by ellipsis, after an amount with a currency in
    the same sentence and not followed by a noun of its own ("160 million shares" never is).
    Percentages, share or chip counts, megawatts and years are never amounts.
    Vague amounts ("multibillion-dollar", "billions of dollars", "tens of billions", "several
    hundred million dollars", "plusieurs milliards de dollars") have value None and vague True;
    bare "billions"/"hundreds of millions" with no currency need a money word nearby ("worth",
    "spend", "invest", "in funding"...). "a billion-dollar deal" is vague too.
    Ranges give one amount per bound, the lower bound taking the upper one's scale and
    currency: "$70-72 billion", "$70 to $72 billion", "entre 5 et 7 milliards de dollars".

Reading conventions
    A bare "$" is the US dollar, in French text too (Québec usage would make it CAD; deal news
    in this domain quotes US dollars). "¥" is the yen unless written "CN¥", "yuan" or "RMB".
    With lang="fr", a decimal comma is read ("19,4" is 19.4; several comma groups are still
    thousands) and "billion" is 10**12, as in French. Number words up to "ninety", "hundred",
    "thousand" (and French "un" ... "mille") count before a scale word.

Qualifier ("up_to", "about", "at_least") comes from words right before the figure ("up to",
    "as much as", "jusqu'à", "less than" -> up_to; "about", "roughly", "nearly", "some", "~",
    "environ", "près de" -> about; "more than", "over", "at least", "north of", "plus de" ->
    at_least) or after it ("+", "-plus", "or more" -> at_least). "over five years" is a
    duration, never a qualifier: a qualifier must touch the figure; and "over" after "hand",
    "take", "sign", "turn" ("hand over $1 billion") is a particle, not "more than".
Period is "per_year" for "a year", "per year", "annually", "-a-year", "par an", "chaque
    année", "$1 billion in annual revenue" and "annual base rent ... of $450 million" (the
    adjective up to six words before the figure, no transaction verb between); otherwise
    "total" ("in total", "aggregate" keep total). A monthly or quarterly figure ("$10 million
    a month") is annualised (x12, x4) and reported per_year, so the two-valued contract of
    `deal_mentions.period` holds; `text` keeps what was written.
Duration: see `transform.money_durations`. Role: see `transform.money_roles`; `ROLES` lists
    every value. Only "deal" is a candidate deal amount; "round_total" is the size of a whole
    funding round ("a $40 billion round"), which an extractor may fall back on when no
    investor's own share is stated; "equivalent" is a conversion in parentheses.
Languages: "en" and "fr"; any other `lang` is read with the English conventions.

Exchange rates
    `transform/money/fx_rates.csv` (`date,currency,usd_per_unit`) holds one row per currency
    per year, dated January 1, 2019-2026, with the approximate annual average rate of that
    year (2026: the early-2026 level). The figures were written from general knowledge of
    historical rates, not copied from an official source: good to a few percent, which is
    the precision of the news figures themselves; replace the file with central-bank rates
    when exact conversion matters. SAR, AED and HKD are pegged; HKD, SGD and TWD are there
    besides the twelve currencies the pipeline needs. `to_usd` uses the latest row
    dated on or before `as_of` (the earliest row before all rows, the latest without as_of).
"""

from __future__ import annotations

import bisect
import csv
import functools
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources

from transform.money import patterns as grammar
from transform.money.durations import attach_durations, find_durations
from transform.money.roles import DEAL_NOUNS, ROLES, TRANSACTION_VERB, Located, classify_roles

__all__ = ["ROLES", "Amount", "find_amounts", "parse_amount", "to_usd"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Amount:
    """One money expression in a text and what it means (see the module doc for the rules)."""

    start: int
    end: int
    text: str
    value: float | None
    currency: str
    value_usd: float | None
    qualifier: str | None
    period: str
    duration_years: float | None
    role: str
    vague: bool


@dataclass
class _Core:
    """The figure and its currency, before qualifier, period, duration and role are read."""

    start: int
    end: int
    value: float | None
    currency: str
    scaled: bool
    number: float | None = None
    scale: float = 1.0
    vague: bool = False


_AMBIGUOUS_UNIT_WORDS = re.compile(r"(?i)pound|livre|won")  # weights, a verb: need a scale
_COUNTED_BEFORE = re.compile(r"(?i)\b(?:several|few|many|couple\s+of|of|plusieurs|quelques)\s+$")
_MONEY_CUE_BEFORE = re.compile(
    r"(?i)\b(?:worth|for|spend\w*|spent|invest\w*|pay\w*|paid|cost\w*|rais\w+|valued|valuation"
    r"|total\w*|commit\w*|lend\w*|lent|borrow\w*|loss\w*|revenue|sales|pour|valeur|dépens\w*"
    r"|vers\w*|contrat|accord)\b(?:\s+[\w'\u2019-]+){0,3}\s*$"
)
_MONEY_CUE_AFTER = re.compile(
    r"(?i)^\s+in\s+(?:new\s+)?(?:cash|funding|financing|investments?|debt|revenue|sales|capital"
    r"|spending|losses|contracts|deals|compute|loans)\b"
)
_ELLIPSIS_FOLLOWERS = {
    "in", "for", "to", "from", "and", "or", "by", "on", "at", "this", "last", "next", "a", "an",
    "per", "each", "annually", "over", "through", "with", "while", "after", "as", "more",
    "respectively", "en", "pour", "à", "et", "ou", "par", "sur", "pendant", "dans", "cette",
    "contre", "tandis", "de", "valuation", "revenue", "sales", "fund", "round", "stake", "worth",
}
_RANGE_GAP = re.compile(r"(?i)^\s*(?:-|–|—|to|and|à|et)\s*$")


def find_amounts(text: str, lang: str = "en", as_of: date | None = None) -> list[Amount]:
    """Every money amount in `text`, in order of appearance, with spans into `text`.

    `lang` is "en" or "fr" (number and scale conventions); `as_of` (the publication date)
    dates the exchange rate and turns "through 2031" into a duration.
    """
    lang = "fr" if lang and lang.lower().startswith("fr") else "en"
    as_of = as_of.date() if isinstance(as_of, datetime) else as_of
    sentences = grammar.sentence_spans(text)
    cores = _concrete(text, lang)
    cores += _vague(text, cores)
    cores += _elided(text, lang, cores, sentences)
    cores += _currency_from_the_next(text, lang, cores)
    cores += _lower_bounds(text, lang, cores)
    cores.sort(key=lambda c: c.start)
    _repair_ranges(text, cores)
    drafts = [_modifiers(text, core, sentences, cores[i - 1].end if i else 0)
              for i, core in enumerate(cores)]
    spans = [(start, end) for start, end, *_ in drafts]
    durations = attach_durations(find_durations(text, as_of), spans, sentences)
    located = [Located(s, e, c.value, c.scaled)
               for (s, e, *_), c in zip(drafts, cores, strict=True)]
    roles = classify_roles(text, located, sentences)
    amounts = []
    for core, (start, end, qualifier, period, factor), years, role in zip(
            cores, drafts, durations, roles, strict=True):
        value = core.value * factor if core.value is not None else None
        amounts.append(Amount(
            start=start, end=end, text=text[start:end], value=value, currency=core.currency,
            value_usd=to_usd(value, core.currency, as_of) if value is not None else None,
            qualifier=qualifier, period=period, duration_years=years, role=role,
            vague=core.vague))
    logger.debug("found %d amounts in %d characters", len(amounts), len(text))
    return amounts


def parse_amount(expression: str, lang: str = "en", as_of: date | None = None) -> Amount | None:
    """The amount written in one expression ("US$6.3 billion", "environ 600 millions de
    dollars par an"), or None when it holds none; spans index into `expression`."""
    amounts = find_amounts(expression, lang, as_of)
    return max(amounts, key=lambda a: a.end - a.start) if amounts else None


def to_usd(value: float, currency: str, as_of: date | None) -> float:
    """`value` in `currency` converted to US dollars at the dated rate (module doc).

    Raises ValueError naming the currency when the rate table does not know it.
    """
    code = currency.upper()
    if code == "USD":
        return float(value)
    table = _rate_table()
    if code not in table:
        raise ValueError(f"no exchange rate for currency {currency!r}")
    dates, rates = table[code]
    if as_of is None:
        return value * rates[-1]
    as_of = as_of.date() if isinstance(as_of, datetime) else as_of
    index = max(bisect.bisect_right(dates, as_of) - 1, 0)
    return value * rates[index]


@functools.cache
def _rate_table() -> dict[str, tuple[list[date], list[float]]]:
    """The packaged rate table, read once: currency -> (dates ascending, USD per unit)."""
    rows: dict[str, list[tuple[date, float]]] = {}
    source = resources.files("transform.money").joinpath("fx_rates.csv")
    with source.open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["currency"].strip().upper(), []).append(
                (date.fromisoformat(row["date"].strip()), float(row["usd_per_unit"])))
    return {code: ([d for d, _ in sorted(pairs)], [r for _, r in sorted(pairs)])
            for code, pairs in rows.items()}


@functools.cache
def _regexes(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return grammar.build_amount_regex(lang), grammar.bare_scaled_regex(lang)


def _concrete(text: str, lang: str) -> list[_Core]:
    """Figures with a currency (symbol, code or word), including cents."""
    cores = []
    for m in _regexes(lang)[0].finditer(text):
        g = m.groupdict()
        if g["cnum"] is not None:
            number = grammar.parse_number(g["cnum"], lang)
            cores.append(_Core(m.start(), m.end(), number / 100, "USD", False, number / 100))
            continue
        if g["pcur"] is not None:
            figure, scale_word, currency = g["pnum"], g["pscale"] or g["pletter"], g["pcur"]
        elif g["fnum"] is not None:
            figure, scale_word, currency = g["fnum"], g["fscale"], g["fcur"]
        else:
            figure, scale_word = g["snum"], g["sscale"]
            currency = (g["sadj"] or g["scur"]).lstrip("-")
            if not _plausible_suffixed(text, m, figure, scale_word, currency, g):
                continue
        number = grammar.parse_number(figure, lang)
        scale = grammar.scale_value(scale_word, lang)
        cores.append(_Core(m.start(), m.end(), number * scale, grammar.currency_code(currency),
                           scale_word is not None, number, scale))
    return cores


def _plausible_suffixed(text: str, m: re.Match[str], figure: str, scale_word: str | None,
                        currency: str, g: dict[str, str | None]) -> bool:
    """Reject number-first readings that are not money ("2024 USD", "two pounds")."""
    is_word = not figure[0].isdigit()
    if scale_word is None and (g["de"] or _AMBIGUOUS_UNIT_WORDS.search(currency)
                               or re.fullmatch(r"(?:19|20)\d\d", figure)
                               or (is_word and not re.search(r"(?i)dollar|euro", currency))):
        return False
    if is_word and g["sadj"] and figure.lower() in ("a", "an"):
        return False  # "a billion-dollar deal" is vague, read by _vague
    return not (is_word and _COUNTED_BEFORE.search(text[max(0, m.start() - 20):m.start()]))


def _overlaps(start: int, end: int, cores: list[_Core]) -> bool:
    return any(start < c.end and c.start < end for c in cores)


def _vague(text: str, cores: list[_Core]) -> list[_Core]:
    """Amounts stated without a figure ("multibillion-dollar", "billions of dollars")."""
    found: list[_Core] = []
    for m in grammar.VAGUE.finditer(text):
        if _overlaps(m.start(), m.end(), cores) or re.search(r"\d[\d.,\s]*$", text[:m.start()]):
            continue
        g = m.groupdict()
        currency_word = g["madj"] or g["aadj"] or g["pcur"] or g["fcur"]
        if g["multi"] and not g["madj"]:
            follower = re.match(r"\s+([\w-]+)", text[m.end():m.end() + 80])
            if not follower or follower.group(1).lower().rstrip("s") not in DEAL_NOUNS:
                continue  # "a multibillion-parameter model" is not money
        elif (g["plural"] or g["fr"]) and not currency_word and not (
                _MONEY_CUE_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                or _MONEY_CUE_AFTER.match(text[m.end():m.end() + 80])):
            continue
        if re.match(r"\s+of\s+(?!dollars|euros)[a-z]", text[m.end():m.end() + 80]):
            continue  # "hundreds of millions of users"
        currency = grammar.currency_code(currency_word) if currency_word else "USD"
        found.append(_Core(m.start(), m.end(), None, currency, True, vague=True))
    return found


def _elided(text: str, lang: str, cores: list[_Core],
            sentences: list[tuple[int, int]]) -> list[_Core]:
    """Scaled figures whose currency is carried over from an earlier amount of the sentence:
    "dépassé les 5 000 milliards de dollars, tandis que celle de Microsoft avoisine les 4 000
    milliards"."""
    found: list[_Core] = []
    for m in _regexes(lang)[1].finditer(text):
        if _overlaps(m.start(), m.end(), cores):
            continue
        sentence_start = grammar.sentence_of(sentences, m.start())[0]
        earlier = [c for c in cores if not c.vague and sentence_start <= c.start
                   and c.end <= m.start() and m.start() - c.end <= 200]
        follower = re.match(r"\s*([A-Za-z\u00c0-\u00ff'\u2019-]+)", text[m.end():m.end() + 80])
        if not earlier or (follower and follower.group(1).lower() not in _ELLIPSIS_FOLLOWERS
                           and follower.group(1).lower().rstrip("s") not in DEAL_NOUNS):
            continue
        number = grammar.parse_number(m.group("num"), lang)
        scale = grammar.scale_value(m.group("scale"), lang)
        found.append(_Core(m.start(), m.end(), number * scale, earlier[-1].currency, True,
                           number, scale))
    return found


def _currency_from_the_next(text: str, lang: str, cores: list[_Core]) -> list[_Core]:
    """Scaled figures paired with a next amount that carries the currency for both: "jusqu'à
    5 milliards et 10 milliards de dollars", "5 billion and 10 billion dollars"."""
    found: list[_Core] = []
    for m in _regexes(lang)[1].finditer(text):
        if _overlaps(m.start(), m.end(), cores):
            continue
        joined = re.match(r"\s*(?:,|and|et|or|ou)\s+", text[m.end():m.end() + 12])
        following = next((c for c in cores if joined and not c.vague
                          and c.start == m.end() + joined.end()), None)
        if following is None:
            continue
        number = grammar.parse_number(m.group("num"), lang)
        scale = grammar.scale_value(m.group("scale"), lang)
        found.append(_Core(m.start(), m.end(), number * scale, following.currency, True,
                           number, scale))
    return found


def _lower_bounds(text: str, lang: str, cores: list[_Core]) -> list[_Core]:
    """The currency-less lower bound of a range: "5 to 7 billion dollars", "entre 5 et 7"."""
    number = grammar.NUMBER["fr" if lang == "fr" else "en"]
    bound = re.compile(rf"(?i)(?:(?P<between>between|entre)\s+)?(?<![\w.,$€£¥])(?P<num>{number})"
                       r"\s*(?P<link>-|–|—|to|à|and|et)\s*$")
    found: list[_Core] = []
    for core in cores:
        if core.vague or not core.scaled or core.number is None:
            continue
        offset = max(0, core.start - 40)
        m = bound.search(text[offset:core.start])
        if not m or (m.group("link").lower() in ("and", "et") and not m.group("between")):
            continue
        low = grammar.parse_number(m.group("num"), lang)
        start, end = offset + m.start("num"), offset + m.end("num")
        if low < core.number and not _overlaps(start, end, cores + found):
            found.append(_Core(start, end, low * core.scale, core.currency, True, low,
                               core.scale))
    return found


def _repair_ranges(text: str, cores: list[_Core]) -> None:
    """"$70-72 billion", "$70 to $72 billion": the bare lower bound takes the upper's scale."""
    for low, high in zip(cores, cores[1:], strict=False):
        if (not low.scaled and high.scaled and low.number is not None
                and high.number is not None and low.number < high.number
                and low.currency == high.currency and _RANGE_GAP.match(text[low.end:high.start])):
            low.value, low.scale, low.scaled = low.number * high.scale, high.scale, True


def _modifiers(text: str, core: _Core, sentences: list[tuple[int, int]], floor: int
               ) -> tuple[int, int, str | None, str, float]:
    """Span widened over qualifier and period words, the qualifier, the period and the factor
    that turns a monthly or quarterly figure into a yearly one."""
    start, end, qualifier = core.start, core.end, None
    before = text[max(0, start - 40):start]
    q = grammar.QUALIFIER_BEFORE.search(before)
    if q and not (q.group("at_least") and grammar.OVER_AS_PARTICLE.search(before)):
        qualifier, start = q.lastgroup, start - (len(before) - q.start())
    q = grammar.QUALIFIER_AFTER.match(text[end:end + 80])
    if q:
        qualifier, end = qualifier or q.lastgroup, end + q.end()
    p = grammar.PERIOD_AFTER.match(text[end:end + 80])
    if p:
        factor = {"year": 1.0, "month": 12.0, "quarter": 4.0}[p.lastgroup]
        return start, end + p.end(), qualifier, "per_year", factor
    sentence_start = grammar.sentence_of(sentences, start)[0]
    clause = re.split(r"[,;:]", text[max(sentence_start, floor):start])[-1]
    annual = grammar.ANNUAL_BEFORE.search(clause)
    if grammar.ANNUAL_AFTER.match(text[end:end + 80]) or (
            annual and not TRANSACTION_VERB.search(annual.group("gap"))):
        return start, end, qualifier, "per_year", 1.0
    return start, end, qualifier, "total", 1.0
