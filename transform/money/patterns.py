"""The written grammar of money amounts in English and French news, for `transform.money`.

Regular expressions and small parsers only: numbers (English "1,300.5", French "1 300,5" with
space, no-break or thin-space thousands), scale words ("billion", "bn", "B", "milliards",
"Md", "G$"), currencies (symbols, ISO codes, words), qualifiers, period words and sentence
boundaries. Nothing here decides what an amount is *for*; see `transform.money_roles`.
"""

from __future__ import annotations

import bisect
import re

# one horizontal space: French writes thousands and units with no-break or thin spaces
HSPACE = "[ \u00a0\u202f\u2009]"
APOS = "['\u2019]"

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
_FR_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}
WORD_VALUES = {**_EN_WORDS, **_FR_WORDS, "a": 1, "an": 1, "decade": 10, "décennie": 10}
_WORD = "|".join(sorted({**_EN_WORDS, **_FR_WORDS}, key=len, reverse=True))
# "a hundred", "twenty-five", "cinq mille", "half a"; bare "a"/"an" only ever before a scale word
WORD_NUMBER = (rf"(?:half\s+an?|(?:an?\s+)?(?:{_WORD})(?:[\s-]+(?:{_WORD}))*|an?)(?![\w'\u2019-])")

NUMBER = {
    "en": r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)",
    # two or more comma groups can only be English thousands, even in French text
    "fr": rf"(?:\d{{1,3}}(?:{HSPACE}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:,\d{{3}}){{2,}}"
          r"|\d+(?:[,.]\d+)?)",
}

SCALES = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mm": 1e6, "mln": 1e6, "mio": 1e6,
    "billion": 1e9, "billions": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "g": 1e9,
    "trillion": 1e12, "trillions": 1e12, "t": 1e12, "tn": 1e12, "trn": 1e12,
    "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
FRENCH_BILLION = 1e12  # in French, "un billion" is a million million
_NOT_LETTER = r"(?![A-Za-z\u00c0-\u00ff])"
# scale words that may stand apart from the number ("6.3 billion", "600 millions", "5 bn")
SCALE_WORD = (r"(?i:trillions?|billions?|millions?|thousands?|milliards?|crores?|lakhs?"
              rf"|bn|bln|mln|mio|mn|mm|tn|trn|mrds?|mds?){_NOT_LETTER}")
# one-letter scales glued to the figure: "$6.3B", "$750M", "$5T", "$500k"
SCALE_LETTER = rf"(?i:[bmkt]){_NOT_LETTER}"
# French glued unit-currency forms: "12,5 G$", "600 M€", "30 Md€"
FR_SCALE_SYMBOL = r"(?:Mds?|Mrds?|G|M|k)(?=\s?[$€£])"

CURRENCY_PREFIX = (
    r"(?:(?<![A-Za-z])(?:U\.S\.\s?\$|US\s?\$|USD\s?\$?|CAD\s?\$?|Can\$|CA\$|C\$|AUD\s?\$?|AU\$"
    r"|A\$|HKD\s?\$?|HK\$|SGD\s?\$?|S\$|NT\$|TWD\s?\$?|EUR\s?€?|GBP\s?£?|JPY\s?¥?|CNY\s?¥?"
    r"|CN¥|RMB|KRW\s?₩?|INR\s?₹?|Rs\.?|CHF|SAR|AED|SEK|[$€£¥₩₹]))"
)
_DOLLAR_KIND = (r"(?:canadian|australian|hong\s+kong|singapore|taiwan(?:ese)?|new\s+taiwan"
                r"|u\.?s\.?|american)")
