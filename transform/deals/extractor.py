"""Sentence-level deal extraction: parties, direction, type, amount, status, evidence.

For each sentence: find the parties (transform.parties) and the amounts (transform.money),
write the sentence as a skeleton (`⟨P0⟩ will invest up to ⟨M0⟩ in ⟨P1⟩`), and match the deal
frames of transform.deal_frames against it. A match gives the payer and payee by their role
in the frame; then the deal's amount (a candidate deal amount inside the match, else the next
one in its clause), its status (transform.deal_status) and a confidence. Coordination is
handled on the skeleton: a verb phrase after "and" gets the sentence's subject back ("... and
will also buy $350M of CoreWeave stock"), a party list fills one slot with several parties
("led by Blackstone and Magnetar"), and "X will invest $5B in Y, and Z $10B" copies the frame
for Z. Everything here is pure: no I/O, no model, deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from records.ids import stable_id
from transform.deals.coordination import (
    RESPECTIVELY,
    ellipsis,
    fallback,
    object_list,
    participants,
    respectively,
)
from transform.deals.deal_types import direction_by_kind, refine_type
from transform.deals.frames import FRAMES
from transform.deals.frames_french import FRENCH_FRAMES
from transform.deals.frames_holdings import HOLDING_FRAMES
from transform.deals.lexicon import word_prefixes
from transform.deals.sentences import split_sentences
from transform.deals.skeleton import (
    PLACEHOLDER,
    Candidate,
    Skeleton,
    build_skeleton,
    clause_end,
    group_parties,
    inject_subject,
)
from transform.deals.status import is_negated, status_of
from transform.entities.parties import Discourse, Party, find_parties, is_headline
from transform.entities.table import EntityTable
from transform.money.amounts import Amount, find_amounts

EXTRACTOR_VERSION = "rules-2"

# Paragraphs without a digit or a deal word cannot state a deal: not worth splitting.
_WORTH_SPLITTING = re.compile(
    r"\d|billion|million|milliard|invest|acqui|buy|bought|purchas|lease|rent|lend|lent|loan|"
    r"warrant|backstop|deal|contract|agreement|stake|rach|achat|accord|contrat|suppl|provid|"
    r"tenant|host|financ|fund|back|guarant|borrow|spend|spent|pay|paid|sell|sold|order|reserv|"
    r"book|anchor|particip|round|raise|rais|lev[éeè]|prêt|lou|verse|fourni|cède|cession|capacity|"
    r"capacité|takeover|merger|buyout|credit|debt|shares|equity|customer|partner|commit|"
    r"deploy|déploi|install|built|runs\s+on|powered|procur|client|owns|hold|détien|emprunt|"
    r"apport|inject|among|led\b|lead|pick|tap|turn\w*\s+to|chose|choos|select|enlist|choisi|"
    r"tourn",
    re.IGNORECASE,
)
# A passive verb inside an active frame's match: "Deci ... was acquired by Nvidia" is not
# Deci acquiring Nvidia.
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+\s+)?(?:acquired|bought|purchased|leased|"
    r"rented|lent|loaned|supplied|provided|granted|issued|sold|backed|funded|financed|"
    r"invested|taken)\b(?:\s+[\w⟨⟩]+){0,3}?\s+by\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected|refuted|dément\w*)\b"
                     r"(?:\s+\w+){0,3}\s+(?:reports?|that|it|rumou?rs?)", re.IGNORECASE)
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
_NOT_A_DEAL = re.compile(
    r"\b(?:ordered\s+to\s+pay|jury|verdict|damages|infring\w*|lawsuit|fined|penalt\w+)\b|"
    r"\banalysts?\b[^.]*\bwould\b|\bif\s+\w+\s+were\s+to\b|"
    r"^\s*(?:what\s+if|imagine\s+if|imagine)\b", re.IGNORECASE)
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


@dataclass(frozen=True)
class DealMention:
    """One deal stated in one sentence."""

    doc_id: str
    field: str
    sentence_index: int
    char_start: int
    char_end: int
    evidence: str
    payer_text: str
    payee_text: str
    payer_id: str
    payee_id: str
    payer_name: str
    payee_name: str
    deal_type: str
    amount_usd: float | None
    amount_qualifier: str | None
    amount_original: float | None
    currency: str | None
    period: str
    duration_years: float | None
    status: str
    confidence: float

    @property
    def mention_id(self) -> str:
        """Deterministic id: document, field, sentence, parties and type."""
        return stable_id(self.doc_id, self.field, self.sentence_index, self.payer_id,
                         self.payee_id, self.deal_type)

    def to_row(self, source: str, published_at: datetime | None) -> dict[str, object]:
        """The mention as a `deal_mentions` table row."""
        return {
            "mention_id": self.mention_id, "doc_id": self.doc_id, "source": source,
            "field": self.field, "sentence_index": self.sentence_index,
            "char_start": self.char_start, "char_end": self.char_end,
            "evidence": self.evidence, "payer_text": self.payer_text,
            "payee_text": self.payee_text, "payer_id": self.payer_id,
            "payee_id": self.payee_id, "deal_type": self.deal_type,
            "amount_usd": self.amount_usd, "amount_qualifier": self.amount_qualifier,
            "amount_original": self.amount_original, "currency": self.currency,
            "period": self.period, "duration_years": self.duration_years,
            "status": self.status, "confidence": self.confidence,
            "published_at": published_at, "extractor_version": EXTRACTOR_VERSION,
        }

    def to_json(self) -> dict[str, object]:
        """The `circularity extract` output line (DESIGN.md) plus ids and span."""
        return {
            "doc_id": self.doc_id, "payer": self.payer_name, "payee": self.payee_name,
            "deal_type": self.deal_type, "amount_usd": self.amount_usd,
            "amount_qualifier": self.amount_qualifier, "period": self.period,
            "duration_years": self.duration_years, "status": self.status,
            "evidence": self.evidence, "payer_id": self.payer_id, "payee_id": self.payee_id,
            "field": self.field, "char_start": self.char_start, "char_end": self.char_end,
            "confidence": self.confidence,
        }


def _special_role(role: str, skel: Skeleton, match: re.Match[str],
                  discourse: Discourse) -> list[tuple[Party, int]]:
    """Parties for the frame roles SUBJECT and BENEFICIARY."""
    if role == "SUBJECT":
        first = next((p for p in skel.parties if p.via != "pronoun"), None)
        return [(first, 0)] if first is not None else []
    if role == "TOPIC" and discourse.subjects:
        # "Sutter Hill led the round": the company an earlier sentence was about.
        named = {p.entity_id for p in skel.parties}
        topic = next((p for p in reversed(discourse.subjects) if p.entity_id not in named), None)
        if topic is not None:
            return [(topic, 0)]
    if role in ("CONTEXT", "TOPIC"):
        # "Macquarie provided the financing": for whoever the text is about.
        payer = skel.parties[int(match.group("A"))] if match.groupdict().get("A") else None
        exclude = {payer.entity_id} if payer else set()
        before = [p for p in skel.parties if p.via != "pronoun" and p is not payer]
        target = discourse.antecedent(None, before, exclude)
        return [(target, 0)] if target is not None else []
    if role == "BENEFICIARY":
        exclude = {skel.parties[int(match.group(g))].entity_id
                   for g in ("A", "C") if match.groupdict().get(g) is not None}
        before = [p for p in skel.parties if p.via != "pronoun"]
        target = discourse.antecedent(_BENEFICIARY_KINDS, before, exclude)
        return [(target, 0)] if target is not None else []
    return []


def _pick_amount(skel: Skeleton, span: tuple[int, int], used: set[int],
                 after_party: int | None) -> Amount | None:
    """A candidate deal amount: right after a listed party, inside the match, else next in
    the clause."""
    text = skel.text
    if after_party is not None:
        own = re.match(r"\s*⟨M(\d+)⟩", text[after_party:])
        if own:
            return skel.amounts[int(own.group(1))]
    inside = [m for m in PLACEHOLDER.finditer(text, span[0], span[1]) if m.group(1) == "M"]
    fresh = [m for m in inside if int(m.group(2)) not in used]
    for match in fresh or inside:
        return skel.amounts[int(match.group(2))]
    end = clause_end(text, span[1])
    for match in PLACEHOLDER.finditer(text, span[1], end):
        if match.group(1) == "M" and int(match.group(2)) not in used:
            return skel.amounts[int(match.group(2))]
    return None


_BENEFICIARY_KINDS = frozenset({"datacenter", "miner", "neocloud", "unknown"})
_CLOUD_KINDS = frozenset({"neocloud", "hyperscaler", "datacenter", "miner"})


def _roles(role: str, match: re.Match[str], skel: Skeleton,
           discourse: Discourse) -> list[tuple[Party, int]]:
    if role in ("SUBJECT", "BENEFICIARY", "CONTEXT", "TOPIC"):
        return _special_role(role, skel, match, discourse)
    return group_parties(match, role, skel)


def _candidates(skel: Skeleton, sentence: str, discourse: Discourse) -> list[Candidate]:
    found: list[Candidate] = []
    headline = is_headline(sentence)
    two_parties = len(re.findall(r"⟨[PQ]\d+⟩", skel.text)) >= 2
    prefixes = word_prefixes(skel.text)
    for frame in ALL_FRAMES:
        if frame.needs_two_parties and not two_parties:
            continue
        if frame.gate is not None and frame.gate.isdisjoint(prefixes):
            continue
        for match in frame.pattern.finditer(skel.text):
            span = match.span()
            matched = skel.text[span[0]:span[1]]
            if not _trigger_is_a_verb(skel.text, match, headline):
                continue
            if "passive" not in frame.name and "_by" not in frame.name and \
                    _PASSIVE.search(matched):
                continue
            if re.match(r"⟨[PQ]\d+⟩\s+to\s+\w", matched) and \
                    _OBJECT_THEN_TO.search(skel.text[:span[0]]):
                continue
            if frame.deal_type == "warrant" and _SALE.search(matched):
                continue  # shares sold for a price are an equity sale, not a warrant
            if frame.name == "goods_secured_from" and _CONTRACT_FROM.search(matched):
                continue  # "wins a compute contract from Meta": Meta is the customer
            if frame.name in _STAKE_FRAMES and _STAKE_EXIT.search(
                    skel.text[max(0, span[0] - 30):span[1]]):
                continue  # a stake sold or cut is money going the other way, or none
            if frame.deal_type == "equity_investment" and _OPTION_TO_BUY.search(matched):
                continue  # "a warrant to purchase shares" is the warrant, not a purchase
            clause_text = skel.text[span[0]:clause_end(skel.text, span[1])]
            payers = _roles(frame.payer, match, skel, discourse)
            payees = _roles(frame.payee, match, skel, discourse)
            if not payers or not payees:
                continue
            if frame.requires_payee == "cloud" and not all(
                    (p.kind or "") in _CLOUD_KINDS for p, _ in payees):
                continue
            deal_type = refine_type(frame, skel.text[span[0]:span[1]], clause_text, sentence,
                                    payers[0][0], payees[0][0])
            if deal_type is None:
                continue
            for payer, payer_at in payers:
                for payee, payee_at in payees:
                    pair = (payer, payee)
                    if frame.direction == "by_kind":
                        ordered = direction_by_kind(payer, payee, deal_type)
                        if ordered is None:
                            continue
                        pair = ordered
                    listed = payer_at if len(payers) > 1 else payee_at if len(payees) > 1 \
                        else None
                    listed_end = None
                    if listed is not None:
                        listed_end = skel.text.index("⟩", listed) + 1
                    found.append(Candidate(frame, pair[0], pair[1], deal_type, span,
                                            _pick_amount(skel, span, set(), listed_end),
                                            frame.confidence))
            found.extend(ellipsis(skel, match, frame, payers, payees, deal_type))
            if deal_type == "purchase":
                found.extend(object_list(skel, match, frame, payers, deal_type))
    found.extend(participants(skel, found))
    return found


def _overlap(a: Candidate, b: Candidate) -> float:
    """Shared length of two matches over the shorter one (0: apart, 1: one inside the other)."""
    shared = min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])
    shorter = min(a.span[1] - a.span[0], b.span[1] - b.span[0]) or 1
    return max(shared, 0) / shorter


def _resolve_conflicts(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per pair and trigger: the earlier frame wins overlapping matches."""
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
_CONTRAST = re.compile(r"(?:\b(?:not|neither|nor|rather\s+than|instead\s+of|pas|ni)\s+"
                       r"(?:the\s+|a\s+)?|\bnot\s+\w+\s+like\s+)$", re.IGNORECASE)


