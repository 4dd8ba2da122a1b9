"""Quality gate: the extractor's scores on the labelled sets stay above pinned floors.

The floors live in tests/labelled/floors.json: relation precision and recall, full F1 (amount
and period right too) and status accuracy, per set. Raising a floor is fine; lowering one needs
a stated reason. `deals`, `dev2` and `dev3` are development sets; `blind.jsonl` is scored only
(its floor, once set, is a regression guard); the shared dev set is checked when ../shared is
present. The project's scorer and ../shared/tools/score_deals.py must give the same figures.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.deal_scoring import load_cases, predict, score, score_predictions

LABELLED = Path(__file__).resolve().parent / "labelled"
FLOORS = json.loads((LABELLED / "floors.json").read_text())
SHARED_GOLD = REPO.parent / "shared" / "gold" / "dev.jsonl"
SHARED_SCORER = REPO.parent / "shared" / "tools" / "score_deals.py"
SETS = sorted(p.name for p in LABELLED.glob("*.jsonl"))


def test_the_projects_own_set_is_large_enough() -> None:
    cases = load_cases(LABELLED / "deals.jsonl")
    assert len(cases) >= 80
    assert sum(1 for c in cases if not c["deals"]) >= 20  # negatives are part of the test


def _check(name: str, result, floor: dict) -> None:  # noqa: ANN001
    figures = {"precision": result.precision, "recall": result.recall, "relation_f1": result.f1,
               "full_f1": result.full_f1, "status_accuracy": result.status_accuracy}
    below = {k: (round(figures[k], 3), v) for k, v in floor.items() if figures[k] < v}
    assert below == {}, (name, result)


@pytest.mark.parametrize("name", [n for n in FLOORS if n.endswith(".jsonl")])
def test_scores_stay_above_the_floors(name: str) -> None:
    _check(name, score(load_cases(LABELLED / name)), FLOORS[name])


def test_shared_dev_set_meets_its_floor() -> None:
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold/dev.jsonl is not present")
    _check("shared_dev", score(load_cases(SHARED_GOLD)), FLOORS["shared_dev"])


@pytest.mark.parametrize("name", [*SETS, "shared_dev"])
def test_the_two_scorers_agree(name: str) -> None:
    if not SHARED_SCORER.exists():
        pytest.skip("../shared/tools/score_deals.py is not present")
    path = SHARED_GOLD if name == "shared_dev" else LABELLED / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    spec = importlib.util.spec_from_file_location("shared_score_deals", SHARED_SCORER)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    cases = load_cases(path)
    predictions = predict(cases)
    theirs, _errors = shared.score(cases, predictions)
    ours = score_predictions(cases, predictions)
    assert (ours.gold, ours.predicted, ours.partial) == (
        theirs["gold"], theirs["predicted"], theirs["unscored_partial"])
    assert ours.precision == pytest.approx(theirs["relation"]["precision"])
    assert ours.recall == pytest.approx(theirs["relation"]["recall"])
    assert ours.full_f1 == pytest.approx(theirs["full"]["f1"])
    assert ours.status_accuracy == pytest.approx(theirs["status_accuracy"])


def test_the_scorer_itself_counts_misses_spurious_deals_amounts_and_status() -> None:
    case = {"id": "x", "text": "Nvidia will invest $5 billion in Intel.",
            "deals": [{"payer": "Intel", "payee": "Nvidia", "type": "equity_investment",
                       "amount_usd": 5e9, "period": "total", "status": "announced"}]}
    result = score([case])
    assert (result.true_relations, result.predicted, result.gold) == (0, 1, 1)
    case["deals"][0].update(payer="NVIDIA Corporation", payee="Intel Corp.")
    result = score([case])
    assert (result.true_relations, result.true_full, result.status_hits) == (1, 1, 1)
    case["deals"][0].update(amount_usd=7e9, status="rumored")
    result = score([case])
    assert (result.true_relations, result.true_full, result.status_hits) == (1, 0, 0)
