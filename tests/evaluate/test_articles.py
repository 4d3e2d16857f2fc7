"""Article-gold scoring over a hand-made run whose every figure is worked out in conftest.py."""

from __future__ import annotations

import pytest

from eventledger.evaluate.adapters import Adapters
from eventledger.evaluate.articles import (
    ActorTranslation,
    alias_clustering,
    boilerplate_leaks,
    compatible,
    match_document,
    score_article_gold,
    tally_scores,
)
from eventledger.evaluate.gold import GoldActor, GoldEvent, load_article_gold
from eventledger.models import Event, Report
from eventledger.store import open_store

# The system's resolver in the hand-made run: "B" is wrongly put with Militia A.
RESOLVER = {"Militia A": "sys_a", "A Brigades": "sys_a", "Minister B": "sys_b", "B": "sys_a"}


def score(run, **adapter_fields):
    gold_path, db = run
    adapters = Adapters(actor_id=RESOLVER.get, **adapter_fields)
    with open_store(db) as store:
        return score_article_gold(load_article_gold(gold_path), store, adapters)


@pytest.fixture(scope="module")
def result(hand_run):
    return score(hand_run)


@pytest.mark.parametrize(
    ("group", "precision", "recall"),
    [("all", 4 / 5, 1.0), ("attack", 1.0, 1.0), ("political", 1 / 2, 1.0)],
)
def test_event_detection(result, group, precision, recall):
    figures = result["events"][group]
    assert figures["precision"] == pytest.approx(precision)
    assert figures["recall"] == pytest.approx(recall)
    assert figures["f1"] == pytest.approx(2 * precision * recall / (precision + recall))


@pytest.mark.parametrize(
    ("field", "accuracy"),
    [
        ("sub_event_type", 2 / 3),  # r2 called shelling what the gold calls an IED
        ("admin1", 1.0),  # "Thi Qar" is Dhi Qar
        ("place", 0.5),  # ied-1 twice: r1 says "the Old Bridge", b1 names no place
        ("weapon", 0.5),  # r1 says ied, b1 nothing
        ("date", 1.0),  # day for ied-1 twice, month for ied-2 and the talks
        ("killed", 1.0),
        ("wounded", 0.0),  # r1 says four, b1 says nothing
        ("claimed_by", 0.5),  # r1 names sys_a = Militia A, b1 names no one
        ("actors", 1.0),  # the meeting's two actors, through the resolver
    ],
)
def test_report_fields_over_matched_pairs(result, field, accuracy):
    assert result["fields_by_report"][field] == pytest.approx(accuracy)


@pytest.mark.parametrize(
    ("field", "accuracy"),
    [
        ("sub_event_type", 2 / 3),  # E2 (r2 alone) is still shelling
        ("place", 1.0),  # b1 names no place, but its event E1 does
        ("weapon", 1.0),
        ("date", 1.0),
        ("killed", 1.0),
        ("wounded", 0.0),  # E1 says four, the gold three
        ("claimed_by", 1.0),  # b1's article names no claimant; its event, through r1, does
        ("actors", 1.0),
    ],
)
def test_fields_are_the_merged_events_values(result, field, accuracy):
    assert result["fields"][field] == pytest.approx(accuracy)


def test_fields_without_gold_values_are_absent(result):
    assert "denied_by" not in result["fields"]


def test_linking_perfect_when_merged_as_the_gold(result):
    assert result["linking"]["pairwise"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["linking"]["bcubed_f1"] == pytest.approx(1.0)


def test_over_merging_two_attacks_costs_linking_precision(over_merged_run):
    linking = score(over_merged_run)["linking"]
    assert linking["pairwise"]["precision"] == pytest.approx(1 / 3)
    assert linking["pairwise"]["recall"] == pytest.approx(1.0)
    assert linking["bcubed_f1"] < 1.0


def test_actor_alias_clustering(result):
    # "B" wrongly resolves with Militia A's aliases: 1 of 3 predicted pairs right, 1 of 2 found
    pairwise = result["actors"]["pairwise"]
    assert pairwise["precision"] == pytest.approx(1 / 3)
    assert pairwise["recall"] == pytest.approx(1 / 2)


def test_actor_clustering_absent_without_a_resolver(hand_run):
    gold_path, db = hand_run
    with open_store(db) as store:
        result = score_article_gold(load_article_gold(gold_path), store, Adapters())
    assert "actors" not in result
    assert result["fields"]["claimed_by"] == 0.0  # sys_a means nothing without the resolver


def test_tallies_count_merged_events(result, over_merged_run):
    assert result["tallies"]["attacks_by_month"] == {"2021-03": {"gold": 2, "system": 2}, "2021-02": {"gold": 0, "system": 0}}
    assert score(over_merged_run)["tallies"]["attacks_by_month"]["2021-03"]["system"] == 1


def test_tallies_through_the_system_tally_function(hand_run):
    tally_module = pytest.importorskip("eventledger.analyze.tally")
    assert score(hand_run, tally=tally_module.tally)["tallies"]["attacks_by_month"]["2021-03"] == {"gold": 2, "system": 2}


def test_boilerplate_leak_found_despite_spacing_and_case(result):
    assert result["boilerplate_leaks"] == 1


def test_counts_and_documents(result):
    assert result["documents"] == 2
    assert result["counts"] == {"documents_found": 2, "system_reports": 5, "gold_mentions": 4, "matched": 4, "system_events": 4, "failures": 0}


# -- the parts, on single cases ------------------------------------------------------------------

ATTACK = GoldEvent(id="g", kind="attack", mentioned_in=("d",), sub_event_type="Remote explosive/landmine/IED",
                   date="2020-12", date_precision="month", admin1="Muthanna")


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (Report(id="x", article_id="a", kind="attack", sub_event_type="Grenade", date="2020-12-05", date_precision="day"), True),
        (Report(id="x", article_id="a", kind="attack", sub_event_type="Armed clash"), False),  # Battles, not explosions
        (Report(id="x", article_id="a", kind="attack", event_type="Violence against civilians"), False),
        (Report(id="x", article_id="a", kind="attack"), True),  # untyped: the family is not held against it
        (Report(id="x", article_id="a", kind="meeting", date="2020-12", date_precision="month"), False),
        (Report(id="x", article_id="a", kind="attack", admin1="Basra"), False),
        (Report(id="x", article_id="a", kind="attack", admin1="Al-Muthanna"), True),
        (Report(id="x", article_id="a", kind="attack", date="2021-01-02", date_precision="day"), False),
    ],
)
def test_compatible(report, expected):
    assert compatible(report, ATTACK) is expected


