"""The evaluation tool's figures: slices by origin, style and language, no-deal counts."""

from __future__ import annotations

import pytest

from tests.evaluate_deals import main, score_rows


def _deal(payer: str, payee: str) -> dict:
    return {"payer": payer, "payee": payee, "type": "equity_investment", "amount_usd": None,
            "period": "total", "status": "announced"}


def _prediction(doc_id: str, payer: str, payee: str) -> dict:
    return {"doc_id": doc_id, "payer": payer, "payee": payee, "deal_type": "equity_investment",
            "amount_usd": None, "period": "total", "status": "announced"}


def test_each_slice_is_scored_on_its_own_cases_and_no_deal_cases_are_counted() -> None:
    cases = [
        {"id": "a", "lang": "en", "origin": "real", "style": "real",
         "deals": [_deal("Arlow Capital", "Kettering AI"),
                   _deal("Brisk Partners", "Kettering AI")]},
        {"id": "b", "lang": "fr", "origin": "written", "style": "french",
         "deals": [_deal("Banque Fayolle", "Beaumesnil Compute")]},
        {"id": "c", "lang": "en", "origin": "written", "style": "social", "deals": []},
    ]
    predictions = [_prediction("a", "Arlow Capital", "Kettering AI"),
                   _prediction("b", "Beaumesnil Compute", "Banque Fayolle"),
                   _prediction("c", "Orton Bank", "Vessel Compute")]
    rows = {row.split()[0]: row for row in score_rows(cases, predictions)}
    # all: 1 of 3 predictions right, 1 of 3 deals found
    assert "P 0.333  R 0.333  F1 0.333" in rows["all"]
    assert "n=  1  P 1.000  R 0.500  F1 0.667" in rows["origin=real"]
    assert "n=  2  P 0.000  R 0.000  F1 0.000" in rows["origin=written"]
    assert "n=  1  P 0.000" in rows["lang=fr"]
    assert rows["deals"].endswith("deals read on the 1 no-deal cases: 1")


def test_an_unknown_set_is_a_usage_error_that_lists_the_sets(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["no_such_set"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "no such labelled set: no_such_set.jsonl" in error and "dev12" in error
