"""Every data file the package reads is declared as package data, so a wheel carries it."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eventledger"


def declared() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["eventledger"]


def data_files() -> list[str]:
    return sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    )


@pytest.mark.parametrize("path", data_files())
def test_data_file_is_package_data(path):
    patterns = declared()
    # setuptools globs: "*" stays within a folder, "**" crosses folders
    assert any(fnmatch.fnmatch(path, p) and (p.count("/") == path.count("/") or "**" in p) for p in patterns), path
