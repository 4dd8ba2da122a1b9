"""Scoring extracted deals against labelled cases: the same rules and figures as
../shared/tools/score_deals.py, so the quality gate and the shared scorer never disagree.

Predictions are the lines `circularity extract` writes (`DealMention.to_json`). A prediction
matches a labelled deal of the same case when payer and payee name the same companies after
`norm_name` (lower case, punctuation and legal suffixes dropped, a few fixed aliases) and the
type is the label's or one of its `type_alt`. Per case, predictions are a set over (payer,
payee, type). Labels marked `optional` are neither required nor counted against a prediction
that finds them. `full` also needs the amount (within 2%, or both absent; `amount_any` accepts
any figure; `amount_alt` lists other accepted figures) and the period. Predictions without a
payer or a payee are counted apart (`partial`), not scored. `status_accuracy` is the share of
matched deals whose status is the label's.

The project's entity resolver is deliberately not used: a scorer that matched through the
extractor's own resolver would forgive the resolver's mistakes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from transform.deals import extract_text
from transform.entities import EntityTable

SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
    "plc", "sa", "ag", "nv", "holdings", "group", "technologies", "technology", "platforms",
    "labs", "capital", "management", "opco", "the"})
ALIASES = {
    "alphabet": "google", "google cloud": "google", "alphabets google": "google",
    "advanced micro devices": "amd", "amazon web services": "amazon", "aws": "amazon",
    "amazoncom": "amazon", "meta": "meta", "facebook": "meta", "microsoft azure": "microsoft",
    "azure": "microsoft", "oracle cloud infrastructure": "oracle", "oci": "oracle",
    "x ai": "xai", "xai": "xai", "xai corp": "xai", "nvda": "nvidia", "orcl": "oracle",
    "msft": "microsoft", "mitsubishi ufj": "mufg", "mitsubishi ufj financial": "mufg",
    "iris energy": "iren", "crwv": "coreweave", "lambda": "lambda",
}


def norm_name(name: str | None) -> str | None:
    """A company name reduced to what the scorers compare."""
    if not name:
        return None
    text = name.lower().replace("&", " and ")
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = " ".join(w for w in text.split() if w not in SUFFIXES)
    return ALIASES.get(text, text) or None


@dataclass(frozen=True)
class Score:
    """Relation and full precision/recall, status accuracy, and the counts behind them."""

    cases: int
    true_relations: int
    true_full: int
    predicted: int
    gold: int
    status_hits: int = 0
    partial: int = 0

    @property
    def precision(self) -> float:
        return self.true_relations / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_relations / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def full_f1(self) -> float:
        p = self.true_full / self.predicted if self.predicted else 0.0
        r = self.true_full / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_hits / self.true_relations if self.true_relations else 0.0

    def as_dict(self) -> dict[str, object]:
        """The figures in the shape of score_deals.py's `--json` output."""
        return {
            "cases": self.cases, "gold": self.gold, "predicted": self.predicted,
            "relation": {"precision": self.precision, "recall": self.recall, "f1": self.f1},
            "full_f1": self.full_f1, "status_accuracy": self.status_accuracy,
            "unscored_partial": self.partial,
        }


def load_cases(path: Path) -> list[dict]:
    """Labelled cases, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _published(value: object) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def predict(cases: Iterable[dict], table: EntityTable | None = None) -> list[dict]:
    """What `circularity extract` prints for these cases, as dicts."""
    table = table or EntityTable.default()
    return [m.to_json() for case in cases
            for m in extract_text(str(case["id"]), case["text"], lang=case.get("lang") or "en",
                                  published_at=_published(case.get("published_at")),
                                  table=table)]


def _amount_ok(label: dict, prediction: dict) -> bool:
    if label.get("amount_any"):
        return True
    got = prediction.get("amount_usd")
    for wanted in [label.get("amount_usd"), *(label.get("amount_alt") or [])]:
        if wanted is None and got is None:
            return True
        if wanted is not None and got is not None and abs(got - wanted) <= 0.02 * abs(wanted):
            return True
    return False


def score_predictions(cases: list[dict], predictions: Iterable[dict]) -> Score:
    """Score extract output lines against the labelled cases."""
    by_case: dict[str, list[dict]] = defaultdict(list)
    partial = 0
    for p in predictions:
        if not (norm_name(p.get("payer")) and norm_name(p.get("payee"))):
            partial += 1
            continue
        by_case[str(p.get("doc_id"))].append(p)
    tp = tp_full = fp = fn = status_hits = 0
    for case in cases:
        found: dict[tuple, list[dict]] = defaultdict(list)
        for p in by_case.get(str(case["id"]), []):
            found[(norm_name(p["payer"]), norm_name(p["payee"]), p.get("deal_type"))].append(p)
        used: set[tuple] = set()
        for label in case.get("deals") or []:
            payer, payee = norm_name(label["payer"]), norm_name(label["payee"])
            keys = [(payer, payee, t) for t in [label["type"], *(label.get("type_alt") or [])]]
            key = next((k for k in keys if k in found and k not in used), None)
            if key is None:
                fn += 0 if label.get("optional") else 1
                continue
            used.add(key)
            if label.get("optional"):
                continue
            tp += 1
            hits = found[key]
            tp_full += any(_amount_ok(label, p)
                           and p.get("period", "total") == label.get("period", "total")
                           for p in hits)
            status_hits += any(p.get("status") == label.get("status") for p in hits)
        fp += sum(1 for key in found if key not in used)
    return Score(len(cases), tp, tp_full, tp + fp, tp + fn, status_hits, partial)


def score(cases: Iterable[dict], table: EntityTable | None = None) -> Score:
    """Run the extractor on every case and score it against the labels."""
    cases = list(cases)
    return score_predictions(cases, predict(cases, table))
