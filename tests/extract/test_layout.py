"""The layout of the extraction package: short functions, each field in its module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "eventledger" / "extract"
MAX_LINES = 60


def _functions() -> list[tuple[str, int]]:
    found = []
    for path in sorted(EXTRACT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                found.append((f"{path.relative_to(EXTRACT)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1))
    return found


def test_the_package_has_functions_to_check() -> None:
    assert len(_functions()) > 100


def test_no_function_is_longer_than_sixty_lines() -> None:
    too_long = [f"{name} ({lines} lines)" for name, lines in _functions() if lines > MAX_LINES]
    assert too_long == []


@pytest.mark.parametrize("field", ["place", "date", "actors", "casualties", "weapon", "target", "attribution"])
def test_every_field_has_its_module_data_and_tests(field: str) -> None:
    assert (EXTRACT / "fields" / f"{field}.py").is_file()
    assert (EXTRACT / "fields" / "data" / f"{field}.yaml").is_file()
    assert (Path(__file__).parent / "fields" / f"test_{field}.py").is_file()
