"""Linking reports into events: seed-shaped behaviour, constraints, order independence, increments."""

import dataclasses
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.link import Linker, link_reports
from eventledger.link.compare import compatible
from eventledger.link.features import build_profiles
from eventledger.link.rules import load_rules

from .factory import IED, info, report, seed_like


def _event_of(events, report_id):
    return next(e for e in events if report_id in e.report_ids)


def test_attack_told_by_three_outlets_is_one_event():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    attack = _event_of(events, "a3-log11")
    assert attack.report_ids == ("a0-r1", "a1-r1", "a3-log11")
    assert (attack.date, attack.date_precision) == ("2020-11", "month")
    assert attack.weapon == "rocket" and attack.place == "Green Zone"
    assert (attack.killed_low, attack.killed_best, attack.killed_high) == (1, 1, 1)
    assert (attack.wounded_best, attack.conflicts) == (5, ())
    stances = {(c.actor_id, c.stance) for c in attack.claims}
    assert stances == {("ashab_al_kahf", "claimed"), ("kataib_hezbollah", "denied")}
    # a0 and a3 both rest on Middle East Eye, a1 on the Associated Press.
    assert attack.independent_sources == 2


def test_truce_and_visit_are_one_event_each():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    truce = [e for e in events if e.kind == "ceasefire"]
    assert len(truce) == 1 and len(truce[0].report_ids) == 4
    assert (truce[0].date, truce[0].date_precision) == ("2020-10-11", "day")
    november = _event_of(events, "a3-r2")
    assert november.report_ids == ("a0-r3", "a1-r3", "a3-r2")
    assert _event_of(events, "a3-r3").report_ids == ("a3-r3",)  # December's visit stays apart


def test_log_lines_and_the_later_attack_stay_apart():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    for report_id in ("a3-log12c", "a3-log12d", "a3-log12g"):
        assert _event_of(events, report_id).report_ids == (report_id,)
    assert len(events) == 7


def test_look_alike_attacks_on_different_days_stay_apart():
    common = dict(admin1="Dhi Qar", sub_event_type=IED, weapon="IED", target="convoy", date_precision="day")
    reports = [
        report("p1", "x", date="2020-12-03", **common, text="A bomb hit a logistics convoy on the highway."),
        report("p2", "y", date="2020-12-03", **common, text="A roadside bomb hit a logistics convoy on the highway."),
        report("q1", "y", date="2020-12-19", **common, text="A bomb hit a logistics convoy on the highway."),
        report("q2", "z", date="2020-12-19", **common, text="Logistics convoy hit by a bomb on the highway."),
        report(
            "m1",
            "w",
            date="2020-12",
            date_precision="month",
            **{k: v for k, v in common.items() if k != "date_precision"},
        ),
    ]
    events = link_reports(reports, {})
    groups = sorted(e.report_ids for e in events)
    # The month-only report may join either attack, but never both, and the attacks stay two.
    assert len(events) == 3 or len(events) == 2
    assert not any({"p1", "q1"} <= set(g) or {"p1", "q2"} <= set(g) or {"p2", "q2"} <= set(g) for g in groups)
    assert ("p1", "p2") in [tuple(r for r in g if r != "m1") for g in groups]


def test_a_chain_of_look_alikes_does_not_merge_incompatible_ends():
    # b is compatible with a (1 vs 3 killed) and with c (3 vs 7), but a and c are not (1 vs 7).
    common = dict(date="2021-01-05", date_precision="day", admin1="Basra", place="Port", weapon="mortar")
    reports = [
        report("a", "art-a", killed=1, **common),
        report("b", "art-b", killed=3, **common),
        report("c", "art-c", killed=7, **common),
    ]
    events = link_reports(reports, {})
    assert not any({"a", "c"} <= set(e.report_ids) for e in events)
    assert sorted(r for e in events for r in e.report_ids) == ["a", "b", "c"]


def test_reordering_gives_identical_events():
    reports, articles = seed_like()
    expected = [e.to_json() for e in link_reports(reports, articles)]
    for seed in range(5):
        shuffled = list(reports)
        random.Random(seed).shuffle(shuffled)
        assert [e.to_json() for e in link_reports(shuffled, articles)] == expected


def test_repeated_report_ids_are_linked_once():
    reports, articles = seed_like()
    events = link_reports(reports + reports[:3], articles)
    assert sorted(r for e in events for r in e.report_ids) == sorted(r.id for r in reports)


# --- properties over random report sets -----------------------------------------------------

