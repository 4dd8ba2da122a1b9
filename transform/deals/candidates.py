"""Candidate deals of one sentence: frames matched on the skeleton, their parties and
amounts, and the rules that keep one reading per pair (conflicts, contrast, vendor over brand).

Used by `transform.deals.extractor`, which adds status, negation and the document around.
"""

from __future__ import annotations

import re

from transform.deals.coordination import ellipsis, object_list, participants
from transform.deals.deal_types import MONEY_KINDS, direction_by_kind, refine_type
from transform.deals.frames import FRAMES, Frame
from transform.deals.frames_french import FRENCH_FRAMES
from transform.deals.frames_holdings import HOLDING_FRAMES
from transform.deals.lexicon import word_prefixes
from transform.deals.skeleton import (
    COORD_VP,
    PLACEHOLDER,
    Candidate,
    Skeleton,
    clause_end,
    group_parties,
    own_amount_of,
)
from transform.entities.discourse import OBJECT_PREPOSITIONS
from transform.entities.parties import Discourse, Party, is_headline
from transform.money.amounts import Amount

# A passive verb inside an active frame's match: "Deci ... was acquired by Nvidia" is not
# Deci acquiring Nvidia.
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+\s+)?(?:acquired|bought|purchased|leased|"
    r"rented|lent|loaned|supplied|provided|granted|issued|sold|backed|funded|financed|"
    r"invested|taken)\b(?:\s+[\w⟨⟩]+){0,3}?\s+by\b",
    re.IGNORECASE,
)
_CONTRACT_FROM = re.compile(r"\b(?:contracts?|deals?|orders?|agreements?|pacts?)\s+from\b",
                            re.IGNORECASE)
_STAKE_FRAMES = frozenset({"holds_stake_in", "owns_percent_of", "poss_percent_stake", "stake_in",
                           "investment_in"})
_STAKE_EXIT = re.compile(r"\b(?:sold|sells?|selling|divest\w*|exit\w*|offload\w*|dump\w*|"
                         r"trimm?\w*|cut|cuts|reduc\w*|cède|cédé|vend\w*)\b", re.IGNORECASE)
_SALE = re.compile(r"\b(?:sell|sells|sold|sale|purchase\s+price)\b", re.IGNORECASE)
_OPTION_TO_BUY = re.compile(r"\b(?:warrants?|rights?|options?)\s+to\s+(?:buy|purchase|acquire)\b",
                            re.IGNORECASE)
# Court-ordered payments and hypotheticals are not deals between the parties.
# "... led by Valor and Apollo to buy Nvidia chips": a party after a preposition followed by
# "to <verb>" is not the subject of that verb (a headline's "Oracle to Buy" is).
_OBJECT_THEN_TO = re.compile(r"\b(?:by|from|with|of|for|to|at|in|and)\s+$", re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"(?:\b(?:a|an|the|its|their|this|that|our|his|her)|\d[\w-]*|-\w+|"
                          r"⟨[MX]\d+⟩)\s+$", re.IGNORECASE)


def _trigger_is_a_verb(skel_text: str, match: re.Match[str], headline: bool) -> bool:
    """False when the frame's trigger word is a noun: "an Order Form", "a 15-year lease",
    "a Securities Purchase Agreement" (capitalised mid-sentence outside a headline)."""
    if "V" not in match.re.groupindex or match.group("V") is None:
        return True
    start = match.start("V")
    before = skel_text[:start]
    if _NOUN_BEFORE.search(before):
        return False
    if not headline and skel_text[start].isupper() and before.strip():
        return False
    return True


_AS_BORROWER = re.compile(r"(?:,?\s*(?:Inc\.|LLC|Ltd\.?|Corp\.?|plc|N\.V\.|S\.A\.))*"
                          r"(?:,?\s+as\s+(?:the\s+)?borrower\b|\s*\(\s*the\s+[\"“]Borrower)",
                          re.IGNORECASE)


