"""The scoring arithmetic: precision/recall/F1, one-to-one matching, clustering scores, labels.

Pure functions over plain values, independent of the store and of extraction, so that each can be
checked against hand-computed figures. Classification scores and the pair counts of clusterings
come from scikit-learn, the assignment from SciPy; what they have no function for is here:
P/R/F1 from counts with this project's conventions for empty sets, B-cubed, and set F1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import accuracy_score, f1_score
from sklearn.metrics.cluster import pair_confusion_matrix

Item = TypeVar("Item", bound=Hashable)

# Pairs that may not be matched get this score; the assignment never keeps them.
FORBIDDEN = float("-inf")


def safe_ratio(numerator: float, denominator: float, *, empty: float) -> float:
    """``numerator / denominator``, or ``empty`` when there is nothing to divide by."""
    return numerator / denominator if denominator else empty


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts.

    With nothing predicted and nothing to find, both are 1 (a vacuous perfect score); with
    nothing predicted but something to find, precision is 0 (the system found nothing).
    """
    nothing_to_find = tp + fn == 0
    precision = safe_ratio(tp, tp + fp, empty=1.0 if nothing_to_find else 0.0)
    recall = safe_ratio(tp, tp + fn, empty=1.0)
    f1 = safe_ratio(2 * precision * recall, precision + recall, empty=0.0)
    return {"precision": precision, "recall": recall, "f1": f1}


def match_one_to_one(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The pairs (row, column) of a one-to-one matching of greatest total score.

    ``scores[i][j]`` is the score of pairing system item i with gold item j; ``FORBIDDEN``
    (-inf) marks pairs that may not be matched. Uses the Hungarian algorithm
    (``scipy.optimize.linear_sum_assignment``). Pairs are returned sorted by row.
    """
    rows = len(scores)
    columns = len(scores[0]) if rows else 0
    if not rows or not columns:
        return []
    allowed = [(i, j) for i in range(rows) for j in range(columns) if scores[i][j] != FORBIDDEN]
    if not allowed:
        return []
    # Every allowed pair is worth more than leaving both items unmatched: add a bonus larger
    # than any spread of scores so the assignment maximises the number of matches first.
    finite = [scores[i][j] for i, j in allowed]
    bonus = (max(finite) - min(finite) + 1.0) * (min(rows, columns) + 1)
    weights = np.full((rows, columns), 0.0)
    for i, j in allowed:
        weights[i, j] = scores[i][j] + bonus
    row_index, column_index = linear_sum_assignment(weights, maximize=True)
    kept = [(int(i), int(j)) for i, j in zip(row_index, column_index, strict=True) if scores[i][j] != FORBIDDEN]
    return sorted(kept)


def _cluster_numbers(items: Sequence[Item], clusters: Mapping[Item, Hashable]) -> list[int]:
    """Each item's cluster as a number (scikit-learn wants flat labels; ours may be tuples)."""
    numbers: dict[Hashable, int] = {}
    return [numbers.setdefault(clusters[item], len(numbers)) for item in items]


def pairwise_prf(gold: Mapping[Item, Hashable], system: Mapping[Item, Hashable]) -> dict[str, float]:
    """Pairwise clustering P/R/F1 over the items both mappings cover.

    ``gold`` and ``system`` map each item to its cluster. A pair of items is predicted when the
    system puts both in one cluster and true when the gold does; precision counts predicted
    pairs that are true (over-merging lowers it), recall true pairs that are predicted. The pair
    counts are scikit-learn's ``pair_confusion_matrix`` (which counts ordered pairs: halved here).
    """
    items = [item for item in gold if item in system]
    if len(items) < 2:
        return prf(0, 0, 0)
    pairs = pair_confusion_matrix(_cluster_numbers(items, gold), _cluster_numbers(items, system)) // 2
    return prf(int(pairs[1, 1]), int(pairs[0, 1]), int(pairs[1, 0]))


def bcubed(gold: Mapping[Item, Hashable], system: Mapping[Item, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin) over the items both mappings cover.

    For each item, precision is the share of its system cluster that shares its gold cluster,
    recall the share of its gold cluster that shares its system cluster; both are averaged over
    items.
    """
    items = [item for item in gold if item in system]
    if not items:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    gold_sizes = Counter(gold[i] for i in items)
    system_sizes = Counter(system[i] for i in items)
    both = Counter((gold[i], system[i]) for i in items)
    precision = sum(both[gold[i], system[i]] / system_sizes[system[i]] for i in items) / len(items)
    recall = sum(both[gold[i], system[i]] / gold_sizes[gold[i]] for i in items) / len(items)
    f1 = safe_ratio(2 * precision * recall, precision + recall, empty=0.0)
    return {"precision": precision, "recall": recall, "f1": f1}


def classification_scores(gold: Sequence[Any], predicted: Sequence[Any]) -> dict[str, float | int]:
    """Accuracy, support-weighted F1 and macro F1 of predicted labels against gold labels.

    scikit-learn's scores: classes are those of the gold and the predictions together; weighted
    F1 weighs each class by its gold support (a class only the system uses weighs nothing), macro
    F1 is the plain mean over every class; a class never predicted has F1 0.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        return {"accuracy": 0.0, "weighted_f1": 0.0, "macro_f1": 0.0, "n": 0}
    return {
        "accuracy": float(accuracy_score(gold, predicted)),
        "weighted_f1": float(f1_score(gold, predicted, average="weighted", zero_division=0)),
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "n": len(gold),
    }


def set_f1(gold: set[Any], system: set[Any]) -> float:
    """F1 of one predicted set against one gold set (1 when both are empty)."""
    if not gold and not system:
        return 1.0
    overlap = len(gold & system)
    return safe_ratio(2 * overlap, len(gold) + len(system), empty=0.0)


def mean(values: Sequence[float]) -> float | None:
    """The mean, or None when there is nothing to average (the key is then left out)."""
    return sum(values) / len(values) if values else None
