"""Train the sentence event detector and write its artefact (docs/detector.md).

Usage::

    python scripts/train_detector.py [DEV_DIR] [--out PATH] [--features words,bigrams,chars,shape]
                                     [--c C] [--max-features N] [--threshold T]
                                     [--written-weight W] [--negatives | --no-negatives]

DEV_DIR (default ``../shared/eval/dev``) holds the training data, read here and never copied:

- ``acled_*.csv`` — coders' ``notes`` labelled with their ``sub_event_type``;
- ``gtd_iraq_2012-2014.csv`` — GTD ``summary`` (its ``MM/DD/YYYY:`` prefix stripped) labelled with
  the ACLED sub-event type its attack and weapon types map to (:func:`gtd_label`);
- ``realnews/negatives/articles`` (``--negatives``, the default) — every sentence of the real news
  pages that report no event, as ``none``. Figures on these pages must then come from
  document-level cross-validation (``bench/detector_eval.py`` does it).

``case2021_task2_odd_ids.tsv`` is never read: it is evaluation data. To these the project's own
written sentences are added: ``data/detector_sentences.tsv`` (this detector's labels) and
``data/typing_examples.tsv`` (CASE codes, mapped by :func:`case_code_label`). The model goes to
``src/eventledger/extract/detection/data/detector_model.json.gz``; commit the artefact, never the data.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eventledger.extract.detection import sentences as detector
from eventledger.extract.detection.sentences import NONE, DetectorModel
from eventledger.extract.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = ROOT.parent / "shared" / "eval" / "dev"
DEFAULT_OUT = detector.DATA_DIR / detector.MODEL_FILE
TYPING_EXAMPLES = detector.DATA_DIR / "typing_examples.tsv"
EVALUATION_ONLY = "case2021_task2_odd_ids.tsv"
DEFAULT_FEATURES = "words,bigrams,chars,shape"
DEFAULT_THRESHOLD = 0.85


@dataclass
class Corpus:
    """Training texts with labels, sample weights and the source (and document) each came from."""

    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # "acled", "gtd", "written", "typing", "negatives"
    groups: list[str] = field(default_factory=list)  # document id (realnews) or source

    def add(self, text: str, label: str, weight: float, source: str, group: str | None = None) -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.weights.append(weight)
        self.sources.append(source)
        self.groups.append(group or source)

    def subset(self, keep: Sequence[bool]) -> Corpus:
        out = Corpus()
        for i, flag in enumerate(keep):
            if flag:
                out.add(self.texts[i], self.labels[i], self.weights[i], self.sources[i], self.groups[i])
        return out

    def extend(self, other: Corpus) -> None:
        for i in range(len(other.texts)):
            self.add(other.texts[i], other.labels[i], other.weights[i], other.sources[i], other.groups[i])


# --- sources --------------------------------------------------------------------------------


def read_acled(directory: Path) -> list[tuple[str, str]]:
    """(notes, sub_event_type) of every row of every ``acled_*.csv``."""
    rows: list[tuple[str, str]] = []
    for path in sorted(directory.glob("acled_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                note, sub = (row.get("notes") or "").strip(), (row.get("sub_event_type") or "").strip()
                if note and sub in detector.EVENT_TYPE_OF:
                    rows.append((note, sub))
    if not rows:
        raise SystemExit(f"no ACLED notes in {directory} (expected acled_*.csv)")
    return rows


_GTD_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*:\s*")
_GTD_SHELLING = re.compile(r"\b(?:mortar|rocket|artillery|shell(?:s|ing|ed)?|katyusha)\b", re.IGNORECASE)
_GTD_GRENADE = re.compile(r"\bgrenades?\b", re.IGNORECASE)
_ARMED_TARGETS = ("Military", "Police", "Terrorists/Non-State Militia")


def gtd_label(attack: str, weapon: str, target: str, suicide: str, summary: str) -> str | None:
    """The ACLED sub-event type a GTD incident maps to (None when GTD's coding does not say).

    ACLED defines explosive sub-types by the weapon: a suicide attack is a Suicide bomb; GTD's
    "Explosives" are shells and rockets when the summary names them, grenades likewise, otherwise
    remote explosives. Kidnappings are abductions; armed assaults and assassinations are
    Armed clashes against armed targets (police, army, militias) and Attacks on everyone else.
    """
    if suicide == "1":
        return "Suicide bomb"
    if weapon == "Chemical":
        return "Chemical weapon"
    if attack.startswith("Hostage Taking"):
        return "Abduction/forced disappearance"
    if weapon == "Explosives" or attack == "Bombing/Explosion":
        if _GTD_SHELLING.search(summary):
            return "Shelling/artillery/missile attack"
        if _GTD_GRENADE.search(summary):
            return "Grenade"
        return "Remote explosive/landmine/IED"
    if attack in ("Armed Assault", "Assassination"):
        return "Armed clash" if target in _ARMED_TARGETS else "Attack"
    if attack == "Facility/Infrastructure Attack":
        return "Looting/property destruction"
    return None


def read_gtd(directory: Path) -> list[tuple[str, str]]:
    """(summary without its date prefix, mapped sub-event type) of the GTD incidents."""
    rows: list[tuple[str, str]] = []
    for path in sorted(directory.glob("gtd_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                summary = _GTD_DATE.sub("", row.get("summary") or "").strip()
                label = gtd_label(
                    row.get("attack_type", ""),
                    row.get("weapon_type", ""),
                    row.get("target_type", ""),
                    row.get("suicide", ""),
                    summary,
                )
                if summary and label:
                    rows.append((summary, label))
    return rows


_CASE_NON_EVENTS = ("MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME")
_DENIAL = re.compile(r"\b(?:denie[sd]|deny|denying|rejected|dismissed)\b", re.IGNORECASE)
_CLAIM = re.compile(r"\bclaim(?:s|ed|ing)?\b", re.IGNORECASE)
_MEETING = re.compile(r"\b(?:met|meet|meets|meeting|talks|visit(?:s|ed)?|summit|received|hosted)\b", re.IGNORECASE)


def case_code_label(code: str, sentence: str) -> str | None:
    """The detector label of a written example tagged with a CASE 2021 code.

    ACLED codes map to their sub-event type; disasters and organised crime are no event here;
    CASE's ATTRIB holds claims, denials and accusations, DIPLO meetings and diplomatic statements:
    the verb tells which.
    """
    if code in _CASE_NON_EVENTS:
        return NONE
    if code == "ATTRIB":
        return "denial" if _DENIAL.search(sentence) else "claim" if _CLAIM.search(sentence) else "statement"
    if code == "DIPLO":
        return "meeting" if _MEETING.search(sentence) else "statement"
    return SUB_EVENT_OF_CASE.get(code)


# CASE 2021's code of each ACLED sub-event type (as data/typing_rules.yaml gives them; kept here so
# that training does not depend on the typing module, which is being reorganised)
CASE_CODES: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Air/drone strike": "AIR_STRIKE",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Suicide bomb": "SUIC_BOMB",
    "Grenade": "GRENADE",
    "Chemical weapon": "CHEM_WEAP",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Sexual violence": "SEX_VIOL",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Arrests": "ARREST",
    "Agreement": "AGREEMENT",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
SUB_EVENT_OF_CASE = {code: sub for sub, code in CASE_CODES.items()}


def read_typing_examples(path: Path = TYPING_EXAMPLES) -> list[tuple[str, str]]:
    """(sentence, detector label) of the typing classifier's written examples."""
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, sentence = line.partition("\t")
        label = case_code_label(code.strip(), sentence)
        if label and sentence.strip():
            rows.append((sentence.strip(), label))
    return rows


def article_sentences(path: Path) -> list[str]:
    """The sentences of one stored news page, by the project's splitter."""
    return [s.text for s in split_sentences(path.read_text(encoding="utf-8")) if any(c.isalpha() for c in s.text)]


def read_negative_pages(directory: Path) -> list[tuple[str, list[str]]]:
    """(document id, sentences) of the real news pages that report no event."""
    folder = directory / "realnews" / "negatives" / "articles"
    return [(path.stem, article_sentences(path)) for path in sorted(folder.glob("*.txt"))]


def topic_of(document_id: str) -> str:
    """A negative page's topic, from its file name (``016_weather-cyclone-...`` -> ``weather``)."""
    return document_id.split("_", 1)[-1].split("-", 1)[0]


# --- training -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    feature_sets: tuple[str, ...] = tuple(DEFAULT_FEATURES.split(","))
    regularisation: float = 4.0
    max_features: int = 60000
    min_df: int = 2
    threshold: float = DEFAULT_THRESHOLD
    acled_weight: float = 1.0
    gtd_weight: float = 1.0
    written_weight: float = 4.0
    typing_weight: float = 2.0
    negatives_weight: float = 1.0
    balance: float = 0.0  # event labels' weights scaled by (label's share / mean share) ** -balance
    prior_power: float = 0.6  # label-shift correction when choosing the event label (type_bias)


def build_corpus(dev: Path, options: Options, *, negatives: bool = True, written: Path | None = None) -> Corpus:
    """Every training text with its label, weight, source and group (see the module docstring)."""
    if written is not None and written.name == EVALUATION_ONLY:
        raise SystemExit(f"{EVALUATION_ONLY} is evaluation data; never train on it")
    corpus = Corpus()
    for note, sub in read_acled(dev):
        corpus.add(note, sub, options.acled_weight, "acled")
    for summary, sub in read_gtd(dev):
        corpus.add(summary, sub, options.gtd_weight, "gtd")
    for sentence, label in detector.read_sentences(written):
        corpus.add(sentence, label, options.written_weight, "written")
    for sentence, label in read_typing_examples():
        corpus.add(sentence, label, options.typing_weight, "typing")
    if negatives:
        for document_id, sentences in read_negative_pages(dev):
            for sentence in sentences:
                corpus.add(sentence, NONE, options.negatives_weight, "negatives", document_id)
    return corpus


def featurize_all(texts: Sequence[str], feature_sets: Sequence[str]) -> list[list[str]]:
    return [detector.featurize(text, feature_sets) for text in texts]


def vocabulary(documents: Sequence[Sequence[str]], min_df: int, max_features: int) -> dict[str, int]:
    """Features in at least ``min_df`` documents, the ``max_features`` most frequent."""
    frequency: Counter[str] = Counter()
    for features in documents:
        frequency.update(set(features))
    kept = [f for f, n in frequency.most_common() if n >= min_df][:max_features]
    return {f: i for i, f in enumerate(sorted(kept))}


def fit(
    documents: Sequence[Sequence[str]],
    labels: Sequence[str],
    weights: Sequence[float],
    options: Options,
    meta: dict[str, object] | None = None,
) -> DetectorModel:
    """Multinomial logistic regression on featurized documents (needs scikit-learn and scipy)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    weights = balanced_weights(labels, weights, options.balance)
    index = vocabulary(documents, options.min_df, options.max_features)
    shell = DetectorModel(
        labels=(),
        index=index,
        weights=np.zeros((0, 0), np.float32),
        intercept=np.zeros(0, np.float32),
        feature_sets=options.feature_sets,
        threshold=options.threshold,
        meta={},
    )
    pointers, columns, values = shell.matrix([shell.columns(features) for features in documents])
    matrix = csr_matrix((values, columns, pointers), shape=(len(documents), len(index)))
    fitted = LogisticRegression(C=options.regularisation, max_iter=300, tol=1e-3)
    fitted.fit(matrix, list(labels), sample_weight=np.asarray(weights, dtype=np.float64))
    order = [list(fitted.classes_).index(label) for label in detector.LABELS if label in fitted.classes_]
    labels_out = tuple(str(fitted.classes_[i]) for i in order)
    prior = label_prior(labels, weights)
    shares = np.asarray([max(prior.get(label, 0.0), 1e-4) for label in labels_out])
    bias = (-options.prior_power * np.log(shares / shares.sum())).astype(np.float32)
    return DetectorModel(
        labels=labels_out,
        index=index,
        weights=np.ascontiguousarray(fitted.coef_[order].T.astype(np.float32)),
        intercept=fitted.intercept_[order].astype(np.float32),
        feature_sets=options.feature_sets,
        threshold=options.threshold,
        meta={**(meta or {}), "label_prior": prior},
        type_bias=bias if options.prior_power else None,
    )


def balanced_weights(labels: Sequence[str], weights: Sequence[float], balance: float) -> list[float]:
    """Sample weights with each event label's total moved towards the mean by ``balance`` (0: as is).

    ACLED's notes are mostly peaceful protests, clashes and attacks; unscaled, those labels
    swallow every sentence that looks like an event. ``none`` keeps its weight.
    """
    if not balance:
        return list(weights)
    totals: Counter[str] = Counter()
    for label, weight in zip(labels, weights, strict=True):
        totals[label] += weight
    events = [t for label, t in totals.items() if label != NONE]
    mean = sum(events) / len(events)
    scale = {label: (t / mean) ** -balance if label != NONE else 1.0 for label, t in totals.items()}
    return [w * scale[label] for label, w in zip(labels, weights, strict=True)]


def label_prior(labels: Sequence[str], weights: Sequence[float]) -> dict[str, float]:
    """Each label's share of the (weighted) training texts."""
    totals: Counter[str] = Counter()
    for label, weight in zip(labels, weights, strict=True):
        totals[label] += weight
    whole = sum(totals.values()) or 1.0
    return {label: round(t / whole, 6) for label, t in sorted(totals.items())}


def train(corpus: Corpus, options: Options, meta: dict[str, object] | None = None) -> DetectorModel:
    documents = featurize_all(corpus.texts, options.feature_sets)
    return fit(documents, corpus.labels, corpus.weights, options, meta)


def corpus_hash(corpus: Corpus) -> str:
    digest = hashlib.sha1()
    for text, label in zip(corpus.texts, corpus.labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev", nargs="?", type=Path, default=DEFAULT_DEV, help="../shared/eval/dev")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--features", default=DEFAULT_FEATURES, help=f"subset of {','.join(detector.FEATURE_SETS)}")
    parser.add_argument("--c", type=float, default=Options.regularisation, help="inverse regularisation")
    parser.add_argument("--max-features", type=int, default=Options.max_features)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="P(event) for an event")
    parser.add_argument("--written-weight", type=float, default=Options.written_weight)
    parser.add_argument("--typing-weight", type=float, default=Options.typing_weight)
    parser.add_argument("--balance", type=float, default=Options.balance, help="0: event labels as counted")
    parser.add_argument("--prior-power", type=float, default=Options.prior_power, help="label-shift correction")
    parser.add_argument(
        "--negatives",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="train on the realnews negatives pages too (figures on them need CV)",
    )
    args = parser.parse_args(argv)

    options = Options(
        feature_sets=tuple(args.features.split(",")),
        regularisation=args.c,
        max_features=args.max_features,
        threshold=args.threshold,
        written_weight=args.written_weight,
        typing_weight=args.typing_weight,
        balance=args.balance,
        prior_power=args.prior_power,
    )
    started = time.perf_counter()
    corpus = build_corpus(args.dev, options, negatives=args.negatives)
    counts = Counter(corpus.sources)
    meta: dict[str, object] = {
        "trained_on": dict(sorted(counts.items())),
        "data_hash": corpus_hash(corpus),
        "options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(options).items()},
    }
    model = train(corpus, options, meta)
    detector.save_model(model, args.out)
    print(f"texts: {dict(sorted(counts.items()))}")
    print(f"labels: {len(model.labels)}  features: {len(model.index)}  threshold: {model.threshold}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