def _from_injected_subject(frame: Frame, match: re.Match[str],
                           skel: Skeleton) -> re.Match[str] | None:
    """A match whose subject stands before a coordinated verb phrase's injected subject
    ("... GPUs from AMD, and ⟨Q0⟩ to spend $300B on Oracle") is read from that subject
    instead: the verb phrase is its; None when the frame does not match from there."""
    if not match.group().startswith("⟨"):
        return match
    at = skel.injected_between(match.start(), match.end())
    if at is None:
        # "..., and in August ⟨Q2⟩ signed a deal with ⟨P3⟩": a clause with a subject of its own
        clause = _OWN_SUBJECT_CLAUSE.search(skel.text, match.start() + 1, match.end())
        at = clause.start(1) if clause else None
    if at is None or skel.text.startswith(skel.text[at:skel.text.index("⟩", at) + 1],
                                          match.start()):
        return match  # the match's own subject is the one injected: its reading stands
    return frame.pattern.match(skel.text, at)


# ", and in August ⟨Q2⟩ signed", ", but ⟨P1⟩ then bought": a coordinated clause that writes its
# own subject before its verb.
_OWN_SUBJECT_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas|et|mais)\s+(?:(?:in|on|at|by|last|this|next|earlier|later|"
    r"then|also|separately|meanwhile)\b[^,⟨;]{0,25}?\s+)?(⟨[PQ]\d+⟩)\s+(?:also\s+|then\s+|"
    r"has\s+|had\s+|have\s+|will\s+|would\s+)?[a-z]+(?:ed|s)\b")


# ", and ⟨P0⟩ has contracted to ...": a clause of its own (its subject written or injected).
# ", and ⟨P1⟩ will ...", or the main verb after an appositive (", said on Tuesday ..."): what
# follows is another statement, with its own figures.
_NEXT_CLAUSE = re.compile(r",?\s+(?:and|et)\s+⟨[PQ]\d+⟩\s+(?=[a-z])|,\s+(?:said|says|announced|"
                          r"reported|told|added|a\s+annoncé|a\s+indiqué)\b")
_RELATIVE_CLAUSE = re.compile(r",[^,;⟨]{0,60}?\b(?:qui|which|who)\s+(?:has|have|had|a|avait|"
                              r"already|déjà|previously)\b", re.IGNORECASE)
_POSSESSOR = re.compile(r"['’]s?\s")
_GENITIVE_BEFORE = re.compile(r"\b(?:of|de|du|d['’])\s*$", re.IGNORECASE)
# A company named after one of these is no subject ("includes $5B from A", "5 M€ de A"):
# the discourse's prepositions, and "de" after a figure.
_OBJECT_BEFORE = re.compile(r"\b(?:" + OBJECT_PREPOSITIONS + r"|de\s+)(?:the\s+)?$",
                            re.IGNORECASE)


def _special_role(role: str, skel: Skeleton, match: re.Match[str],
                  discourse: Discourse) -> list[tuple[Party, int]]:
    """Parties for the frame roles SUBJECT and BENEFICIARY."""
    if role == "SUBJECT":
        first = next((p for p in skel.parties if p.via != "pronoun"), None)
        if first is not None and \
                not _OBJECT_BEFORE.search(skel.text, 0, max(skel.position(first), 0)):
            return [(first, 0)]
        # "The loan includes $5B from A and $3B from B": the first company named is the
        # object of a preposition, so the sentence's subject is no company; the text's topic
        # is meant.
        role = "TOPIC"
    if role == "TOPIC" and discourse.subjects:
        # "Sutter Hill led the round": the company an earlier sentence was about.
        # An investor that led an earlier sentence ("A and B are leading the round for the
        # company") is not the company raising: the one before it is.
        # (a company this sentence names as a possessor, "backers of Mistral", "Mistral's
        # round", is the one the text is about, not an investor)
        named = {p.entity_id for p in skel.parties if p.via not in ("pronoun", "description")
                 and not _POSSESSOR.match(skel.text, skel.text.index("⟩", skel.position(p)) + 1)
                 and not _GENITIVE_BEFORE.search(skel.text, 0, max(skel.position(p), 0))}
        raiser = [discourse.last_raiser] if discourse.last_raiser else []
        earlier = [p for p in [*raiser, *reversed(discourse.subjects)]
                   if p.entity_id not in named]
        topic = next((p for p in earlier if p.kind not in MONEY_KINDS),
                     earlier[0] if earlier else None)
        if topic is not None:
            return [(topic, 0)]
    if role in ("CONTEXT", "TOPIC"):
        # "Macquarie provided the financing": for whoever the text is about.
        payer = skel.parties[int(match.group("A"))] if match.groupdict().get("A") else None
        # Every party the match names is on the paying side (a list of investors), never
        # the company the text is about.
        inside = {skel.parties[int(m.group(2))].entity_id
                  for m in PLACEHOLDER.finditer(skel.text, *match.span())}
        exclude = inside | ({payer.entity_id} if payer else set())
        before = [p for p in skel.parties if p.via != "pronoun" and p is not payer]
        if role == "TOPIC":  # what the text is about was named before the match, if here
            before = [p for p in before if skel.to_sentence(match.start()) >= p.end]
            # "X, as borrower, the lenders party thereto and Y, as administrative agent"
            borrower = [p for p in before if _AS_BORROWER.match(
                skel.text, skel.text.index("⟩", skel.position(p)) + 1)]
            if borrower:
                return [(borrower[0], 0)]
        target = discourse.antecedent(None, before, exclude)
        return [(target, 0)] if target is not None else []
    if role == "BENEFICIARY":
        exclude = {skel.parties[int(match.group(g))].entity_id
                   for g in ("A", "C") if match.groupdict().get(g) is not None}
        before = [p for p in skel.parties if p.via != "pronoun"]
        target = discourse.antecedent(_BENEFICIARY_KINDS, before, exclude)
        return [(target, 0)] if target is not None else []
    return []


# "X, which raised $400M last year, turned to Y": a relative clause's figure is another deal's.
_IN_RELATIVE_CLAUSE = re.compile(r",\s*(?:qui|which|who|that|lequel|laquelle|dont|having|"
                                 r"after|après)\b[^,]*$", re.IGNORECASE)


def _pick_amount(skel: Skeleton, span: tuple[int, int], used: set[int],
                 after_party: int | None) -> Amount | None:
    """A candidate deal amount: right after a listed party, inside the match, else next in
    the clause."""
    text = skel.text
    if after_party is not None:
        own = re.match(r"\s*⟨M(\d+)⟩", text[after_party:])
        if own:
            return skel.amounts[int(own.group(1))]
    inside = [m for m in PLACEHOLDER.finditer(text, span[0], span[1]) if m.group(1) == "M"
              and not _IN_RELATIVE_CLAUSE.search(text, span[0], m.start())]
    fresh = [m for m in inside if int(m.group(2)) not in used]
    for match in fresh or inside:
        return skel.amounts[int(match.group(2))]
    end = clause_end(text, span[1])
    # "... chips from AMD, and to spend $300B on Oracle": a coordinated verb phrase's figure
    # is its own deal's
    coordinated = COORD_VP.search(text, span[1], end) or \
        _NEXT_CLAUSE.search(text, span[1], end)
    end = coordinated.start() if coordinated else end
    for match in PLACEHOLDER.finditer(text, span[1], end):
        if match.group(1) == "M" and int(match.group(2)) not in used:
            return skel.amounts[int(match.group(2))]
    return None


_BENEFICIARY_KINDS = frozenset({"datacenter", "miner", "neocloud", "unknown"})
_CLOUD_KINDS = frozenset({"neocloud", "hyperscaler", "datacenter", "miner"})
# What a frame's `requires_payee` asks of the payee's kind.
_PAYEE_KINDS = {"cloud": _CLOUD_KINDS, "hyperscaler": frozenset({"hyperscaler"})}


def _roles(role: str, match: re.Match[str], skel: Skeleton,
           discourse: Discourse) -> list[tuple[Party, int]]:
    if role in ("SUBJECT", "BENEFICIARY", "CONTEXT", "TOPIC"):
        return _special_role(role, skel, match, discourse)
    return group_parties(match, role, skel)


def find_candidates(skel: Skeleton, sentence: str, discourse: Discourse) -> list[Candidate]:
    """Every deal the frames read in a sentence's skeleton: each match's payers and payees
    (lists, appositives, the subject of a purpose clause and references resolved), its type
    and amount, plus the co-investors and coordinated remnants around it."""
    found: list[Candidate] = []
    headline = is_headline(sentence)
    two_parties = len(re.findall(r"⟨[PQ]\d+⟩", skel.text)) >= 2
    for frame in _frames_for(word_prefixes(skel.text), two_parties):
        for match in frame.pattern.finditer(skel.text):
            found_at = match
            match = _from_injected_subject(frame, match, skel)
            if match is None:
                continue
            injected = match is not found_at
            span = match.span()
            matched = skel.text[span[0]:span[1]]
            if not _trigger_is_a_verb(skel.text, match, headline):
                continue
            if "passive" not in frame.name and "_by" not in frame.name and \
                    _PASSIVE.search(matched):
                continue
            # (a named subject injected again is a subject: "..., and ⟨P0⟩ to spend")
            if not injected and not (span[0] in skel.injected and matched.startswith("⟨P")) \
                    and re.match(r"⟨[PQ]\d+⟩\s+to\s+\w", matched) and \
                    _OBJECT_THEN_TO.search(skel.text[:span[0]]):
                continue  # "asked ⟨P1⟩ to invest": an object, not a subject
            if frame.deal_type == "warrant" and _SALE.search(matched):
                continue  # shares sold for a price are an equity sale, not a warrant
            if frame.name == "goods_secured_from" and _CONTRACT_FROM.search(matched):
                continue  # "wins a compute contract from Meta": Meta is the customer
            if frame.name in _STAKE_FRAMES and _STAKE_EXIT.search(
                    skel.text[max(0, span[0] - 30):span[1]]):
                continue  # a stake sold or cut is money going the other way, or none
            if frame.deal_type == "purchase" and _COLLATERAL.search(
                    skel.text[span[0]:clause_end(skel.text, span[1])]):
                continue  # "using its GPUs as collateral": goods pledged, not bought here
            if frame.deal_type == "equity_investment" and _OPTION_TO_BUY.search(matched):
                continue  # "a warrant to purchase shares" is the warrant, not a purchase
            clause_text = skel.text[span[0]:clause_end(skel.text, span[1])]
            payers = _roles(frame.payer, match, skel, discourse)
            if frame.payer == "A" and payers:
                # (a list too: "from a group led by A and B to buy X's chips")
                payers = _purpose_subject(skel, match, payers)
            if frame.payer == "A" and len(payers) == 1:
                payers = _appositive_subject(skel, match, "A", payers)
                payers = _pronoun_subject(skel, match, payers)
            payees = _roles(frame.payee, match, skel, discourse)
            if frame.payee == "B" and len(payees) == 1:
                payees = _appositive_subject(skel, match, "B", payees)
            if not payers or not payees:
                continue
            if frame.requires_payee and not all(
                    (p.kind or "") in _PAYEE_KINDS[frame.requires_payee] for p, _ in payees):
                continue
            # (the type words are read from the skeleton: a name is no type word, as
            # "Orbweaver Compute" or "Bulk Infrastructure" would be)
            deal_type = refine_type(frame, skel.text[span[0]:span[1]], clause_text, skel.text,
                                    payers[0][0], payees[0][0])
            if deal_type is None:
                continue
            for payer, payer_at in payers:
                for payee, payee_at in payees:
                    pair = (payer, payee)
                    if frame.direction == "by_kind":
                        ordered = direction_by_kind(payer, payee, deal_type, clause_text)
                        if ordered is None:
                            continue
                        pair = ordered
                    listed = payer_at if len(payers) > 1 else payee_at if len(payees) > 1 \
                        else None
                    listed_end = None
                    if listed is not None:
                        listed_end = skel.text.index("⟩", listed) + 1
                    amount = _pick_amount(skel, span, set(), listed_end)
                    if listed_end is None and match.groupdict().get("M") is not None:
                        amount = skel.amounts[int(match.group("M"))]  # the frame's own figure
                    elif len(payers) > 1:
                        # each of a list of payers with its own figure later in the sentence
                        amount = own_amount_of(skel, pair[0].entity_id) or amount
                    found.append(Candidate(frame, pair[0], pair[1], deal_type, span, amount,
                                           frame.confidence))
            found.extend(ellipsis(skel, match, frame, payers, payees, deal_type))
            if deal_type == "purchase":
                found.extend(object_list(skel, match, frame, payers, deal_type))
    found.extend(participants(skel, found))
    return found


_COLLATERAL = re.compile(r"\b(?:as\s+collateral|en\s+garantie|pledged|nantis?)\b",
                         re.IGNORECASE)
# "borrowed $2B from a bank group led by BNP to buy GPUs": the party of a prepositional phrase
# is not who buys; the subject of the sentence does (the infinitive is its purpose).
_IN_PREPOSITION = re.compile(r"\b(?:from|by|with|par|auprès\s+(?:de|d['’]))\s*$", re.IGNORECASE)
_PURPOSE = re.compile(r"\b(?:to|pour|afin\s+d['’e])\s*(?:buy|purchase|acquire|rent|lease|"
                      r"pay\s+for|acheter|louer|acquérir|payer)\b", re.IGNORECASE)


def _purpose_subject(skel: Skeleton, match: re.Match[str],
                     payers: list[tuple[Party, int]]) -> list[tuple[Party, int]]:
    """The sentence's subject as the payer when the frame's payer stands in a prepositional
    phrase and the trigger is an infinitive of purpose ("... from X to buy Y's chips")."""
    payer, at = payers[0]
    placeholder = at - 2
    if not _IN_PREPOSITION.search(skel.text, 0, placeholder) or \
            not _PURPOSE.search(skel.text, at, match.end()):
        return payers
    first = PLACEHOLDER.search(skel.text)
    if first is None or first.group(1) != "P" or first.start() >= placeholder:
        return payers
    return [(skel.parties[int(first.group(2))], first.start() + 2)]


# A pronoun that is the subject of the trigger verb: "⟨Q2⟩ had signed", "⟨Q1⟩ will also buy".
_PRONOUN_THEN_VERB = re.compile(r"⟨Q(\d+)⟩\s+(?:(?:also|then|now|just|already|has|have|had|will|"
                                r"would|could|is|was|are|were|a|ont|va|avait|aurait)\s+){0,3}$")


_PRONOUN_AND_VERB = re.compile(r"(?<=\s)⟨Q(\d+)⟩\s+(?:(?:also|then|now|just|already|has|have|had|"
                               r"will|would)\s+){0,3}(?:signed|inked|struck|reached|agreed|"
                               r"entered|sealed|closed|announced)\b")


def _pronoun_subject(skel: Skeleton, match: re.Match[str],
                     payers: list[tuple[Party, int]]) -> list[tuple[Party, int]]:
    """The pronoun right before the trigger verb as the payer, when the company the frame
    found is the object of a preposition ("X, backed by Y, said it had signed a deal with Z":
    "it" signed, and "it" is X)."""
    payer, at = payers[0]
    if not _OBJECT_BEFORE.search(skel.text, 0, at - 2):
        return payers  # the company named is a subject itself ("X said it would buy Y")
    if match.groupdict().get("V") is not None:
        pronoun = _PRONOUN_THEN_VERB.search(skel.text, at, match.start("V"))
    else:  # a frame triggered by a noun ("signed a deal with"): a pronoun with a verb after A
        pronoun = _PRONOUN_AND_VERB.search(skel.text, at, match.end())
    if pronoun is None:
        return payers
    party = skel.parties[int(pronoun.group(1))]
    return payers if party.entity_id == payer.entity_id else [(party, pronoun.start() + 2)]


# "Lepton, founded by former Meta researchers A and B, raised ...", "Nvidia, which owns a
# stake in X, invested ...": the words that open an appositive after the sentence's first
# company; a frame's subject inside it is that company.
_APPOSITIVE_OPENS = re.compile(
    r"\s*(?:,|(?:\(⟨[PQ]\d+⟩\)\s*)?[—–])\s*(?:already\s+|also\s+|déjà\s+|aussi\s+|notamment\s+)?"
    r"(?:⟨Q\d+⟩|(?:which|who|that|qui|founded|co-founded|cofounded|fondée?s?|cofondée?s?|created|"
    r"créée?s?|based|basée?s?|headquartered|backed|soutenue?s?|spun|started|launched|known|"
    r"an?|the|un|une|le|la|l['’])\b)", re.IGNORECASE)
_APPOSITIVE_CLOSES = re.compile(r"[^⟨,;.—–]{0,80}(?:,\s|[—–]\s*)")


def appositive_spans(skel: Skeleton) -> list[tuple[int, int]]:
    """Skeleton spans of the appositives that follow a company (", a rival of X,", ", which
    owns a stake in Y,"): the companies inside them describe it."""
    spans = []
    for token in PLACEHOLDER.finditer(skel.text):
        if token.group(1) != "P":
            continue
        opens = _APPOSITIVE_OPENS.match(skel.text, token.end())
        if opens is None:
            continue
        closes = re.compile(r"[^;.]{0,120}?,\s").match(skel.text, opens.end())
        if closes is not None:
            spans.append((opens.start(), closes.end()))
    return spans


def _appositive_subject(skel: Skeleton, match: re.Match[str], role: str,
                        parties: list[tuple[Party, int]]) -> list[tuple[Party, int]]:
    """The sentence's first company instead of a party inside its appositive, when that party
    opens the frame's match and the appositive closes right after it."""
    placeholder = match.start(role) - 2
    if placeholder != match.start():
        return parties
    first = PLACEHOLDER.search(skel.text)
    if first is None or first.group(1) != "P" or first.end() > placeholder:
        return parties
    between = skel.text[first.end():placeholder]
    if not _APPOSITIVE_OPENS.match(between) or re.search(r";|(?<![A-Z])\.\s", between) or \
            not _APPOSITIVE_CLOSES.match(skel.text, match.end(role) + 1):
        return parties
    return [(skel.parties[int(first.group(2))], first.start() + 2)]


def _overlap(a: Candidate, b: Candidate) -> float:
    """Shared length of two matches over the shorter one (0: apart, 1: one inside the other)."""
    shared = min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])
    shorter = min(a.span[1] - a.span[0], b.span[1] - b.span[0]) or 1
    return max(shared, 0) / shorter