_FR_DOLLAR_KIND = r"(?:américains|US|canadiens|australiens|de\s+Hong\s+Kong|de\s+Singapour)"
CURRENCY_SUFFIX = (
    rf"(?P<de>de\s+|d{APOS}\s?)?(?:"
    rf"(?i:(?:{_DOLLAR_KIND}\s+)?dollars?(?:\s+{_FR_DOLLAR_KIND})?)"
    r"|(?i:euros?|pounds?(?:\s+sterling)?|sterling|livres?(?:\s+sterling)?|yens?|yuans?"
    r"|renminbi|wons?|rupees?|roupies?|riyals?|dirhams?|kronor|krona|couronnes\s+suédoises"
    r"|swiss\s+francs?|francs\s+suisses)"
    r"|(?:USD|EUR|GBP|CAD|JPY|CNY|RMB|CHF|AUD|KRW|INR|SAR|AED|SEK|HKD|SGD|TWD)(?![A-Za-z])"
    r"|\$\s?(?:US|CA|CAN|AU)?(?![\w$])(?!\s?\d)|[€£¥](?!\s?\d))"
)
ADJECTIVE_DOLLAR = r"-(?i:dollar|euro|pound)s?(?![\w-])"  # "a 30 billion-dollar deal"


def build_amount_regex(lang: str) -> re.Pattern[str]:
    """One regex for every concrete written form, with named groups read by `transform.money`."""
    num = NUMBER["fr" if lang == "fr" else "en"]
    prefixed = (rf"(?P<pcur>{CURRENCY_PREFIX})\s?(?P<pnum>{num})"
                rf"(?:(?:[\s-]?(?P<pscale>{SCALE_WORD})|(?P<pletter>{SCALE_LETTER}))"
                rf"(?P<padj>-(?i:dollars?)(?![\w-]))?)?")
    suffixed = (rf"(?<![\w.,])(?P<snum>{num}|(?i:{WORD_NUMBER}))"
                rf"(?:(?:[\s-]+|(?<=\d))(?P<sscale>{SCALE_WORD}))?"
                rf"(?:(?P<sadj>{ADJECTIVE_DOLLAR})|\s*(?P<scur>{CURRENCY_SUFFIX}))")
    french_symbol = (rf"(?<![\w.,])(?P<fnum>{num})\s?(?P<fscale>{FR_SCALE_SYMBOL})"
                     rf"\s?(?P<fcur>\$\s?(?:US|CA|CAN|AU)?(?![\w$])|€|£)")
    cents = rf"(?<![\w.,])(?P<cnum>{num}|(?i:{WORD_NUMBER}))\s+(?P<cents>(?i:cents?)\b|¢)"
    return re.compile(f"{prefixed}|{french_symbol}|{suffixed}|{cents}")


def bare_scaled_regex(lang: str) -> re.Pattern[str]:
    """A figure with a scale word and no currency ("4 000 milliards"): money only by ellipsis."""
    num = NUMBER["fr" if lang == "fr" else "en"]
    return re.compile(rf"(?<![\w.,$€£¥])(?P<num>{num})[\s-]+(?P<scale>{SCALE_WORD})(?![\w-])")


VAGUE = re.compile(
    r"(?i:(?<![\w$€£])(?:"
    rf"(?P<multi>multi-?\s?(?:b|m|tr)illion(?:s)?(?:[\s-](?P<madj>dollar|euro|pound)s?)?)(?![\w-])"
    r"|(?P<adj>(?:b|m|tr)illion-(?P<aadj>dollar|euro|pound))(?![\w-])"
    r"|(?P<plural>(?:(?:tens|dozens|hundreds)\s+of\s+)?(?:b|m|tr)illions"
    r"|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:hundred\s+|dozen\s+|tens\s+of\s+)?"
    r"(?:b|m|tr)illions?)(?![\w-])"
    rf"(?:\s+(?:of\s+)?(?P<pcur>(?:u\.?s\.?\s+)?dollars|euros|pounds|yen|yuan))?"
    r"|(?P<fr>(?:plusieurs|quelques|des)\s+(?:dizaines\s+de\s+|centaines\s+de\s+)?"
    r"(?:milliards|millions)|(?:des\s+)?(?:dizaines|centaines)\s+de\s+(?:milliards|millions))"
    rf"(?:\s+(?:de\s+|d{APOS}\s?)(?P<fcur>dollars|euros|livres))?(?![\w-])"
    r"|(?P<frmulti>(?:multi|pluri)-?milliardaires?)(?![\w-])"
    r"))"
)

