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

from transform.deals.cross_sentence import CROSS_MODEL_PATH, cross_pairs, use_cross_model
from transform.deals.extractor import (
    LONG_DOCUMENT_CHARS,
    extract_sentence,
    readable_sentences,
    skeleton_of,
)
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
                 "dev4.jsonl", "dev5.jsonl", "dev6.jsonl", "dev7.jsonl", "dev8.jsonl",
                 "dev9.jsonl", "dev10.jsonl", "dev11.jsonl", "dev12.jsonl")
NEGATIVE_SETS = ("nodeal_docs.jsonl", "nodeal_docs2.jsonl")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BESIDE = (0.6, 0.7, 0.8, 0.9, 0.95, 1.01)  # 1.01: never beside a frame's reading
CROSS_C = 3.0  # the cross-sentence model's (1 and 10 did less well held out)
CROSS_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: no cross-sentence reading
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


def examples(cases: Iterable[dict], table: EntityTable) -> tuple[list[Example], list[Example]]:
    """The pair examples of labelled cases (sentences read like the extractor reads them):
    pairs named in one sentence, and pairs of a company named here with one named in an
    earlier sentence. A cross-sentence pair is a deal only when no sentence names both (a
    deal stated in one sentence is that sentence's evidence, not a later one's); such pairs
    of a deal stated in one sentence are left out."""
    from tests.deal_scoring import norm_name

    out: list[Example] = []
    crosses: list[Example] = []
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
        co_named: set[tuple[str | None, str | None]] = set()
        pending: list[tuple[tuple[str | None, str | None], list[str]]] = []
        for sentence in readable_sentences(case["text"], lang):
            parties = find_parties(sentence.text, discourse)
            skel = skeleton_of(sentence.text, parties, lang)
            words = tokens(skel)
            names = {norm_name(display_name(p)) for p in parties
                     if p.via in ("entity", "open_world")}
            co_named |= {(a, b) for a in names for b in names}
            for position, other, _back, here_pays, feats in cross_pairs(skel, discourse):
                here = norm_name(display_name(parties[words[position].party]))
                there = norm_name(display_name(other))
                pending.append(((here, there) if here_pays else (there, here), feats))
            for payer, payee in named_pairs(skel, words):
                key = (norm_name(display_name(parties[payer])),
                       norm_name(display_name(parties[payee])))
                if key in optional:
                    continue
                out.append(Example(pair_features(words, parties, payer, payee),
                                   gold.get(key, NO_DEAL)))
            # Read the sentence as the extractor does (frames only), so that the next
            # sentences see the deals read so far, as they do when extracting.
            with use_model(None), use_cross_model(None):
                extract_sentence(sentence.text, discourse, lang)
        for key, feats in pending:
            if key in optional or (key in gold and key in co_named):
                continue
            crosses.append(Example(feats, gold.get(key, NO_DEAL)))
    return out, crosses


