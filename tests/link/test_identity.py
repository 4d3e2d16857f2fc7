"""Stable event ids: reports joining, re-linking from scratch, merges that retire an id."""

from __future__ import annotations

import dataclasses

from eventledger.link import Linker, link_reports
from eventledger.link.identity import assign_ids, fresh_id
from eventledger.link.merge import event_id

from .factory import IED, report

COMMON = dict(admin1="Dhi Qar", sub_event_type=IED, weapon="IED", target="convoy", date_precision="day")


def convoy(report_id: str, article_id: str, day: str = "2020-12-03") -> object:
    return report(report_id, article_id, date=day, **COMMON, text="A roadside bomb hit a logistics convoy on the highway.")


def test_an_event_keeps_its_id_when_a_report_with_a_smaller_id_joins():
    linker = Linker(reports=[convoy("m2", "y"), convoy("m3", "z")])
    [first] = linker.events()
    changed, removed = linker.add([convoy("a1", "x")], {})
    [event] = linker.events()
    assert set(event.report_ids) == {"a1", "m2", "m3"}
    assert event.id == first.id != event_id(["a1"])
    assert changed == [event] and removed == []


def test_relinking_everything_gives_events_the_ids_their_reports_had():
    reports = [convoy("m2", "y"), convoy("m3", "z"), convoy("a1", "x")]
    [linked] = link_reports(reports, {})
    previous = {"m2": "ev_bookmarked", "m3": "ev_bookmarked"}
    identities = assign_ids([linked], previous)
    assert [e.id for e in identities.events] == ["ev_bookmarked"]
    assert identities.retired == {}


def test_a_merge_keeps_the_id_of_the_larger_event_and_retires_the_other():
    reports = [convoy("m2", "y"), convoy("m3", "z"), convoy("a1", "x")]
    [linked] = link_reports(reports, {})
    previous = {"m2": "ev_big", "m3": "ev_big", "a1": "ev_small"}
    identities = assign_ids([linked], previous)
    assert [e.id for e in identities.events] == ["ev_big"]
    assert identities.retired == {"ev_small": "ev_big"}


def test_a_split_keeps_the_id_for_the_larger_part_and_gives_the_other_a_fresh_one():
    left = link_reports([convoy("m2", "y"), convoy("m3", "z")], {})[0]
    right = link_reports([convoy("a1", "x", day="2020-12-19")], {})[0]
    previous = {"m2": "ev_one", "m3": "ev_one", "a1": "ev_one"}
    identities = assign_ids([right, left], previous)
    assert [e.id for e in identities.events] == [event_id(["a1"]), "ev_one"]
    assert identities.retired == {}


def test_a_fresh_id_never_takes_an_id_held_elsewhere_or_retired():
    [linked] = link_reports([convoy("a1", "x")], {})
    held = event_id(["a1"])
    identities = assign_ids([linked], {"zz": held}, taken={held})
    assert identities.events[0].id not in {held}
    assert identities.events[0].id == fresh_id("a1", {held})


def test_ids_of_events_outside_the_run_are_not_taken():
    [linked] = link_reports([convoy("a1", "x")], {})
    identities = assign_ids([linked], {"a1": "ev_elsewhere"}, taken={"ev_elsewhere"})
    assert identities.events[0].id != "ev_elsewhere"
    assert identities.retired == {}


def background() -> list[object]:
    """Other attacks of the collection: what makes the convoy's values rare enough to weigh."""
    places = ["Basra", "Anbar", "Nineveh", "Kirkuk", "Diyala", "Babil", "Wasit", "Maysan"]
    return [
        report(f"b{n}", f"bg{n}", date=f"2020-{n % 9 + 1:02d}-{n + 3:02d}", admin1=places[n % 8], date_precision="day",
               text=f"Gunmen opened fire on a checkpoint in {places[n % 8]}, wounding {n + 1} soldiers.")
        for n in range(16)
    ]


def test_the_linker_retires_the_id_of_an_event_that_merges_into_another():
    big = dataclasses.replace(link_reports([convoy("m2", "y"), convoy("m3", "z")], {})[0], id="ev_big")
    small = dataclasses.replace(link_reports([convoy("a1", "x")], {})[0], id="ev_small")
    reports = [convoy("m2", "y"), convoy("m3", "z"), convoy("a1", "x"), *background()]
    linker = Linker(events=[big, small], reports=reports)
    changed, removed = linker.add([convoy("a0", "w")], {})
    [event] = [e for e in linker.events() if "a0" in e.report_ids]
    assert event.id == "ev_big" and len(event.report_ids) == 4
    assert removed == ["ev_small"] and linker.retired == {"ev_small": "ev_big"}


def test_how_much_a_value_weighs_is_counted_over_every_report_the_linker_holds():
    # a batch re-linked inside a larger collection is weighed as linking the whole collection at
    # once would weigh it, whatever the neighbourhood re-linked with it
    convoys = [convoy("m2", "y"), convoy("m3", "z"), convoy("a1", "x"), convoy("a0", "w")]
    held = Linker(reports=[*background(), *convoys[:3]])
    held.add(convoys[3:], {})
    at_once = link_reports([*background(), *convoys], {})
    assert sorted(e.report_ids for e in held.events()) == sorted(e.report_ids for e in at_once)
    assert [set(e.report_ids) for e in held.events() if "a0" in e.report_ids] == [{"a0", "a1", "m2", "m3"}]