def _vendor_over_brand(candidates: list[Candidate]) -> list[Candidate]:
    """"buy Nvidia systems from Supermicro": the seller is the vendor after "from", not the
    chip brand before the goods."""
    vendors = [c for c in candidates if c.frame.name == "brand_goods_from_vendor"]
    if not vendors:
        return candidates
    return [c for c in candidates if c.frame.name != "buy_goods_of" or not any(
        v.payer.entity_id == c.payer.entity_id and v.span[0] <= c.span[1] and c.span[0] <= v.span[1]
        for v in vendors)]


def _ruled_out(skel: Skeleton) -> set[int]:
    """Parties a contrast rules out: "not Nvidia but AMD will supply", "Goldman, not
    JPMorgan, is advising", "neither Nvidia nor AMD will invest" (ids of the Party objects)."""
    out = set()
    for match in PLACEHOLDER.finditer(skel.text):
        if match.group(1) not in "PQ":
            continue
        before = skel.text[max(0, match.start() - 30):match.start()]
        if _CONTRAST.search(before) and not re.search(r"\bnot\s+only\s+$", before, re.I):
            out.add(id(skel.parties[int(match.group(2))]))
    return out


# Frames at or above this confidence are specific constructions; below, loose readings.
LOOSE_FRAME_CONFIDENCE = 0.8
# A text this long is a document (a filing, a whole article), not a passage.
LONG_DOCUMENT_CHARS = 2500


