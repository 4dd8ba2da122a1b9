"""The sentence skeleton deal frames are matched against, and the candidate deals it yields.

`build_skeleton` writes a sentence with every party as `⟨P3⟩` (a pronoun as `⟨Q3⟩`) and every
amount as `⟨M1⟩` (a candidate deal amount) or `⟨X2⟩` (any other figure), keeping anchors to map
skeleton offsets back to the sentence. `inject_subject` gives a verb phrase coordinated with
"and" its subject back ("... and will also buy" -> "... and ⟨P0⟩ will also buy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transform.deals.frames import COORDINATED_VERBS, Frame
from transform.deals.lexicon import verb_forms
from transform.entities.parties import Party
from transform.money.amounts import Amount

PLACEHOLDER = re.compile(r"⟨([PMXQ])(\d+)⟩")
# "... to invest in Anthropic as Claude maker commits $30 billion to Azure": an "as" clause with
# its own subject and verb is another clause (not "such as", "as well as", "as much as").
_AS_CLAUSE = (r"(?<!such)(?<!well)(?<!much)\s+(?:as|even\s+as)\s+(?=(?:the\s+|its\s+)?"
              r"(?:⟨[PQ]\d+⟩|(?:[\w\-]+\s+){0,2}?(?:maker|firm|company|startup|start-up|giant|"
              r"lab|rival|owner|developer|group|provider|operator))\s+(?:commits?|committed|"
              r"agrees?|agreed|signs?|signed|says?|said|will|plans?|planned|buys?|bought|pays?|"
              r"paid|raises?|raised|takes?|took|gets?|got|invests?|invested|spends?|spent)\b)")
CLAUSE_END = re.compile(r";|\.\s(?!\s*[a-z(])|,\s+(?:while|whereas|but)\b|\.$|" + _AS_CLAUSE)
COORD_VP = re.compile(
    r"(,?\s+(?:and|et)\s+)(?=(?:(?:will|would|could|might|may|to|also|already|has|have|had|then|"
    r"is|are|was|were|now|separately|plans?\s+to|agreed\s+to)\s+)*(?:"
    + "|".join(sorted({f for v in COORDINATED_VERBS for f in verb_forms(v)}, key=len,
                      reverse=True))
    # ("and is now in talks with B": a predicate of the same subject, as a verb is)
    + r"|in\s+(?:talks|discussions|negotiations))\b)",
    re.IGNORECASE,
)

# "X a emprunté 7 Md$ auprès de A et de B, avant d'acheter des puces C": a French infinitive
# clause of purpose or sequence has the main clause's subject.
COORD_VP_FR = re.compile(
    r"(,?\s+(?:avant|afin|pour|puis)\s+(?:de\s+|d['’]\s*)?)(?=(?:lui\s+|leur\s+|en\s+)?"
    r"(?:acheter|racheter|acquérir|louer|investir|financer|emprunter|payer|verser|commander|"
    r"céder|vendre|prêter|souscrire|réserver)\b)", re.IGNORECASE)

# "X provided a guarantee on Y's bonds, obtaining in return warrants of Z": a participle after a
# comma has the main clause's subject.
COORD_PARTICIPLE = re.compile(
    r"(,\s+(?:thereby\s+|thus\s+|while\s+)?)(?=(?:obtaining|receiving|getting|securing|gaining|"
    r"acquiring|buying|purchasing|paying|investing|lending|committing|taking)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Skeleton:
    """A sentence with placeholders for its parties and amounts."""

    text: str
    parties: list[Party]
    amounts: list[Amount]
    # (skeleton offset, sentence offset) at each placeholder boundary, for mapping back
    anchors: list[tuple[int, int]]
    # where `inject_subject` wrote a coordinated verb phrase's subject again ("and ⟨P0⟩ to
    # spend"): a placeholder there is no new mention
    injected: tuple[int, ...] = ()

    def position(self, party: Party) -> int:
        """Where a party's placeholder starts."""
        token = f"{'Q' if party.via == 'pronoun' else 'P'}{self.parties.index(party)}⟩"
        return self.text.find(token) - 1

    def injected_between(self, start: int, end: int) -> int | None:
        """The first injected subject strictly inside (start, end), if any."""
        return next((at for at in self.injected if start < at < end), None)

    def to_sentence(self, offset: int) -> int:
        """Map a skeleton offset to an offset in the sentence."""
        best = (0, 0)
        for skel, orig in self.anchors:
            if skel <= offset:
                best = (skel, orig)
        return best[1] + (offset - best[0])


