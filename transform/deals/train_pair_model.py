"""Train the pair model (`transform.deals.pair_model`) on the development sets.

    python -m transform.deals.train_pair_model            # train, report, write pair_model.json
    python -m transform.deals.train_pair_model --report   # the held-out report only

Every ordered pair of named companies in a sentence of a labelled case is one example: its
class is the labelled deal type when the case has that (payer, payee) deal, else "none". The
no-deal documents give "none" examples only. The blind set is never read.

The report is leave-one-set-out: for each development set, a model trained on the others is
added to the frames and the set is scored with and without it. The threshold (the probability
a reading needs) is the one with the best mean F1 on the held-out sets; that choice is the
only decision the sets make. Training is deterministic (lbfgs, no sampling), so the same sets
give the same weights. Needs scikit-learn (the `dev` extra); extraction itself does not.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from transform.deals.extractor import LONG_DOCUMENT_CHARS, readable_sentences, skeleton_of
from transform.deals.naming import display_name
from transform.deals.pair_model import (
    MODEL_PATH,
    NO_DEAL,
    PairModel,
    named_pairs,
    pair_features,
    tokens,
    use_model,
)
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
LABELLED = REPO / "tests" / "labelled"
TRAINING_SETS = ("deals.jsonl", "dev2.jsonl", "dev3.jsonl", "constructions.jsonl",
                 "dev4.jsonl", "dev5.jsonl", "dev6.jsonl")
NEGATIVE_SETS = ("nodeal_docs.jsonl", "nodeal_docs2.jsonl")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BESIDE = (0.6, 0.7, 0.8, 0.9, 0.95, 1.01)  # 1.01: never beside a frame's reading
C = 1.0  # inverse regularisation strength (0.3 and 4 did no better held out)


@dataclass(frozen=True)
class Example:
    """One ordered pair of companies in one sentence, with its class."""

    features: list[str]
    label: str


def load_set(name: str) -> list[dict]:
    """The cases of one labelled set of tests/labelled (never the blind one)."""
    if "blind" in name:
        raise ValueError("the blind set is scored, never trained on")
    path = LABELLED / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def examples(cases: Iterable[dict], table: EntityTable) -> list[Example]:
    """The pair examples of labelled cases (sentences read like the extractor reads them)."""
    from tests.deal_scoring import norm_name

    out: list[Example] = []
    for case in cases:
        gold, optional = {}, set()
        for label in case.get("deals") or []:
            key = (norm_name(label["payer"]), norm_name(label["payee"]))
            if label.get("optional"):
                optional.add(key)
            else:
                gold[key] = label["type"]
        discourse = Discourse(table)
        discourse.long_document = len(case["text"]) >= LONG_DOCUMENT_CHARS
        lang = case.get("lang") or "en"
        for sentence in readable_sentences(case["text"], lang):
            parties = find_parties(sentence.text, discourse)
            skel = skeleton_of(sentence.text, parties, lang)
            words = tokens(skel)
            for payer, payee in named_pairs(skel, words):
                key = (norm_name(display_name(parties[payer])),
                       norm_name(display_name(parties[payee])))
                if key in optional:
                    continue
                out.append(Example(pair_features(words, parties, payer, payee),
                                   gold.get(key, NO_DEAL)))
            discourse.remember(parties, sentence.text)
    return out


def fit(train: list[Example], threshold: float = 0.5,
        threshold_beside: float = 1.01) -> PairModel:
    """A multinomial logistic regression over the examples' features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in train])
    regression = LogisticRegression(C=C, max_iter=2000)
    regression.fit(matrix, [e.label for e in train])
    classes = [str(c) for c in regression.classes_]
    weights: dict[str, list[float]] = {}
    for name, column in vectorizer.vocabulary_.items():
        row = [round(float(regression.coef_[k][column]), 5) for k in range(len(classes))]
        if any(row):
            weights[name] = row
    return PairModel(classes, dict(sorted(weights.items())),
                     [round(float(x), 5) for x in regression.intercept_], threshold,
                     threshold_beside)


def _score(cases: list[dict], table: EntityTable, model: PairModel | None) -> float:
    from tests.deal_scoring import score

    with use_model(model):
        return score(cases, table).f1