def extract_sentence(sentence: str, discourse: Discourse, lang: str = "en",
                     as_of: date | None = None) -> list[tuple[Candidate, str, str]]:
    """Deals stated in one sentence as (candidate, status, evidence span text)."""
    parties = find_parties(sentence, discourse)
    if sum(1 for p in parties if p.via != "pronoun") == 0:
        discourse.remember(parties)
        return []
    amounts = find_amounts(sentence, lang, as_of)
    skel = inject_subject(build_skeleton(sentence, parties, amounts))
    out = []
    if _NOT_A_DEAL.search(sentence):
        discourse.remember(parties)
        return []
    denied = _DENIAL.search(sentence)
    candidates = _candidates(skel, sentence, discourse) or fallback(skel, sentence)
    if RESPECTIVELY.search(sentence):
        candidates = respectively(skel, candidates)
    candidates = _vendor_over_brand(candidates)
    ruled_out = _ruled_out(skel)
    if ruled_out:
        candidates = [c for c in candidates
                      if id(c.payer) not in ruled_out and id(c.payee) not in ruled_out]
    if discourse.long_document and "⟨M" not in skel.text:
        # In a long document, a loose frame (a deal word between two names, the two-party
        # fallback) needs a deal figure in its sentence: filings and long articles name
        # companies side by side all the time.
        candidates = [c for c in candidates if c.confidence >= LOOSE_FRAME_CONFIDENCE]
    for cand in _resolve_conflicts(candidates):
        start, end = skel.to_sentence(cand.span[0]), skel.to_sentence(cand.span[1])
        if cand.deal_type != "backstop" and is_negated(sentence[start:end]):
            continue
        if denied and denied.start() < end:
            continue
        out.append((cand, status_of(sentence, (start, end)), sentence[start:end]))
    discourse.remember(parties)
    return out