@dataclass
class Candidate:
    """A deal a frame found: parties, type, the span of the match, amount, confidence."""

    frame: Frame
    payer: Party
    payee: Party
    deal_type: str
    span: tuple[int, int]
    amount: Amount | None
    confidence: float


def build_skeleton(sentence: str, parties: list[Party], amounts: list[Amount]) -> Skeleton:
    """The sentence with placeholders (overlapping amounts inside a party are left out)."""
    spans: list[tuple[int, int, str]] = []
    for i, party in enumerate(parties):
        kind = "Q" if party.via == "pronoun" else "P"
        spans.append((party.start, party.end, f"⟨{kind}{i}⟩"))
    for j, amount in enumerate(amounts):
        if any(amount.start < e and s < amount.end for s, e, _ in spans):
            continue
        kind = "M" if amount.role == "deal" else "X"
        spans.append((amount.start, amount.end, f"⟨{kind}{j}⟩"))
    spans.sort()
    out, anchors, cursor = [], [(0, 0)], 0
    for start, end, token in spans:
        if start < cursor:
            continue
        out.append(sentence[cursor:start])
        skel_pos = sum(len(p) for p in out)
        anchors.append((skel_pos, start))
        out.append(token)
        anchors.append((skel_pos + len(token), end))
        cursor = end
    out.append(sentence[cursor:])
    return Skeleton("".join(out), parties, amounts, anchors)


SUBJECT_OF = re.compile(
    r"⟨[PQ]\d+⟩(?=(?:\s*,[^,]{1,80},)?(?:\s+(?:in\s+turn|also|then|separately|now|already))?"
    r"\s+(?:will|would|could|may|might|has|have|had|is|are|was|were|plans|agreed|said|signed|"
    r"expects|wants|announced|" + "|".join(sorted({f for v in COORDINATED_VERBS
                                                   for f in verb_forms(v)}, key=len,
                                                  reverse=True)) + r")\b)", re.IGNORECASE)


# "... and ⟨P2⟩ turns around and buys": a party that opens a clause, followed by a verb in
# the third person or the past, is that clause's subject.
_CLAUSE_SUBJECT = re.compile(r"(?:^|(?<=\band\s)|(?<=[,;]\s))⟨[PQ]\d+⟩(?=\s+(?!(?:is|was|has|"
                             r"its|as|this|plus|less|news|unless|status)\b)[a-z]{2,}(?:s|ed)\b)")
def _is_relative(skel: Skeleton, found: re.Match[str]) -> bool:
    """A relative pronoun ("which aims ...") opens a subordinate clause, not a main one."""
    party = skel.parties[int(PLACEHOLDER.match(found.group()).group(2))]
    return party.surface.lower() in ("which", "who", "that", "qui", "lequel", "laquelle")


_AFTER_PREPOSITION = re.compile(
    r"\b(?:from|of|to|with|by|in|on|at|for|into|de|du|des|à|au|aux|avec|par|chez|auprès)\s*$",
    re.IGNORECASE)


def inject_subject(skel: Skeleton) -> Skeleton:
    """Give a coordinated verb phrase its subject: "and will buy" -> "and ⟨P0⟩ will buy".

    The subject is the nearest earlier party followed by a verb ("⟨Q2⟩ plans to build and
    deploy"), else the sentence's first party; "build and deploy" joins two verbs of one
    phrase and gets nothing.
    """
    first = PLACEHOLDER.search(skel.text)
    if first is None or first.group(1) not in "PQ":
        return skel
    text, anchors, shift, injected = skel.text, list(skel.anchors), 0, []
    clauses = sorted([*COORD_VP.finditer(skel.text), *COORD_VP_FR.finditer(skel.text),
                      *COORD_PARTICIPLE.finditer(skel.text)], key=lambda m: m.start())
    for match in clauses:
        if match.start() < first.end():
            continue
        if re.search(r"\b(?:to\s+)?\w+\s*$", skel.text[:match.start()]) and \
                re.search(r"\bto\s+\w+$", skel.text[:match.start()].rstrip()):
            continue  # "to build and deploy": one verb phrase
        subjects = sorted([*SUBJECT_OF.finditer(skel.text, 0, match.start()),
                           *(m for m in _CLAUSE_SUBJECT.finditer(skel.text, 0, match.start())
                             if not _is_relative(skel, m))],
                          key=lambda m: m.start())
        if not subjects and _AFTER_PREPOSITION.search(skel.text, 0, first.start()):
            continue  # "It agreed to buy chips from ⟨P0⟩, and to spend": ⟨P0⟩ is no subject
        subject = subjects[-1].group() if subjects else first.group()
        at = match.end() + shift
        text = text[:at] + subject + " " + text[at:]  # noqa: B023
        injected.append(at)
        insert = len(subject) + 1
        original = skel.to_sentence(match.end())
        anchors = [(s + insert if s >= at else s, o) for s, o in anchors]
        anchors.append((at, original))
        anchors.append((at + insert, original))
        anchors.sort()
        shift += insert
    return Skeleton(text, skel.parties, skel.amounts, anchors, tuple(injected))


