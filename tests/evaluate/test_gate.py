"""The gate's arithmetic: which figures it reads and how floors are compared."""

from __future__ import annotations

import pytest

from eventledger.evaluate.gate import below_floors, floor_of, gate_figures

RESULT = {
    "gold": "g.yaml",
    "documents": 2,
    "events": {"all": {"precision": 0.5, "recall": 0.25, "f1": 1 / 3}},
    "fields": {"date": 0.75},
    "fields_end_to_end": {"date": 0.5},
    "linking": {"pairwise": {"precision": 1.0, "recall": 0.5, "f1": 2 / 3}, "bcubed_f1": 0.9},
    "actors": {"pairwise": {"precision": 1.0, "recall": 1.0, "f1": 1.0}},
    "tallies": {"attacks_by_month": {"2021-01": {"gold": 2, "system": 2}, "2021-02": {"gold": 1, "system": 3}}},
    "boilerplate_leaks": 0,
}


def test_gate_figures_flatten_every_rate():
    figures = gate_figures(RESULT)
    assert figures["events.all.f1"] == pytest.approx(1 / 3)
    assert figures["fields_end_to_end.date"] == 0.5
    assert "fields.date" not in figures  # matched-pair accuracy can fall as detection improves
    assert figures["linking.pairwise.recall"] == 0.5 and figures["linking.bcubed_f1"] == 0.9
    assert figures["actors.pairwise.f1"] == 1.0
    assert figures["tallies.cells_exact"] == 0.5
    assert "boilerplate_leaks" not in figures  # a count, held to a ceiling, not a floor


def test_classification_figures():
    figures = gate_figures({"classification": {"accuracy": 0.4, "weighted_f1": 0.3, "macro_f1": 0.2, "n": 9}})
    assert figures == {"classification.accuracy": 0.4, "classification.weighted_f1": 0.3, "classification.macro_f1": 0.2}


@pytest.mark.parametrize(("value", "floor"), [(0.5849, 0.58), (0.58, 0.58), (1.0, 1.0), (0.0, 0.0), (0.999, 0.99), (0.29, 0.29)])
def test_floor_of_rounds_down(value, floor):
    assert floor_of(value) == floor


def test_below_floors_reports_drops_and_missing_figures():
    figures = {"a": 0.5, "b": 0.7}
    assert below_floors(figures, {"a": 0.5, "b": 0.71, "c": 0.1}) == {"b": (0.7, 0.71), "c": (None, 0.1)}
    assert below_floors(figures, {"a": 0.49}) == {}
