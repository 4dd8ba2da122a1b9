"""What a money amount in a news sentence is *for*: a deal figure, or one of the figures that
travel with deals but are not flows of money between the parties.

The rules (English and French) read only a few words around the figure, inside its sentence
and never across another amount:

1. Right after the figure: "$23 a share" / "per share" / "apiece" -> share_price; "$250 target"
   (unscaled) -> price_target; "a $300 billion valuation", "a $10 billion startup" ->
   valuation; "$5T market cap", "a trillion-dollar company" -> market_value; "$1 billion in
   revenue" -> revenue; "in losses", "a $3 billion charge" -> earnings; "to build" -> capex;
   "in cash and equivalents" -> cash_balance; "a $60 billion buyback" -> buyback; "a $5 billion
   fund" -> fund_size; "a $40 billion funding round" -> round_total (the whole round, not one
   investor's share; a debt "financing package" stays a deal).
2. Otherwise the nearest cue before the figure wins, if at most a few words separate them and
   no transaction verb (pay, invest, buy, raise, lend...) stands between: "price target",
   "exercise price", "market value", "valuation", "revenue", "guidance", "net loss", "lost",
   "capital expenditure" (also "capex guidance"), "cash balance of", "fund ... at",
   "burning", "bringing its total ... to" (cumulative_total). On a tie, the more specific cue
   wins ("capex guidance" is capex, not revenue guidance).
3. "valued at" / "worth" / "vaut" / "pèse" / "d'une valeur de" take the role of the noun they
   describe, read backwards past fillers ("is", "now", "which was"): a deal noun (deal,
   agreement, contract, transaction, order, pact, acquisition, investment...) -> deal;
   stake/holding -> stake_value; a company noun (company, startup, maker...) or a name ->
   valuation ("valued at") or market_value ("worth"). A name after a preposition ("stake in
   OpenAI") is skipped, except in a comma apposition with "valued at" ("Anthropic, valued at
   $183 billion"). With no noun, "valued at" means valuation and "worth" a deal.
   "values X at" / "valorisant X à" is a valuation unless X is a deal noun or the subject is
   an acquisition ("the takeover values Arm at $40 billion" is the price paid).
4. "spend"/"invest": when the phrase right after the figure ("in ...", "on ...") names
   something built (data centers, infrastructure, plants, fabs, campus...) it is capex;
   when it or the rest of the clause names a counterparty (a name or a company noun after
   in/on/with/from/to) it is a deal ("spend billions on Google's TPUs", "invest $5 billion in
   Intel"); otherwise "spend" is capex and "invest" a deal.
5. An amount with no cue of its own inherits a non-deal role from the amount just before it in
   the same sentence when only a connector separates them ("to $260 from $200", "$70 billion
   to $72 billion") or by ellipsis ("while Broadcom's climbed past $1.5 trillion", "celle de
   Microsoft"); a figure in parentheses right after another is its conversion (equivalent).
6. A small unscaled figure (< 1,000) near words about shares or stock is a share_price;
   an unscaled figure "per GPU", "an hour", "per MWh" is a unit_price.
Everything else is a candidate deal amount ("deal").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transform.money.patterns import sentence_of

DEAL = "deal"
# every role an amount can get; only DEAL is a candidate deal amount
ROLES = (DEAL, "valuation", "market_value", "share_price", "price_target", "unit_price",
         "revenue", "earnings", "capex", "cash_balance", "buyback", "fund_size", "round_total",
         "stake_value", "cash_burn", "cumulative_total", "equivalent")


class Located(NamedTuple):
    """An amount as role classification needs it: its span, value and whether it had a scale."""

    start: int
    end: int
    value: float | None
    scaled: bool


_A = "['\u2019]"
DEAL_NOUNS = {
    "deal", "agreement", "contract", "transaction", "order", "pact", "acquisition", "takeover",
    "buyout", "merger", "purchase", "investment", "commitment", "package", "financing", "loan",
    "facility", "lease", "partnership", "arrangement", "offer", "bid", "sale", "tender", "award",
    "accord", "backstop", "guarantee", "settlement", "bond", "debt", "note", "placement",
    "contrat", "commande", "rachat", "investissement", "prêt", "bail", "financement",
    "opération", "offre", "engagement", "partenariat", "cession", "fusion",
}
STAKE_NOUNS = {"stake", "holding", "holdings", "position", "participation", "shareholding",
               "interest"}
COMPANY_NOUNS = {
    "company", "firm", "startup", "start-up", "maker", "developer", "chipmaker", "designer",
    "provider", "operator", "lab", "business", "group", "unit", "subsidiary", "giant", "rival",
    "platform", "unicorn", "competitor", "entreprise", "société", "groupe", "fabricant",
    "licorne", "pépite", "jeune",
}
_FILLERS = {
    "is", "are", "was", "were", "be", "been", "being", "now", "currently", "reportedly",
    "initially", "already", "most", "recently", "last", "once", "which", "that", "who", "it",
    "collectively", "together", "potentially", "could", "would", "might", "may", "will",
    "estimated", "previously", "then", "said", "to", "and", "a", "an", "the", "its", "their",
    "his", "her", "this", "est", "était", "sera", "été", "désormais", "actuellement",
    "qui", "déjà", "le", "la", "les", "l", "un", "une", "aujourd'hui",
}
_PREPOSITIONS = {"in", "of", "with", "from", "for", "by", "on", "at", "into", "between",
                 "dans", "de", "du", "des", "avec", "chez", "auprès", "en"}
_ACQUISITION = re.compile(r"(?i)\b(?:acquisition|takeover|buyout|merger|offer|bid|rachat|OPA)\b")
TRANSACTION_VERB = re.compile(
    r"(?i)\b(?:pay|pays|paid|paying|invest\w*|buy|buys|buying|bought|purchas(?:es|ed|ing)"
    r"|acquir\w+|spend\w*|spent|lend\w*|lent|borrow\w*|rais(?:e|es|ed|ing)|sell\w*|sold"
    r"|commit\w*|receiv\w+|gets?|getting|got|puts?|putting|pour(?:s|ed|ing)|inject\w*"
    r"|secur(?:e|es|ed|ing)|obtain\w*|sign(?:s|ed|ing)?|agree\w*|award\w*|rent(?:ed|ing)"
    r"|leas(?:es|ed|ing)|suppl\w+|provid\w+|cover\w*|vers(?:e|er|era|é|ée|ent|ant|ait|eront)"
    r"|pai(?:d|e|era|ent|eront)|achet\w*|achèt\w*|rachet\w*|rachèt\w*|acqu[ié]\w*|dépens\w*"
    r"|lev[ée]\w*|lèv\w*|prêt[ée]\w*|décroch\w*|obten\w*|obtien\w*|céd\w*"
    r"|vend(?:re|u|ue|ra|ent|ait)|lou[ée]\w*|engag\w*)\b"
)
# words before a head noun that do not name it: "which", "now", prepositions, articles
_NOT_A = (r"(?:(?!(?:from|to|in|into|by|with|of|for|and|or|the|its|their|at|on|over|debt|credit"
          r"|loan|that|which|who|will|would|could|can|may|is|was|de|du|des|à|et|pour)\b)[\w-]+\s+)")

_RIGHT_CUES = [  # (role, pattern at the start of the text after the figure)
    ("share_price", rf"\s*(?:(?:a|per|each|for\s+each|/)\s*(?:common\s+|ordinary\s+)?"
                    rf"(?:share|ADS|ADR)\b|per-share\b|apiece\b|a\s+piece\b|par\s+action\b"
                    rf"|l{_A}action\b)"),
    ("market_value", rf"\s*{_NOT_A}?(?:market\s+(?:value|cap(?:italization|italisation)?"
                     r"|valuation)|market-cap)\b|\s*(?:de\s+)?(?:capitalisation|valeur\s+boursière)"),
    ("market_value", rf"\s*{_NOT_A}?(?:compan(?:y|ies)|firms?|(?:market-)?cap)\b"),
    ("valuation", rf"\s*{_NOT_A}{{0,2}}valuation\b|\s*(?:de\s+)?valorisation\b"
                  rf"|\s*{_NOT_A}?(?:startups?|start-ups?|unicorns?)\b"),
    ("revenue", rf"\s*(?:(?:in|of)\s+)?{_NOT_A}{{0,2}}(?:revenues?|sales|bookings|turnover"
                rf"|backlog|ARR)(?![\w-])(?!\s+(?:agreement|deal|contract|pact))"
                rf"|\s*(?:de\s+|en\s+)?(?:chiffre\s+d{_A}affaires|revenus?|ventes)\b"),
    ("earnings", rf"\s*(?:(?:in|of)\s+)?{_NOT_A}{{0,2}}(?:net\s+)?(?:loss(?:es)?|profits?|income"
                 r"|earnings|EBITDA|hit|charges?|write-?downs?|impairments?)(?![\w-])"
                 r"|\s*(?:de\s+)?(?:pertes?|bénéfices?|dépréciations?)\b"),
    ("cash_balance", r"\s*(?:in|of)\s+(?:cash|liquidity)\s+(?:and\s+(?:cash\s+)?equivalents"
                     r"|on\s+hand|reserves)\b|\s*(?:de\s+)?trésorerie\b"),
    ("buyback", rf"\s*{_NOT_A}{{0,2}}(?:buy-?backs?|repurchases?)\b|\s*(?:de\s+)?rachats?\s+"
                r"d['\u2019]actions"),
    ("capex", r"\s*to\s+(?:build|construct|develop)\b"
              rf"|\s*(?:(?:in|of|on)\s+)?{_NOT_A}?(?:capital\s+(?:expenditures?|spending"
              rf"|investments?|outlays?)|capex)\b|\s*(?:de\s+|d{_A})?dépenses\s+d{_A}investissement"),
    ("fund_size", rf"\s*{_NOT_A}{{0,3}}funds?(?![\w-])|\s*for\s+(?:its|a|the|their)\s+"
                  rf"{_NOT_A}{{0,3}}funds?(?![\w-])"),
    ("round_total", rf"\s*{_NOT_A}{{0,2}}(?:round|fundraising|fund-raising|raise"
                    r"|financing(?!\s+(?:package|facility|deal|agreement|commitment)))(?![\w-])"
                    r"|\s*Series\s+[A-H]\b|\s*(?:de\s+)?(?:levée\s+de\s+fonds|tour\s+de\s+table)"),
]
_RIGHT = [(role, re.compile(rf"^(?:{p})", re.IGNORECASE)) for role, p in _RIGHT_CUES]
_PRICE_TARGET_RIGHT = re.compile(r"(?i)^\s*(?:[\w-]+\s+)?(?:price\s+)?targets?\b|^\s*objectif")
_UNIT_PRICE_RIGHT = re.compile(r"(?i)^\s*(?:a|an|per|each|/)\s*(?:GPU|chip|server|unit|hour"
                               r"|kWh|MWh|megawatt|MW|token)")

# (role, pattern for the cue, how many words may separate the cue from the figure)
_LEFT_CUES = [
    ("price_target", r"price\s+targets?|target\s+price|price\s+objective|objectif\s+de\s+cours", 5),
    ("share_price", r"(?:exercise|strike|conversion|offering|offer|IPO|share|stock|closing"
                    r"|opening|trading|reference)\s+price|IPO\s+(?:at|of)|shares?\s+(?:closed"
                    r"|ended|finished|opened|traded|trade|rose|fell|jumped|climbed|slid|dropped"
                    r"|sank|surged|soared|gained|tumbled|plunged|hit)|stock\s+(?:closed|rose|fell"
                    r"|jumped|hit|traded)|(?:priced|pricing)\s+(?:its\s+|the\s+)?(?:shares|IPO"
                    rf"|offering|stock)|cours\s+de\s+l{_A}action|prix\s+d{_A}exercice", 4),
    ("market_value", r"market\s+(?:value|cap(?:italization|italisation)?|valuation)|market-cap"
                     r"|capitalisation(?:\s+boursière)?|valeur\s+(?:boursière|de\s+marché)"
                     r"|(?:first|only|second|third)\s+(?:[\w-]+\s+){0,2}compan(?:y|ies)\s+"
                     r"(?:ever\s+)?(?:to\s+\w+|worth|valued\s+at)", 6),
    ("valuation", r"valuation|valorisation|post-money|pre-money", 5),
    ("?values", r"\b(?:values|value|valuing|valoris(?:e|ent|ant|era|erait|eraient|ait|aient))\s+"
                r"(?P<obj>[^,;.]{0,60}?)\s+(?:at|à)", 0),
    ("?valued", r"\b(?:valued|valorisée?s?|évaluée?s?)\s+(?:at|à)", 0),
    ("?worth", r"\b(?:worth|vaut|valait|vaudrait|pèse|pesait)\b", 0),
    ("?value", rf"(?<!market\s)\bvalue\s+(?:of|is|was|at)|d{_A}une\s+valeur\s+(?:de|d{_A})", 1),
    ("capex", r"(?:capital\s+(?:expenditures?|spending|investments?|outlays?)|capex"
              rf"|dépenses\s+d{_A}investissement)(?:\s+(?:guidance|forecast|outlook|budget"
              r"|plans?))?", 6),
    ("revenue", r"revenues?|\bsales|turnover|bookings|backlog|performance\s+obligations|\bRPO\b"
                rf"|guidance|run[-\s]rate|\bARR\b|chiffre\s+d{_A}affaires|revenus?|ventes"
                r"|carnet\s+de\s+commandes", 5),
    ("earnings", r"\b(?:loss|losses|profits?|earnings|income|EBITDA)\b"
                 r"|perte\w*|bénéfice\w*|résultat\s+net|free\s+cash\s+flow", 4),
    ("earnings", r"\b(?:lose|loses|lost|losing)\b", 0),  # "lost $5 billion", not "lose a deal"
    ("cash_balance", r"cash\s+(?:and\s+(?:cash\s+)?equivalents|balance|pile|reserves|position)"
                     r"(?:\s+of)?", 3),
    ("buyback", r"\b(?:buy\s*back|buybacks?|repurchase)\b", 2),
    ("?spend", r"\b(?:spend|spends|spending|spent|dépenser|dépensera|dépense|dépensé)\b", 4),
    ("?invest", r"\b(?:invest|invests|investing|invested|investir|investira|investit|investi"
                r"|investissent|investiront)\b", 4),
    ("fund_size", r"\bfunds?\s+(?:[\w-]+\s+){0,2}?(?:at|of|totaling|totalling|size\s+of|with)"
                  rf"|fund{_A}s\s+size|(?<!levée\sde\s)fonds\s+(?:de|doté\s+de)", 2),
    ("round_total", r"funding\s+round|financing\s+round|fundraising|fund-raising"
                    r"|levée\s+de\s+fonds|tour\s+de\s+table", 2),
    ("cash_burn", r"\bburn(?:s|ed|ing)?(?:\s+through)?\b|cash\s+burn|brûl\w*", 3),
    ("cumulative_total", r"\b(?:bring|brings|bringing|raising|taking|lifting|pushing)\s+"
                         r"(?:its|their|the|his|her)\s+(?:[\w-]+\s+){0,2}?total\s+(?:[\w-]+\s+)"
                         r"{0,3}?to|\btotal\s+(?:investment|commitment|funding|investments"
                         r"|commitments)\s+(?:to\s+date\s+)?(?:of|to|at)"
                         r"|portant\s+(?:son|sa|leur|le|la)\s+(?:[\w-]+\s+){0,2}?total\w*\s+à", 1),
    (DEAL, r"\b(?!sales\b)(?:" + "|".join(sorted(DEAL_NOUNS)) + r")s?\s+(?:of|for|totaling"
           rf"|totalling|amounting\s+to|de|d{_A}un\s+montant\s+de|s{_A}élevant\s+à|pour)", 1),
]
_LEFT = [(role, re.compile(p, re.IGNORECASE), gap) for role, p, gap in _LEFT_CUES]

_COUNTERPARTY = re.compile(
    rf"(?i)\b(?:in|on|with|from|to|into|at|for|dans|chez|auprès\s+de|avec)\s+"
    rf"(?:(?:the|a|an|its|le|la|les)\s+|l{_A}\s*)?(?P<tok>[\w'\u2019&.-]+)"
)
_NOT_NAMES = {  # capitalised words that name a technology or a place, not a counterparty
    "ai", "gpu", "gpus", "tpu", "tpus", "cpu", "cpus", "it", "r&d", "hpc", "llm", "llms", "ml",
    "us", "u.s", "u.s.", "usa", "america", "american", "united", "uk", "britain", "europe",
    "european", "eu", "asia", "china", "india", "japan", "france", "germany", "canada",
    "texas", "fiscal", "q1", "q2", "q3", "q4", "h1", "h2",
}
# what is built rather than bought from someone: compute *capacity* bought from a cloud is a deal
_CAPEX_OBJECTS = re.compile(
    r"(?i)\b(?:infrastructure|data[\s-]?cent(?:er|re)s?|facilit(?:y|ies)|plants?|factor(?:y|ies)"
    r"|fabs?|expansion|build-?out|construction|projects?|sites?|campus(?:es)?|research"
    r"|centres\s+de\s+données|usines?|infrastructures?)\b"
)
_PREPOSITION = r"(?:in|on|into|for|dans|en|pour)"
_TO_BUY_FROM_NAMED = re.compile(
    r"^\s*(?:to|pour)\s+(?:buy|purchase|acquire|order|rent|lease|acheter|louer)\s+"
    r"(?:(?:the|a|an|more|des|de)\s+)?(?:[\w\-]+\s+){0,2}?[A-Z][\w\-]*(?:['’]s)?\s")
_CLAUSE_END = re.compile(r"[,;]|(?<![A-Z])\.(?:\s|$)")  # "U.S. chip plants" stays one clause
_FIRST_OBJECT = re.compile(rf"(?i)^\s*{_PREPOSITION}\s+(?P<obj>.*?)(?=\s+(?:{_PREPOSITION}|from"
                           r"|with|at|to|by)\s|$)")
_CONNECTOR = re.compile(r"(?i)^\s*,?\s*(?:and|or|to|from|-|–|—|versus|vs\.?|compared\s+(?:with|to)"
                        r"|(?:up|down)\s+from|et|à|contre|ou)?\s*,?\s*$")
_ELLIPSIS = re.compile(
    r"(?i)\b[\w.&-]+['\u2019]s\s+(?:climbed|rose|risen|reached|topped|hit|fell|fallen|stood|stands"
    r"|was|is|has|had|jumped|surged|soared|dropped|slid|crossed|passed|exceeded|surpassed"
    r"|approached|neared|grew|grown|came|totaled|totalled|increased|decreased|declined|edged"
    r"|sits|hovers|hovered|remains|ended|closed)\b|\b(?:celle|celui|celles|ceux)\s+d(?:e|u|es|['\u2019])"
)
_EQUIVALENT = re.compile(r"(?i)^\s*[(\[]\s*(?:or|soit|i\.e\.|that\s+is|about|roughly)?\s*$")
_SHARE_CONTEXT = re.compile(r"(?i)\b(?:shares?|stock|IPO|actions?)\b")


def classify_roles(text: str, amounts: list[Located],
                   sentences: list[tuple[int, int]]) -> list[str]:
    """The role of each amount (sorted by start, non-overlapping) found in `text`."""
    own: list[str | None] = []
    windows: list[tuple[str, str]] = []
    for i, amount in enumerate(amounts):
        s_start, s_end = sentence_of(sentences, amount.start)
        prev_end = amounts[i - 1].end if i and amounts[i - 1].end > s_start else s_start
        next_start = (amounts[i + 1].start if i + 1 < len(amounts)
                      and amounts[i + 1].start < s_end else s_end)
        left = text[max(prev_end, amount.start - 160):amount.start]
        right = text[amount.end:min(next_start, amount.end + 100)]
        windows.append((left, right))
        own.append(_right_role(right, amount) or _left_role(left, right)
                   or _share_context(text[max(s_start, amount.start - 150):
                                          min(s_end, amount.end + 150)], amount))
    roles: list[str] = []
    for i, role in enumerate(own):
        if role is None and i and _same_sentence(amounts[i - 1], amounts[i], sentences):
            gap = windows[i][0]
            if _EQUIVALENT.match(gap):
                role = "equivalent"
            elif roles[i - 1] not in (DEAL, "equivalent") and (
                    _CONNECTOR.match(gap) or _ELLIPSIS.search(gap)):
                role = roles[i - 1]
        roles.append(role or DEAL)
    return roles


def _same_sentence(a: Located, b: Located, sentences: list[tuple[int, int]]) -> bool:
    return sentence_of(sentences, a.start) == sentence_of(sentences, b.start)


def _right_role(right: str, amount: Located) -> str | None:
    if not amount.scaled and _PRICE_TARGET_RIGHT.match(right):
        return "price_target"
    if not amount.scaled and _UNIT_PRICE_RIGHT.match(right):
        return "unit_price"
    return next((role for role, pattern in _RIGHT if pattern.match(right)), None)


def _left_role(left: str, right: str) -> str | None:
    """Role from the nearest valid cue before the figure (rules 2-4 of the module doc)."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for priority, (role, pattern, max_gap) in enumerate(_LEFT):
        match = next(reversed(list(pattern.finditer(left))), None)
        if match is None:
            continue
        gap = left[match.end():]
        if (len(gap.split()) > max_gap or re.search(r"[,;()]", gap)
                or TRANSACTION_VERB.search(gap)):
            continue
        key = (match.end(), -priority)
        if best is None or key > best[:2]:
            best = (match.end(), -priority, role, match)
    if best is None:
        return None
    role, match = best[2], best[3]
    if role == "?values":
        if _has_noun(match.group("obj"), DEAL_NOUNS) or _ACQUISITION.search(
                left[max(0, match.start() - 60):match.start()]):
            return DEAL
        return "valuation"
    if role in ("?valued", "?worth", "?value"):
        return _head_noun_role(left[:match.start()], role)
    if role in ("?spend", "?invest"):
        return _spending_role(role, _CLAUSE_END.split(right, maxsplit=1)[0])
    return role


