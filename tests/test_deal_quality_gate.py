"""Quality gate: the extractor's precision and recall on labelled sets stay above pinned floors.

The floors live in tests/labelled/floors.json. Raising a floor is fine; lowering one needs a
stated reason. `deals.jsonl` is the project's own set (written blind, then used for
development); `holdout.jsonl` is a second blind set never used for tuning; the shared dev set
is checked when ../shared is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.deal_scoring import load_cases, score

LABELLED = Path(__file__).resolve().parent / "labelled"
FLOORS = json.loads((LABELLED / "floors.json").read_text())
SHARED_GOLD = REPO.parent / "shared" / "gold" / "dev.jsonl"


def test_the_projects_own_set_is_large_enough() -> None:
    cases = load_cases(LABELLED / "deals.jsonl")
    assert len(cases) >= 80
    assert sum(1 for c in cases if not c["deals"]) >= 20  # negatives are part of the test


@pytest.mark.parametrize("name", [n for n in FLOORS if n.endswith(".jsonl")])
def test_precision_and_recall_stay_above_the_floors(name: str) -> None:
    result = score(load_cases(LABELLED / name))
    floor = FLOORS[name]
    assert result.precision >= floor["precision"], (name, result)
    assert result.recall >= floor["recall"], (name, result)


def test_shared_dev_set_meets_its_floor() -> None:
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold/dev.jsonl is not present")
    result = score(load_cases(SHARED_GOLD))
    assert result.f1 >= FLOORS["shared_dev"]["relation_f1"], result
    assert result.full_f1 >= FLOORS["shared_dev"]["full_f1"], result


def test_the_scorer_itself_counts_misses_and_spurious_deals() -> None:
    case = {"id": "x", "text": "Nvidia will invest $5 billion in Intel.",
            "deals": [{"payer": "Intel", "payee": "Nvidia", "type": "equity_investment",
                       "amount_usd": 5e9, "period": "total"}]}
    result = score([case])
    assert (result.true_relations, result.predicted, result.gold) == (0, 1, 1)
    case["deals"][0].update(payer="NVIDIA Corporation", payee="Intel Corp.")
    assert score([case]).true_relations == 1
