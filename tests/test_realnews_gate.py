"""The real-news gate: the realnews dev golds must score at least their pinned floors.

The floors live in ``eval-floors.json`` under ``realnews.<folder>``, only ever raised
(``python bench/realnews_eval.py --pin`` raises them to today's figures; scripts/check_floors.py
fails a commit that lowers one). The pages are third-party and live beside the checkout in
../shared (CI has them); on a clone without them this gate has nothing to measure and skips.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventledger.evaluate import evaluate
from eventledger.evaluate.gate import below_floors, realnews_figures

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "eval" / "dev" / "realnews"
PINNED = json.loads((ROOT / "eval-floors.json").read_text("utf-8")).get("realnews", {})

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REALNEWS.is_dir(), reason="../shared/eval/dev/realnews is not beside this checkout"),
]


@pytest.fixture(scope="module", params=sorted(PINNED))
def measured(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    folder = request.param
    return folder, realnews_figures(evaluate(str(REALNEWS / folder / "gold.yaml")))


def test_every_realnews_folder_is_pinned() -> None:
    assert set(PINNED) == {p.name for p in REALNEWS.iterdir() if (p / "gold.yaml").is_file()}


def test_no_realnews_figure_below_its_floor(measured: tuple[str, dict[str, float]]) -> None:
    folder, figures = measured
    below = below_floors(figures, PINNED[folder].get("floors", {}))
    assert not below, f"{folder}: figures below their floor (measured, floor): {json.dumps(below)}"


def test_no_realnews_figure_above_its_ceiling(measured: tuple[str, dict[str, float]]) -> None:
    folder, figures = measured
    above: dict[str, Any] = {
        name: (figures.get(name), ceiling)
        for name, ceiling in PINNED[folder].get("ceilings", {}).items()
        if figures.get(name, float("inf")) > ceiling
    }
    assert not above, f"{folder}: figures above their ceiling (measured, ceiling): {json.dumps(above)}"
