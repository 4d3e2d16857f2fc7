"""`eventledger correct ...`, `edits` and `show`'s history, on a SQLite file through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_cli import invoke
from tests.store.test_edits import two_events

from eventledger.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, str, str]:
    """A store with two events; returns (db, first id, other id)."""
    path = str(tmp_path / "corrections.db")
    with open_store(path) as store:
        first, other = two_events(store)
    return path, first.id, other.id


def test_a_field_set_from_the_cli_survives_link_full_and_shows_in_the_history(db):
    path, first, _ = db
    code, out, _ = invoke("correct", "set", first, "killed", "3", "--reason", "hospital figures", "--by", "rana",
                          "--db", path)
    assert code == 0 and "rana: set killed = 3 — hospital figures [applied]" in out
    assert invoke("link", "--full", "--db", path)[0] == 0
    code, out, _ = invoke("show", first, "--db", path, "--json")
    shown = json.loads(out)
    assert shown["killed_best"] == 3
    assert [(h["author"], h["field"], h["value"]) for h in shown["history"]] == [("rana", "killed", 3)]
    code, out, _ = invoke("show", first, "--db", path)
    assert "history: 1 edit" in out and "set killed = 3" in out


def test_a_merged_id_shows_its_event_and_a_dismissed_one_its_history(db):
    path, first, other = db
    assert invoke("correct", "merge", first, other, "--reason", "same attack", "--db", path)[0] == 0
    code, out, _ = invoke("show", other, "--db", path)
    assert code == 0 and f"({other} was merged into {first})" in out
    assert invoke("correct", "not-event", first, "--reason", "an exercise, not an attack", "--db", path)[0] == 0
    code, out, err = invoke("show", first, "--db", path)
    assert code == 1 and "not an event — an exercise, not an attack" in out
    assert f"event {first} no longer exists" in err
    code, out, _ = invoke("edits", "--db", path, "--json")
    assert [e["action"] for e in json.loads(out)["edits"]] == ["merge", "dismiss"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "FIRST", "colour", "red"], "field 'colour' cannot be set"),
        (["set", "FIRST", "date", "yesterday"], "is not a date"),
        (["split", "FIRST", "nosuchreport"], "has no report 'nosuchreport'"),
        (["not-event", "ev_nope"], "no event with id 'ev_nope'"),
    ],
)
def test_a_wrong_correction_is_one_line_and_a_non_zero_exit(db, args, message):
    path, first, _ = db
    args = [first if a == "FIRST" else a for a in args]
    code, _, err = invoke("correct", *args, "--reason", "testing", "--db", path)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert json.loads(invoke("edits", "--db", path, "--json")[1])["edits"] == []