DAYS = [f"2021-02-{d:02d}" for d in range(1, 8)]


@st.composite
def report_sets(draw):
    count = draw(st.integers(min_value=0, max_value=14))
    reports = []
    for number in range(count):
        precision = draw(st.sampled_from(["day", "day", "day", "month", "unknown"]))
        date = {"day": draw(st.sampled_from(DAYS)), "month": "2021-02", "unknown": None}[precision]
        reports.append(
            report(
                f"r{number:02d}",
                draw(st.sampled_from(["a", "b", "c", "d"])),
                kind=draw(st.sampled_from(["attack", "attack", "meeting"])),
                date=date,
                date_precision=precision,
                admin1=draw(st.sampled_from(["Baghdad", "Basra", None])),
                place=draw(st.sampled_from(["Green Zone", "Airport", None])),
                weapon=draw(st.sampled_from(["rockets", "Katyusha", "IED", None])),
                target=draw(st.sampled_from(["embassy", None])),
                killed=draw(st.sampled_from([None, 0, 1, 2, 6])),
                wounded=draw(st.sampled_from([None, 1, 5])),
                actors=[(a, "perpetrator") for a in draw(st.sets(st.sampled_from(["g1", "g2", "g3"]), max_size=2))],
            )
        )
    return reports


ARTICLES = {k: info(k, f"Outlet {k}", None) for k in "abcd"}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(report_sets(), st.randoms(use_true_random=False))
def test_every_report_in_exactly_one_event_in_any_order(reports, rnd):
    events = link_reports(reports, ARTICLES)
    held = [r for e in events for r in e.report_ids]
    assert sorted(held) == sorted(r.id for r in reports)
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert link_reports(shuffled, ARTICLES) == events


@SETTINGS
@given(report_sets())
def test_no_event_breaks_a_hard_constraint(reports):
    rules = load_rules()
    profiles = {p.report_id: p for p in build_profiles(reports, ARTICLES, rules)}
    for event in link_reports(reports, ARTICLES):
        members = [profiles[r] for r in event.report_ids]
        articles = [p.article_id for p in members]
        assert len(set(articles)) == len(articles)
        for i, left in enumerate(members):
            for right in members[i + 1 :]:
                assert compatible(left, right, rules)


