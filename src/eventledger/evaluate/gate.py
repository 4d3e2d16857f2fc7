"""The evaluation gate: the figures an evaluation is held to, and floors that may only go up.

``eval-floors.json`` at the repository root pins, per figure, the lowest value the project's own
examples (``examples/gold.yaml``) may score; ``tests/test_eval_gate.py`` fails when any figure
drops below its floor. Run ``python -m eventledger.evaluate.gate [GOLD]`` to print today's figures
rounded down as floors (raise a floor when the system gets better; never lower one).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

PRF = ("precision", "recall", "f1")


def gate_figures(result: dict[str, Any]) -> dict[str, float]:
    """Every rate of an evaluation result under a dotted name (``events.attack.f1``, ``fields.date``).

    Tallies become one figure, ``tallies.cells_exact``: the share of gold tally cells the system
    reproduces exactly.
    """
    figures: dict[str, float] = {}
    for group, values in (result.get("events") or {}).items():
        for name in PRF:
            figures[f"events.{group}.{name}"] = float(values[name])
    # Field accuracy over matched pairs can fall when detection improves (more, harder pairs), so the
    # gate holds the end-to-end form (right values over every gold mention) instead.
    for name, value in (result.get("fields_end_to_end") or {}).items():
        figures[f"fields_end_to_end.{name}"] = float(value)
    linking = result.get("linking") or {}
    for name in PRF:
        if "pairwise" in linking:
            figures[f"linking.pairwise.{name}"] = float(linking["pairwise"][name])
    if "bcubed_f1" in linking:
        figures["linking.bcubed_f1"] = float(linking["bcubed_f1"])
    if actors := (result.get("actors") or {}).get("pairwise"):
        for name in PRF:
            figures[f"actors.pairwise.{name}"] = float(actors[name])
    cells = [cell for tally in (result.get("tallies") or {}).values() for cell in tally.values()]
    if cells:
        figures["tallies.cells_exact"] = sum(c["gold"] == c["system"] for c in cells) / len(cells)
    for name in ("accuracy", "weighted_f1", "macro_f1"):
        if name in (result.get("classification") or {}):
            figures[f"classification.{name}"] = float(result["classification"][name])
    return figures


def realnews_figures(result: dict[str, Any]) -> dict[str, float]:
    """The figures a realnews gold is held to: the gate's, the fields over matched pairs (the
    issue's targets are written in them), and the counts kept under ceilings (leaked page
    furniture; reports, which on the negatives folder are all invented events)."""
    figures = gate_figures(result)
    for name, value in (result.get("fields") or {}).items():
        figures[f"fields.{name}"] = float(value)
    figures["boilerplate_leaks"] = float(result.get("boilerplate_leaks", 0))
    figures["system_reports"] = float((result.get("counts") or {}).get("system_reports", 0))
    return figures


def floor_of(value: float) -> float:
    """A measured figure rounded down to two decimals (0.5849 -> 0.58)."""
    return math.floor(value * 100 + 1e-9) / 100


def below_floors(figures: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float | None, float]]:
    """The figures under their floor (or missing), as name -> (measured, floor)."""
    return {
        name: (figures.get(name), floor)
        for name, floor in floors.items()
        if name not in figures or figures[name] < floor - 1e-9
    }


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a maintainer's tool
    from eventledger.evaluate import evaluate  # the pipeline and spaCy (seconds): the floor arithmetic needs neither

    args = argv if argv is not None else sys.argv[1:]
    result = evaluate(args[0] if args else "examples/gold.yaml")
    floors = {name: floor_of(value) for name, value in sorted(gate_figures(result).items())}
    print(json.dumps({"floors": floors, "boilerplate_leaks": result.get("boilerplate_leaks"),
                      "seconds": result.get("seconds")}, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