def fit(train: list[Example], threshold: float = 0.5,
        threshold_beside: float = 1.01, c: float = C) -> PairModel:
    """A multinomial logistic regression over the examples' features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in train])
    regression = LogisticRegression(C=c, max_iter=2000)
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


def _score(cases: list[dict], table: EntityTable, model: PairModel | None,
           cross: PairModel | None = None) -> float:
    from tests.deal_scoring import score

    with use_model(model), use_cross_model(cross):
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


def report_cross(sets: dict[str, list[dict]], per_set: dict[str, list[Example]],
                 per_set_cross: dict[str, list[Example]], negatives: list[Example],
                 negatives_cross: list[Example], table: EntityTable,
                 thresholds: tuple[float, float]) -> float:
    """Leave-one-set-out F1 of frames + pair model without and with a cross-sentence model at
    each threshold; returns the threshold with the best mean held-out gain."""
    gains = dict.fromkeys(CROSS_THRESHOLDS, 0.0)
    held: dict[str, tuple[float, dict[float, float]]] = {}
    for held_out, cases in sets.items():
        pair = fit(negatives + [e for name, ex in per_set.items() if name != held_out
                                for e in ex], *thresholds)
        cross = fit(negatives_cross + [e for name, ex in per_set_cross.items()
                                       if name != held_out for e in ex], c=CROSS_C)
        base = _score(cases, table, pair, None)
        scores = {}
        for threshold in CROSS_THRESHOLDS:
            cross.threshold = threshold
            scores[threshold] = _score(cases, table, pair, cross)
            gains[threshold] += scores[threshold] - base
        held[held_out] = (base, scores)
    best = max(CROSS_THRESHOLDS, key=lambda t: (round(gains[t], 6), t))
    log.info("cross-sentence model: mean held-out gain by threshold %s", ", ".join(
        f"{t}: {gains[t] / len(sets):+.3f}" for t in CROSS_THRESHOLDS))
    log.info("chosen: threshold %s; held-out relation F1 there:", best)
    for name, (base, scores) in held.items():
        log.info("  %-22s frames + pair model %.3f, with the cross-sentence model %.3f",
                 name, base, scores[best])
    return best


def check(examples: list[Example], trained_on: list[str], path: Path = MODEL_PATH,
          c: float = C) -> int:
    """0 when training on these examples gives the shipped model at `path` (same sets,
    classes, features and weights to 1e-3), else 1 with the first difference logged."""
    shipped = json.loads(path.read_text(encoding="utf-8"))
    model = fit(examples, shipped["threshold"], shipped["threshold_beside"], c)
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
        log.error("the shipped model %s is stale: %s; retrain it", path.name, problem)
    if not problems:
        log.info("the shipped model %s is what the trainer makes", path.name)
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
                        help="skip the pair model's report and use these thresholds")
    parser.add_argument("--cross-threshold", type=float,
                        help="skip the cross-sentence model's report and use this threshold")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    table = EntityTable.default()
    sets = {name: load_set(name) for name in TRAINING_SETS if (LABELLED / name).exists()}
    both = {name: examples(cases, table) for name, cases in sets.items()}
    per_set = {name: pairs for name, (pairs, _) in both.items()}
    per_set_cross = {name: crosses for name, (_, crosses) in both.items()}
    negative_both = [examples(load_set(name), table) for name in NEGATIVE_SETS]
    negatives = [e for pairs, _ in negative_both for e in pairs]
    negatives_cross = [e for _, crosses in negative_both for e in crosses]
    for label, groups, negs in (("pairs", per_set, negatives),
                                ("cross-sentence pairs", per_set_cross, negatives_cross)):
        counts = {name: sum(e.label != NO_DEAL for e in ex) for name, ex in groups.items()}
        log.info("examples: %d %s, deals per set %s, %d from no-deal documents",
                 sum(map(len, groups.values())) + len(negs), label, counts, len(negs))
    every_pair = negatives + [e for ex in per_set.values() for e in ex]
    every_cross = negatives_cross + [e for ex in per_set_cross.values() for e in ex]
    if args.check:
        return check(every_pair, sorted(sets)) | check(every_cross, sorted(sets),
                                                       CROSS_MODEL_PATH, CROSS_C)
    with use_cross_model(None):  # the pair model's thresholds are chosen without it
        threshold, beside = args.thresholds or report(sets, per_set, negatives, table)
    cross_threshold = (args.cross_threshold if args.cross_threshold is not None else
                       report_cross(sets, per_set, per_set_cross, negatives, negatives_cross,
                                    table, (threshold, beside)))
    if args.report:
        return 0
    model = fit(every_pair, threshold, beside)
    MODEL_PATH.write_text(model_json(model, sorted(sets)), encoding="utf-8")
    log.info("wrote %s: %d features, thresholds %s alone, %s beside the frames",
             MODEL_PATH.relative_to(REPO), len(model.weights), threshold, beside)
    cross = fit(every_cross, cross_threshold, c=CROSS_C)
    CROSS_MODEL_PATH.write_text(model_json(cross, sorted(sets)), encoding="utf-8")
    log.info("wrote %s: %d features, threshold %s", CROSS_MODEL_PATH.relative_to(REPO),
             len(cross.weights), cross_threshold)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
