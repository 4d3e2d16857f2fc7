"""A small linear classifier of ACLED sub-event types, for what the typing rules leave in doubt.

Features: word unigrams and bigrams, character 3-5-grams inside words, and the names of the
typing rules that fired (so the model learns how far to trust each weaker rule). Weighting is
TF-IDF (sublinear tf, l2-normalised) and the model multinomial logistic regression, trained by
``scripts/train_classifier.py`` on ACLED coders' notes and the project's written example
sentences for all 30 CASE labels (``data/typing_examples.tsv``; see docs/classifier.md).

The trained model is stored as gzipped JSON (``data/classifier_model.json.gz``): feature strings,
idf weights, the coefficient matrix (float16, base64) and intercepts. Inference needs only numpy,
so the artefact loads whatever scikit-learn version is installed; scikit-learn is only needed to
train.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from unidecode import unidecode

from eventledger.errors import ExtractError
from eventledger.extract.detection.artefact import decode_array, encode_array, read_artefact, write_artefact

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_FILE = "classifier_model.json.gz"
EXAMPLES_FILE = "typing_examples.tsv"
FORMAT_VERSION = 1
TRAINING_VERSION = 1  # bump when train_model changes, so cached benchmark models are retrained

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# Dates say nothing about the event's type and ACLED notes all open with one: drop them so the
# model does not learn the coders' house style instead of the event.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-/]\s*\d{{1,2}})?\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{4}})\b",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\[[^\]]*\]")  # ACLED's "[size=...]" style annotations
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z0]+(?:['-][a-z]+)*")


def normalise(text: str) -> str:
    """Lower-case ASCII text without dates or bracketed annotations, every number as ``0``."""
    text = _BRACKETS.sub(" ", unidecode(text))
    text = _DATE.sub(" ", text)
    return _DIGITS.sub("0", text.lower())


def featurize(text: str, rule_names: Sequence[str] = ()) -> list[str]:
    """The feature strings of one text: ``w:`` words, ``b:`` bigrams, ``c:`` char n-grams, ``r:`` rules."""
    words = _WORD.findall(normalise(text))
    features = ["w:" + w for w in words]
    features += ["b:" + a + " " + b for a, b in zip(words, words[1:], strict=False)]
    for word in set(words):
        padded = " " + word + " "
        for n in (3, 4, 5):
            if len(padded) < n:
                break
            features += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    features += ["r:" + name.split("+")[0].split(":")[0] for name in rule_names]
    return features


@dataclass(frozen=True)
class LinearModel:
    """A trained TF-IDF + multinomial logistic regression model, as plain arrays."""

    labels: tuple[str, ...]
    index: dict[str, int]  # feature string -> column
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray  # (n_labels,)
    meta: dict[str, Any]

    def vector(self, features: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Columns and l2-normalised sublinear TF-IDF values of the known features."""
        counts = Counter(f for f in features if f in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter((self.index[f] for f in counts), dtype=np.int64, count=len(counts))
        values = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        values *= self.idf[columns]
        values /= float(np.linalg.norm(values)) or 1.0
        return columns, values

    def prior_shift(self, power: float) -> np.ndarray:
        """``-power * log(prior)`` per label: the score shift that divides out the training prior.

        ACLED's notes are dominated by a few sub-types (peaceful protests, clashes, attacks); news
        about a region is spread far more evenly. Dividing the probabilities by the training
        prior raised to ``power`` (a label-shift correction) stops the majority labels winning
        by default. Models without a stored prior are left unchanged.
        """
        prior = self.meta.get("label_prior")
        if not power or not prior:
            return np.zeros(len(self.labels), dtype=np.float32)
        counts = np.asarray([max(float(prior.get(label, 0.0)), 1e-4) for label in self.labels], dtype=np.float32)
        shift: np.ndarray = (-power * np.log(counts / counts.sum())).astype(np.float32)
        return shift

    def predict_proba(self, features: Sequence[str], prior_power: float = 0.0) -> dict[str, float]:
        """Probability of each label for one document's features (see :meth:`prior_shift`)."""
        columns, values = self.vector(features)
        scores = self.intercept + self.coef[:, columns] @ values
        if prior_power:
            scores = scores + self.prior_shift(prior_power)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return {label: float(p) for label, p in zip(self.labels, scores, strict=True)}


def save_model(model: LinearModel, path: Path) -> None:
    """Write the model as gzipped JSON (float16 coefficients keep it small)."""
    features = sorted(model.index, key=model.index.__getitem__)
    payload = {
        "format": FORMAT_VERSION,
        "labels": list(model.labels),
        "features": features,
        "idf": encode_array(model.idf),
        "coef": encode_array(model.coef),
        "intercept": [float(x) for x in model.intercept],
        "meta": model.meta,
    }
    write_artefact(payload, path)


def model_from_payload(payload: dict[str, Any]) -> LinearModel:
    """Rebuild a model from the JSON written by :func:`save_model`."""
    if payload.get("format") != FORMAT_VERSION:
        raise ExtractError(
            f"classifier model format {payload.get('format')!r} is not {FORMAT_VERSION}; "
            "retrain it with scripts/train_classifier.py"
        )
    labels = tuple(payload["labels"])
    features = payload["features"]
    return LinearModel(
        labels=labels,
        index={f: i for i, f in enumerate(features)},
        idf=decode_array(payload["idf"], (len(features),)),
        coef=decode_array(payload["coef"], (len(labels), len(features))),
        intercept=np.asarray(payload["intercept"], dtype=np.float32),
        meta=dict(payload.get("meta", {})),
    )


def load_model_file(path: Path) -> LinearModel:
    """Read a model written by :func:`save_model`."""
    return model_from_payload(read_artefact(path, "classifier model", "scripts/train_classifier.py"))


@functools.lru_cache(maxsize=1)
def default_model() -> LinearModel:
    """The committed model in ``extract/data``, loaded once per process."""
    path = DATA_DIR / MODEL_FILE
    return load_model_file(path)


def predict_proba(
    text: str, rule_names: Sequence[str] = (), model: LinearModel | None = None, prior_power: float = 0.0
) -> dict[str, float]:
    """Probability of each label (CASE codes of ACLED sub-event types) for one text."""
    return (model or default_model()).predict_proba(featurize(text, rule_names), prior_power)


def shift_probabilities(
    probabilities: dict[str, float], model: LinearModel | None = None, prior_power: float = 0.0
) -> dict[str, float]:
    """``probabilities`` (from ``prior_power=0``) with the training prior divided out (see ``prior_shift``)."""
    model = model or default_model()
    if not prior_power:
        return probabilities
    shift = np.exp(model.prior_shift(prior_power))
    shifted = {label: probabilities[label] * float(k) for label, k in zip(model.labels, shift, strict=True)}
    total = sum(shifted.values()) or 1.0
    return {label: p / total for label, p in shifted.items()}


def label_prior(labels: Sequence[str], weights: Sequence[float] | None = None) -> dict[str, float]:
    """Share of each label among training labels (stored in a model's ``meta``), by sample weight if given."""
    counts: dict[str, float] = {}  # summed sample weights per label
    for label, weight in zip(labels, weights if weights is not None else [1.0] * len(labels), strict=True):
        counts[label] = counts.get(label, 0) + weight
    total = sum(counts.values())
    return {label: round(n / total, 6) for label, n in sorted(counts.items())}


def training_share(label: str, model: LinearModel | None = None) -> float:
    """Share of ``label`` among the model's training notes (0.0 when unknown or not stored)."""
    prior = (model or default_model()).meta.get("label_prior") or {}
    return float(prior.get(label, 0.0))


def known_word_pairs(text: str, model: LinearModel | None = None) -> tuple[int, int]:
    """How many of the word pairs of ``text`` the model has weights for, and how many there are.

    A measure of how familiar the text is to the classifier: coders' notes like those it was
    trained on share most of their word pairs with its training notes, news written in other
    words far fewer; its probabilities are trusted accordingly (see ``typing``).
    """
    index = (model or default_model()).index
    words = _WORD.findall(normalise(text))
    pairs = ["b:" + a + " " + b for a, b in zip(words, words[1:], strict=False)]
    return sum(pair in index for pair in pairs), len(pairs)


def known_words(text: str, model: LinearModel | None = None) -> int:
    """How many distinct words of ``text`` the model has weights for (0 for empty or foreign text)."""
    index = (model or default_model()).index
    return len({w for w in _WORD.findall(normalise(text)) if "w:" + w in index})


def train_model(
    documents: Sequence[Sequence[str]],
    labels: Sequence[str],
    *,
    max_features: int = 40000,
    regularisation: float = 10.0,
    class_weight: str | None = None,
    sample_weight: Sequence[float] | None = None,
    meta: dict[str, Any] | None = None,
) -> LinearModel:
    """Fit TF-IDF + logistic regression on featurized documents (needs scikit-learn).

    ``sample_weight`` weighs each document in the fit and in the stored label prior (the written
    example sentences count several times next to thousands of coders' notes).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=lambda features: features, sublinear_tf=True, min_df=2, max_features=max_features, dtype=np.float32
    )
    matrix = vectorizer.fit_transform(documents)
    fitted = LogisticRegression(C=regularisation, max_iter=2000, class_weight=class_weight)
    fitted.fit(
        matrix, labels, sample_weight=None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    )
    vocabulary = vectorizer.vocabulary_
    coef, intercept = fitted.coef_, fitted.intercept_
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row; softmax needs one per label
        coef, intercept = np.vstack([-coef / 2, coef / 2]), np.concatenate([-intercept / 2, intercept / 2])
    return LinearModel(
        labels=tuple(str(c) for c in fitted.classes_),
        index={f: int(i) for f, i in vocabulary.items()},
        idf=vectorizer.idf_.astype(np.float32),
        coef=coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        meta={**(meta or {}), "label_prior": label_prior(labels, sample_weight)},
    )


def read_acled_notes(directory: Path) -> list[tuple[str, str]]:
    """(notes, sub_event_type) of every row of every ``acled_*.csv`` in ``directory``.

    Only these two columns are read: the files write ``event_date`` three different ways and the
    classifier needs no date.
    """
    rows: list[tuple[str, str]] = []
    files = sorted(Path(directory).glob("acled_*.csv"))
    if not files:
        raise ExtractError(f"no acled_*.csv files in {directory}; pass the folder that holds the ACLED exports")
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                note, sub = (row.get("notes") or "").strip(), (row.get("sub_event_type") or "").strip()
                if note and sub:
                    rows.append((note, sub))
    return rows


def read_examples(path: Path | None = None) -> list[tuple[str, str]]:
    """(sentence, CASE label) of the written example sentences (``data/typing_examples.tsv``).

    News-style sentences written for this project, several per CASE label, including the five
    labels ACLED does not code: they teach the classifier news wording and the labels the coders'
    notes never show. Lines are ``LABEL<TAB>sentence``; blank lines and ``#`` comments are skipped.
    """
    path = path or DATA_DIR / EXAMPLES_FILE
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, sentence = line.partition("\t")
        if not sep or not sentence.strip() or not label.strip():
            raise ExtractError(f"{path}:{number}: expected LABEL<TAB>sentence")
        rows.append((sentence.strip(), label.strip()))
    return rows
