"""Coordination and fallbacks: more deals from one frame match, and a last resort.

After a frame matches, the skeleton around it can carry more deals: gapping ("X will invest $5B
in Y, and Z $10B"), a list of objects ("10 GW of Broadcom accelerators, 6 GW of AMD GPUs"),
co-investors ("..., with Nvidia and Nokia also participating"). When no frame fits at all,
`fallback` takes a sentence with exactly two named companies, one deal amount and words that
say what kind of deal it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transform.deals.deal_types import direction_by_kind, goods_or_compute, type_from_nouns
from transform.deals.frames import Frame
from transform.deals.lexicon import NOUNS, noun_class
from transform.deals.skeleton import PLACEHOLDER, Candidate, Skeleton, clause_end, own_amount
from transform.entities.parties import Discourse, Party

# (a first figure's duration may stand before the remnant: "pay A $17.4B over five years and
# B up to $24B")
ELLIPSIS = re.compile(r"(?:\s+(?:over|for|across|sur)\s+(?:the\s+next\s+)?(?:[\w\-]+\s+){0,2}?"
                      r"(?:years?|months?|ans|mois))?"
                      r"\s*,?\s*(?:and|et)\s+⟨P(\d+)⟩\s+(?:[\w'’]+\s+){0,3}?⟨M(\d+)⟩")
_PARTICIPANTS = re.compile(
    r"\bwith\s+(⟨P\d+⟩(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?⟨P\d+⟩)*)\s+"
    r"(?:also\s+)?(?:participating|providing|joining|contributing|investing|chipping\s+in)",
    re.IGNORECASE,
)
_LIST = r"⟨P\d+⟩(?:(?:\s*,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+)(?:the\s+|l['’])?⟨P\d+⟩)*"
# "..., alongside US tech investor Valor", "joining Samsung and AFW Partners in the round",
# "aux côtés de géants comme eBay": co-investors named beside the investor of a round.
_ALONGSIDE = re.compile(
    r"\b(?:alongside|along\s+with|together\s+with|joining|aux\s+côtés\s+(?:de\s+|d['’])|"
    r"with\s+(?:additional\s+)?(?:participation|backing|support)\s+(?:from|by)|"
    r"avec\s+(?:la\s+)?(?:participation|le\s+soutien|l['’]appui)\s+(?:de\s+|du\s+|des\s+|d['’]))\s*"
    r"(?:(?!(?:in|into|of|for|to|its|their|his|her|a|an)\b)[\w\-’'.&]+\s+){0,4}?(" + _LIST + r")",
    re.IGNORECASE)
_OBJECT_LIST = None  # compiled lazily from the GOODS noun class


def object_list(skel: Skeleton, match: re.Match[str], frame: Frame,
                 payers: list[tuple[Party, int]], deal_type: str) -> list[Candidate]:
    """ "10 GW of Broadcom accelerators, 6 GW of AMD GPUs and 10 GW of Nvidia systems"."""
    global _OBJECT_LIST  # compiled once, on first use
    if _OBJECT_LIST is None:
        _OBJECT_LIST = re.compile(
            r"\s*,?\s*(?:and\s+)?(?:[\w\-.⟨⟩]+\s+){0,5}?(?:of\s+)⟨P(\d+)⟩(?:['’]s)?\s+"
            r"(?:[\w\-]+\s+){0,3}?" + NOUNS["GOODS"] + r"\b", re.IGNORECASE)
    out: list[Candidate] = []
    position = match.end()
    while len(payers) == 1:
        follow = _OBJECT_LIST.match(skel.text, position)
        if follow is None:
            break
        party = skel.parties[int(follow.group(1))]
        out.append(Candidate(frame, payers[0][0], party, deal_type, follow.span(), None,
                              frame.confidence * 0.9))
        position = follow.end()
    return out


def participants(skel: Skeleton, found: list[Candidate]) -> list[Candidate]:
    """ "..., with Nvidia and Nokia also participating": more investors in the same round."""
    equity = [c for c in found if c.deal_type in ("equity_investment", "loan")]
    out: list[Candidate] = []
    for match in [*_PARTICIPANTS.finditer(skel.text), *_ALONGSIDE.finditer(skel.text)]:
        for base in equity:
            for token in PLACEHOLDER.finditer(match.group(1)):
                party = skel.parties[int(token.group(2))]
                out.append(Candidate(base.frame, party, base.payee, base.deal_type,
                                      match.span(), base.amount, base.confidence * 0.9))
            break
    return out


ELLIPSIS_FROM = re.compile(r"\s*,?\s*(?:and|et)\s+⟨M(\d+)⟩\s+(?:[\w\-]+\s+){0,3}?"
                            r"(?:from|by|with)\s+"
                            r"(?:the\s+)?⟨P(\d+)⟩")
ELLIPSIS_PAYEE = re.compile(r"\s*,?\s*(?:and|et)\s+⟨M(\d+)⟩\s+(?:in|into|dans|to|à)\s+"
                             r"(?:the\s+)?⟨P(\d+)⟩")


def ellipsis(skel: Skeleton, match: re.Match[str], frame: Frame,
              payers: list[tuple[Party, int]], payees: list[tuple[Party, int]],
              deal_type: str) -> list[Candidate]:
    """Gapping after a frame: "X will invest $5B in Y, and Z $10B" (Z pays Y), "X will pay Y
    $3B, and Z $2B" (X pays Z: the remnant takes the slot right before the amount), "X will
    invest $1B in Y and $2B in Z" (X pays Z)."""
    if frame.direction or len(payers) != 1 or len(payees) != 1:
        return []
    payer, payee = payers[0][0], payees[0][0]
    follow = ELLIPSIS.match(skel.text, match.end())
    if follow is not None and skel.parties[int(follow.group(1))].entity_id == payer.entity_id:
        follow = None  # ", and it to spend $300B on Y": the subject again, a clause of its own
    if follow is not None:
        party = skel.parties[int(follow.group(1))]
        amount = skel.amounts[int(follow.group(2))]
        payee_before_amount = re.search(
            rf"⟨[PQ]{skel.parties.index(payee)}⟩\s*(?:[\w\-]+\s+){{0,4}}?⟨M\d+⟩",
            skel.text[match.start():match.end()])
        pair = (payer, party) if payee_before_amount else (party, payee)
        return [Candidate(frame, pair[0], pair[1], deal_type, follow.span(), amount,
                           frame.confidence * 0.9)]
    follow = ELLIPSIS_FROM.match(skel.text, match.end())
    takes_from = ("raise_from", "raise_from_fr", "notes_placed_with")
    if follow is not None and frame.name in takes_from:
        party = skel.parties[int(follow.group(2))]
        amount = skel.amounts[int(follow.group(1))]
        classes = noun_class(follow.group())
        kind = "loan" if "DEBT" in classes else "equity_investment" if "EQUITY" in classes \
            else deal_type
        return [Candidate(frame, party, payee, kind, follow.span(), amount,
                           frame.confidence * 0.9)]
    follow = ELLIPSIS_PAYEE.match(skel.text, match.end())
    if follow is not None:
        party = skel.parties[int(follow.group(2))]
        amount = skel.amounts[int(follow.group(1))]
        return [Candidate(frame, payer, party, deal_type, follow.span(), amount,
                           frame.confidence * 0.9)]
    follow = _GOODS_FROM_AGAIN.match(skel.text, match.end())
    if follow is not None and deal_type == "purchase":
        # "buy 10 GW of accelerators from Broadcom and 6 GW of GPUs from AMD": the same buyer
        party = skel.parties[int(follow.group(1))]
        if party.entity_id != payer.entity_id:
            return [Candidate(frame, payer, party, deal_type, follow.span(), None,
                               frame.confidence * 0.9)]
    return []


