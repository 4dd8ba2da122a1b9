"""Sentence-level deal extraction: parties, direction, type, amount, status, evidence.

For each sentence: find the parties (transform.entities) and the amounts (transform.money),
write the sentence as a skeleton (`⟨P0⟩ will invest up to ⟨M0⟩ in ⟨P1⟩`), and match the deal
frames against it (`transform.deals.candidates`). A match gives the payer and payee by their role
in the frame; then the deal's amount (a candidate deal amount inside the match, else the next
one in its clause), its status (transform.deals.status) and a confidence. Coordination is
handled on the skeleton: a verb phrase after "and" gets the sentence's subject back ("... and
will also buy $350M of CoreWeave stock"), a party list fills one slot with several parties
("led by Blackstone and Magnetar"), and "X will invest $5B in Y, and Z $10B" copies the frame
for Z. Everything here is pure: no I/O, no model, deterministic.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from records.ids import stable_id
from transform.deals.candidates import (
    find_candidates,
    prefer_vendor_over_brand,
    resolve_conflicts,
    ruled_out_parties,
)
from transform.deals.coordination import (
    RESPECTIVELY,
    backstops_pay_the_landlord,
    fallback,
    list_partners,
    respectively,
)
from transform.deals.cross_sentence import CROSS_FRAME, cross_candidates
from transform.deals.later_figures import fill_amount_referred_back
from transform.deals.naming import document_scoped, shown_name
from transform.deals.pair_model import model_candidates
from transform.deals.sentences import Sentence, iter_sentences
from transform.deals.skeleton import Candidate, Skeleton, build_skeleton, inject_subject
from transform.deals.status import is_negated, status_of
from transform.entities.parties import Discourse, Party, find_parties
from transform.entities.table import EntityTable
from transform.money.amounts import find_amounts

EXTRACTOR_VERSION = "rules-5"  # frames, the pair model and the cross-sentence model
# Seconds one document may take (setting `extract_budget_seconds`): a page hundreds of times
# longer than an article is quarantined with the reason instead of holding up the run.
DEFAULT_BUDGET_SECONDS = 60.0


class _OverBudget(Exception):
    """The document's time budget ran out (turned into ExtractionFailed by `mention_rows`)."""

# Paragraphs without a digit or a deal word cannot state a deal: not worth splitting.
_WORTH_SPLITTING = re.compile(
    r"\d|billion|million|milliard|invest|acqui|buy|bought|purchas|lease|rent|lend|lent|loan|"
    r"warrant|backstop|deal|contract|agreement|stake|rach|achat|accord|contrat|suppl|provid|"
    r"tenant|host|financ|fund|back|guarant|borrow|spend|spent|pay|paid|sell|sold|order|reserv|"
    r"book|anchor|particip|round|raise|rais|lev[éeè]|prêt|lou|verse|fourni|cède|cession|capacity|"
    r"capacité|takeover|merger|buyout|credit|debt|shares|equity|customer|partner|commit|"
    r"deploy|déploi|install|built|runs\s+on|powered|procur|client|owns|hold|détien|emprunt|"
    r"apport|inject|among|led\b|lead|pick|tap|turn\w*\s+to|chose|choos|select|enlist|choisi|"
    r"tourn|offr|control|contrôl|licen|owes|owed|owned|détenu|possédé|vente|vend|giron|"
    r"escarcelle|mains\s+d",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected|refuted|dément\w*)\b"
                     r"(?:\s+\w+){0,3}\s+(?:reports?|that|it|rumou?rs?)", re.IGNORECASE)
_NOT_A_DEAL = re.compile(
    r"\b(?:ordered\s+to\s+pay|jury|verdict|damages|infring\w*|lawsuit|fined|penalt\w+)\b|"
    r"\banalysts?\b[^.]*\bwould\b|\bif\s+\w+\s+were\s+to\b|"
    r"\b(?:predicts?|predicted|forecasts?|prédit|prévoit)\b[^.]*\b(?:could|would|might|pourrait|"
    r"atteindre|reach)\b|"
    r"^\s*(?:what\s+if|imagine\s+if|imagine)\b|"
    # "Huang was asked whether Nvidia was part of a consortium to buy Intel": a question
    r"\b(?:asked|wondering|wondered)\s+(?:\w+\s+){0,3}?whether\b", re.IGNORECASE)
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


