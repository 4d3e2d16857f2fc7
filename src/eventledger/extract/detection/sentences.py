"""A trained sentence-level event detector: does a sentence report an event that happened, and which?

``Detector.predict(sentences)`` gives each sentence (or clause) one label of

- ``none`` — no event that happened: sport, markets, weather, disasters, old trials, opinion,
  figurative violence, future or threatened events, background clauses, page furniture;
- one of ACLED's 25 sub-event types (its family gives the kind: Battles, Explosions/Remote
  violence and Violence against civilians are ``attack``; Riots ``riot``; Protests ``protest``;
  Strategic developments ``arrest`` for Arrests, ``agreement`` for Agreement, and for the other
  six their own ACLED name, e.g. ``Looting/property destruction``);
- a political kind of ``models.POLITICAL_KINDS`` that ACLED does not code as a sub-event type:
  ``order``, ``ceasefire``, ``meeting``, ``threat``, ``statement``, ``claim``, ``denial``.

The model is multinomial logistic regression over the sentence's features (word unigrams and
bigrams and, depending on the artefact, character n-grams inside words and a few shape cues),
trained by ``scripts/train_detector.py`` on ACLED and GTD notes, the project's written sentences
(``data/detector_sentences.tsv``, ``data/typing_examples.tsv``) and real non-event news
(docs/detector.md). The artefact ``data/detector_model.json.gz`` is gzipped JSON: feature strings,
the coefficient matrix (float16, base64), intercepts and the decision threshold. Run time needs
numpy only (no scikit-learn, no pickle); the model is loaded once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from unidecode import unidecode

from eventledger.errors import ExtractError
from eventledger.extract.detection.artefact import decode_array, encode_array, read_artefact, write_artefact

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_FILE = "detector_model.json.gz"
SENTENCES_FILE = "detector_sentences.tsv"
FORMAT_VERSION = 1

NONE = "none"
# ACLED's event types and their sub-event types (ACLED codebook, 2019-2023 editions).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Arrests",
        "Agreement",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPE_OF: dict[str, str] = {sub: family for family, subs in EVENT_TYPES.items() for sub in subs}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_OF)
POLITICAL_LABELS: tuple[str, ...] = ("order", "ceasefire", "meeting", "threat", "statement", "claim", "denial")
LABELS: tuple[str, ...] = (NONE, *SUB_EVENT_TYPES, *POLITICAL_LABELS)
_FAMILY_KIND = {
    "Battles": "attack",
    "Explosions/Remote violence": "attack",
    "Violence against civilians": "attack",
    "Riots": "riot",
    "Protests": "protest",
}
_STRATEGIC_KIND = {"Arrests": "arrest", "Agreement": "agreement"}


def kind_of(label: str) -> str | None:
    """The report kind of a detector label (None for ``none``).

    Violent families give ``attack``, Riots ``riot``, Protests ``protest``; among Strategic
    developments Arrests give ``arrest`` and Agreement ``agreement``, the others keep their ACLED
    name; a political label is its own kind.
    """
    if label == NONE:
        return None
    if label in POLITICAL_LABELS:
        return label
    family = EVENT_TYPE_OF.get(label)
    if family is None:
        raise ExtractError(f"unknown detector label {label!r}; expected one of {', '.join(LABELS)}")
    return _FAMILY_KIND.get(family) or _STRATEGIC_KIND.get(label, label)


# --- text to features ------------------------------------------------------------------------

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A full date says nothing about the event and every ACLED note opens with one: dropped, so the
# model does not learn the coders' house style. A bare year is kept as ``yyyy`` ("since 2014",
# "the 2016 deal" are how news marks background), a scoreline as ``scoreline``.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-/]\s*\d{{1,2}})?\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b"
)
_BRACKETS = re.compile(r"\[[^\]]*\]")  # ACLED's "[size=no report]" annotations
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d(?:s\b)?")
_SCORE = re.compile(r"\b\d{1,2}\s?-\s?\d{1,2}\b(?!\s*(?:%|percent|years?|days?|months?))")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|0|[?!\"]")


_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)


def normalise(text: str) -> str:
    """ASCII lower-case text: dates dropped, years ``yyyy``, scorelines ``scoreline``, numbers ``0``."""
    text = text.translate(_PUNCTUATION)
    if not text.isascii():  # unidecode is most of the cost of a sentence: only where it is needed
        text = unidecode(text)
    text = _BRACKETS.sub(" ", text).lower()
    text = _DATE.sub(" ", text)
    text = _YEAR.sub(" yyyy ", text)
    text = _SCORE.sub(" scoreline ", text)
    text = _NUMBER.sub(" 0 ", text)
    return text


def tokens(text: str) -> list[str]:
    """The word tokens of a normalised text (quotes, ``?`` and ``!`` kept as tokens)."""
    return _TOKEN.findall(normalise(text))


@functools.lru_cache(maxsize=65536)
def _char_grams(word: str) -> tuple[str, ...]:
    """Character 3-5-grams of one word (with its edges): cached, words repeat across sentences."""
    padded = " " + word + " "
    grams: list[str] = []
    for n in (3, 4, 5):
        if len(padded) < n:
            break
        grams += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return tuple(grams)


def _shape(raw: str, words: Sequence[str]) -> list[str]:
    """Cues of what a line is rather than what it says: length, headline case, a question."""
    count = len(words)
    cues = ["s:len" + ("<5" if count < 5 else "<9" if count < 9 else "<25" if count < 25 else "25+")]
    capitalised = sum(1 for w in raw.split() if w[:1].isupper())
    if count >= 4 and capitalised * 2 > len(raw.split()):
        cues.append("s:titlecase")
    if raw.rstrip().endswith("?"):
        cues.append("s:question")
    if not raw.rstrip().endswith((".", '"', "\u201d", "'", "\u2019")):
        cues.append("s:unterminated")
    return cues


FEATURE_SETS = ("words", "bigrams", "chars", "shape")


def featurize(sentence: str, feature_sets: Iterable[str] = FEATURE_SETS) -> list[str]:
    """The feature strings of one sentence: ``w:`` words, ``b:`` word pairs, ``c:`` character
    n-grams inside words, ``s:`` shape cues — the sets the model was trained with."""
    sets = set(feature_sets)
    words = tokens(sentence)
    features = featurize_words(sentence, words, sets)
    if "chars" in sets:
        for word in set(words):
            if word.isalpha():
                features += _char_grams(word)
    return features


def featurize_words(sentence: str, words: Sequence[str], feature_sets: Iterable[str]) -> list[str]:
    """The word, word-pair and shape features of a tokenised sentence (no character n-grams)."""
    sets = set(feature_sets)
    features: list[str] = []
    if "words" in sets:
        features += ["w:" + w for w in words]
    if "bigrams" in sets:
        padded = ["<s>", *words, "</s>"]
        features += ["b:" + a + " " + b for a, b in zip(padded, padded[1:], strict=False)]
    if "shape" in sets:
        features += _shape(sentence, words)
    return features


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """What the detector says of one sentence.

    ``label`` is ``none``, an ACLED sub-event type or a political kind; ``kind`` follows it (None
    for ``none``); ``event_type``/``sub_event_type`` are ACLED's names when the label is one;
    ``probability`` is the model's probability that the sentence reports an event (1 - P(none)),
    and ``distribution`` its probability of every label.
    """

    label: str
    kind: str | None
    event_type: str | None
    sub_event_type: str | None
    probability: float
    distribution: dict[str, float]

    @property
    def is_event(self) -> bool:
        return self.label != NONE


@dataclass(frozen=True)
class DetectorModel:
    """Multinomial logistic regression over sublinear, l2-normalised feature counts, as arrays."""

    labels: tuple[str, ...]
    index: dict[str, int]  # feature string -> row of ``weights``
    weights: np.ndarray  # (n_features, n_labels)
    intercept: np.ndarray  # (n_labels,)
    feature_sets: tuple[str, ...]
    threshold: float  # P(event) at or above which a sentence is an event
    meta: dict[str, Any]
    # added to the log-probabilities when choosing among event labels: ``-power * log(prior)``,
    # the label-shift correction that stops the majority labels of coders' notes (peaceful
    # protests, clashes) winning every sentence of news by default (zeros: no correction)
    type_bias: np.ndarray | None = None

    def features(self, sentence: str) -> list[str]:
        return featurize(sentence, self.feature_sets)

    def columns(self, features: Iterable[str]) -> np.ndarray:
        """Columns of the known features among ``features`` (repeats kept: they are counts)."""
        index = self.index
        return np.fromiter((c for c in map(index.get, features) if c is not None), dtype=np.int64)

    def sentence_columns(self, sentence: str) -> np.ndarray:
        """The columns of :meth:`features` of one sentence, without building every feature string.

        Character n-grams are most of a sentence's features and its words repeat across
        sentences: each word's n-gram columns are looked up once per process.
        """
        sets = self.feature_sets
        if "chars" not in sets:
            return self.columns(self.features(sentence))
        words = tokens(sentence)
        strings = featurize_words(sentence, words, [s for s in sets if s != "chars"])
        parts = [self.columns(strings)]
        cache = _char_column_cache(self)
        for word in set(words):
            if word.isalpha():
                known = cache.get(word)
                if known is None:
                    if len(cache) > 200_000:
                        cache.clear()
                    known = cache[word] = self.columns(_char_grams(word))
                parts.append(known)
        return np.concatenate(parts)

    def matrix(self, rows: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (row pointers, columns, values) from each document's feature columns.

        Values are sublinear counts (``log(1 + n)``), l2-normalised per document.
        """
        count = len(rows)
        width = max(len(self.index), 1)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=count)
        if not lengths.sum():
            return np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        keys = np.repeat(np.arange(count, dtype=np.int64), lengths) * width + np.concatenate(rows)
        unique, counts = np.unique(keys, return_counts=True)
        row_of, columns = np.divmod(unique, width)
        values = np.log1p(counts).astype(np.float32)
        norms = np.sqrt(np.bincount(row_of, weights=values * values, minlength=count)).astype(np.float32)
        values /= np.where(norms > 0, norms, 1.0)[row_of]
        pointers = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of, minlength=count), out=pointers[1:])
        return pointers, columns, values

    def scores_of(self, rows: Sequence[np.ndarray]) -> np.ndarray:
        """(n_documents, n_labels) softmax probabilities from each document's feature columns."""
        pointers, columns, values = self.matrix(rows)
        scores = np.tile(self.intercept, (len(rows), 1))
        filled = np.diff(pointers) > 0
        if filled.any():
            contributions = self.weights[columns] * values[:, None]
            scores[filled] += np.add.reduceat(contributions, pointers[:-1][filled], axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def probabilities(self, documents: Sequence[Sequence[str]]) -> np.ndarray:
        """(n_documents, n_labels) softmax probabilities of featurized documents."""
        return self.scores_of([self.columns(features) for features in documents])

    def label_probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """(n_sentences, n_labels) softmax probabilities of raw sentences."""
        return self.scores_of([self.sentence_columns(s) for s in sentences])


_CHAR_COLUMNS: dict[int, dict[str, np.ndarray]] = {}


def _char_column_cache(model: DetectorModel) -> dict[str, np.ndarray]:
    """The per-model cache of each word's character n-gram columns."""
    return _CHAR_COLUMNS.setdefault(id(model.index), {})


def decide(model: DetectorModel, probabilities: np.ndarray, threshold: float | None = None) -> list[Detection]:
    """One :class:`Detection` per row of ``probabilities`` (the model's label order).

    A sentence is an event when P(event) = 1 - P(none) reaches the threshold. Its kind is then
    the kind with the most probability summed over its labels (after the label-shift correction,
    ``type_bias``), and its label the most probable label of that kind: a sentence whose
    probability is spread over the attack sub-types (a clash or an attack?) is an attack even
    when one riot label alone is the single most probable.
    """
    limit = model.threshold if threshold is None else threshold
    none_column = model.labels.index(NONE)
    event_probability = 1.0 - probabilities[:, none_column]
    adjusted = probabilities if model.type_bias is None else probabilities * np.exp(model.type_bias)
    adjusted = adjusted.copy()
    adjusted[:, none_column] = 0.0
    members = _kind_members(model.labels)
    kind_mass = np.stack([adjusted[:, columns].sum(axis=1) for columns in members], axis=1)
    best_kind = kind_mass.argmax(axis=1)
    detections = []
    for row, p_event, kind_index, scores in zip(probabilities, event_probability, best_kind, adjusted, strict=True):
        label = NONE
        if p_event >= limit:
            columns = members[int(kind_index)]
            label = model.labels[columns[int(scores[columns].argmax())]]
        sub = label if label in EVENT_TYPE_OF else None
        detections.append(
            Detection(
                label=label,
                kind=kind_of(label),
                event_type=EVENT_TYPE_OF.get(label),
                sub_event_type=sub,
                probability=float(p_event),
                distribution={name: float(p) for name, p in zip(model.labels, row, strict=True)},
            )
        )
    return detections


@functools.lru_cache(maxsize=8)
def _kind_members(labels: tuple[str, ...]) -> tuple[list[int], ...]:
    """For each event kind among ``labels``, the columns of its labels."""
    by_kind: dict[str, list[int]] = {}
    for column, label in enumerate(labels):
        kind = kind_of(label)
        if kind is not None:
            by_kind.setdefault(kind, []).append(column)
    return tuple(by_kind.values())


class Detector:
    """The sentence event detector over one trained model (see :func:`default_detector`)."""

    def __init__(self, model: DetectorModel, threshold: float | None = None) -> None:
        self.model = model
        self.threshold = model.threshold if threshold is None else threshold

    def predict(self, sentences: Sequence[str]) -> list[Detection]:
        """One detection per sentence, in order (vectorised over the batch)."""
        if not sentences:
            return []
        return decide(self.model, self.model.label_probabilities(sentences), self.threshold)

    @classmethod
    def from_file(cls, path: Path, threshold: float | None = None) -> Detector:
        return cls(load_model_file(path), threshold)


# --- the artefact ---------------------------------------------------------------------------


def save_model(model: DetectorModel, path: Path) -> None:
    """Write the model as gzipped JSON (float16 weights keep it small)."""
    features = sorted(model.index, key=model.index.__getitem__)
    payload = {
        "format": FORMAT_VERSION,
        "labels": list(model.labels),
        "features": features,
        "weights": encode_array(model.weights),
        "intercept": [float(x) for x in model.intercept],
        "feature_sets": list(model.feature_sets),
        "threshold": model.threshold,
        "type_bias": None if model.type_bias is None else [round(float(x), 5) for x in model.type_bias],
        "meta": model.meta,
    }
    write_artefact(payload, path)


def model_from_payload(payload: dict[str, Any]) -> DetectorModel:
    """Rebuild a model from the JSON written by :func:`save_model`."""
    if payload.get("format") != FORMAT_VERSION:
        raise ExtractError(
            f"detector model format {payload.get('format')!r} is not {FORMAT_VERSION}; "
            "retrain it with scripts/train_detector.py"
        )
    labels = tuple(payload["labels"])
    unknown = sorted(set(labels) - set(LABELS))
    if unknown:
        raise ExtractError(f"detector model has unknown labels {unknown}; retrain it with scripts/train_detector.py")
    features = payload["features"]
    return DetectorModel(
        labels=labels,
        index={f: i for i, f in enumerate(features)},
        weights=decode_array(payload["weights"], (len(features), len(labels))),
        intercept=np.asarray(payload["intercept"], dtype=np.float32),
        feature_sets=tuple(payload["feature_sets"]),
        threshold=float(payload["threshold"]),
        meta=dict(payload.get("meta", {})),
        type_bias=None if payload.get("type_bias") is None else np.asarray(payload["type_bias"], dtype=np.float32),
    )


def load_model_file(path: Path) -> DetectorModel:
    """Read a model written by :func:`save_model`."""
    return model_from_payload(read_artefact(path, "detector model", "scripts/train_detector.py"))


@functools.lru_cache(maxsize=1)
def default_detector() -> Detector:
    """The committed model in ``extract/data``, loaded once per process."""
    path = DATA_DIR / MODEL_FILE
    return Detector(load_model_file(path))


def detect(sentences: Sequence[str]) -> list[Detection]:
    """The committed detector's reading of each sentence."""
    return default_detector().predict(sentences)


def read_sentences(path: Path | None = None) -> list[tuple[str, str]]:
    """(sentence, label) of written training sentences (``LABEL<TAB>sentence`` lines, ``#`` comments)."""
    path = path or DATA_DIR / SENTENCES_FILE
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, sentence = line.partition("\t")
        if not sep or not sentence.strip() or label.strip() not in LABELS:
            raise ExtractError(f"{path}:{number}: expected LABEL<TAB>sentence with a label of detector.LABELS")
        rows.append((sentence.strip(), label.strip()))
    return rows
