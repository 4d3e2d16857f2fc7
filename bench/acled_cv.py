"""5-fold cross-validated sub-event type accuracy on ACLED notes: rules + classifier combined.

Usage::

    python bench/acled_cv.py [ACLED_DIR] [--folds 5] [--max-features N] [--c C] [--limit N]

For each fold a classifier is trained on the other folds (exactly as scripts/train_classifier.py
does) and :func:`type_event_with_model` types the held-out notes. Prints, over all folds: the
accuracy of the combined typing (a note typed as "not an event" counts as wrong), the accuracy of
the classifier alone, how many notes a rule decided and how often it was right, weighted F1, and
per-rule precision on the notes each rule decided.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from sklearn.metrics import f1_score

from eventledger.extract.detection import classifier
from eventledger.extract.detection.event_typing import (
    ACLED_ONLY,
    case_label_of,
    match_rules,
    rulebook,
    type_event_with_model,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_classifier  # noqa: E402  (the same example sentences and featurization as the committed model)

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev"


def _fold_model(
    args: argparse.Namespace, documents: list[list[str]], labels: list[str], weights: list[float] | None = None
) -> classifier.LinearModel:
    """Train a fold's model, or load it from the cache when the same data and options trained it before.

    Rule hits are features, so a rule change changes the key and retrains; a change in how
    rules and classifier combine does not, and re-running the benchmark then takes seconds.
    """
    keyed: list[object] = [
        [sorted(d) for d in documents],
        labels,
        args.max_features,
        args.c,
        classifier.TRAINING_VERSION,
    ]
    if weights is not None:
        keyed.append(weights)
    key = hashlib.sha256(json.dumps(keyed).encode()).hexdigest()[:20]
    path = args.cache / f"fold-{key}.json.gz"
    if path.exists():
        model = classifier.load_model_file(path)
        # Models cached before the prior was stored: it is a function of the training labels.
        model.meta.setdefault("label_prior", classifier.label_prior(labels, weights))
        return model
    model = classifier.train_model(
        documents, labels, max_features=args.max_features, regularisation=args.c, sample_weight=weights
    )
    args.cache.mkdir(parents=True, exist_ok=True)
    classifier.save_model(model, path)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-features", type=int, default=40000)
    parser.add_argument("--c", type=float, default=10.0)
    parser.add_argument("--limit", type=int, default=0, help="use a random sample of this many notes (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--examples",
        type=train_classifier.examples_path,
        default=train_classifier.DEFAULT_EXAMPLES,
        help="written example sentences added to every fold's training, as the committed model has them ('none': notes only)",
    )
    parser.add_argument("--examples-weight", type=float, default=train_classifier.DEFAULT_EXAMPLES_WEIGHT)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/eventledger_acled_cv"),
        help="folder for fold models keyed by their training data (reused when only the combination changed)",
    )
    args = parser.parse_args(argv)

    rows = classifier.read_acled_notes(args.data)
    random.Random(args.seed).shuffle(rows)
    if args.limit:
        rows = rows[: args.limit]
    started = time.perf_counter()
    rule_names = [tuple(h.name for h in match_rules(note)) for note, _ in rows]
    documents = [classifier.featurize(note, names) for (note, _), names in zip(rows, rule_names, strict=True)]
    gold = [case_label_of(sub) for _, sub in rows]
    extra_documents, extra_labels = train_classifier.example_documents(args.examples)
    extra_weights = [args.examples_weight] * len(extra_documents)
    print(
        f"notes: {len(rows)} (+ {len(extra_documents)} example sentences in every fold's training, weight "
        f"{args.examples_weight}); featurized in {time.perf_counter() - started:.1f}s"
    )

    prior_power = rulebook().prior_power  # the classifier alone is scored as type_event uses it
    combined: list[str] = [""] * len(rows)
    alone: list[str] = [""] * len(rows)
    decided_by: list[str | None] = [None] * len(rows)
    not_event = 0
    typing_seconds = 0.0
    for fold in range(args.folds):
        test = [i for i in range(len(rows)) if i % args.folds == fold]
        train = [i for i in range(len(rows)) if i % args.folds != fold]
        t0 = time.perf_counter()
        model = _fold_model(
            args,
            [documents[i] for i in train] + extra_documents,
            [gold[i] for i in train] + extra_labels,
            [1.0] * len(train) + extra_weights if extra_documents else None,
        )
        t1 = time.perf_counter()
        for i in test:
            probabilities = model.predict_proba(documents[i], prior_power)
            alone[i] = max(probabilities, key=probabilities.__getitem__)
            typing = type_event_with_model(rows[i][0], model, kind_hint=ACLED_ONLY)
            combined[i] = typing.case_label if typing.kind is not None else "NOT_AN_EVENT"
            not_event += typing.kind is None
            decided_by[i] = typing.rule
        typing_seconds += time.perf_counter() - t1
        right = sum(combined[i] == gold[i] for i in test)
        print(f"fold {fold + 1}: trained in {t1 - t0:.0f}s; combined accuracy {right / len(test):.3f}")

    n = len(rows)
    accuracy = sum(c == g for c, g in zip(combined, gold, strict=True)) / n
    print(f"\ncombined accuracy ({args.folds}-fold): {accuracy:.3f}")
    print(f"combined weighted F1:           {f1_score(gold, combined, average='weighted', zero_division=0):.3f}")
    print(
        f"classifier alone accuracy (prior power {prior_power}): {sum(a == g for a, g in zip(alone, gold, strict=True)) / n:.3f}"
    )
    ruled = [i for i in range(n) if decided_by[i] is not None]
    print(
        f"decided by a rule: {len(ruled)} ({sum(combined[i] == gold[i] for i in ruled) / max(1, len(ruled)):.3f} right); "
        f"not an event: {not_event}"
    )
    print(f"typing speed: {n / typing_seconds:.0f} notes/s")

    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for i in ruled:
        per_rule[str(decided_by[i]).split("+")[0]][combined[i] == gold[i]] += 1
    print("\nrule                              decided  precision")
    for name, counts in sorted(per_rule.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(counts.values())
        print(f"{name:<34} {total:7d}  {counts[True] / total:.3f}")
    confusions = Counter((g, c) for g, c in zip(gold, combined, strict=True) if g != c)
    print("\nmost frequent confusions (gold -> predicted):")
    for (g, c), k in confusions.most_common(12):
        print(f"  {k:4d}  {g} -> {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