@SETTINGS
@given(report_sets(), st.integers(min_value=1, max_value=4))
def test_incremental_linking_matches_batch(reports, chunks):
    linker = Linker()
    size = max(1, len(reports) // chunks)
    live: dict[str, object] = {}
    for start in range(0, len(reports), size):
        changed, removed = linker.add(reports[start : start + size], ARTICLES)
        for event_id in removed:
            live.pop(event_id, None)
        for event in changed:
            live[event.id] = event
    # the same events as one batch, but for ids: an event keeps its first id as reports join
    strip = lambda events: sorted(dataclasses.replace(e, id="").to_json() for e in events)  # noqa: E731
    assert strip(linker.events()) == strip(link_reports(reports, ARTICLES))
    # What add() reported, applied in order, leaves exactly the final events.
    assert sorted(live) == [e.id for e in linker.events()]


def test_linker_reports_changes_and_removals():
    reports, articles = seed_like()
    first = [r for r in reports if r.article_id != "a1"]
    linker = Linker(reports=first, articles=articles)
    before = {e.id: e for e in linker.events()}
    changed, removed = linker.add([r for r in reports if r.article_id == "a1"], articles)
    assert linker.events() == link_reports(reports, articles)
    attack = _event_of(linker.events(), "a1-r1")
    assert attack in changed and attack.id in before  # the event kept its id and gained a report
    assert len(attack.report_ids) == len(before[attack.id].report_ids) + 1
    assert all(e.id not in before or before[e.id] != e for e in changed)
    assert set(removed) <= set(before)


def test_linker_starts_from_stored_events():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    linker = Linker(events=events, reports=reports, articles=articles)
    assert linker.events() == events
    changed, removed = linker.add([], articles)
    assert (changed, removed) == ([], [])


def _visit(report_id: str, article_id: str, date: str | None, precision: str, cast: list[str], text: str, place: str | None = "Baghdad"):
    return report(
        report_id, article_id, kind="meeting", date=date, date_precision=precision, admin1="Baghdad", place=place,
        actors=[(a, "participant") for a in cast], text=text,
    )


def test_dated_reports_of_one_envoys_visit_link_whoever_else_they_name():
    # one outlet names the premier he saw, the other the militia chiefs: the envoy, the city and
    # the window agree
    reports = [
        _visit("v1", "x", "2020-11-18", "day", ["qaani", "kadhimi"], "The Quds Force chief saw the premier in Baghdad."),
        _visit("v2", "y", "2020-11", "month", ["qaani", "amiri", "kataib_hezbollah", "nujaba"], "He also met the Badr leader and two militias."),
    ]
    events = link_reports(reports, {"x": info("x", published="2020-11-24"), "y": info("y", published="2020-12-26")})
    assert [e.report_ids for e in events] == [("v1", "v2")]


def test_a_shared_envoy_does_not_link_reports_of_different_months_or_undated_ones_placed_nowhere():
    reports = [
        _visit("v1", "x", "2020-11-18", "day", ["qaani", "kadhimi"], "The Quds Force chief saw the premier in Baghdad."),
        _visit("v2", "y", "2020-12", "month", ["qaani", "pmf"], "He came back to see the Hashd leadership."),
        _visit("v3", "z", None, "unknown", ["qaani", "nujaba"], "The general was seen at a militia office.", place=None),
    ]
    events = link_reports(reports, {a: info(a) for a in "xyz"})
    assert sorted(e.report_ids for e in events) == [("v1",), ("v2",), ("v3",)]


def test_an_undated_account_of_the_envoy_in_the_same_city_joins_the_dated_visit():
    # an article without a date cannot resolve "on Wednesday": the envoy and the city must do
    reports = [
        _visit("v1", "x", "2020-11-18", "day", ["qaani", "kadhimi"], "The Quds Force chief saw the premier in Baghdad."),
        _visit("v3", "z", None, "unknown", ["qaani", "iraq_government"], "The general met officials in the capital."),
    ]
    events = link_reports(reports, {a: info(a) for a in "xz"})
    assert [e.report_ids for e in events] == [("v1", "v3")]


def test_linking_shares_equal_profile_values_and_changes_none():
    # link_reports makes its profiles with equal words, intervals, ranges and casts shared
    # (one object each, not one per report): the values must be build_profiles' own.
    from eventledger.link.features import Profile
    from eventledger.link.linker import _compact_profiles

    rules = load_rules()
    rows = [
        report(f"r{i}", f"a{i}", date=f"2020-11-{10 + i % 3:02d}", date_precision="day", admin1="Baghdad", killed=i % 2,
               actors=[("kataib_hezbollah", "perpetrator")], text=f"rockets struck the airport convoy night {i % 4}")
        for i in range(12)
    ]
    articles = {f"a{i}": info(f"a{i}", published="2020-11-14") for i in range(12)}
    made = _compact_profiles(rows, articles, rules, None, None)
    reference = build_profiles(rows, articles, rules)
    for got, want in zip(made, reference, strict=True):
        for slot in Profile.__slots__:
            if slot != "stats":
                assert getattr(got, slot) == getattr(want, slot), slot
    first, second = made[0], made[6]  # same day, same toll, same cast
    assert first.interval is second.interval and first.actors is second.actors and first.killed is second.killed
    words = {id(w) for p in made for w in p.tokens if w == "convoy"}
    assert len(words) == 1


def test_handing_freed_memory_back_is_harmless_without_glibc(monkeypatch):
    import ctypes

    from eventledger.link.cluster import return_freed_pages

    return_freed_pages()  # with glibc: trims the C heap

    def missing(name):
        raise OSError(name)

    monkeypatch.setattr(ctypes, "CDLL", missing)
    return_freed_pages()  # elsewhere: nothing to do, no error


# --- political reports of one story --------------------------------------------------------


def _scene_articles(riot_province_b="Northfield", riot_day_b="2022-03-14", speakers_a=()):
    """Two outlets tell one riot, and each a statement about it that names no speaker the
    other names (all wording invented here)."""
    riot = dict(kind="riot", date="2022-03-14", date_precision="day", country="Freedonia", event_type=None,
                sub_event_type=None)  # fmt: skip
    said = dict(kind="statement", date="2022-03-14", date_precision="day", country="Freedonia", event_type=None,
                sub_event_type=None)  # fmt: skip
    return [
        report("a-riot", "a", admin1="Northfield", text="Rioters set fire to the town hall.", **riot),
        report("a-said", "a", actors=[(name, "participant") for name in speakers_a],
               text="The union called the raid a betrayal of the talks.", **said),  # fmt: skip
        report("b-riot", "b", admin1=riot_province_b, text="Crowds torched a municipal building.",
               **(riot | {"date": riot_day_b})),  # fmt: skip
        report("b-said", "b", actors=[("interior_ministry", "participant")],
               text="Organisers announced a general strike against the ministry.", **said),  # fmt: skip
    ]


@pytest.mark.parametrize(("riot_day_b", "one"), [("2022-03-14", True), ("2022-03-15", True), ("2022-03-16", False)])
def test_statements_whose_articles_tell_one_scene_are_one_event(riot_day_b, one):
    # (outlets may tell the scene a day apart, as any date: within the date slack)
    articles = {k: info(k, f"Outlet {k}", "2022-03-14") for k in "ab"}
    events = link_reports(_scene_articles(riot_day_b=riot_day_b), articles)
    assert (_event_of(events, "a-said") is _event_of(events, "b-said")) is one


def test_a_scene_weighs_only_for_statements_of_its_own_days():
    # the two statements are of four days before the riot both articles tell (an incident log
    # tells scenes months apart): the scene is not what they react to, and they stay apart
    articles = {k: info(k, f"Outlet {k}", "2022-03-14") for k in "ab"}
    reports = [r if r.kind == "riot" else dataclasses.replace(r, date="2022-03-10") for r in _scene_articles()]
    events = link_reports(reports, articles)
    assert _event_of(events, "a-said") is not _event_of(events, "b-said")


def test_statements_whose_articles_tell_scenes_of_different_provinces_stay_apart():
    articles = {k: info(k, f"Outlet {k}", "2022-03-14") for k in "ab"}
    events = link_reports(_scene_articles(riot_province_b="Southmarch"), articles)
    assert _event_of(events, "a-said") is not _event_of(events, "b-said")


def test_reactions_naming_different_parties_stay_apart_though_their_articles_tell_one_scene():
    articles = {k: info(k, f"Outlet {k}", "2022-03-14") for k in "ab"}
    events = link_reports(_scene_articles(speakers_a=("northfield_union",)), articles)
    assert _event_of(events, "a-said") is not _event_of(events, "b-said")
    # one party in common: the scene weighs again
    events = link_reports(_scene_articles(speakers_a=("northfield_union", "interior_ministry")), articles)
    assert _event_of(events, "a-said") is _event_of(events, "b-said")


def test_a_scene_told_after_the_statement_relinks_it_as_one_batch_would():
    articles = {k: info(k, f"Outlet {k}", "2022-03-14") for k in "ab"}
    reports = _scene_articles()
    linker = Linker()
    # each article's statement first, its riot in a later batch
    for batch in ([reports[1], reports[3]], [reports[0]], [reports[2]]):
        linker.add(batch, articles)
    strip = lambda events: sorted(dataclasses.replace(e, id="").to_json() for e in events)  # noqa: E731
    assert strip(linker.events()) == strip(link_reports(reports, articles))
    assert _event_of(linker.events(), "a-said") is _event_of(linker.events(), "b-said")


def test_values_are_shared_across_the_profiles_made_a_few_at_a_time(monkeypatch):
    # profiles are made and their values shared a few thousand at a time: equal values of two
    # such runs (and of two calls given one ``shared``) are still one object
    from eventledger.link import linker
    from eventledger.link.features import Profile

    rules = load_rules()
    monkeypatch.setattr(linker, "_SHARED_AT_A_TIME", 5)
    rows = [
        report(f"r{i}", f"a{i}", sub_event_type="Remote explosive/landmine/IED", date="2020-11-12", date_precision="day",
               admin1="Baghdad", killed=2, wounded=None, actors=[("kataib_hezbollah", "perpetrator")], text="a convoy was hit")
        for i in range(12)
    ]  # fmt: skip
    articles = {f"a{i}": info(f"a{i}", published="2020-11-14") for i in range(12)}
    shared: dict[object, object] = {}
    made = linker._compact_profiles(rows, articles, rules, None, None, None, shared)
    for slot in ("interval", "actors", "killed", "published", "sub"):
        assert len({id(getattr(p, slot)) for p in made}) == 1, slot
    assert len({id(w) for p in made for w in p.tokens if w == "convoy"}) == 1
    again = [Profile(0, rows[0], articles["a0"], rules, weigh=False)]
    assert again[0].actors is not made[0].actors  # (a cast is made anew for each profile)
    linker.share_values(again, shared)
    assert again[0].interval is made[0].interval and again[0].actors is made[0].actors
    assert again[0].wounded is None and again[0].tokens == made[0].tokens
