"""Aggregate scores of the extractor on labelled sets, split by origin, style and language.

    python -m tests.evaluate_deals dev12                   # with the shipped models
    python -m tests.evaluate_deals dev7 dev11 --held-out   # models retrained without each set

Figures only: no case's text or output is printed, so a set kept unseen can be measured
without being read. `--held-out` retrains the pair and cross-sentence models (same features,
regularisation and thresholds as the shipped ones) on the training sets minus the one scored,
which is how a development set's figure is comparable to text the extractor has never seen.
Needs scikit-learn (the `dev` extra) for `--held-out` only. The blind set is scored with it
only once, at the end of a session's extraction work (tests/labelled/BLIND.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator

from tests.deal_scoring import load_cases, predict, score_predictions
from transform.deals import train_pair_model as training
from transform.deals.cross_sentence import CROSS_MODEL_PATH, use_cross_model
from transform.deals.pair_model import MODEL_PATH, PairModel, use_model
from transform.entities.table import EntityTable


def _set_file(name: str) -> str:
    return name if name.endswith(".jsonl") else f"{name}.jsonl"


def score_rows(cases: list[dict], predictions: list[dict]) -> list[str]:
    """One line per slice of the cases (all, each origin, style and language): relation
    precision / recall / F1, full F1, status accuracy; then the deals read on no-deal cases."""
    slices: dict[str, list[dict]] = {"all": cases}
    for key in ("origin", "style", "lang"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for case in cases:
            if case.get(key):
                groups[f"{key}={case[key]}"].append(case)
        slices.update(sorted(groups.items()))
    rows = []
    for label, part in slices.items():
        ids = {str(c["id"]) for c in part}
        s = score_predictions(part, [p for p in predictions if str(p["doc_id"]) in ids])
        rows.append(f"  {label:16s} n={len(part):3d}  P {s.precision:.3f}  R {s.recall:.3f}  "
                    f"F1 {s.f1:.3f}  full F1 {s.full_f1:.3f}  status {s.status_accuracy:.3f}")
    empty = {str(c["id"]) for c in cases if not c.get("deals")}
    rows.append(f"  deals read on the {len(empty)} no-deal cases: "
                f"{sum(1 for p in predictions if str(p['doc_id']) in empty)}")
    return rows


@contextlib.contextmanager
def _models_without(name: str, table: EntityTable,
                    examples: dict[str, tuple[list, list]]) -> Iterator[None]:
    """The pair and cross-sentence models retrained on every training set but `name`."""
    shipped, shipped_cross = (PairModel.from_json(json.loads(path.read_text(encoding="utf-8")))
                              for path in (MODEL_PATH, CROSS_MODEL_PATH))
    keep = [n for n in examples if n != name]
    pair = training.fit([e for n in keep for e in examples[n][0]],
                        shipped.threshold, shipped.threshold_beside)
    cross = training.fit([e for n in keep for e in examples[n][1]], shipped_cross.threshold,
                         c=training.CROSS_C)
    with use_model(pair), use_cross_model(cross):
        yield


def main(argv: list[str] | None = None) -> int:
    """Score the named sets and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="labelled sets in tests/labelled (dev12 ...)")
    parser.add_argument("--held-out", action="store_true",
                        help="retrain the models without each scored set first")
    args = parser.parse_args(argv)
    names = [_set_file(name) for name in args.sets]
    missing = [name for name in names if not (training.LABELLED / name).exists()]
    if missing:
        known = sorted(p.stem for p in training.LABELLED.glob("*.jsonl"))
        parser.error(f"no such labelled set: {', '.join(missing)} (there are: {', '.join(known)})")
    table = EntityTable.default()
    examples: dict[str, tuple[list, list]] = {}
    if args.held_out:
        for name in (*training.TRAINING_SETS, *training.NEGATIVE_SETS):
            examples[name] = training.examples(training.load_set(name), table)
    for name in names:
        cases = load_cases(training.LABELLED / name)
        held = args.held_out and name in training.TRAINING_SETS
        context = _models_without(name, table, examples) if held else contextlib.nullcontext()
        with context:
            predictions = predict(cases, table)
        how = "models retrained without it" if held else "shipped models" + (
            ", not a training set" if args.held_out else "")
        print(f"{name} ({how})")
        print("\n".join(score_rows(cases, predictions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
