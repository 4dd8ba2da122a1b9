"""Scoring extracted deals against labelled cases, for the quality gate.

A predicted deal matches a labelled one in the same case when both parties resolve to the same
entity (through the project's entity table, so "AWS" and "Amazon" agree, and unknown names
agree by their normalised form) and the type is the label's or one of its `type_alt`.
Predictions form a set per case over (payer, payee, type). Labels marked `optional` neither
count as missed nor as wrong when found. `full` also requires the amount (within 2%, or both
absent; `amount_any` accepts any figure, `amount_alt` lists other accepted figures) and period.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from transform.deals import extract_text
from transform.entities import EntityTable


@dataclass(frozen=True)
class Score:
    """Precision and recall of relations (parties + type) and of full deals."""

    cases: int
    true_relations: int
    true_full: int
    predicted: int
    gold: int

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


def load_cases(path: Path) -> list[dict]:
    """Labelled cases, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _amount_ok(label: dict, amount: float | None) -> bool:
    if label.get("amount_any"):
        return True
    for wanted in [label.get("amount_usd"), *(label.get("amount_alt") or [])]:
        if wanted is None and amount is None:
            return True
        if wanted is not None and amount is not None and abs(amount - wanted) <= 0.02 * wanted:
            return True
    return False


def score(cases: Iterable[dict], table: EntityTable | None = None) -> Score:
    """Run the extractor on every case and score it against the labels."""
    table = table or EntityTable.default()
    ids = table.resolve
    n = tp = tp_full = predicted = gold_count = 0
    for case in cases:
        n += 1
        found: dict[tuple[str, str, str], list] = {}
        for m in extract_text(str(case["id"]), case["text"], lang=case.get("lang", "en"),
                              table=table):
            found.setdefault((m.payer_id, m.payee_id, m.deal_type), []).append(m)
        used: set[tuple[str, str, str]] = set()
        optional_used = 0
        for label in case.get("deals", []):
            payer, payee = ids(label["payer"]).entity_id, ids(label["payee"]).entity_id
            keys = [(payer, payee, t) for t in [label["type"], *(label.get("type_alt") or [])]]
            key = next((k for k in keys if k in found and k not in used), None)
            if key is None:
                gold_count += 0 if label.get("optional") else 1
                continue
            used.add(key)
            if label.get("optional"):
                optional_used += 1  # found an optional deal: neither right nor wrong
                continue
            gold_count += 1
            tp += 1
            if any(_amount_ok(label, m.amount_usd) and m.period == label.get("period", "total")
                   for m in found[key]):
                tp_full += 1
        predicted += len(found) - optional_used
    return Score(n, tp, tp_full, predicted, gold_count)