# Generic vehicles are named the same in unrelated stories ("the SPV", "a joint venture"):
# one party per document, never one entity joining unrelated deals into false loops.
_GENERIC_VEHICLE = re.compile(
    r"org:(?:spv|jv|joint-venture|special-purpose-vehicle|vehicle|newco|consortium|holdco|"
    r"the-spv|the-jv|the-joint-venture)")


_LEGAL_TAIL = re.compile(r"(?:,?\s+(?:Inc|Corp|Corporation|Co|Ltd|Limited|LLC|plc|PLC|SA|AG|NV|N\.V"
                         r"|SE|SAS|GmbH|Holdings?|Group)\.?)+$")


def display_name(party: Party) -> str:
    """The name a mention is shown under: the shorter of the name as written (a known company
    named by a short form, "Fortress", "Citi") and the table's name (a long form or a unit,
    "Hewlett Packard Enterprise" -> "HPE", "AMD Ventures" -> "AMD"); the table's name for a
    ticker, a description or a pronoun."""
    if party.via != "entity":
        return party.name
    written = re.sub(r"['’]s?$", "", party.surface.strip()).lstrip("$")
    written = _LEGAL_TAIL.sub("", written).strip(" ,.")
    squeezed = re.sub(r"[\W_]+", "", written).lower()
    if not written or (written.isupper() or written.islower()) and len(written) <= 5 or \
            not written.lower().startswith(party.name.lower()[:1]) or \
            squeezed == re.sub(r"[\W_]+", "", party.name).lower():
        return party.name  # a ticker, another name ("Alphabet"), or the same ("Supermicro")
    return written if len(written) < len(party.name) else party.name


def document_scoped(entity_id: str, doc_id: str) -> str:
    """The id of a party: a generic vehicle's id is scoped to its document."""
    if _GENERIC_VEHICLE.fullmatch(entity_id):
        return f"{entity_id}@{stable_id(doc_id, length=12)}"
    return entity_id