def test_matching_prefers_the_report_that_agrees_more():
    gold = [
        GoldEvent(id="dec-a", kind="attack", mentioned_in=("d",), sub_event_type="Remote explosive/landmine/IED",
                  date="2020-12", date_precision="month", admin1="Babil"),
        GoldEvent(id="dec-b", kind="attack", mentioned_in=("d",), sub_event_type="Remote explosive/landmine/IED",
                  date="2020-12", date_precision="month", admin1="Dhi Qar", wounded=1),
    ]
    reports = [
        Report(id="one", article_id="a", kind="attack", date="2020-12", date_precision="month", wounded=1),
        Report(id="two", article_id="a", kind="attack", date="2020-12", date_precision="month", admin1="Babil"),
    ]
    matches = match_document("d", reports, gold)
    assert {(m.report.id, m.gold.id) for m in matches} == {("one", "dec-b"), ("two", "dec-a")}


def test_actor_translation_prefers_the_reading_the_gold_uses():
    actors = [GoldActor("hezbollah_lb", "armed_group", ("Hezbollah",)), GoldActor("kh", "armed_group", ("Kataib Hezbollah",))]
    translation = ActorTranslation(actors, {"Hezbollah": "kh", "Kataib Hezbollah": "kh"}.get)
    assert translation.translate([("kh", None)], {"kh"}) == {"kh"}
    assert translation.translate([("kh", None)], {"hezbollah_lb"}) == {"hezbollah_lb"}
    assert translation.translate([("unk:x", None)], {"kh"}) == {"system:unk:x"}
    assert translation.translate([("unk:y", "Kataib Hezbollah")], set()) == {"kh"}  # by the report's name


def test_alias_clustering_unresolved_aliases_stand_alone():
    actors = [GoldActor("a", None, ("One", "Uno")), GoldActor("b", None, ("Two",))]
    assert alias_clustering(actors, lambda alias: None) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert alias_clustering(actors, {"One": "1", "Uno": "1", "Two": "2"}.get)["f1"] == 1.0


def test_tally_names_that_cannot_be_read_are_noted():
    events = [Event(id="e", kind="meeting", report_ids=(), date="2021-01-05", date_precision="day")]
    result, notes = tally_scores({"meetings_by_month": {"2021-01": 1}, "odd": {"x": 1}}, events, None)
    assert result == {"meetings_by_month": {"2021-01": {"gold": 1, "system": 1}}}
    assert notes and "odd" in notes[0]


@pytest.mark.parametrize(
    ("texts", "leaks"),
    [
        (["nothing here"], 0),
        (["Leave a   REPLY below"], 1),
        (["leave a reply", "related posts", "leave a reply"], 2),
        ([], 0),
    ],
)
def test_boilerplate_leaks(texts, leaks):
    assert boilerplate_leaks({"d": ["Leave a Reply", "Related Posts"], "e": ["Next Article"]}, texts) == leaks


def test_details_list_what_was_missed_spurious_or_wrong(hand_run):
    gold_path, db = hand_run
    with open_store(db) as store:
        result = score_article_gold(load_article_gold(gold_path), store, Adapters(actor_id=RESOLVER.get), details=True)
    details = result["details"]
    assert details["missed"] == []
    assert [(s["document"], s["report"], s["kind"]) for s in details["spurious"]] == [("alpha", "r4", "statement")]
    wrong = {(w["report"], w["field"]) for w in details["wrong_fields"]}
    assert wrong == {("r2", "sub_event_type"), ("r1", "wounded"), ("b1", "wounded"), ("b1", "place"), ("b1", "weapon")}
    assert "details" not in score(hand_run)


def test_end_to_end_fields_equal_matched_accuracy_when_every_mention_is_matched(result):
    assert result["events"]["all"]["recall"] == 1.0
    assert result["fields_end_to_end"] == pytest.approx(result["fields_by_report"])


def test_end_to_end_fields_count_unmatched_mentions_as_wrong():
    from eventledger.evaluate.articles import Match, field_end_to_end

    found = GoldEvent(id="g1", kind="attack", mentioned_in=("d",), killed=2, admin1="Basra")
    missed = GoldEvent(id="g2", kind="attack", mentioned_in=("d",), killed=0)
    report = Report(id="r", article_id="a", kind="attack", killed=2, admin1="Basra")
    scores = field_end_to_end([Match("d", report, found)], [("d", found), ("d", missed)], ActorTranslation([], None))
    assert scores["killed"] == pytest.approx(0.5)  # one right of two gold mentions with a toll
    assert scores["admin1"] == pytest.approx(1.0)  # only g1 has a governorate
    assert "weapon" not in scores
