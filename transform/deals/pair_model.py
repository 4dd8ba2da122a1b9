"""A statistical reading of the pairs of companies no frame read: who pays whom, for what.

The frames (`transform.deals.frames`) are precise but each covers one wording. For a sentence
that names two or more companies, this model scores every ordered pair of them (payer, payee)
that no frame read over the deal types and "no deal" (a higher threshold applies when frames
read other pairs of the sentence). It is a multinomial logistic regression over
sparse features of the sentence skeleton (`⟨P0⟩ secured ⟨M1⟩ in debt from ⟨P2⟩`): the words
between the two parties and around each, their order, the prefixes of those words (so
"invests", "invested" and "investment" share evidence), the parties' kinds and the
sentence's words. The parties and amounts are placeholders, so a company the party finder
recognised never enters a feature (the words of a name it missed are read as ordinary words).

The weights are data (`pair_model.json`), trained by `python -m transform.deals.train_pair_model`
on the development sets; inference is a dot product in plain Python: deterministic, offline
and fast. The trainer also reports the model's score on each development set it was not
trained on, which is what its threshold is chosen on.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from transform.deals.candidates import appositive_spans
from transform.deals.frames import Frame
from transform.deals.skeleton import Candidate, Skeleton, own_amount
from transform.entities.parties import Party

MODEL_PATH = Path(__file__).with_name("pair_model.json")
NO_DEAL = "none"
_TOKEN = re.compile(r"⟨[PQMX]\d+⟩|[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)?|[$€£%;:,]",
                    re.UNICODE)
_WINDOW = 3  # words each side of a party
_MAX_BETWEEN = 25  # words between two parties beyond which a pair is not read

# The model's candidates carry this frame: its name says where a mention came from.
MODEL_FRAME = Frame("pair_model", "equity_investment", r"⟨P(?P<A>\d+)⟩", confidence=0.6)


@dataclass(frozen=True)
class Token:
    """One word of the skeleton, or a placeholder ("<P0>", "<M>", "<X>")."""

    text: str
    party: int | None  # the index of the party a placeholder stands for


def tokens(skel: Skeleton) -> list[Token]:
    """The skeleton's words, lower-cased; parties keep their index, amounts are <M> (a deal
    amount) or <X> (another figure)."""
    out = []
    for match in _TOKEN.finditer(skel.text):
        word = match.group()
        if word.startswith("⟨"):
            kind, index = word[1], int(word[2:-1])
            if kind in "PQ":
                out.append(Token(f"<{kind}>", index))
            else:
                out.append(Token(f"<{kind}>", None))
        else:
            out.append(Token(word.lower(), None))
    return out


def stem(word: str) -> str:
    """A word's feature form: its first five letters ("invests", "invested" and
    "investment" share evidence)."""
    return word[:5] if len(word) > 5 and word[0].isalpha() else word


def pair_features(words: list[Token], parties: list[Party], payer: int, payee: int,
                  stems: list[str] | None = None) -> list[str]:
    """The features of reading party `payer` as paying party `payee` in one sentence
    (`stems`: the sentence's `sentence_stems`, computed once for all its pairs)."""
    at = {t.party: i for i, t in enumerate(words) if t.party is not None}
    a, b = at[payer], at[payee]
    order = "ab" if a < b else "ba"

    def shown(i: int) -> str:
        token = words[i]
        if token.party == payer:
            return "<A>"
        if token.party == payee:
            return "<B>"
        return token.text

    first, last = min(a, b), max(a, b)
    between = [shown(i) for i in range(first + 1, last)]
    feats = ["bias", f"order={order}", f"gap={min(len(between), 12) // 3}"]
    for word in between:
        feats += [f"btw={word}", f"btw{order}={stem(word)}"]
    for left, right in zip(between, between[1:], strict=False):
        feats.append(f"bi{order}={stem(left)}_{stem(right)}")
    if between:
        feats += [f"first{order}={between[0]}", f"last{order}={between[-1]}"]
    for role, pos in (("A", a), ("B", b)):
        for k in range(1, _WINDOW + 1):
            if pos - k >= 0:
                feats.append(f"{role}-{k}={stem(shown(pos - k))}")
            if pos + k < len(words):
                feats.append(f"{role}+{k}={stem(shown(pos + k))}")
        party = parties[payer if role == "A" else payee]
        feats += [f"kind{role}={party.kind or 'unknown'}", f"known{role}={party.known}"]
    feats.append(f"kinds={parties[payer].kind or 'unknown'}>{parties[payee].kind or 'unknown'}")
    named = [t.party for t in words if t.text == "<P>"]
    feats.append(f"Afirst={bool(named) and named[0] == payer}")
    feats.append(f"Bfirst={bool(named) and named[0] == payee}")
    feats.append(f"parties={min(len(set(named)), 4)}")
    feats.append(f"amount={any(t.text == '<M>' for t in words)}")
    feats += [f"s={prefix}" for prefix in (stems if stems is not None else sentence_stems(words))]
    return feats


def sentence_stems(words: list[Token]) -> list[str]:
    """The word prefixes of a sentence, each once, in order (features of every pair of it)."""
    return list(dict.fromkeys(stem(t.text) for t in words
                              if t.party is None and t.text[0].isalpha()))


class PairModel:
    """Weights of a multinomial logistic regression: feature -> one weight per class."""

    def __init__(self, classes: list[str], weights: dict[str, list[float]],
                 intercept: list[float], threshold: float, threshold_beside: float) -> None:
        self.classes = classes
        self.weights = weights
        self.intercept = intercept
        # The probability a reading needs in a sentence no frame fits, and beside the frames'
        # readings of a sentence (for a pair of companies they did not read).
        self.threshold = threshold
        self.threshold_beside = threshold_beside

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        """A model as the trainer writes it."""
        return cls(data["classes"], data["weights"], data["intercept"], data["threshold"],
                   data["threshold_beside"])

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """P(class | features) for every class."""
        weights = self.weights
        rows = [row for row in map(weights.get, set(features)) if row]
        # one pass per class over the rows (zip(*rows)) rather than one list per feature
        if rows:
            scores = [b + sum(column) for b, column in
                      zip(self.intercept, zip(*rows, strict=True), strict=True)]
        else:
            scores = list(self.intercept)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


class ModelSlot:
    """A model shipped as a file, and the model in use: the shipped one (None when it has
    not been trained: the frames then work alone), or one set for a block by `use` (how the
    trainer scores a model on a set it was not trained on)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._in_use: list[PairModel | None] = []

    @functools.cached_property
    def shipped(self) -> PairModel | None:
        """The model in the file, read once."""
        if not self.path.exists():
            return None
        return PairModel.from_json(json.loads(self.path.read_text(encoding="utf-8")))

    def current(self) -> PairModel | None:
        """The model in use."""
        return self._in_use[-1] if self._in_use else self.shipped

    @contextlib.contextmanager
    def use(self, model: PairModel | None) -> Iterator[None]:
        """Extract with another model (or none) inside the block."""
        self._in_use.append(model)
        try:
            yield
        finally:
            self._in_use.pop()


PAIR_MODEL = ModelSlot(MODEL_PATH)
default_model = PAIR_MODEL.current
use_model = PAIR_MODEL.use


def named_pairs(skel: Skeleton, words: list[Token]) -> list[tuple[int, int]]:
    """Ordered pairs of placeholders for two different companies named in the sentence, close
    enough to be read together (the first mention of each company)."""
    first: dict[str, int] = {}
    position: dict[int, int] = {}
    for i, token in enumerate(words):
        if token.text == "<P>" and token.party is not None:
            party = skel.parties[token.party]
            # Named in the sentence: "the company" resolved through the discourse is left to
            # the frames, which know the constructions that refer back.
            if party.via in ("entity", "open_world") and party.entity_id not in first:
                first[party.entity_id] = token.party
                position[token.party] = i
    indexes = list(first.values())
    return [(a, b) for a in indexes for b in indexes
            if a != b and abs(position[a] - position[b]) - 1 <= _MAX_BETWEEN]


def model_candidates(skel: Skeleton, beside: list[Candidate] | None = None,
                     model: PairModel | None = None) -> list[Candidate]:
    """The deals the model reads in a sentence: for each pair of companies, its most probable
    deal type when that is above the model's threshold; of a pair read both ways, only the
    more probable direction. `beside`: the frames' readings of the sentence; their pairs of
    companies are left to them, and the others need the higher `threshold_beside`."""
    model = model or default_model()
    named = {p.entity_id for p in skel.parties if p.via in ("entity", "open_world")}
    if model is None or len(named) < 2:
        return []
    read = {frozenset({c.payer.entity_id, c.payee.entity_id}) for c in beside or []}
    # "buys Nvidia chips from IREN": once a frame has read the buyer's purchase, another
    # company beside it is the brand of the goods, not a second seller.
    buyers = {c.payer.entity_id for c in beside or [] if c.deal_type == "purchase"}
    # Two payers of one payee (co-investors, co-lenders), or two payees of one payer, that a
    # frame read are partners in that deal, not counterparties of another.
    sides: dict[tuple[str, str], set[str]] = {}
    for c in beside or []:
        sides.setdefault(("payee", c.payee.entity_id), set()).add(c.payer.entity_id)
        sides.setdefault(("payer", c.payer.entity_id), set()).add(c.payee.entity_id)
    partners = {frozenset({x, y}) for group in sides.values() for x in group for y in group
                if x != y}
    # A company named inside another's appositive (", a rival of X,") describes it: once a
    # frame read that other company, the described one is no counterparty of the same deal.
    framed = {c.payer.entity_id for c in beside or []} | {c.payee.entity_id for c in beside or []}
    described = {id(p) for p in skel.parties
                 for start, end in (appositive_spans(skel) if beside else [])
                 if start <= skel.position(p) < end}
    threshold = model.threshold_beside if beside else model.threshold
    words = tokens(skel)
    stems = sentence_stems(words)
    best: dict[frozenset[str], tuple[float, Candidate]] = {}
    for payer, payee in named_pairs(skel, words):
        a, b = skel.parties[payer], skel.parties[payee]
        key = frozenset({a.entity_id, b.entity_id})
        if key in read or key in partners or (
                (id(a) in described and b.entity_id in framed)
                or (id(b) in described and a.entity_id in framed)):
            continue
        probs = model.probabilities(pair_features(words, skel.parties, payer, payee, stems))
        label = max(probs, key=lambda c: probs[c])
        if label == NO_DEAL or probs[label] < threshold or (
                label == "purchase" and a.entity_id in buyers):
            continue
        amount = own_amount(skel, a) or \
            next((m for m in skel.amounts if m.role == "deal" and m.value), None)
        cand = Candidate(MODEL_FRAME, a, b, label, (0, len(skel.text)), amount,
                         MODEL_FRAME.confidence)
        if key not in best or best[key][0] < probs[label]:
            best[key] = (probs[label], cand)
    return [cand for _, cand in best.values()]