def report(sets: dict[str, list[dict]], per_set: dict[str, list[Example]],
           negatives: list[Example], table: EntityTable) -> tuple[float, float]:
    """Leave-one-set-out F1 of the frames alone and with a model at each pair of thresholds;
    returns the pair with the best mean held-out F1."""
    grid = [(t, b) for t in THRESHOLDS for b in BESIDE]
    gains = dict.fromkeys(grid, 0.0)
    held: dict[str, tuple[float, dict[tuple[float, float], float]]] = {}
    for held_out, cases in sets.items():
        train = negatives + [e for name, ex in per_set.items() if name != held_out for e in ex]
        model = fit(train)
        base = _score(cases, table, None)
        scores = {}
        for threshold, beside in grid:
            model.threshold, model.threshold_beside = threshold, beside
            scores[threshold, beside] = _score(cases, table, model)
            gains[threshold, beside] += scores[threshold, beside] - base
        top = max(grid, key=lambda g: scores[g])
        log.info("%-22s frames %.3f  best %.3f at %s", held_out, base, scores[top], top)
        held[held_out] = (base, scores)
    best = max(grid, key=lambda g: (round(gains[g], 6), g))
    for threshold in THRESHOLDS:
        log.info("  threshold %s: mean gain by beside-threshold %s", threshold, ", ".join(
            f"{b}: {gains[threshold, b] / len(sets):+.3f}" for b in BESIDE))
    log.info("chosen: threshold %s, beside %s; held-out relation F1 there:", *best)
    for name, (base, scores) in held.items():
        log.info("  %-22s frames alone %.3f, with the model %.3f", name, base, scores[best])
    return best


def check(examples: list[Example], trained_on: list[str]) -> int:
    """0 when training on these examples gives the shipped model (same sets, classes,
    features and weights to 1e-3), else 1 with the first difference logged."""
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = fit(examples, shipped["threshold"], shipped["threshold_beside"])
    problems = []
    if shipped["trained_on"] != trained_on:
        problems.append(f"trained on {shipped['trained_on']}, the sets are {trained_on}")
    if model.classes != shipped["classes"]:
        problems.append("the classes differ")
    elif model.weights.keys() != shipped["weights"].keys():
        problems.append(f"{len(model.weights.keys() ^ shipped['weights'].keys())} features "
                        "differ")
    else:
        rows = [(model.intercept, shipped["intercept"])] + [
            (row, shipped["weights"][name]) for name, row in model.weights.items()]
        worst = max(abs(a - b) for ours, theirs in rows
                    for a, b in zip(ours, theirs, strict=True))
        if worst >= 1e-3:
            problems.append(f"a weight differs by {worst:.4f}")
    for problem in problems:
        log.error("the shipped pair model is stale: %s; retrain it", problem)
    if not problems:
        log.info("the shipped pair model is what the trainer makes")
    return 1 if problems else 0


def model_json(model: PairModel, trained_on: list[str]) -> str:
    """The model file: one feature a line, so a retrained model's diff can be read."""
    head = {"classes": model.classes, "intercept": model.intercept,
            "threshold": model.threshold, "threshold_beside": model.threshold_beside,
            "trained_on": trained_on}
    lines = [json.dumps(head, sort_keys=True)[:-1] + ', "weights": {']
    rows = [f"{json.dumps(name)}: {json.dumps(row)}" for name, row in model.weights.items()]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Train on every development set, report the held-out scores, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="report only, write nothing")
    parser.add_argument("--check", action="store_true",
                        help="retrain with the shipped thresholds and exit 1 when the result "
                             "differs from the shipped model (a test runs this)")
    parser.add_argument("--thresholds", type=float, nargs=2, metavar=("ALONE", "BESIDE"),
                        help="skip the report and use these thresholds")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    table = EntityTable.default()
    sets = {name: load_set(name) for name in TRAINING_SETS if (LABELLED / name).exists()}
    per_set = {name: examples(cases, table) for name, cases in sets.items()}
    negatives = [e for name in NEGATIVE_SETS for e in examples(load_set(name), table)]
    counts = {name: sum(e.label != NO_DEAL for e in ex) for name, ex in per_set.items()}
    log.info("examples: %d pairs, deals per set %s, %d from no-deal documents",
             sum(map(len, per_set.values())) + len(negatives), counts, len(negatives))
    if args.check:
        return check(negatives + [e for ex in per_set.values() for e in ex], sorted(sets))
    threshold, beside = args.thresholds or report(sets, per_set, negatives, table)
    if args.report:
        return 0
    model = fit(negatives + [e for ex in per_set.values() for e in ex], threshold, beside)
    MODEL_PATH.write_text(model_json(model, sorted(sets)), encoding="utf-8")
    log.info("wrote %s: %d features, thresholds %s alone, %s beside the frames",
             MODEL_PATH.relative_to(REPO), len(model.weights), threshold, beside)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