# ", and 6 gigawatts of GPUs from ⟨P3⟩": more goods bought from another vendor.
_GOODS_FROM_AGAIN = re.compile(
    r"\s*,?\s*(?:and|et)\s+(?:[\w\-.,]+\s+){0,5}?" + NOUNS["GOODS"] +
    r"\s+(?:from|de|auprès\s+d['’]|auprès\s+de)\s*(?:the\s+)?⟨P(\d+)⟩", re.IGNORECASE)


_FALLBACK = Frame("fallback_two_parties", "compute_contract", r"⟨P(?P<A>\d+)⟩",
                  confidence=0.5)


# Two companies acting together on the same side of a venture, not paying each other.
_JOINT = re.compile(r"\b(?:together|jointly|co-?invest\w*|team(?:s|ed|ing)?\s+(?:up\s+)?with|"
                    r"team-up|joint\s+venture|memorandum\s+of\s+understanding|MoU|consortium|"
                    r"ensemble|conjointement|co-?entreprise)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"⟨P\d+⟩\s*(?:,\s*(?:and\s+|et\s+)?|and\s+|et\s+|&\s*)⟨P\d+⟩")


def fallback(skel: Skeleton, sentence: str) -> list[Candidate]:
    """When no frame fits: exactly two named companies, a deal amount and words that say what
    kind of deal it is; direction from what each party sells. Low confidence by design."""
    named = {p.entity_id: p for p in skel.parties if p.via != "pronoun"}
    amounts = [a for a in skel.amounts if a.role == "deal" and a.value]
    if len(named) != 2 or len(amounts) != 1:
        return []
    deal_type = type_from_nouns(noun_class(skel.text), skel.text)  # names are no type words
    if deal_type is None:
        return []
    first, second = named.values()
    if _COORDINATED.search(skel.text):
        return []  # "led by ⟨P0⟩ and ⟨P1⟩": two members of one list are no counterparties
    if _JOINT.search(skel.text):
        return []  # "will invest together", "teamed with X to launch a fund": same side
    deal_type = goods_or_compute(deal_type, first, second)
    ordered = direction_by_kind(first, second, deal_type)
    if ordered is None:
        return []
    return [Candidate(_FALLBACK, ordered[0], ordered[1], deal_type, (0, len(skel.text)),
                       amounts[0], _FALLBACK.confidence)]


RESPECTIVELY = re.compile(r"\b(?:respectively|in that order|respectivement)\b", re.IGNORECASE)


def respectively(skel: Skeleton, candidates: list[Candidate]) -> list[Candidate]:
    """"A and B invested $2B and $1B respectively in C", "A and B bought servers from C and
    D, respectively": the listed parties and amounts pair up in order, instead of every payer
    with every payee and the first amount for all."""
    groups: dict[tuple[str, tuple[int, int]], list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault((cand.frame.name, cand.span), []).append(cand)
    out: list[Candidate] = []
    for (_, span), group in groups.items():
        payers = sorted({c.payer.start: c.payer for c in group}.values(), key=lambda p: p.start)
        payees = sorted({c.payee.start: c.payee for c in group}.values(), key=lambda p: p.start)
        listed = payers if len(payers) > 1 else payees
        if len(listed) < 2:
            out += group
            continue
        if len(payers) > 1 and len(payees) > 1:
            if len(payers) != len(payees):
                out += group
                continue
            pairs = list(zip(payers, payees, strict=True))
        else:
            pairs = [(p, payees[0]) for p in payers] if len(payers) > 1 else \
                [(payers[0], p) for p in payees]
        clause = skel.text[span[0]:clause_end(skel.text, span[1])]
        amounts = [skel.amounts[int(m.group(2))] for m in PLACEHOLDER.finditer(clause)
                   if m.group(1) == "M"]
        by_pair = {(c.payer.start, c.payee.start): c for c in group}
        for index, (payer, payee) in enumerate(pairs):
            cand = by_pair.get((payer.start, payee.start))
            if cand is None:
                continue
            if len(amounts) == len(pairs):
                cand = replace(cand, amount=amounts[index])
            out.append(cand)
    return out


# Two companies of one coordinated list: separated by a comma or a conjunction, the second
# perhaps after a short description ("telecom firms X and Y", "Saudi oil giant Z"). A word
# of these ends the description: a preposition or verb relates the name to something else.
_LIST_LINK = re.compile(
    r"\s*(?:\(⟨P\d+⟩\)\s*)?(?:(?:committing|contributing|investing|providing|lending|"
    r"putting\s+in)\s+⟨M\d+⟩\s*)?(?P<sep>,\s*(?:and|et|as\s+well\s+as)?|and|et|&)\s+"
    r"(?:(?!(?:of|from|to|in|into|by|for|with|which|who|that|will|has|have|had|is|are|was|"
    r"were|said|says|its|their|de|du|des|à|qui|a|ont)\b)[^\W\d][\w\-’'.]*\s+){0,4}?"
    r"(?:⟨M(?P<amount>\d+)⟩\s+(?:from|by|de|par|auprès\s+de)\s+)?"
    r"(?:the\s+|l['’])?⟨P(?P<next>\d+)⟩", re.IGNORECASE)
_LIST_TYPES = ("equity_investment", "loan")
# What a list of investees or borrowers follows: "invested in", "lent to", "of them:".
_INTO_BEFORE = re.compile(r"(?:\b(?:in|into|dans|to)\s+(?:the\s+)?|\b(?:of\s+them|d['’]entre\s+"
                          r"(?:eux|elles))\s*[:—–]\s*)$", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"\b(?:contracts?|agreements?|deals?|leases?|contrats?|accords?)\s+"
                          r"(?:[\w\-]+\s+){0,3}?(?:with|avec)\s+(?:the\s+)?$", re.IGNORECASE)
# "According to Reuters, A and B ...": the source of the report opens the sentence, no list.
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|d['’]après|selon|citing)\s+(?:les?\s+|la\s+|the\s+)?$", re.IGNORECASE)

_AFTER_COLON = re.compile(r":\s*$")
_ENDS_CLAUSE = re.compile(r"\s*(?:[.;!?)]|$)")


# After the last company of a list: a verb or a figure says a clause of its own began (", and
# B has lent a further $400M", ", et Google environ 3 milliards").
_CLAUSE_GOES_ON = re.compile(r"\s+(?:(?:is|are|was|were|has|have|had|will|would|could|may|might|"
                             r"also|said|says|a|ont|est|va)\b|[a-z]+ed\b|(?:[\w\-]+\s+)?⟨M)")


def _only_names(skel: Skeleton, chain: list[int]) -> bool:
    """True when a list is of names only: no verb between its companies ("a stake in A and
    acquiring B") and none after the last one ("in A, and B is weighing a ticket")."""
    spans = [skel.position(skel.parties[i]) for i in chain]
    gaps = [skel.text[skel.text.index("⟩", a) + 1:b] for a, b in zip(spans, spans[1:],
                                                                       strict=False)]
    last_end = skel.text.index("⟩", spans[-1]) + 1
    return not any(re.search(r"\b[a-z]+(?:ing|ed)\b", gap) for gap in gaps) and \
        not _CLAUSE_GOES_ON.match(skel.text, last_end)


def coordinated_lists(skel: Skeleton) -> list[list[int]]:
    """The lists of companies a sentence coordinates ("A, B and C"; "$5B from A, $3B from B
    and $2B from C"), as party indexes; a list ends with a conjunction, so that an appositive
    ("A, the parent of B") is none."""
    lists: list[list[int]] = []
    for token in PLACEHOLDER.finditer(skel.text):
        if token.group(1) != "P":
            continue
        index, position, chain, closed = int(token.group(2)), token.end(), [], False
        if any(index in found for found in lists):
            continue
        chain.append(index)
        while (link := _LIST_LINK.match(skel.text, position)) is not None:
            if link.start("next") - 2 in skel.injected:
                break  # ", and ⟨P0⟩ joined ...": a subject repeated for a second clause
            chain.append(int(link.group("next")))
            position = link.end()
            conjunction = link.group("sep").strip(" ,") != ""
            # "A, B and C, and D" goes on after its first conjunction; "A and B" stops.
            if closed and not link.group("sep").startswith(","):
                chain.pop()
                break
            closed = closed or conjunction
        if not closed and _AFTER_COLON.search(skel.text, 0, token.start()) and \
                _ENDS_CLAUSE.match(skel.text, position):
            closed = True  # "the backers are: a, b, c" lists all the way to the clause's end
        if _SOURCE_BEFORE.search(skel.text, 0, token.start()):
            chain = chain[1:]
        if closed and len(chain) >= 2:
            lists.append(chain)
    return lists


def list_partners(skel: Skeleton, candidates: list[Candidate]) -> list[Candidate]:
    """Co-investors and co-lenders of a list: once one company of "A, B and C" is read as
    investing in or lending to D, the others of the list are read so as well."""
    if not candidates:
        return []
    index = {id(p): i for i, p in enumerate(skel.parties)}
    have = {(c.payer.entity_id, c.payee.entity_id, c.deal_type) for c in candidates}
    out: list[Candidate] = []
    for chain in coordinated_lists(skel):
        members = [skel.parties[i] for i in chain]
        for cand in candidates:
            if cand.deal_type in ("compute_contract", "lease") and \
                    index.get(id(cand.payee)) in chain and _WITH_BEFORE.search(
                        skel.text, 0, skel.position(skel.parties[chain[0]])) and \
                    not any(m.entity_id == cand.payer.entity_id for m in members):
                # "contracts with A, B and C": one customer, each provider
                for member in members:
                    key = (cand.payer.entity_id, member.entity_id, cand.deal_type)
                    if key in have or member.via not in ("entity", "open_world"):
                        continue
                    have.add(key)
                    out.append(replace(cand, payee=member, confidence=cand.confidence * 0.9))
            if cand.deal_type in _LIST_TYPES and index.get(id(cand.payee)) == chain[0] and \
                    _INTO_BEFORE.search(skel.text, 0, skel.position(cand.payee)) and \
                    _only_names(skel, chain) and \
                    not any(m.entity_id == cand.payer.entity_id for m in members):
                # "has invested in A, B and C", "lent to three of them: A, B and C": one
                # investor or lender, each company of the list
                for member in members[1:]:
                    key = (cand.payer.entity_id, member.entity_id, cand.deal_type)
                    if key in have or member.via not in ("entity", "open_world"):
                        continue
                    have.add(key)
                    out.append(replace(cand, payee=member, confidence=cand.confidence * 0.9,
                                       amount=own_amount(skel, member) or cand.amount))
            if cand.deal_type not in _LIST_TYPES or index.get(id(cand.payer)) not in chain:
                continue
            if any(m.entity_id == cand.payee.entity_id for m in members):
                continue
            for member in members:
                key = (member.entity_id, cand.payee.entity_id, cand.deal_type)
                if key in have or member.via not in ("entity", "open_world"):
                    continue
                have.add(key)
                out.append(replace(cand, payer=member, confidence=cand.confidence * 0.9,
                                   amount=own_amount(skel, member) or cand.amount))
    return out


def backstops_pay_the_landlord(candidates: list[Candidate],
                               discourse: Discourse) -> list[Candidate]:
    """A guarantee of a tenant's lease ("backstopping Y's lease with Z") is paid to the
    landlord, not to the tenant it covers: a backstop read with a tenant as payee goes to the
    landlord of that tenant's lease, read in this sentence or an earlier one."""
    landlords = dict(discourse.landlords)
    landlords.update({c.payer.entity_id: c.payee for c in candidates if c.deal_type == "lease"})
    out = []
    for cand in candidates:
        landlord = landlords.get(cand.payee.entity_id) if cand.deal_type == "backstop" else None
        if landlord is not None and landlord.entity_id != cand.payer.entity_id:
            cand = replace(cand, payee=landlord)
        out.append(cand)
    return out