# Frames at or above this confidence are specific constructions; below, loose readings.
LOOSE_FRAME_CONFIDENCE = 0.8
# A text this long is a document (a filing, a whole article), not a passage.
LONG_DOCUMENT_CHARS = 2500


def skeleton_of(sentence: str, parties: list[Party], lang: str = "en",
                as_of: date | None = None) -> Skeleton:
    """The sentence as the frames and the pair model read it: its parties and amounts as
    placeholders, a coordinated verb phrase's subject put back."""
    return inject_subject(build_skeleton(sentence, parties, find_amounts(sentence, lang, as_of)))


def readable_sentences(text: str, lang: str = "en") -> Iterator[Sentence]:
    """The sentences of the paragraphs that can state a deal (a digit or a deal word)."""
    return iter_sentences(text, lang, keep=_WORTH_SPLITTING)


def extract_sentence(sentence: str, discourse: Discourse, lang: str = "en",
                     as_of: date | None = None) -> list[tuple[Candidate, str, str]]:
    """Deals stated in one sentence as (candidate, status, evidence span text)."""
    parties = find_parties(sentence, discourse)
    if sum(1 for p in parties if p.via != "pronoun") == 0:
        discourse.remember(parties, sentence)
        return []
    skel = skeleton_of(sentence, parties, lang, as_of)
    out = []
    if _NOT_A_DEAL.search(sentence):
        discourse.remember(parties, sentence)
        return []
    denied = _DENIAL.search(sentence)
    candidates = find_candidates(skel, sentence, discourse)
    # The statistical reading of the pairs of companies no frame read.
    read = model_candidates(skel, candidates)
    if not candidates and not discourse.long_document:
        # The two-party fallback (a guess from the parties' kinds) for a pair the model did
        # not read either. It reads passages only: a long document names two companies and a
        # figure side by side in many sentences that state no deal.
        model_read = {frozenset({c.payer.entity_id, c.payee.entity_id}) for c in read}
        candidates = [c for c in fallback(skel, sentence)
                      if frozenset({c.payer.entity_id, c.payee.entity_id}) not in model_read]
    if RESPECTIVELY.search(sentence):
        candidates = respectively(skel, candidates)
    candidates += read
    # ... and of a company named here with one an earlier sentence named.
    candidates += cross_candidates(skel, discourse, candidates)
    if not RESPECTIVELY.search(sentence):
        candidates += list_partners(skel, candidates)
    candidates = prefer_vendor_over_brand(candidates)
    ruled_out = ruled_out_parties(skel)
    if ruled_out:
        candidates = [c for c in candidates
                      if id(c.payer) not in ruled_out and id(c.payee) not in ruled_out]
    # "Rookwood Bank, as administrative agent": the agent runs the loan for the lenders; it
    # lends only where the filing says so ("as administrative agent and a lender").
    candidates = [c for c in candidates if not (
        c.deal_type == "loan" and _AGENT_ONLY.match(sentence, c.payer.end))]
    if discourse.long_document and "⟨M" not in skel.text:
        # In a long document, a loose frame (a deal word between two names, the two-party
        # fallback, the pair model) needs a deal figure in its sentence: filings and long
        # articles name companies side by side all the time.
        candidates = [c for c in candidates if c.confidence >= LOOSE_FRAME_CONFIDENCE]
    candidates = backstops_pay_the_landlord(candidates, discourse)
    for cand in resolve_conflicts(candidates, skel):
        start, end = skel.to_sentence(cand.span[0]), skel.to_sentence(cand.span[1])
        if cand.deal_type != "backstop" and is_negated(sentence[start:end]):
            continue
        if denied and denied.start() < end:
            continue
        out.append((cand, status_of(sentence, (start, end)), sentence[start:end]))
        discourse.read_pairs.add(frozenset({cand.payer.entity_id, cand.payee.entity_id}))
        discourse.roles.setdefault(cand.payer.entity_id, set()).add(f"payer:{cand.deal_type}")
        discourse.roles.setdefault(cand.payee.entity_id, set()).add(f"payee:{cand.deal_type}")
        if cand.deal_type == "lease":
            discourse.landlords[cand.payer.entity_id] = cand.payee
        if cand.deal_type in ("equity_investment", "loan") and cand.frame is not CROSS_FRAME:
            # (a guess across sentences does not say whose round a later "the round" is)
            discourse.last_raiser = cand.payee
        elif cand.deal_type == "backstop" and cand.frame.name == "guarantee_for_loan_to":
            discourse.last_raiser = cand.payee  # the borrower of the guaranteed loan
    if not out:
        raiser = _LONE_RAISER.match(skel.text)
        if raiser is not None:
            # "X has closed a $328 million financing" names the borrower of the lenders a
            # later sentence lists ("The financing was led by A and B").
            discourse.last_raiser = skel.parties[int(raiser.group(1))]
    discourse.remember(parties, sentence)
    return out