_GUESSED_ROLES = ("CONTEXT", "TOPIC", "BENEFICIARY")


def resolve_conflicts(candidates: list[Candidate],
                      skel: Skeleton | None = None) -> list[Candidate]:
    """One candidate per pair and trigger: the earlier frame wins overlapping matches."""
    # A frame that names the payee explicitly beats one that guessed it from the context
    # ("A led a $750M debt financing for B, with C participating" is not a loan to C),
    # unless it reads a relative clause about the payer's past ("led by A, a fund which has
    # invested in B and C"): that is background, not this round.
    named = {(c.payer.entity_id, c.deal_type) for c in candidates
             if c.frame.payee not in _GUESSED_ROLES and not (
                 skel is not None and _RELATIVE_CLAUSE.search(skel.text, *c.span))}
    candidates = [c for c in candidates if c.frame.payee not in _GUESSED_ROLES
                  or (c.payer.entity_id, c.deal_type) not in named]
    # A frame that states who pays beats one that guessed it from what the parties are
    # ("entered into an agreement with Y, pursuant to which X will provide Y with capacity").
    stated = {(c.payer.entity_id, c.payee.entity_id, c.deal_type) for c in candidates
              if c.frame.direction != "by_kind"}
    candidates = [c for c in candidates if c.frame.direction != "by_kind"
                  or (c.payee.entity_id, c.payer.entity_id, c.deal_type) not in stated]
    kept: list[Candidate] = []
    # The surest reading first: a frame made for the construction beats a looser one.
    for cand in sorted(candidates, key=lambda c: -c.confidence):
        if cand.payer.entity_id == cand.payee.entity_id:
            continue
        same = [k for k in kept if {k.payer.entity_id, k.payee.entity_id} ==
                {cand.payer.entity_id, cand.payee.entity_id}]
        clash = next((k for k in same
                      if (k.payer.entity_id == cand.payer.entity_id
                          and (k.deal_type == cand.deal_type or _overlap(k, cand) > 0))
                      or _overlap(k, cand) > 0.5), None)
        if clash is None:
            kept.append(cand)
        elif clash.amount is None and cand.amount is not None and \
                clash.deal_type == cand.deal_type:
            kept[kept.index(clash)] = cand
    return kept


