"""Deals whose two companies are named in different sentences: a statistical reading.

Real passages often name one side of a deal in one sentence and the other in the next:
"Crusoe raised $1.4 billion led by Mubadala. Nvidia also took part, alongside Fidelity",
"DataBank signed a $725 million credit facility. TD Securities was the administrative agent",
"The company recently acquired Future-tech" three sentences after naming it. The frames read
a few of these through references ("the round", "the company"); this model reads the rest.

For a sentence that names a company X, every company Y named in the last few sentences (and
not in this one) and not yet read in a deal with X is a candidate, in both directions. A
multinomial logistic regression scores each over the deal types and "no deal", from sparse
features: the sentence's words (alone and with X's role), the words around X, the parties'
kinds, how far back Y was named, whether Y was its sentence's subject, the document's first
company or the last one that raised money, how often it was referred to, and whether this
sentence refers to it ("the company", "it"). The weights are data (`cross_model.json`), trained
with the pair model by `python -m transform.deals.train_pair_model`; inference is a dot product
in plain Python: deterministic, offline and fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from transform.deals.frames import Frame
from transform.deals.pair_model import (
    NO_DEAL,
    ModelSlot,
    PairModel,
    Token,
    sentence_stems,
    stem,
    tokens,
)
from transform.deals.skeleton import Candidate, Skeleton, own_amount
from transform.entities.discourse import Discourse, Party

CROSS_MODEL_PATH = Path(__file__).with_name("cross_model.json")
_WINDOW = 3  # words each side of the company named here
_MAX_EARLIER = 6  # the most recently named companies of earlier sentences considered

CROSS_FRAME = Frame("cross_sentence_model", "equity_investment", r"⟨P(?P<A>\d+)⟩",
                    confidence=0.6)


def named_here(skel: Skeleton, words: list[Token]) -> dict[str, int]:
    """entity id -> the word position of the first mention of each company named (not
    referred to) in the sentence."""
    first: dict[str, int] = {}
    for i, token in enumerate(words):
        if token.text == "<P>" and token.party is not None:
            party = skel.parties[token.party]
            if party.via in ("entity", "open_world") and party.entity_id not in first:
                first[party.entity_id] = i
    return first


def earlier_companies(discourse: Discourse, here: set[str]) -> list[tuple[Party, int]]:
    """(company, sentences back) for the companies the last sentences named and this one does
    not, newest first, each once."""
    out: list[tuple[Party, int]] = []
    seen = set(here)
    for back, parties in enumerate(reversed(discourse.history), start=1):
        for party in parties:
            if party.entity_id not in seen:
                seen.add(party.entity_id)
                out.append((party, back))
    return out[:_MAX_EARLIER]


def cross_features(words: list[Token], skel: Skeleton, position: int, other: Party,
                   back: int, here_pays: bool, discourse: Discourse,
                   stems: list[str] | None = None) -> list[str]:
    """The features of reading the company at word `position` as paying (`here_pays`) or
    being paid by `other`, a company named `back` sentences earlier (`stems`: the sentence's
    `sentence_stems`, computed once for all its pairs)."""
    role = "A" if here_pays else "B"
    here = skel.parties[words[position].party]  # type: ignore[index]
    feats = ["bias", f"role={role}", f"dist={min(back, 3)}"]
    for k in range(1, _WINDOW + 1):
        if position - k >= 0:
            feats.append(f"{role}-{k}={stem(_shown(words[position - k], skel, other))}")
        if position + k < len(words):
            feats.append(f"{role}+{k}={stem(_shown(words[position + k], skel, other))}")
    payer, payee = (here, other) if here_pays else (other, here)
    feats += [f"kindA={payer.kind or 'unknown'}", f"kindB={payee.kind or 'unknown'}",
              f"kinds={payer.kind or 'unknown'}>{payee.kind or 'unknown'}",
              f"knownA={payer.known}", f"knownB={payee.known}"]
    named = [t.party for t in words if t.text == "<P>"]
    feats.append(f"herefirst={bool(named) and named[0] == words[position].party}")
    feats.append(f"parties={min(len(set(named)), 4)}")
    feats.append(f"amount={any(t.text == '<M>' for t in words)}")
    subjects = discourse.subjects[-back:] if back <= len(discourse.subjects) else []
    feats.append(f"othersubject={any(p.entity_id == other.entity_id for p in subjects[:1])}")
    feats.append(f"otherfirst={discourse.first_named == other.entity_id}")
    raiser = discourse.last_raiser
    feats.append(f"otherraiser={raiser is not None and raiser.entity_id == other.entity_id}")
    feats.append(f"salience={min(discourse.salience.get(other.entity_id, 0), 4)}")
    referred = next((p.via for p in skel.parties
                     if p.entity_id == other.entity_id and p.via not in ("entity", "open_world")),
                    None)
    feats.append(f"referred={referred}")
    # Its side in the deals read so far: a co-investor of a round is no counterparty of it.
    for side in sorted(discourse.roles.get(other.entity_id, ())):
        feats += [f"otherrole={side}", f"{role}otherrole={side}"]
    for side in sorted(discourse.roles.get(here.entity_id, ())):
        feats += [f"hererole={side}", f"{role}hererole={side}"]
    for prefix in stems if stems is not None else sentence_stems(words):
        feats += [f"s={prefix}", f"{role}s={prefix}"]
    return feats



def _shown(token: Token, skel: Skeleton, other: Party) -> str:
    """A word as a feature: a reference to the earlier company ("the company") is <Y>."""
    if token.party is not None and skel.parties[token.party].entity_id == other.entity_id:
        return "<Y>"
    return token.text


def cross_pairs(skel: Skeleton, discourse: Discourse, words: list[Token] | None = None
                ) -> Iterator[tuple[int, Party, int, bool, list[str]]]:
    """(word position, earlier company, sentences back, here pays, features) for every
    candidate pair of the sentence, both directions (`words`: its `tokens`, if known)."""
    words = words if words is not None else tokens(skel)
    here = named_here(skel, words)
    if not here:
        return
    stems = sentence_stems(words)
    for other, back in earlier_companies(discourse, set(here)):
        for entity_id, position in here.items():
            if frozenset({entity_id, other.entity_id}) in discourse.read_pairs:
                continue
            for here_pays in (True, False):
                yield position, other, back, here_pays, cross_features(
                    words, skel, position, other, back, here_pays, discourse, stems)


_FUNDING = frozenset({"equity_investment", "loan"})
CROSS_MODEL = ModelSlot(CROSS_MODEL_PATH)
default_cross_model = CROSS_MODEL.current
use_cross_model = CROSS_MODEL.use


def cross_candidates(skel: Skeleton, discourse: Discourse, beside: list[Candidate],
                     model: PairModel | None = None) -> list[Candidate]:
    """The deals between a company named here and one named in an earlier sentence, for pairs
    no deal of the document was read between: the readings above the model's threshold, the
    most probable one per company named here, side and deal type, for the sides and types
    the sentence's own readings (`beside`) did not give that company."""
    model = model or default_cross_model()
    if model is None or not discourse.history:
        return []
    words = tokens(skel)
    amount = next((m for m in skel.amounts if m.role == "deal" and m.value), None)
    # One reading per company named here, side and type: "Fidelity also took part" is an
    # investment in one earlier company (the round's), not in its co-investors too.
    taken = {(c.payer.entity_id, True, c.deal_type) for c in beside} | {
        (c.payee.entity_id, False, c.deal_type) for c in beside}
    # A company this sentence reads as selling goods does not also fund a company of an
    # earlier sentence ("Microsoft has spent billions on Nvidia GPUs": Nvidia is paid for
    # GPUs here; it invests in or lends to nobody named before).
    sellers_here = {c.payee.entity_id for c in beside if c.deal_type == "purchase"}
    best: dict[tuple[str, bool, str], tuple[float, Candidate]] = {}
    for position, other, _back, here_pays, feats in cross_pairs(skel, discourse, words):
        here = skel.parties[words[position].party]  # type: ignore[index]
        probs = model.probabilities(feats)
        label = max(probs, key=lambda c: probs[c])
        if label == NO_DEAL or probs[label] < model.threshold:
            continue
        if here_pays and here.entity_id in sellers_here and label in _FUNDING:
            continue
        payer, payee = (here, other) if here_pays else (other, here)
        cand = Candidate(CROSS_FRAME, payer, payee, label, (0, len(skel.text)),
                         own_amount(skel, here) or amount, CROSS_FRAME.confidence)
        key = (here.entity_id, here_pays, label)
        if key in taken:
            continue
        if key not in best or best[key][0] < probs[label]:
            best[key] = (probs[label], cand)
    return [cand for _, cand in best.values()]
