"""Company names written in lower case, as social posts write them.

"nvda puts $1B into thalassa ai", "kavala compute is borrowing €400M from piraeus bank", "a
norwegian outfit called fjellnett", "$KNVA (kernova)": in a post written in lower case,
capitals no longer mark names, so the open-world finder (transform.entities.parties) sees
none. In such a sentence (`is_lowercase_register`), a name is read from what news writes
around names:

- a rare word or two before a company word ("thalassa ai", "piraeus bank", "yarrowby dc");
- a rare word after "called", "named", "dubbed" ("an outfit called fjellnett");
- a rare word or two in brackets after a cashtag or a description ("$KNVA (kernova)", "a
  bitcoin miner in paraguay (hashbrook)");
- the items of a list a role introduces ("the backers are: bezos expeditions, lg, hyundai",
  "lenders include piraeus bank and alpha", "three banks (tollbridge, kessock)"): there the
  position names them, so an item needs only one word that is not an ordinary one (or a short
  acronym-like word).

"Rare" means not an ordinary word of English or French (`is_common_word`) and no place,
product or function word: "the ai", "some cloud", "big tech" are no names.
"""

from __future__ import annotations

import re

from transform.entities.name_words import is_common_word, not_name_word

# Company words that end a lower-case name ("kavala compute", "siriun semi").
_COMPANY_TAIL = (r"(?:ai|bank|compute|computing|silicon|semi|mining|miners|capital|cloud|labs?|"
                 r"ventures|partners|data\s+cent(?:er|re)s?|data|dc|systems|energy|power|networks|holdings|group|"
                 r"infrastructure|digital|technologies|tech|robotics|fund|credit|reit|vc|grid|"
                 r"colo|infra|realty|hosting|telecom)")
_WORD = r"[a-z][a-z0-9\-]{2,}"
# A deal verb's -ing form ("backstopping", "lending") is rare in word lists but no name.
_DEAL_VERB_ING = re.compile(r"(?:backstopp|lend|fund|buy|sell|leas|rent|financ|refinanc|back|"
                            r"guarantee|acquir|rais|invest|borrow|pay|spend|sign|inject|pump|"
                            r"pour|dropp|throw|sink|plow|underwrit|secur|clos|land|bankroll)ing")
_TAILED = re.compile(rf"\b((?:{_WORD}\s+){{1,2}}){_COMPANY_TAIL}\b")
_CALLED = re.compile(rf"\b(?:called|named|dubbed|aka)\s+({_WORD}(?:\s+{_COMPANY_TAIL})?)\b")
_BRACKETED = re.compile(rf"(?:\$[A-Za-z]{{2,6}}|\b[a-z]+)\s*\(\s*({_WORD}(?:\s+{_WORD})?)\s*\)")


def is_lowercase_register(sentence: str) -> bool:
    """True for a sentence written (almost) without capitals, as posts are: it opens in lower
    case or carries a cashtag or an emoji, and hardly any word is capitalised."""
    words = re.findall(r"\b[^\W\d_][\w'’\-]*", sentence)
    if len(words) < 5:
        return False
    casual = words[0][0].islower() or re.search(r"\$[A-Za-z]{2,6}\b|[\U0001F300-\U0001FAFF]",
                                                sentence)
    capitalised = sum(1 for w in words if w[0].isupper() and not w.isupper())
    return bool(casual) and capitalised <= max(1, len(words) // 12)


# "backers are:", "investors include", "lenders:", "banks (" then the list, to the clause's
# end.
_ROLE_LIST = re.compile(
    r"\b(?:investors|backers|lenders|banks|customers|clients|tenants|buyers|shareholders|"
    r"participants|bidders|suppliers|partners|landlord|lessor|tenant|lender|buyer|seller|"
    r"acquirer|borrower|investor|backer|customer)(?:\s+(?:on|in|of|for|behind)\s+"
    r"(?:[^:.;!?()]|(?<=\d)\.(?=\d)){1,60})?"
    r"\s*(?::|=|\(|\b(?:are|were|is|was|include|included|including|incl)\b:?)\s*"
    r"([^.;!?()]+)")
# "quillfeather's series C", "brandling's seed": a rare word owning a round or a loan.
_OWNS_A_ROUND = re.compile(r"\b([a-z][a-z0-9\-]{3,})['’]s\s+(?:series\s+[a-zA-Z]\b|seed\b|round\b|"
                           r"raise\b|stake\b|shares\b|loan\b|ipo\b|term\s+loan|credit\s+facility|"
                           r"debt\b|lease\b|campus\b)")
# A post's subject: a rare word that opens it (after a thread's "2/"), then a verb
# ("ridgefall sold its campus", "grayhollow walked away from").
_OPENING_NAME = re.compile(r"^\W*(?:\d+/\s*)?([a-z][a-z0-9\-]{3,})\s+([a-z]+)\b")
_FINITE = frozenset("""sold bought paid lent led got put took gave made won struck spent sank
    is was has had will just now also can could may might would should""".split())
_ITEM_SPLIT = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bet\b|\bplus\b)\s*")
_ITEM = re.compile(r"[a-z][a-z0-9\-]*(?:\s+[a-z][a-z0-9\-]*){0,2}")