ALL_FRAMES = (*FRAMES, *HOLDING_FRAMES, *FRENCH_FRAMES)
# Which frames a sentence can match, found from its words instead of testing every frame's gate
# in turn: frames without a gate always run; a gated frame runs when one of its gate words is
# a word prefix of the sentence. Kept in ALL_FRAMES order (earlier frames win conflicts).
_UNGATED = frozenset(i for i, f in enumerate(ALL_FRAMES) if f.gate is None)
_BY_GATE_WORD: dict[str, list[int]] = {}
for _index, _frame in enumerate(ALL_FRAMES):
    for _word in _frame.gate or ():
        _BY_GATE_WORD.setdefault(_word, []).append(_index)
_GATE_WORDS = frozenset(_BY_GATE_WORD)
_NEEDS_TWO = tuple(f.needs_two_parties for f in ALL_FRAMES)


def _frames_for(prefixes: frozenset[str], two_parties: bool) -> list[Frame]:
    """The frames worth matching against a skeleton with these word prefixes, in order."""
    chosen = set(_UNGATED)
    for word in _GATE_WORDS.intersection(prefixes):
        chosen.update(_BY_GATE_WORD[word])
    return [ALL_FRAMES[i] for i in sorted(chosen) if two_parties or not _NEEDS_TWO[i]]
