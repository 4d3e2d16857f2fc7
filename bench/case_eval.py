"""Score type_event's case_label on the CASE 2021 task 2 snippets (evaluation only).

Usage::

    python bench/case_eval.py [TSV] [--confusions N] [--model PATH]

TSV defaults to ``../shared/eval/dev/case2021_task2_odd_ids.tsv`` (columns id, EventSnippet,
SubType). Prints accuracy, weighted F1 and macro F1 over the 30 CASE labels, the share decided
by rules, per-label F1, the most frequent confusions (counts of label pairs only, never the
snippets: this file is for measuring, not for writing rules from) and typing speed.
Never train on this file.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from eventledger.extract.detection import classifier
from eventledger.extract.detection.event_typing import CASE_LABELS, type_event_with_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = ROOT.parent / "shared" / "eval" / "dev" / "case2021_task2_odd_ids.tsv"


def read_case(path: Path) -> list[tuple[str, str]]:
    """(snippet, label) pairs of a CASE 2021 task 2 TSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["EventSnippet"], row["SubType"].strip()) for row in reader if row.get("SubType")]


def weighted_f1(path: Path = DEFAULT_TSV) -> float:
    """The weighted F1 of the committed typer over the 30 CASE labels (the gate's figure,
    tests/test_dev_notes_gate.py)."""
    rows = read_case(path)
    predicted = [type_event_with_model(text, None).case_label for text, _ in rows]
    return float(f1_score([label for _, label in rows], predicted, labels=list(CASE_LABELS), average="weighted", zero_division=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--confusions", type=int, default=15, help="how many label confusions to list")
    parser.add_argument(
        "--model", type=Path, default=None, help="a classifier artefact to try (default: the committed one)"
    )
    args = parser.parse_args(argv)

    rows = read_case(args.tsv)
    model = classifier.load_model_file(args.model) if args.model else None
    type_event_with_model("warm-up sentence: the model loads once", model)  # load outside the timed loop
    started = time.perf_counter()
    typings = [type_event_with_model(text, model) for text, _ in rows]
    elapsed = time.perf_counter() - started
    gold = [label for _, label in rows]
    predicted = [t.case_label for t in typings]
    labels = list(CASE_LABELS)

    print(f"snippets: {len(rows)}  labels: {len(set(gold))} in gold, {len(labels)} possible")
    print(f"accuracy:    {accuracy_score(gold, predicted):.3f}")
    print(f"weighted F1: {f1_score(gold, predicted, labels=labels, average='weighted', zero_division=0):.3f}")
    print(
        f"macro F1:    {f1_score(gold, predicted, labels=sorted(set(gold)), average='macro', zero_division=0):.3f}"
        "  (over labels present in gold)"
    )
    by_rule = sum(1 for t in typings if t.rule is not None)
    rule_right = sum(1 for t, g in zip(typings, gold, strict=True) if t.rule is not None and t.case_label == g)
    clf_right = sum(1 for t, g in zip(typings, gold, strict=True) if t.rule is None and t.case_label == g)
    print(
        f"decided by a rule: {by_rule} ({rule_right} right); by the classifier: {len(rows) - by_rule} ({clf_right} right)"
    )
    print(f"not an event (kind None): {sum(1 for t in typings if t.kind is None)}")
    print(f"speed: {len(rows) / elapsed:.0f} calls/s ({elapsed * 1000 / len(rows):.2f} ms per snippet)")

    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=sorted(set(gold)), zero_division=0
    )
    print("\nlabel                          P     R     F1   n")
    for label, p, r, f, n in zip(sorted(set(gold)), precision, recall, f1, support, strict=True):
        print(f"{label:<30} {p:.2f}  {r:.2f}  {f:.2f}  {n}")
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    print("\nmost frequent confusions (gold -> predicted):")
    for (g, p), n in confusions.most_common(args.confusions):
        print(f"  {n:3d}  {g} -> {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
