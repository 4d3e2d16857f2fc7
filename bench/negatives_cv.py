"""Invented events on the realnews negatives pages, cross-validated: the honest figure.

    python bench/negatives_cv.py            # 5 folds (whole topics per fold)

The committed sentence detector learns from the 26 negatives pages (sports, markets, cyber
attacks, heart attacks, cyclones, old trials), so its count of events invented on them would be
scored on its own training data. Here the pages' topics are split into five folds; for each fold
a detector is trained with every other negatives page (the same recipe as
scripts/train_detector.py), the whole pipeline is run on the negatives gold with that detector,
and only the held-out pages' reports are counted. Also prints the count with a detector trained
on no negatives page at all. Reads ../shared/eval/dev; trains in a temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
GOLD = DEV / "realnews" / "negatives" / "gold.yaml"


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def invented_by_page(model_path: Path) -> Counter[str]:
    """Reports per negatives page when extraction uses the detector at ``model_path``."""
    from eventledger.evaluate import evaluate
    from eventledger.extract.detection import sentences

    sentences.default_detector.cache_clear()
    original = sentences.MODEL_FILE, sentences.DATA_DIR
    sentences.DATA_DIR, sentences.MODEL_FILE = model_path.parent, model_path.name
    try:
        result = evaluate(str(GOLD), details=True)
    finally:
        sentences.MODEL_FILE, sentences.DATA_DIR = original
        sentences.default_detector.cache_clear()
    return Counter(x["document"] for x in result["details"]["spurious"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    if not GOLD.exists():
        raise SystemExit(f"{GOLD} is not there: nothing to measure")
    sys.path.insert(0, str(ROOT / "src"))
    training = _load(ROOT / "scripts" / "train_detector.py", "train_detector")
    evaluation = _load(ROOT / "bench" / "detector_eval.py", "detector_eval")
    from eventledger.extract.detection.sentences import save_model

    options = training.Options()
    corpus = training.build_corpus(DEV, options, negatives=True)
    fold_of = evaluation.negative_folds(corpus, args.folds)
    invented: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="negatives-cv-") as scratch:
        for fold in range(args.folds):
            held_out = {page for page, f in fold_of.items() if f == fold}
            keep = [group not in held_out for group in corpus.groups]
            model = training.train(corpus.subset(keep), options)
            path = Path(scratch) / f"fold{fold}.json.gz"
            save_model(model, path)
            found = invented_by_page(path)
            fold_invented = {page: n for page, n in found.items() if page in held_out}
            invented.update(fold_invented)
            print(f"fold {fold}: {len(held_out)} pages held out, {sum(fold_invented.values())} invented events", flush=True)
        without = Path(scratch) / "none.json.gz"
        save_model(training.train(corpus.subset([s != "negatives" for s in corpus.sources]), options), without)
        none_found = invented_by_page(without)
    print(f"cross-validated: {sum(invented.values())} events invented on {len(invented)} of {len(fold_of)} pages")
    for page, n in sorted(invented.items()):
        print(f"  {page}: {n}")
    print(f"with a detector trained on no negatives page: {sum(none_found.values())} events on {len(none_found)} pages")


if __name__ == "__main__":
    main()