_CONTRAST = re.compile(r"(?:\b(?:not|neither|nor|rather\s+than|instead\s+of|pas|ni)\s+"
                       r"(?:with\s+|from\s+|to\s+|in\s+)?(?:the\s+|a\s+)?|\bnot\s+\w+\s+like\s+)$",
                       re.IGNORECASE)


def prefer_vendor_over_brand(candidates: list[Candidate]) -> list[Candidate]:
    """"buy Nvidia systems from Supermicro": the seller is the vendor after "from", not the
    chip brand before the goods."""
    vendors = [c for c in candidates if c.frame.name == "brand_goods_from_vendor"]
    if not vendors:
        return candidates
    return [c for c in candidates if c.frame.name != "buy_goods_of" or not any(
        v.payer.entity_id == c.payer.entity_id and v.span[0] <= c.span[1] and c.span[0] <= v.span[1]
        for v in vendors)]


# The source of a report, not a party to it: "..., said Morgan Stanley on Monday",
# "according to Bernstein". (", Rimeforge said" is left alone: a company's own statement
# about its deal names a party.)
_SOURCE_BEFORE = re.compile(r"(?:[,;]\s*(?:said|says|told|wrote|reported|added)|"
                            r"\baccording\s+to|\bselon)\s+(?:the\s+|les\s+|le\s+|la\s+|l['’]\s*)?$",
                            re.IGNORECASE)