_QUALIFIERS = {
    "about": r"just\s+(?:under|below|over|shy\s+of)|about|around|roughly|approximately|approx\."
             r"|nearly|almost|some|close\s+to|an\s+estimated|estimated|circa|ca\.|~|≈"
             rf"|environ|près\s+d(?:e\s|{APOS}\s?)|quelque|approximativement"
             rf"|autour\s+d(?:e\s|{APOS}\s?)|presque|avoisin\w*(?:\s+les)?",
    "up_to": r"up\s+to|as\s+much\s+as|as\s+many\s+as|(?:a\s+)?maximum\s+of|no\s+more\s+than"
             r"|not\s+more\s+than|at\s+most|capped\s+at|less\s+than"
             rf"|jusqu{APOS}\s?à(?:\s+hauteur\s+de)?|(?:un\s+)?maximum\s+de|au\s+maximum|au\s+plus"
             rf"|moins\s+d(?:e\s|{APOS}\s?)",
    "at_least": r"more\s+than|over|at\s+least|upwards?\s+of|north\s+of|in\s+excess\s+of"
                r"|greater\s+than|exceeding|(?:a\s+)?minimum\s+of|no\s+less\s+than"
                rf"|not\s+less\s+than|plus\s+d(?:e\s|{APOS}\s?)|au\s+moins"
                rf"|au-delà\s+d(?:e\s|{APOS}\s?)|supérieure?s?\s+à|dépassant"
                rf"|pas\s+moins\s+d(?:e\s|{APOS}\s?)",
}
QUALIFIER_BEFORE = re.compile(
    "(?i)(?<![\\w])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _QUALIFIERS.items()) + r")\s*$"
)
# "over" is a particle, not "more than", after these verbs: "hand over $1 billion"
OVER_AS_PARTICLE = re.compile(
    r"(?i)\b(?:hand|turn|fork|sign|pass|take|took|taken|carry|carried|roll)"
    r"(?:s|ed|ing)?\s+over\s*$"
)
QUALIFIER_AFTER = re.compile(
    r"^(?:(?P<at_least>\+(?!\s*[\d$€£¥])|-plus(?![\w-])|\s+or\s+(?:more|greater|higher|above)\b"
    r"|\s+(?:et|ou)\s+plus\b)|(?P<up_to>\s+or\s+(?:less|lower|below)\b))", re.IGNORECASE
)
_NOT_RELATIVE_YEAR = r"(?!\s+(?:ago|earlier|before|later|after|prior|since|from\s+now|on))"
PERIOD_AFTER = re.compile(
    rf"^(?:(?P<year>[\s-]+(?:a|per|each|every)[\s-](?:year|annum|yr)\b{_NOT_RELATIVE_YEAR}"
    r"|\s*(?:annually|yearly)\b|\s*/\s?(?:year|yr|an)\b"
    r"|\s+(?:par|chaque)\s+(?:an|année)\b|\s+annuellement\b)"
    rf"|(?P<month>[\s-]+(?:a|per|each|every)[\s-]month\b{_NOT_RELATIVE_YEAR}|\s+monthly\b"
    r"|\s*/\s?(?:month|mo|mois)\b|\s+(?:par|chaque)\s+mois\b)"
    rf"|(?P<quarter>[\s-]+(?:a|per|each|every)[\s-]quarter\b{_NOT_RELATIVE_YEAR}"
    r"|\s+quarterly\b|\s+(?:par|chaque)\s+trimestre\b))",
    re.IGNORECASE,
)
# "$1 billion in annual revenue", "a $30 billion annual contract": per year, outside the span
ANNUAL_AFTER = re.compile(r"^\s+(?:in\s+)?(?:annual(?:ized|ised)?|yearly)\b", re.IGNORECASE)
# "annual base rent ... of $450 million": the adjective sits before the noun the amount measures
ANNUAL_BEFORE = re.compile(
    r"(?i)\b(?:annual(?:ized|ised)?|yearly|annuel(?:le)?s?)\b(?P<gap>(?:\s+[\w'\u2019-]+){0,6}?)"
    r"\s*$"
)