_AGENT_ONLY = re.compile(
    r"(?:,?\s*(?:N\.A\.|Inc\.|LLC|plc|Ltd\.?|Corp\.?|S\.A\.)?)*,?\s+as\s+(?:the\s+)?"
    r"(?:administrative|collateral|paying|security|facility)\s+agent\b(?![^.;]{0,40}\blender\b)",
    re.IGNORECASE)
# A company that raised money with no counterparty named: "X raised $500M", "X a levé 20 M€".
_LONE_RAISER = re.compile(
    r"^\W*(?:[\w\-’']+\s+){0,3}?⟨P(\d+)⟩(?:[^⟨.;]|⟨[MX]\d+⟩){0,60}?\b(?:rais|secur|clos|"
    r"obtain|land|borrow|lev|lèv|emprunt|obtien|obtenu|boucl)\w*\s+(?:[\w\-]+\s+){0,4}?"
    r"⟨M\d+⟩(?:(?!⟨P)[^;])*$", re.IGNORECASE)


def extract_text(doc_id: str, text: str, *, lang: str = "en", field: str = "text",
                 published_at: datetime | date | None = None,
                 discourse: Discourse | None = None,
                 table: EntityTable | None = None,
                 deadline: float | None = None) -> list[DealMention]:
    """Every deal stated in a text, one mention per (sentence, payer, payee, type).

    `deadline` (a `time.monotonic()` value) stops the reading between two sentences once passed.
    """
    table = table or EntityTable.default()
    discourse = discourse or Discourse(table)
    discourse.long_document = discourse.long_document or len(text) >= LONG_DOCUMENT_CHARS
    as_of = published_at.date() if isinstance(published_at, datetime) else published_at
    mentions: list[DealMention] = []
    for sentence in readable_sentences(text, lang):
        if deadline is not None and time.monotonic() > deadline:
            raise _OverBudget(f"{field}: stopped at sentence {sentence.index}, character "
                              f"{sentence.start} of {len(text)}")
        found = extract_sentence(sentence.text, discourse, lang, as_of)
        if not found:
            fill_amount_referred_back(sentence.text, discourse, lang, as_of)
            continue
        discourse.amountless, discourse.sentences_since_deal = [], 0
        for cand, status, _span_text in found:
            amount = cand.amount
            mentions.append(DealMention(
                doc_id=doc_id, field=field, sentence_index=sentence.index,
                char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
                payer_text=cand.payer.surface, payee_text=cand.payee.surface,
                payer_id=document_scoped(cand.payer.entity_id, doc_id),
                payee_id=document_scoped(cand.payee.entity_id, doc_id),
                payer_name=shown_name(cand.payer, discourse),
                payee_name=shown_name(cand.payee, discourse),
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
            if amount is None or not amount.value:
                discourse.amountless.append((mentions, len(mentions) - 1))
    unique = _unique(mentions)
    if unique is not mentions:  # a later field may still fill a figure: point into the copy
        position = {m.mention_id: i for i, m in enumerate(unique)}
        discourse.amountless = [(unique, position[h[i].mention_id]) if h is mentions else (h, i)
                                for h, i in discourse.amountless]
    return unique


def _confidence(cand: Candidate) -> float:
    score = cand.confidence
    for party in (cand.payer, cand.payee):
        if party.via in ("description", "pronoun", "defined_term"):
            score *= 0.85
        elif not party.known:
            score *= 0.85
    return score


def _unique(mentions: list[DealMention]) -> list[DealMention]:
    """One mention per id; the same list when there is nothing to drop."""
    seen: dict[str, DealMention] = {}
    for mention in mentions:
        seen.setdefault(mention.mention_id, mention)
    return mentions if len(seen) == len(mentions) else list(seen.values())


def extract_document(doc_id: str, *, title: str | None, summary: str | None, text: str,
                     lang: str | None = "en", published_at: datetime | None = None,
                     table: EntityTable | None = None,
                     deadline: float | None = None) -> list[DealMention]:
    """Deals in a document's title, summary and text, read in that order with one discourse
    (so "the chipmaker" in the text can refer to a company named in the title); `deadline` as
    in `extract_text`."""
    table = table or EntityTable.default()
    discourse = Discourse(table)
    fields: list[list[DealMention]] = []
    for field, content in (("title", title), ("summary", summary), ("text", text)):
        if content:
            fields.append(extract_text(doc_id, content, lang=lang or "en", field=field,
                                       published_at=published_at, discourse=discourse,
                                       table=table, deadline=deadline))
    # joined at the end: a later field may still give an earlier field's deal its figure
    return [mention for mentions in fields for mention in mentions]


class ExtractionFailed(Exception):
    """The extractor failed on a document (a bug or an input it never anticipated)."""


def mention_rows(doc_id: str, source: str, *, title: str | None, summary: str | None,
                 text: str, lang: str | None, published_at: datetime | None,
                 table: EntityTable | None = None,
                 budget_seconds: float | None = DEFAULT_BUDGET_SECONDS) -> list[dict[str, object]]:
    """A document's deal mentions as `deal_mentions` rows.

    Any unexpected error, and a document that takes longer than `budget_seconds` (None: no
    limit), is raised as ExtractionFailed naming the document, so callers can quarantine that
    one document and go on.
    """
    started = time.monotonic()
    deadline = None if budget_seconds is None else started + budget_seconds
    try:
        return _mention_rows(doc_id, source, title=title, summary=summary, text=text,
                             lang=lang, published_at=published_at, table=table,
                             deadline=deadline)
    except _OverBudget as exc:
        raise ExtractionFailed(
            f"extraction over budget on {doc_id}: more than {budget_seconds:g} s for "
            f"{len(text or ''):,} characters ({exc}); raise CIRCULARITY_EXTRACT_BUDGET_SECONDS "
            "and reprocess to read it") from None
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
        # The innermost frames go with the message, so the quarantine row tells where it broke.
        where = "".join(traceback.format_exception(exc, limit=-4)).strip()
        raise ExtractionFailed(f"extraction failed on {doc_id}: {type(exc).__name__}: {exc}\n"
                               f"{where}") from exc


def _mention_rows(doc_id: str, source: str, *, title: str | None, summary: str | None,
                  text: str, lang: str | None, published_at: datetime | None,
                  table: EntityTable | None = None,
                  deadline: float | None = None) -> list[dict[str, object]]:
    mentions = extract_document(doc_id, title=title, summary=summary, text=text, lang=lang,
                                published_at=published_at, table=table, deadline=deadline)
    return [m.to_row(source, published_at) for m in mentions]


def entity_rows(table: EntityTable, mentions: list[dict[str, object]]) -> list[dict[str, object]]:
    """`entities` rows: the reference table plus every open-world party named in mentions."""
    rows = {e.entity_id: e.as_record() for e in table.entities}
    named: dict[str, str] = {}  # an open-world id's name, from a mention written with it
    fallback: dict[str, str] = {}
    for mention in mentions:
        for side in ("payer", "payee"):
            entity_id = str(mention[f"{side}_id"])
            if entity_id in rows:
                continue
            resolution = table.resolve(str(mention[f"{side}_text"]))
            if resolution.entity_id == entity_id.split("@")[0]:
                named.setdefault(entity_id, resolution.name)
            else:  # "Its", "the startup": a reference, whose text is not the name
                fallback.setdefault(entity_id, _name_from_id(entity_id))
    for entity_id in {**fallback, **named}:
        rows[entity_id] = {"entity_id": entity_id,
                           "name": named.get(entity_id) or fallback[entity_id],
                           "aliases": [], "ticker": None, "cik": None, "kind": "unknown"}
    return list(rows.values())


def _name_from_id(entity_id: str) -> str:
    """A readable name from an open-world id ("org:blue-harbor-credit" -> "Blue Harbor
    Credit")."""
    slug = entity_id.split("@")[0].removeprefix("org:")
    return " ".join(word.capitalize() for word in slug.split("-"))


__all__ = ["EXTRACTOR_VERSION", "DealMention", "ExtractionFailed", "entity_rows",
           "extract_document",
           "extract_text", "mention_rows"]
