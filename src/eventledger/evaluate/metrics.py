"""The scoring arithmetic: precision/recall/F1, one-to-one matching, clustering scores, labels.

Pure functions over plain values, independent of the store and of extraction, so that each can be
checked against hand-computed figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import Any

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
    (``scipy.optimize.linear_sum_assignment``), falling back to greedy best-first when scipy is
    missing. Pairs are returned sorted by row.
    """
    rows = len(scores)
    columns = len(scores[0]) if rows else 0
    if not rows or not columns:
        return []
    allowed = [(i, j) for i in range(rows) for j in range(columns) if scores[i][j] != FORBIDDEN]
    if not allowed:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # pragma: no cover - scipy comes with scikit-learn
        return _greedy(scores, allowed)
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


def _greedy(scores: Sequence[Sequence[float]], allowed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    used_rows: set[int] = set()
    used_columns: set[int] = set()
    pairs = []
    for i, j in sorted(allowed, key=lambda p: (-scores[p[0]][p[1]], p)):
        if i not in used_rows and j not in used_columns:
            pairs.append((i, j))
            used_rows.add(i)
            used_columns.add(j)
    return sorted(pairs)


def pairwise_prf(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Pairwise clustering P/R/F1 over the items both mappings cover.

    ``gold`` and ``system`` map each item to its cluster. A pair of items is predicted when the
    system puts both in one cluster and true when the gold does; precision counts predicted
    pairs that are true (over-merging lowers it), recall true pairs that are predicted.
    """
    items = [item for item in gold if item in system]
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_gold = gold[a] == gold[b]
        same_system = system[a] == system[b]
        if same_gold and same_system:
            tp += 1
        elif same_system:
            fp += 1
        elif same_gold:
            fn += 1
    return prf(tp, fp, fn)


def bcubed(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> dict[str, float]:
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

    Same definitions as scikit-learn's defaults: classes are those of the gold and the
    predictions together; weighted F1 weighs each class by its gold support (a class only the
    system uses weighs nothing), macro F1 is the plain mean over every class.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    n = len(gold)
    if n == 0:
        return {"accuracy": 0.0, "weighted_f1": 0.0, "macro_f1": 0.0, "n": 0}
    support = Counter(gold)
    predicted_count = Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    f1_by_class = {}
    for label in set(support) | set(predicted_count):
        precision = safe_ratio(correct[label], predicted_count[label], empty=0.0)
        recall = safe_ratio(correct[label], support[label], empty=0.0)
        f1_by_class[label] = safe_ratio(2 * precision * recall, precision + recall, empty=0.0)
    return {
        "accuracy": sum(correct.values()) / n,
        "weighted_f1": sum(f1_by_class[c] * support[c] for c in support) / n,
        "macro_f1": sum(f1_by_class.values()) / len(f1_by_class),
        "n": n,
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
