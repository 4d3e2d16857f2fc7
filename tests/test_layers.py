"""The layering of the house, checked over the import graph (every import that runs, inside
functions too; imports for type annotations only, under ``if TYPE_CHECKING:``, are left out).

- no import cycles between modules;
- each stage imports only stages below it (the layers of ``[tool.importlinter]`` in pyproject.toml,
  also run by ``lint-imports`` in CI);
- ``eventledger.pipeline`` is the only module that drives more than one processing stage (ingest,
  engine, extract, link): whoever runs the job runs it through ``Pipeline``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PROCESSING = ("ingest", "engine", "extract", "link")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # imports under ``if TYPE_CHECKING:`` only name types for mypy; they never run
    return grimp.build_graph("eventledger", exclude_type_checking_imports=True)


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_module_imports_itself_through_others(graph: grimp.ImportGraph) -> None:
    cycles = [
        sorted({module, *(graph.find_shortest_chain(importer=imported, imported=module) or ())})
        for module in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    ]
    assert not cycles, f"modules in import cycles: {sorted(map(tuple, cycles))}"


def test_stages_import_only_the_layers_below(graph: grimp.ImportGraph) -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    [layers] = [c["layers"] for c in contracts if c["type"] == "layers"]
    # the console entry point (python -m eventledger) stands above everything
    rank = {"__main__": -1} | {name.strip(): depth for depth, layer in enumerate(layers) for name in layer.split("|")}
    upward = []
    for module in graph.modules:
        here = _stage(module)
        for imported in graph.find_modules_directly_imported_by(module):
            there = _stage(imported)
            if here != there and rank.get(there, len(rank)) <= rank.get(here, len(rank)):
                upward.append(f"{module} -> {imported}")
    assert not upward, "imports that run upward or sideways between layers: " + ", ".join(sorted(upward))


def test_every_stage_has_a_layer(graph: grimp.ImportGraph) -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    [layers] = [c["layers"] for c in contracts if c["type"] == "layers"]
    named = {"__main__"} | {name.strip() for layer in layers for name in layer.split("|")}
    stages = {_stage(m) for m in graph.modules} - {""}
    assert stages <= named, f"stages with no layer: {sorted(stages - named)}"


def test_only_the_pipeline_drives_more_than_one_stage(graph: grimp.ImportGraph) -> None:
    drivers = {}
    for module in graph.modules:
        if _stage(module) in PROCESSING:
            continue
        driven = {_stage(m) for m in graph.find_modules_directly_imported_by(module)} & set(PROCESSING)
        if len(driven) > 1:
            drivers[module] = sorted(driven)
    assert set(drivers) == {"eventledger.pipeline"}, drivers