def extract_text(doc_id: str, text: str, *, lang: str = "en", field: str = "text",
                 published_at: datetime | date | None = None,
                 discourse: Discourse | None = None,
                 table: EntityTable | None = None) -> list[DealMention]:
    """Every deal stated in a text, one mention per (sentence, payer, payee, type)."""
    table = table or EntityTable.default()
    discourse = discourse or Discourse(table)
    discourse.long_document = discourse.long_document or len(text) >= LONG_DOCUMENT_CHARS
    as_of = published_at.date() if isinstance(published_at, datetime) else published_at
    mentions: list[DealMention] = []
    for sentence in split_sentences(text, lang, keep=_WORTH_SPLITTING):
        for cand, status, _span_text in extract_sentence(sentence.text, discourse, lang, as_of):
            amount = cand.amount
            mentions.append(DealMention(
                doc_id=doc_id, field=field, sentence_index=sentence.index,
                char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
                payer_text=cand.payer.surface, payee_text=cand.payee.surface,
                payer_id=document_scoped(cand.payer.entity_id, doc_id),
                payee_id=document_scoped(cand.payee.entity_id, doc_id),
                payer_name=display_name(cand.payer), payee_name=display_name(cand.payee),
                deal_type=cand.deal_type,
                amount_usd=amount.value_usd if amount else None,
                amount_qualifier=amount.qualifier if amount and amount.value else None,
                amount_original=amount.value if amount else None,
                currency=amount.currency if amount and amount.value else None,
                period=amount.period if amount and amount.value else "total",
                duration_years=amount.duration_years if amount else None,
                status=status,
                confidence=round(_confidence(cand), 3),
            ))
    return _unique(mentions)


def _confidence(cand: Candidate) -> float:
    score = cand.confidence
    for party in (cand.payer, cand.payee):
        if party.via in ("description", "pronoun", "defined_term"):
            score *= 0.85
        elif not party.known:
            score *= 0.85
    return score


def _unique(mentions: list[DealMention]) -> list[DealMention]:
    seen: dict[str, DealMention] = {}
    for mention in mentions:
        seen.setdefault(mention.mention_id, mention)
    return list(seen.values())


def extract_document(doc_id: str, *, title: str | None, summary: str | None, text: str,
                     lang: str | None = "en", published_at: datetime | None = None,
                     table: EntityTable | None = None) -> list[DealMention]:
    """Deals in a document's title, summary and text, read in that order with one discourse
    (so "the chipmaker" in the text can refer to a company named in the title)."""
    table = table or EntityTable.default()
    discourse = Discourse(table)
    out: list[DealMention] = []
    for field, content in (("title", title), ("summary", summary), ("text", text)):
        if content:
            out += extract_text(doc_id, content, lang=lang or "en", field=field,
                                published_at=published_at, discourse=discourse, table=table)
    return out


class ExtractionFailed(Exception):
    """The extractor failed on a document (a bug or an input it never anticipated)."""


def mention_rows(doc_id: str, source: str, *, title: str | None, summary: str | None,
                 text: str, lang: str | None, published_at: datetime | None,
                 table: EntityTable | None = None) -> list[dict[str, object]]:
    """A document's deal mentions as `deal_mentions` rows.

    Any unexpected error is raised as ExtractionFailed naming the document, so callers can
    quarantine that one document and go on.
    """
    try:
        return _mention_rows(doc_id, source, title=title, summary=summary, text=text,
                             lang=lang, published_at=published_at, table=table)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
        raise ExtractionFailed(f"extraction failed on {doc_id}: {type(exc).__name__}: {exc}") \
            from exc


def _mention_rows(doc_id: str, source: str, *, title: str | None, summary: str | None,
                  text: str, lang: str | None, published_at: datetime | None,
                  table: EntityTable | None = None) -> list[dict[str, object]]:
    mentions = extract_document(doc_id, title=title, summary=summary, text=text, lang=lang,
                                published_at=published_at, table=table)
    return [m.to_row(source, published_at) for m in mentions]


def entity_rows(table: EntityTable, mentions: list[dict[str, object]]) -> list[dict[str, object]]:
    """`entities` rows: the reference table plus every open-world party named in mentions."""
    rows = {e.entity_id: e.as_record() for e in table.entities}
    for mention in mentions:
        for side in ("payer", "payee"):
            entity_id = str(mention[f"{side}_id"])
            if entity_id not in rows:
                name = table.resolve(str(mention[f"{side}_text"])).name
                rows[entity_id] = {"entity_id": entity_id, "name": name,
                                   "aliases": [], "ticker": None, "cik": None,
                                   "kind": "unknown"}
    return list(rows.values())


__all__ = ["EXTRACTOR_VERSION", "DealMention", "ExtractionFailed", "entity_rows",
           "extract_document",
           "extract_text", "mention_rows"]