def _list_items(sentence: str) -> list[tuple[int, int]]:
    """Spans of the names in a list a role introduces (see the module docstring)."""
    spans = []
    for match in _ROLE_LIST.finditer(sentence):
        start = match.start(1)
        for piece in _ITEM_SPLIT.split(match.group(1)):
            at = sentence.find(piece, start) if piece else -1
            if at < 0:
                continue
            start = at + len(piece)
            words = piece.split()
            if not _ITEM.fullmatch(piece) or not words:
                continue
            # "others", "a few angels", "some big funds": no name
            if any(w in ("others", "more", "etc", "some", "few", "a", "the") for w in words):
                continue
            if any(_rare(w) for w in words if len(w) > 2) or (
                    len(words) == 1 and 2 <= len(words[0]) <= 3 and not is_common_word(words[0])):
                spans.append((at, at + len(piece)))
    return spans


def _rare(word: str) -> bool:
    return not is_common_word(word) and not not_name_word(word, False)


# "a korean memory startup nobody has heard of (siriun semi)": the description before a
# bracketed name is that name's noun phrase.
_DESCRIBED = re.compile(r"\b(?:a|an|the|une?|la|le)\s+(?:[a-z][\w\-]*\s+){0,7}?$")


def described_start(sentence: str, start: int) -> int:
    """Where the noun phrase a bracketed name labels starts ("a company (yarrowby dc)"), or
    `start` when no description stands right before the bracket."""
    bracket = sentence.rfind("(", 0, start)
    if bracket < 0 or sentence[bracket + 1:start].strip():
        return start
    found = _DESCRIBED.search(sentence[:bracket].rstrip() + " ")
    return found.start() if found else start


def lowercase_names(sentence: str) -> list[tuple[int, int]]:
    """Spans of the company names a lower-case sentence writes (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for match in _TAILED.finditer(sentence):
        words = match.group(1).split()
        # "a korean memory startup siriun semi"; "backstopping corrand compute": a verb's
        # -ing form opens no name
        while words and (not _rare(words[0]) or _DEAL_VERB_ING.fullmatch(words[0])):
            words = words[1:]
        if words and all(_rare(w) for w in words):
            start = match.start(1) + match.group(1).index(words[0])
            spans.append((start, match.end()))
    for pattern in (_CALLED, _BRACKETED, _OWNS_A_ROUND):
        for match in pattern.finditer(sentence):
            if _rare(match.group(1).split()[0]):
                spans.append(match.span(1))
    spans += _list_items(sentence)
    opening = _OPENING_NAME.match(sentence)
    # (two vowels at least: "nvda", "msft" are tickers, which the entity table reads)
    if opening and _rare(opening.group(1)) and len(re.findall(r"[aeiouy]",
                                                               opening.group(1))) >= 2 and \
            not re.fullmatch(_COMPANY_TAIL, opening.group(2)) and (
            opening.group(2) in _FINITE or (
                re.search(r"(?:ed|[^s]s)$", opening.group(2)) and
                is_common_word(opening.group(2)) and not not_name_word(opening.group(2), False))):
        spans.append(opening.span(1))
    spans.sort(key=lambda span: (span[0], -span[1]))  # the longer of two at one start
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
