"""The adapters scoring consults: tally reading, and the system's own parts when they load."""

from __future__ import annotations

import pytest

from eventledger.analyze.tally import tally
from eventledger.errors import KnowledgeBaseError
from eventledger.evaluate.adapters import count_by, system_adapters, tally_cells
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


def test_tally_cells_reads_the_tallys_rows():
    calls = []

    def tally(events, by, kind):
        calls.append((len(events), by, kind))
        return {"by": list(by), "rows": [{"month": "2021-02", "count": 2}, {"month": "2021-03", "count": 1}]}

    assert tally_cells(tally, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1}
    assert calls == [(5, ("month",), "attack")]


def test_tally_cells_without_a_tally_function_counts_here():
    assert tally_cells(None, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1}


def test_the_system_tally_agrees_with_counting_here():
    assert tally_cells(tally, EVENTS, "month", "attack") == {"2021-02": 2, "2021-03": 1, "unknown": 1}


def test_system_adapters_are_the_systems_own_parts():
    adapters = system_adapters()
    assert adapters.tally is tally
    # two spellings of one person resolve to one id, and another name to another
    assert adapters.actor_id("Qaani") == adapters.actor_id("Ghaani") != adapters.actor_id("Kadhimi")
    place = adapters.match_place("Diwaniya")
    assert place is not None and place.country == "Iraq"
    assert adapters.case_label("Gunmen shot dead two police officers at a checkpoint.") is not None


def test_system_adapters_raise_when_the_knowledge_base_cannot_load(broken_kb):
    with pytest.raises(KnowledgeBaseError, match=broken_kb):
        system_adapters()
