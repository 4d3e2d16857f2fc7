"""The evaluation gate: the project's own examples must score at least the pinned floors.

``eval-floors.json`` holds, per figure of ``evaluate("examples/gold.yaml")``, the value measured
when it was last raised, rounded down to two decimals. Floors may only go up: a change that lowers
a figure fails here, and the fix is in the system, not in the file. Refresh with
``python -m eventledger.evaluate.gate examples/gold.yaml`` after an improvement.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventledger.evaluate import evaluate
from eventledger.evaluate.gate import below_floors, gate_figures

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold.yaml"
FLOORS = ROOT / "eval-floors.json"


def load_floors() -> dict:
    return json.loads(FLOORS.read_text("utf-8"))


@pytest.fixture(scope="module")
def result():
    assert GOLD.is_file(), "examples/gold.yaml holds the figures the system is held to"

    return evaluate(str(GOLD))


@pytest.mark.slow
def test_no_figure_below_its_floor(result):
    below = below_floors(gate_figures(result), load_floors()["floors"])
    assert not below, "figures below their floor (measured, floor): " + json.dumps(below, indent=1)


@pytest.mark.slow
def test_no_boilerplate_leaks_more_than_the_ceiling(result):
    assert result["boilerplate_leaks"] <= load_floors()["ceilings"]["boilerplate_leaks"]


@pytest.mark.slow
def test_every_gold_document_is_found(result):
    assert result["counts"]["documents_found"] == result["documents"]


def test_floors_file_is_well_formed():
    data = load_floors()
    assert "only go up" in data["note"]
    floors = data["floors"]
    assert floors, "no floors pinned"
    for name, floor in floors.items():
        assert 0.0 <= floor <= 1.0, name
        assert round(floor, 2) == floor, f"{name}: floors are rounded down to two decimals"
        assert name.split(".")[0] in {"events", "fields_end_to_end", "linking", "actors", "tallies", "classification"}, name
    assert data["ceilings"]["boilerplate_leaks"] == 0