_ABBREVIATIONS = {
    "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "jr", "sr", "st", "no",
    "vs", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "gov", "sen", "rep", "bros", "cie", "ca", "etc", "fig", "mt",
}
_SENTENCE_END = re.compile(r"[.!?;]+[\"'\u2019\u201d)\]]*(?=\s|$)|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (a semicolon also ends one, for locality).

    A full stop after a known abbreviation ("Inc.", "Corp."), an initial or a dotted
    acronym ("U.S.") does not end a sentence; decimal points never do (no space follows).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith("."):
            word = re.search(r"([\w.]*)$", text[start:m.start()]).group(1)
            if (word.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word)
                    or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)):
                continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The span, among `sentence_spans` output, of the sentence holding `position`."""
    index = bisect.bisect_right(sentences, position, key=lambda span: span[0]) - 1
    return sentences[max(index, 0)]


def parse_number(raw: str, lang: str) -> float:
    """Value of a written figure: digits in the language's convention, or number words."""
    s = raw.strip()
    if not s[0].isdigit():
        return parse_word_number(s)
    s = re.sub(HSPACE, "", s)
    if lang == "fr" and s.count(",") == 1:
        s = s.replace(",", ".")  # French decimal comma; several commas are thousands groups
    return float(s.replace(",", ""))


def parse_word_number(words: str) -> float:
    """ "a" -> 1, "twenty-five" -> 25, "a hundred" -> 100, "cinq mille" -> 5000, "half a" -> 0.5."""
    tokens = re.split(r"[\s-]+", words.lower().strip())
    if tokens[0] == "half":
        return 0.5
    total = 0.0
    for token in tokens:
        value = WORD_VALUES[token]
        total = total * value if value in (100, 1000) and total else total + value
    return total


def scale_value(word: str | None, lang: str) -> float:
    """Multiplier of a scale word; 1 when there is none. French "billion" is 10**12."""
    if not word:
        return 1.0
    key = word.lower()
    if lang == "fr" and key in ("billion", "billions"):
        return FRENCH_BILLION
    return SCALES[key]


_CURRENCY_WORDS = [  # (regex on the lower-cased currency text, ISO code); first match wins
    (r"^(?:c|ca|can)\$|cad|\$can?$|canad", "CAD"), (r"^(?:a|au)\$|aud|\$au$|austral", "AUD"),
    (r"hk|hong", "HKD"), (r"^s\$|sgd|singap", "SGD"), (r"nt\$|twd|taiw|taïw", "TWD"),
    (r"cn¥|cny|rmb|yuan|renminbi", "CNY"), (r"¥|jpy|yen", "JPY"), (r"€|eur", "EUR"),
    (r"£|gbp|pound|sterling|livre", "GBP"), (r"₩|krw|won", "KRW"),
    (r"₹|inr|^rs\.?$|rupee|roupie", "INR"), (r"chf|franc", "CHF"), (r"sar|riyal", "SAR"),
    (r"aed|dirham", "AED"), (r"sek|kron|couronne", "SEK"), (r"\$|usd|dollar|cent|¢", "USD"),
]


def currency_code(written: str) -> str:
    """ISO code of a written currency: "US$" -> USD, "C$" -> CAD, "d'euros" -> EUR, "£" -> GBP.

    A bare "$" is read as US dollars, in French text too (see `transform.money`).
    """
    key = re.sub(rf"^(?:de\s|d{APOS})", "", written.lower().strip())
    key = re.sub(r"\s+", "", key)
    for pattern, code in _CURRENCY_WORDS:
        if re.search(pattern, key):
            return code
    raise ValueError(f"unknown currency {written!r}")
