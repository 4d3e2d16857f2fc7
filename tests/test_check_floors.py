"""scripts/check_floors.py: floors may only go up, ceilings only down."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check_floors.py"
spec = importlib.util.spec_from_file_location("check_floors", SCRIPT)
assert spec is not None and spec.loader is not None
check_floors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_floors)


@pytest.mark.parametrize(
    ("before", "after", "problems"),
    [
        ({"floors": {"a": 0.5}}, {"floors": {"a": 0.6}}, 0),
        ({"floors": {"a": 0.5}}, {"floors": {"a": 0.5, "b": 0.1}}, 0),
        ({"floors": {"a": 0.5}}, {"floors": {"a": 0.49}}, 1),
        ({"floors": {"a": 0.5, "b": 0.2}}, {"floors": {"b": 0.2}}, 1),  # a floor removed is a floor lowered
        ({"floors": {"realnews": {"conflict": {"f1": 0.7}}}}, {"floors": {"realnews": {"conflict": {"f1": 0.6}}}}, 1),
        ({"ceilings": {"leaks": 0}}, {"ceilings": {"leaks": 1}}, 1),
        # the realnews sections are held the same way
        ({"realnews": {"conflict": {"floors": {"f1": 0.6}}}}, {"realnews": {"conflict": {"floors": {"f1": 0.5}}}}, 1),
        ({"realnews": {"negatives": {"ceilings": {"invented": 3}}}},
         {"realnews": {"negatives": {"ceilings": {"invented": 4}}}}, 1),
        ({"ceilings": {"leaks": 2}}, {"ceilings": {"leaks": 1}}, 0),
        # and so are the dev notes' (ACLED, CASE, GTD)
        ({"dev_notes": {"floors": {"acled": {"all": {"sub_type": 0.87}}}}},
         {"dev_notes": {"floors": {"acled": {"all": {"sub_type": 0.86}}}}}, 1),
        ({"dev_notes": {"floors": {"case": {"weighted_f1": 0.77}}}}, {"dev_notes": {"floors": {}}}, 1),
        ({"dev_notes": {"floors": {"gtd": {"killed": 0.85}}}}, {"dev_notes": {"floors": {"gtd": {"killed": 0.86}}}}, 0),
        # a figure redefined, with the reason, may fall once, in the version that says so ...
        ({"floors": {"e.p.f1": 0.9}}, {"floors": {"e.p.f1": 0.8}, "redefined": {"e.p": "why"}}, 0),
        # ... never again after
        ({"floors": {"e.p.f1": 0.8}, "redefined": {"e.p": "why"}}, {"floors": {"e.p.f1": 0.7}, "redefined": {"e.p": "why"}}, 1),
        # ... unless another reason is added, with that version
        ({"floors": {"e.p.f1": 0.8}, "redefined": {"e.p": "why"}},
         {"floors": {"e.p.f1": 0.7}, "redefined": {"e.p": ["why", "and why again"]}}, 0),
    ],
)
def test_lowered_finds_every_floor_that_went_down(before, after, problems) -> None:
    assert len(check_floors.lowered(before, after)) == problems


def test_the_committed_floors_were_not_lowered_by_the_last_commit() -> None:
    assert check_floors.main([]) == 0