# "Amazon's founder Jeff Bezos has invested in ...": the person acts, not the company.
_OWNER_OF_A_PERSON = re.compile(
    r"['’]s?\s+(?:[\w\-]+\s+){0,2}?(?i:founder|co-founder|cofounder|ceo|chief\s+executive|"
    r"chairman|chairwoman|president|boss)\s+[A-Z][a-zà-ÿ’'\-]+"
    r"(?:\s+[A-Z][a-zà-ÿ’'\-]+){1,2}\s+(?!said|says|told|added)[a-z]+")


# "filed a press release with Nasdaq", "a filing with the SEC": where a document was filed.
_FILED_WITH = re.compile(r"\b(?:filed|filing|filings|registered|submitted|lodged)\b"
                         r"(?:\s+[\w\-]+){0,4}?\s+(?:with|on|to)\s+(?:the\s+)?$", re.IGNORECASE)


def ruled_out_parties(skel: Skeleton) -> set[int]:
    """Parties a contrast rules out: "not Nvidia but AMD will supply", "Goldman, not
    JPMorgan, is advising", "neither Nvidia nor AMD will invest"; and mentions that only name
    the source of the report ("..., said Morgan Stanley"), where a document was filed ("filed
    ... with Nasdaq") and the company whose founder or chief
    acts in person ("Amazon's founder Jeff Bezos has invested"; ids of the Party objects)."""
    out = set()
    for match in PLACEHOLDER.finditer(skel.text):
        if match.group(1) not in "PQ":
            continue
        before = skel.text[max(0, match.start() - 30):match.start()]
        if _CONTRAST.search(before) and not re.search(r"\bnot\s+only\s+$", before, re.I):
            out.add(id(skel.parties[int(match.group(2))]))
        elif _SOURCE_BEFORE.search(before) or _FILED_WITH.search(before) or \
                _OWNER_OF_A_PERSON.match(skel.text, match.end()):
            out.add(id(skel.parties[int(match.group(2))]))
    return out


