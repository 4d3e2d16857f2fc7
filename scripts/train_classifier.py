"""Train the sub-event type classifier on ACLED notes and write the committed artefact.

Usage::

    python scripts/train_classifier.py [ACLED_DIR] [--out PATH] [--max-features N] [--c C]
                                       [--examples TSV] [--examples-weight W]

ACLED_DIR (default ``../shared/eval/dev``) holds ``acled_*.csv`` exports; only their ``notes``
and ``sub_event_type`` columns are read. The committed example sentences
(``src/eventledger/extract/detection/data/typing_examples.tsv``: news-style sentences written for this
project, for all 30 CASE labels) are added with sample weight W (``--examples none`` leaves
them out). The model (gzipped JSON, a few MB) goes to
``src/eventledger/extract/detection/data/classifier_model.json.gz``. Commit the artefact, never the data.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from eventledger.extract.detection import classifier
from eventledger.extract.detection.event_typing import case_label_of, match_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev"
DEFAULT_OUT = ROOT / "src" / "eventledger" / "extract" / "detection" / "data" / classifier.MODEL_FILE
DEFAULT_EXAMPLES = classifier.DATA_DIR / classifier.EXAMPLES_FILE
DEFAULT_EXAMPLES_WEIGHT = 4.0


def build_documents(rows: list[tuple[str, str]]) -> tuple[list[list[str]], list[str]]:
    """Featurize (note, sub_event_type) rows: features with rule hits, labels as CASE codes."""
    documents = [classifier.featurize(note, tuple(h.name for h in match_rules(note))) for note, _ in rows]
    labels = [case_label_of(sub) for _, sub in rows]
    return documents, labels


def example_documents(path: Path | None) -> tuple[list[list[str]], list[str]]:
    """Featurize the written example sentences (label already a CASE code); none when ``path`` is None."""
    if path is None:
        return [], []
    examples = classifier.read_examples(path)
    documents = [classifier.featurize(text, tuple(h.name for h in match_rules(text))) for text, _ in examples]
    return documents, [label for _, label in examples]


def examples_path(value: str) -> Path | None:
    return None if value.lower() == "none" else Path(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="folder of acled_*.csv files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    parser.add_argument("--max-features", type=int, default=40000)
    parser.add_argument("--c", type=float, default=10.0, help="inverse regularisation strength")
    parser.add_argument(
        "--examples", type=examples_path, default=DEFAULT_EXAMPLES, help="example sentences TSV ('none': notes only)"
    )
    parser.add_argument(
        "--examples-weight", type=float, default=DEFAULT_EXAMPLES_WEIGHT, help="sample weight of each example"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows = classifier.read_acled_notes(args.data)
    documents, labels = build_documents(rows)
    extra_documents, extra_labels = example_documents(args.examples)
    digest = hashlib.sha256("\n".join(f"{n}\t{s}" for n, s in rows).encode()).hexdigest()[:16]
    weights = [1.0] * len(documents) + [args.examples_weight] * len(extra_documents)
    model = classifier.train_model(
        documents + extra_documents,
        labels + extra_labels,
        max_features=args.max_features,
        regularisation=args.c,
        sample_weight=weights if extra_documents else None,
        meta={
            "rows": len(rows),
            "data_sha256_16": digest,
            "max_features": args.max_features,
            "C": args.c,
            "examples": len(extra_documents),
            "examples_weight": args.examples_weight if extra_documents else 0.0,
        },
    )
    classifier.save_model(model, args.out)
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size
    print(
        f"trained on {len(rows)} notes + {len(extra_documents)} examples, {len(model.labels)} labels, {len(model.index)} features "
        f"in {elapsed:.1f}s -> {args.out} ({size / 1e6:.2f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
