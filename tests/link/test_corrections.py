"""Hand corrections applied over events (pure: events and reports from dicts)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from eventledger.errors import CorrectionError
from eventledger.link import link_reports
from eventledger.link.corrections import Corrector, check_value, split_event_id, with_field
from eventledger.models import Edit, Event, Report

from .factory import IED, report

COMMON = dict(admin1="Dhi Qar", sub_event_type=IED, weapon="IED", target="convoy", date_precision="day")


def convoy(report_id: str, article_id: str, day: str) -> Report:
    return report(report_id, article_id, date=day, **COMMON, text="A roadside bomb hit a logistics convoy.")


class Source:
    """Events in a dict, as the store would give them."""

    def __init__(self, events: Sequence[Event], reports: Sequence[Report], aliases: dict[str, str] | None = None):
        self.events = {e.id: e for e in events}
        self.by_id = {r.id: r for r in reports}
        self.aliases = aliases or {}

    def event(self, event_id: str) -> Event | None:
        return self.events.get(event_id)

    def holder(self, report_id: str) -> str | None:
        return next((e.id for e in self.events.values() if report_id in e.report_ids), None)

    def reports(self, report_ids: Sequence[str]) -> list[Report]:
        return [self.by_id[r] for r in report_ids]

    def resolve(self, event_id: str) -> str | None:
        return event_id if event_id in self.events else self.aliases.get(event_id)


def edit(n: int, action: str, event_id: str, **fields: object) -> Edit:
    return Edit(id=n, action=action, event_id=event_id, author="a", reason="r", **fields)


@pytest.fixture
def world() -> tuple[Source, Event, Event]:
    reports = [convoy("a1", "x", "2020-12-03"), convoy("a2", "y", "2020-12-03"), convoy("b1", "z", "2020-12-20")]
    first, second = sorted(link_reports(reports, {}), key=lambda e: len(e.report_ids), reverse=True)
    return Source([first, second], reports), first, second


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "2020-12", "2020-12"),
        ("killed", "3", 3),
        ("killed", "unknown", None),
        ("actors", "islamic_state, unk:x", ["islamic_state", "unk:x"]),
        ("latitude", "31.05", 31.05),
        ("place", "  ", None),
    ],
)
def test_values_from_the_command_line_are_checked_and_typed(field, value, expected):
    assert check_value(field, value) == expected


@pytest.mark.parametrize(("field", "value"), [("date", "2020-13-01"), ("killed", "many"), ("latitude", "91"),
                                              ("kind", "party"), ("report_ids", "x"), ("killed", True)])
def test_wrong_values_are_refused(field, value):
    with pytest.raises(CorrectionError):
        check_value(field, value)


def test_setting_the_date_sets_its_precision_and_the_summary_follows(world):
    _, first, _ = world
    corrected = with_field(first, "date", "2020-12")
    assert (corrected.date, corrected.date_precision) == ("2020-12", "month")
    assert "(2020-12)" in corrected.summary


def test_field_sets_apply_after_a_merge_whatever_their_order(world):
    source, first, second = world
    corrector = Corrector(source, {})
    statuses = corrector.apply([edit(1, "set", first.id, field="killed", value=9),
                                edit(2, "merge", first.id, other_id=second.id, reports=second.report_ids)])
    assert statuses == {1: "applied", 2: "applied"}
    merged = corrector.changed[first.id]
    assert merged.killed_best == 9 and len(merged.report_ids) == 3
    assert corrector.removed == {second.id} and corrector.retired == {second.id: first.id}


def test_a_split_report_becomes_an_event_with_an_id_of_its_own(world):
    source, first, _ = world
    corrector = Corrector(source, {})
    assert corrector.apply([edit(1, "split", first.id, other_id="a2")]) == {1: "applied"}
    assert corrector.changed[split_event_id("a2")].report_ids == ("a2",)
    assert corrector.changed[first.id].report_ids == ("a1",)
    # applied again on the result, it changes nothing
    again = Corrector(Source(list(corrector.changed.values()), source.reports(["a1", "a2"])), {})
    assert again.apply([edit(1, "split", first.id, other_id="a2")]) == {1: "applied"} and not again.changed


def test_edits_of_an_event_that_is_gone_say_so(world):
    source, first, second = world
    statuses = Corrector(source, {}).apply([
        edit(1, "dismiss", second.id),
        edit(2, "set", second.id, field="killed", value=1),
        edit(3, "split", "ev_gone", other_id="nosuch"),
    ])
    assert statuses[1] == "applied"
    assert statuses[2] == f"not applied: event {second.id} no longer exists"
    assert statuses[3].startswith("not applied: report nosuch is in no event")


def test_a_merge_follows_a_retired_id(world):
    source, first, second = world
    source.aliases = {"ev_old": first.id}
    corrector = Corrector(source, {})
    assert corrector.apply([edit(1, "merge", "ev_old", other_id=second.id)]) == {1: "applied"}
    assert set(corrector.changed[first.id].report_ids) == {"a1", "a2", "b1"}
