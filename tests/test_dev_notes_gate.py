"""The dev-notes gate: ACLED notes, CASE snippets and GTD summaries must score their pinned floors.

The floors live in ``eval-floors.json`` under ``dev_notes.floors`` (the figures measured when
pinned, rounded down; scripts/check_floors.py fails a commit that lowers one). The figures come
from the benchmarks that print them (bench/acled_coverage.py, bench/case_eval.py,
bench/extract_gtd.py), so the gate and the printed tables cannot drift apart. The data are
third-party and live beside the checkout in ../shared (CI has them); without them this gate skips.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.fixtures.tools import load_tool

from eventledger.evaluate.gate import below_floors

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
FLOORS = json.loads((ROOT / "eval-floors.json").read_text("utf-8"))["dev_notes"]["floors"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside this checkout"),
]


def _flat(figures: dict[str, dict[str, float]]) -> dict[str, float]:
    return {f"{group}.{name}": value for group, values in figures.items() for name, value in values.items()}


def test_acled_notes_have_reports_and_sub_types_at_their_floors() -> None:
    acled = load_tool("bench/acled_coverage.py")
    figures = acled.measure([str(DEV / f) for f in acled.FILES])
    assert set(FLOORS["acled"]) <= set(figures), "an ACLED event type with a floor has no rows"
    below = below_floors(_flat(figures), _flat(FLOORS["acled"]))
    assert not below, f"ACLED figures below their floor (measured, floor): {json.dumps(below)}"


def test_case_weighted_f1_at_its_floor() -> None:
    measured = load_tool("bench/case_eval.py").weighted_f1()
    assert measured >= FLOORS["case"]["weighted_f1"], measured


def test_gtd_tolls_and_provinces_at_their_floors() -> None:
    figures = load_tool("bench/extract_gtd.py").measure()
    below = below_floors({k: float(figures[k]) for k in FLOORS["gtd"]}, FLOORS["gtd"])  # type: ignore[arg-type]
    assert not below, f"GTD figures below their floor (measured, floor): {json.dumps(below)}"