def _spending_role(kind: str, clause: str) -> str:
    """Rule 4: what the money is spent on, read first from the phrase right after it."""
    if _TO_BUY_FROM_NAMED.match(clause):
        return DEAL  # "spend $10 billion to buy Broadcom chips": paid to the chip maker
    first = _FIRST_OBJECT.match(clause)
    if first and _CAPEX_OBJECTS.search(first.group("obj")):
        return "capex"  # "invest $20 billion in data centers in Pennsylvania"
    if (first and _has_counterparty(first.group(0))) or _has_counterparty(clause):
        return DEAL
    return "capex" if kind == "?spend" or _CAPEX_OBJECTS.search(clause) else DEAL


def _has_noun(words: str, nouns: set[str]) -> bool:
    return any(_singular(w.lower(), nouns) in nouns for w in re.findall(r"[\w-]+", words))


def _singular(word: str, nouns: set[str]) -> str:
    return word[:-1] if word not in nouns and word.endswith("s") else word


def _head_noun_role(before: str, kind: str) -> str:
    """Role of "valued at"/"worth"/"value of" from the noun phrase it follows (rule 3)."""
    company_role = "market_value" if kind == "?worth" else "valuation"
    tokens = re.findall(r"[\w'\u2019&.-]+|,", before)[-12:]
    after_comma = False
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token == ",":  # noqa: S105 - a comma token, not a password
            after_comma = True
            continue
        low = re.sub(r"['\u2019]s$", "", token.lower()).strip(".'\u2019")
        if low in _FILLERS or low in _PREPOSITIONS:
            continue
        noun = low if low in DEAL_NOUNS | STAKE_NOUNS | COMPANY_NOUNS else low.rstrip("s")
        if noun in DEAL_NOUNS:
            return DEAL
        if noun in STAKE_NOUNS:
            return "stake_value"
        if noun in COMPANY_NOUNS:
            return company_role
        if any(c.isupper() for c in token):
            before_name = tokens[i - 1].lower() if i else ""
            if before_name in _PREPOSITIONS and not (after_comma and kind == "?valued"):
                continue  # "stake in OpenAI is worth": OpenAI is not what is worth it
            return company_role
        break  # another content word: the phrase is not one we can read
    return "valuation" if kind == "?valued" else DEAL


def _has_counterparty(clause: str) -> bool:
    for match in _COUNTERPARTY.finditer(clause):
        token = re.sub(r"['\u2019]s$", "", match.group("tok"))
        if token.lower() in COMPANY_NOUNS:
            return True
        parts = [p for p in re.split(r"-", token) if p]
        if any(any(c.isupper() for c in p) and p.lower().strip(".") not in _NOT_NAMES
               for p in parts):
            return True
    return False


def _share_context(sentence: str, amount: Located) -> str | None:
    small = amount.value is not None and not amount.scaled and amount.value < 1000
    return "share_price" if small and _SHARE_CONTEXT.search(sentence) else None
