"""What plain ``eventledger serve`` starts: how many processes, and with which load limits."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

import eventledger.web
from eventledger.cli import app
from eventledger.settings import Settings

runner = CliRunner()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The arguments ``serve`` would have started the server with (it is not started)."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(eventledger.web, "serve", lambda db, **kwargs: calls.append({"db": db, **kwargs}))
    for name in ("EVENTLEDGER_SERVE_WORKERS", "EVENTLEDGER_LATENCY_TARGET_SECONDS", "EVENTLEDGER_MAX_IN_FLIGHT"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_plain_serve_runs_two_processes_with_the_adaptive_limit(fresh_db, started) -> None:
    result = runner.invoke(app, ["serve", "--db", fresh_db])
    assert result.exit_code == 0, result.output
    (arguments,) = started
    assert arguments["workers"] == 2 == Settings.serve_workers
    assert arguments["latency_target_seconds"] == 0.1 and arguments["max_in_flight"] == 16


def test_the_number_of_processes_comes_from_the_setting_and_the_option_wins(fresh_db, started, monkeypatch) -> None:
    monkeypatch.setenv("EVENTLEDGER_SERVE_WORKERS", "1")
    monkeypatch.setenv("EVENTLEDGER_LATENCY_TARGET_SECONDS", "0")
    assert runner.invoke(app, ["serve", "--db", fresh_db]).exit_code == 0
    assert runner.invoke(app, ["serve", "--db", fresh_db, "--workers", "3"]).exit_code == 0
    assert [(a["workers"], a["latency_target_seconds"]) for a in started] == [(1, 0.0), (3, 0.0)]


def test_a_number_of_processes_under_one_is_refused_with_one_line(fresh_db, started, monkeypatch) -> None:
    monkeypatch.setenv("EVENTLEDGER_SERVE_WORKERS", "0")
    result = runner.invoke(app, ["serve", "--db", fresh_db])
    assert result.exit_code != 0 and "serve_workers=0" in result.output and started == []