# "⟨P0⟩ and ⟨P1⟩ bought ...": a list of parties that ends at a frame's subject; "... from
# ⟨P2⟩ and ⟨P3⟩, respectively": one that goes on after a party.
_LIST_BEFORE = re.compile(r"(?:^|(?<=[;:]\s)|(?<=^\W))((?:⟨P\d+⟩\s*,\s*)*⟨P\d+⟩\s*,?\s+"
                          r"(?:and|et|&)\s+)$")
_LIST_AFTER = re.compile(r"(?:\s*,\s*⟨P\d+⟩)*\s*,?\s+(?:and|et|&)\s+⟨P\d+⟩")
_PAIRED = re.compile(r"\b(?:respectively|in that order|respectivement)\b", re.IGNORECASE)


def group_parties(match: re.Match[str], role: str, skel: Skeleton) -> list[tuple[Party, int]]:
    """The party (or parties of a list) captured for a role, with their skeleton offset; a
    frame's subject also brings the list it ends ("A and B bought"), and, in a sentence that
    pairs lists ("respectively"), a party the list it starts ("from C and D")."""
    index = match.group(role)
    if index is None:
        return []
    out = [(skel.parties[int(index)], match.start(role))]
    if not match.groupdict().get(role + "_more"):
        placeholder = match.start(role) - 2
        if placeholder == match.start():
            listed = _LIST_BEFORE.search(skel.text[:placeholder])
            if listed:
                out = [(skel.parties[int(m.group(2))], listed.start(1) + m.start() + 2)
                       for m in PLACEHOLDER.finditer(listed.group(1))] + out
        elif _PAIRED.search(skel.text):
            after = match.end(role) + 1
            listed = _LIST_AFTER.match(skel.text, after)
            if listed:
                out += [(skel.parties[int(m.group(2))], after + m.start() + 2)
                        for m in PLACEHOLDER.finditer(listed.group())]
    for suffix in ("_more", "_gapped"):
        more = match.groupdict().get(role + suffix)
        if more:
            base = match.start(role + suffix)
            for extra in PLACEHOLDER.finditer(more):
                if extra.group(1) in "PQ":
                    out.append((skel.parties[int(extra.group(2))], base + extra.start()))
    return out


def clause_end(text: str, start: int) -> int:
    """Where the clause that contains `start` ends (a semicolon, a full stop, ", while")."""
    found = CLAUSE_END.search(text, start)
    return found.start() if found else len(text)


def own_amount(skel: Skeleton, party: Party) -> Amount | None:
    """The amount written as one company's share of a deal whose other shares other
    companies give: right before it as its source ("$3 billion from B"), or right after it
    ("with A committing $10 billion and B $5 billion")."""
    index = skel.parties.index(party)
    at = re.search(rf"⟨M(\d+)⟩\s+(?:from|by|de|par|auprès\s+de)\s+(?:the\s+|l['’])?"
                   rf"⟨P{index}⟩", skel.text) or \
        re.search(rf"⟨P{index}⟩\s+(?:(?:committing|contributing|investing|providing|lending|"
                  rf"putting\s+in|chipping\s+in)\s+)?⟨M(\d+)⟩", skel.text)
    return skel.amounts[int(at.group(1))] if at else None


def own_amount_of(skel: Skeleton, entity_id: str) -> Amount | None:
    """`own_amount` of any mention of one company: "Microsoft and Nvidia will invest in X,
    with Nvidia committing up to $10 billion and Microsoft up to $5 billion"."""
    for party in skel.parties:
        if party.entity_id == entity_id and party.via in ("entity", "open_world"):
            found = own_amount(skel, party)
            if found is not None:
                return found
    return None
