"""The adapters scoring consults: tally reading, and the system's own parts when they load."""

from __future__ import annotations

import pytest

from eventledger.evaluate.adapters import Adapters, count_by, system_adapters, tally_cells
from eventledger.models import Event


def event(kind="attack", date="2021-02-15", admin1=None):
    return Event(id=f"{kind}-{date}-{admin1}", kind=kind, report_ids=(), date=date, date_precision="day", admin1=admin1)


EVENTS = [event(), event(date="2021-02-20"), event(date="2021-03-01", admin1="Erbil"), event("meeting"), event(date=None)]


@pytest.mark.parametrize(
    ("by", "kind", "cells"),
    [
        ("month", "attack", {"2021-02": 2, "2021-03": 1}),
        ("month", None, {"2021-02": 3, "2021-03": 1}),
        ("year", "attack", {"2021": 3}),
        ("admin1", "attack", {"Erbil": 1}),
        ("month", "ceasefire", {}),
    ],
)
def test_count_by(by, kind, cells):
    assert count_by(EVENTS, by, kind) == cells


@pytest.mark.parametrize(
    "rows",
    [
        [{"month": "2021-02", "count": 2}, {"month": "2021-03", "count": 1}],
        [{"month": "2021-02", "n": 2}, {"month": "2021-03", "n": 1}],
        [("2021-02", 2), ("2021-03", 1)],
    ],
)
def test_tally_cells_reads_each_row_shape(rows):
    calls = []

    def tally(events, by, kind):
        calls.append((len(events), by, kind))
        return {"by": list(by), "rows": rows}

    assert tally_cells(tally, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1}
    assert calls == [(5, ("month",), "attack")]


def test_tally_cells_without_a_tally_function_counts_here():
    assert tally_cells(None, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1}


def test_the_system_tally_agrees_with_counting_here():
    tally_module = pytest.importorskip("eventledger.analyze.tally")
    assert tally_cells(tally_module.tally, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1, "unknown": 1}


def test_system_adapters_load_what_is_there_and_name_what_is_not():
    adapters = system_adapters()
    assert isinstance(adapters, Adapters)
    for part, note in ((adapters.actor_id, "knowledge base"), (adapters.case_label, "event typer"), (adapters.tally, "tally")):
        assert (part is None) == any(note in m for m in adapters.missing)
    if adapters.actor_id is not None:
        # two spellings of one person resolve to one id, and another name to another
        assert adapters.actor_id("Qaani") == adapters.actor_id("Ghaani") != adapters.actor_id("Kadhimi")
