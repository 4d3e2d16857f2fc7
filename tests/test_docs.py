"""Contract checks: every CLI command and every setting is documented in the README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventledger.cli import app
from eventledger.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name):
    assert f"eventledger {name}" in README


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_every_setting_is_in_the_readme(name):
    assert f"`{name}`" in README


def test_readme_names_the_two_commands():
    assert "make demo" in README and "make test" in README
