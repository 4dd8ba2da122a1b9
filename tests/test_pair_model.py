"""The pair model: a statistical reading of the pairs of companies no frame read.

The sentences are written for these tests (invented companies, wordings the frames do not
cover); none comes from a labelled set.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from transform.deals import extract_text
from transform.deals.extractor import skeleton_of
from transform.deals.pair_model import (
    MODEL_PATH,
    NO_DEAL,
    PairModel,
    default_model,
    pair_features,
    tokens,
    use_model,
)
from transform.deals.skeleton import Skeleton
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable


def deals(text: str) -> set[tuple[str, str, str]]:
    return {(m.payer_name, m.payee_name, m.deal_type) for m in extract_text("t", text)}


def frames_alone(text: str) -> set[tuple[str, str, str]]:
    with use_model(None):
        return deals(text)


# A model that has learnt one thing: "route ... to" between a payer and a payee is compute.
ROUTE = PairModel([NO_DEAL, "compute_contract"], {"btwab=route": [0.0, 4.0]}, [1.0, 0.0],
                  0.5, 0.7)
ROUTED = "Pellucid AI will route $900 million of inference spending to Quartzline."


def test_the_model_reads_a_sentence_no_frame_reads() -> None:
    assert frames_alone(ROUTED) == set()
    with use_model(ROUTE):
        mentions = extract_text("t", ROUTED)
    assert [(m.payer_name, m.payee_name, m.deal_type) for m in mentions] == [
        ("Pellucid AI", "Quartzline", "compute_contract")]
    # the more probable direction only, with the sentence's deal amount
    assert mentions[0].amount_usd == 900e6


def test_beside_a_frame_the_model_needs_its_higher_threshold() -> None:
    text = ("Pellucid AI bought servers from Quartzline, and will route $900 million of "
            "inference spending to Ostara Cloud.")
    frames = frames_alone(text)
    assert ("Pellucid AI", "Quartzline", "purchase") in frames
    strict = PairModel(ROUTE.classes, ROUTE.weights, ROUTE.intercept, 0.5, 0.999)
    with use_model(strict):
        assert deals(text) == frames
    with use_model(ROUTE):
        assert ("Pellucid AI", "Ostara Cloud", "compute_contract") in deals(text)


@pytest.mark.parametrize("text", [
    "Shares of Tundra Compute rose 4% after Halcyon Grid reported quarterly revenue of "
    "$2 billion.",
    "Halcyon Grid and Tundra Compute both reported record revenue of $2 billion in the "
    "quarter.",
    "Analysts at Vireo Capital cut their target for Lumen Forge to $15 a share.",
    "Northgate Systems and Ember Analytics will present at the same conference in March, "
    "where $5 billion of orders are expected industry-wide.",
])
def test_companies_side_by_side_are_not_a_deal(text: str) -> None:
    assert deals(text) == set()


def skeleton(text: str) -> Skeleton:
    """The skeleton the extractor reads (the same call as extract_sentence)."""
    return skeleton_of(text, find_parties(text, Discourse(EntityTable.default())))


def test_features_hold_no_company_name() -> None:
    skel = skeleton("Pellucid AI is weighing a $900 million purchase of servers from "
                       "Quartzline.")
    words = tokens(skel)
    indexes = sorted({t.party for t in words if t.party is not None})
    assert len(indexes) == 2
    features = pair_features(words, skel.parties, indexes[0], indexes[1])
    text = " ".join(features).lower()
    assert "pellucid" not in text and "quartzline" not in text
    assert "order=ab" in features and "btw=from" in features
    # The same wording with other companies gives the same features.
    other = skeleton("Ostara Labs is weighing a $900 million purchase of servers from "
                        "Brightmoor.")
    other_words = tokens(other)
    other_indexes = sorted({t.party for t in other_words if t.party is not None})
    assert pair_features(other_words, other.parties, *other_indexes) == features


def test_probabilities_are_a_softmax_over_the_classes() -> None:
    model = PairModel([NO_DEAL, "loan"], {"f": [0.0, 2.0]}, [1.0, 0.0], 0.5, 0.7)
    probs = model.probabilities(["f", "f", "unseen"])  # a repeated feature counts once
    assert probs["loan"] == pytest.approx(1 / (1 + pow(2.718281828459045, -1.0)))
    assert sum(probs.values()) == pytest.approx(1.0)


def test_the_shipped_model_is_the_one_the_trainer_makes() -> None:
    # In its own process: scikit-learn and scipy stay out of the test process.
    pytest.importorskip("sklearn")
    done = subprocess.run([sys.executable, "-m", "transform.deals.train_pair_model", "--check"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is what the trainer makes" in done.stdout


def test_the_check_fails_on_a_stale_model(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from transform.deals import pair_model, train_pair_model

    stale = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    stale["intercept"] = [x + 1.0 for x in stale["intercept"]]
    path = tmp_path / "pair_model.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(train_pair_model, "fit", lambda *_: pair_model.PairModel(
        stale["classes"], stale["weights"], [x - 1.0 for x in stale["intercept"]],
        stale["threshold"], stale["threshold_beside"]))
    assert train_pair_model.check([], stale["trained_on"], path) == 1


def test_the_trainer_never_reads_the_blind_set() -> None:
    from transform.deals import train_pair_model

    assert not any("blind" in name for name in train_pair_model.TRAINING_SETS)
    with pytest.raises(ValueError, match="blind"):
        train_pair_model.load_set("blind.jsonl")


def test_the_shipped_model_loads_with_its_thresholds() -> None:
    model = default_model()
    assert model is not None
    assert NO_DEAL in model.classes and "equity_investment" in model.classes
    assert 0 < model.threshold <= model.threshold_beside <= 1.01


def test_the_models_reading_beats_the_guess_from_the_parties_kinds() -> None:
    # No frame reads a verb whose object carries a long label; the two-party fallback would
    # guess a compute contract from the kinds (a data-centre company and an unknown one).
    text = ("US digital infrastructure company Equinix is to acquire Ghanaian data centre and "
            "network firm Obuasi Link in a $210m deal.")
    with use_model(None):
        guessed = {(m.payer_name, m.payee_name, m.deal_type) for m in extract_text("t", text)}
    assert guessed and ("Equinix", "Obuasi Link", "acquisition") not in guessed
    read = {(m.payer_name, m.payee_name, m.deal_type) for m in extract_text("t", text)}
    assert read == {("Equinix", "Obuasi Link", "acquisition")}


def test_the_skeleton_records_where_it_wrote_a_subject_again() -> None:
    sentence = ("Marlin Grid has agreed to buy chips from Taurex Semiconductor, and to spend "
                "$300 billion on Orrin Cloud.")
    parties = find_parties(sentence, Discourse(EntityTable.default()))
    skel = skeleton_of(sentence, parties)
    assert len(skel.injected) == 1
    at = skel.injected[0]
    # the injected placeholder is the sentence's subject, written again before "to spend"
    assert skel.text[at:].startswith("⟨P0⟩ to spend")
    assert skel.injected_between(0, len(skel.text)) == at
    assert skel.position(parties[0]) == 0 and skel.injected_between(0, at) is None
