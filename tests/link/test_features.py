"""Date intervals, casualty ranges and text tokens (eventledger.link.features)."""

import datetime as dt

import pytest

from eventledger.link.compare import pair_score
from eventledger.link.features import (
    Profile,
    build_profiles,
    casualty_range,
    date_interval,
    date_precision_of,
    text_tokens,
    vague_figure,
)
from eventledger.link.rules import load_rules
from eventledger.models import Report, Span

from .factory import info, report


def _days(start: str, end: str) -> tuple[int, int]:
    return dt.date.fromisoformat(start).toordinal(), dt.date.fromisoformat(end).toordinal()


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        ("2020-11-17", "day", _days("2020-11-17", "2020-11-17")),
        ("2020-11", "month", _days("2020-11-01", "2020-11-30")),
        ("2020-02", "month", _days("2020-02-01", "2020-02-29")),
        ("2020-11-17", "month", _days("2020-11-01", "2020-11-30")),  # stated precision widens
        ("2020-11", "day", _days("2020-11-01", "2020-11-30")),  # the string cannot be finer than it is
        ("2020", "year", _days("2020-01-01", "2020-12-31")),
        ("2020-11-17", "year", _days("2020-01-01", "2020-12-31")),
        ("2020-11-17", "week", _days("2020-11-13", "2020-11-21")),
        (None, "unknown", None),
        ("2020-11-17", "unknown", None),
        ("not a date", "day", None),
        ("2020-13-40", "day", None),
    ],
)
def test_date_interval(date, precision, expected):
    assert date_interval(date, precision) == expected


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [("2020-11-17", "day", "day"), ("2020-11", "day", "month"), ("2020", "month", "year"), (None, "day", "unknown")],
)
def test_real_precision(date, precision, expected):
    assert date_precision_of(date, precision) == expected


@pytest.mark.parametrize(
    ("killed", "killed_high", "evidence", "expected"),
    [
        (1, None, None, (1, 1)),
        (7, None, "at least seven people died", (7, None)),
        (20, None, "more than twenty were killed", (20, None)),
        (12, None, "dozens lost their lives", (12, None)),
        (3, 5, None, (3, 5)),
        (None, 4, None, (0, 4)),
        (None, None, None, None),
        (8, None, "eight soldiers were killed", (8, 8)),
        (4, None, "the four drivers died", (4, 4)),  # "over" must not match inside "drivers"
    ],
)
def test_casualty_range(killed, killed_high, evidence, expected):
    spans = {"killed": (Span(0, len(evidence), evidence),)} if evidence else {}
    report = Report(id="r", article_id="a", kind="attack", killed=killed, killed_high=killed_high, evidence=spans)
    assert casualty_range(report, "killed") == expected


def test_shared_words_leave_out_what_the_fields_already_weigh():
    # the place, weapon, sub-event type and target are evidence of their own: the same words in
    # the text would count them twice

    from .factory import report

    told = report("r1", "a1", date="2021-04-03", date_precision="day", place="Tal Afar", weapon="grenade",
                  sub_event_type="Grenade", target="checkpoint",
                  text="Militants threw a grenade at a checkpoint in Tal Afar near the market.")  # fmt: skip
    tokens = set(Profile(0, told, None, load_rules()).tokens)
    assert {"militants", "threw", "market"} <= tokens
    assert not {"grenade", "checkpoint", "tal", "afar"} & tokens


def test_text_tokens_drop_short_and_common_words():
    tokens = text_tokens("The rockets hit the embassy and 3 guards were hurt.")
    assert {"rockets", "embassy", "guards", "hurt", "3"} <= tokens
    assert not {"the", "and", "were"} & tokens


def test_crowds_count_reports_in_the_same_window_and_block():

    def attack(number, date, precision="day", admin1="Basra"):
        return Report(id=f"r{number}", article_id=f"a{number}", kind="attack", date=date, date_precision=precision,
                      country="Iraq", admin1=admin1, sub_event_type="Remote explosive/landmine/IED")  # fmt: skip

    reports = [
        attack(1, "2021-04-02"),
        attack(2, "2021-04-02"),
        attack(3, "2021-04-03"),
        attack(4, "2021-04-02", admin1="Wasit"),  # another province: another crowd
        attack(5, "2021-04", "month"),  # a month sees every day-dated report of the month
        attack(6, None, "unknown"),  # an undated report's window is all time: every Basra report
    ]
    crowds = {p.report_id: p.crowd for p in build_profiles(reports, {})}
    assert crowds == {"r1": 2, "r2": 2, "r3": 1, "r4": 1, "r5": 3, "r6": 4}


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Khyber-Pakhtunkhwa", "Khyber Pakhtunkhwa", True),
        ("Banaadir", "Banadir", True),
        ("Site 4", "Site 44", False),  # doubled letters fold, doubled digits do not
        ("Sri Nagar", "Srinagar", True),  # one name written in one word or two
        ("Ma'arrat al-Nu'man", "Maarat al Numan", True),  # apostrophes, the article, doubled letters
        ("Maarat an-Numan", "Maarrat Numan", True),  # the article assimilated or left out
        ("Al-Qaim", "Qaim", True),
        ("Qandahar", "Kandahar", True),
        ("Douma", "Duma", True),
        ("Site 4", "Site 4 4", False),  # digits keep their spaces
        ("Kabul", "Kunduz", False),
        ("Al", "Al", True),  # a name that is all article keeps it
    ],
)
def test_place_names_fold_spelling_but_not_numbers(left, right, same):
    from eventledger.link.features import normalise_place

    assert (normalise_place(left) == normalise_place(right)) is same


@pytest.mark.parametrize(
    ("low", "high", "text", "vague"),
    [
        (3, None, "several dead", True),
        (12, None, "dozens more were hurt", True),
        (10, None, "at least 10 had been shot dead", False),
        (12, None, "nearly a dozen villagers died", False),  # "a dozen" is a number
        (5, None, "at least five protesters killed", False),
        (5, 9, "between five and nine were killed", True),  # a range holds no exact count
        (4, None, "", False),
    ],
)
def test_vague_figures(low, high, text, vague):
    evidence = {"killed": (Span(0, len(text), text),)} if text else {}
    told = Report(id="r", article_id="a", kind="attack", killed=low, killed_high=high, evidence=evidence)
    assert vague_figure(told, "killed") is vague


@pytest.mark.parametrize(
    ("figure", "text", "expected"),
    [
        (12, "killed nearly a dozen civilians", (9, 12)),  # at most twelve, a quarter below
        (20, "about 20 people were hurt", (15, 25)),
        (20, "at least 20 people were hurt", (20, None)),  # a lower bound stays one
        (20, "20 people were hurt", (20, 20)),
        (3, "about three people were hurt", (3, 3)),  # small figures are counted, not estimated
    ],
)
def test_linking_reads_an_approximate_figure_as_a_range(figure, text, expected):
    from eventledger.link.features import approximate_range

    told = Report(id="r", article_id="a", kind="attack", killed=figure, evidence={"killed": (Span(0, len(text), text),)})
    assert approximate_range(told, "killed") == expected
    assert casualty_range(told, "killed") == (expected if expected[1] is None else (figure, figure))  # merging is unchanged


def test_a_month_dated_attack_ends_by_its_article_s_day():
    """A bombing told "in March" by an article of March 10th happened by the 11th; one in an
    undated article, or a statement (which may announce what is to come), keeps the month."""

    rules = load_rules()
    told = report("r1", "a1", date="2021-03", date_precision="month", admin1="Diyala", text="A bomb went off in a market.")
    assert Profile(0, told, info("a1", published="2021-03-10"), rules).interval == _days("2021-03-01", "2021-03-11")
    assert Profile(0, told, info("a1"), rules).interval == _days("2021-03-01", "2021-03-31")
    # an article of April about March: the month stands
    assert Profile(0, told, info("a1", published="2021-04-02"), rules).interval == _days("2021-03-01", "2021-03-31")
    said = report("r2", "a2", kind="statement", date="2021-03", date_precision="month", text="The minister spoke of talks.")
    assert Profile(0, said, info("a2", published="2021-03-10"), rules).interval == _days("2021-03-01", "2021-03-31")
    # a day-dated report is not moved
    dated = report("r3", "a3", date="2021-03-20", date_precision="day", text="A bomb went off.")
    assert Profile(0, dated, info("a3", published="2021-03-10"), rules).interval == _days("2021-03-20", "2021-03-20")


def test_a_month_dated_attack_does_not_join_an_event_after_its_article():
    """Linking: a month-dated report in an article of the 10th is not the same event as a
    look-alike of the 25th, though it fits the 9th's."""

    rules = load_rules()
    common = {"admin1": "Diyala", "place": "Baqubah", "weapon": "mortar", "target": "market", "killed": 4}
    reports = [
        report("m", "a1", date="2021-03", date_precision="month", text="Mortar rounds hit the market.", **common),
        report("early", "a2", date="2021-03-09", date_precision="day", text="Mortar rounds hit the market.", **common),
        report("late", "a3", date="2021-03-25", date_precision="day", text="Mortar rounds hit the market.", **common),
    ]
    articles = {"a1": info("a1", published="2021-03-10"), "a2": info("a2", published="2021-03-09"), "a3": info("a3", published="2021-03-25")}
    month, early, late = build_profiles(reports, articles, rules)
    assert pair_score(month, early, rules) is not None
    assert pair_score(month, late, rules) is None


def test_crowds_of_weeks_months_and_years_count_every_day_of_their_window():
    # windows wider than a day are counted from running totals of their block's days: the same
    # count as adding up the day-dated reports of each day of the window
    import random

    from eventledger.link.features import Crowds, measure_crowds

    def attack(number, date, precision="day", admin1="Basra"):
        return Report(id=f"r{number}", article_id=f"a{number}", kind="attack", date=date, date_precision=precision,
                      country="Iraq", admin1=admin1, sub_event_type="Remote explosive/landmine/IED")  # fmt: skip

    pick = random.Random(3)
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=pick.randrange(900)) for _ in range(400)]
    reports = [attack(i, day.isoformat(), admin1=pick.choice(["Basra", "Wasit"])) for i, day in enumerate(days)]
    reports += [attack(1000 + i, day.isoformat(), "week") for i, day in enumerate(days[:40])]
    reports += [attack(2000 + i, day.isoformat()[:7], "month") for i, day in enumerate(days[40:80])]
    reports += [attack(3000 + i, day.isoformat()[:4], "year", admin1=None) for i, day in enumerate(days[80:90])]
    profiles = build_profiles(reports, {})
    counts = Crowds()
    counts.count(profiles)
    for p in profiles:
        if p.interval is None or p.interval[0] == p.interval[1]:
            continue
        key = (p.kind, p.country, p.admin1 or "\x00any", p.family or "\x00any")
        by_day = counts.per_day[key]
        assert p.crowd == max(1, sum(by_day.get(d, 0) for d in range(p.interval[0], p.interval[1] + 1)))
    wide = [p for p in profiles if p.interval and p.interval[1] - p.interval[0] > 40]
    assert wide and max(p.crowd for p in wide) > 10  # (the windows do hold crowds)
    before = [p.crowd for p in profiles]
    measure_crowds(profiles, counts)
    assert [p.crowd for p in profiles] == before


def test_rare_words_are_the_heavy_words_more_than_one_report_tells_and_follow_the_counts():
    from eventledger.link.features import Statistics

    rules = load_rules()
    texts = ["Gunmen attacked the Zubair oil pipeline", "Zubair pipeline was attacked by gunmen", "Gunmen fired at a convoy"]
    # (a word weighs more than the text cap alone only in a large batch: some two thousand reports)
    texts += [f"Gunmen fired rockets at the base number{i}" for i in range(2500)]
    reports = [report(f"r{i}", f"a{i}", text=text) for i, text in enumerate(texts)]
    profiles = build_profiles(reports, {}, rules)
    stats = profiles[0].stats
    rare = stats.rare_words()
    told = stats.document_frequency
    expected = {w for w in told if told[w] > 1 and stats.word_weight(w) > rules.text_cap_units}
    assert rare == expected and "zubair" in rare
    assert "gunmen" not in rare and "number7" not in rare  # common, and told once
    extra = Statistics(rules)
    extra.count(profiles)
    assert extra.rare_words() == rare
    extra.count(profiles[:2], -1)  # the two Zubair reports taken back out: nobody else tells it
    assert "zubair" not in extra.rare_words()


def test_dates_are_read_once_per_distinct_date_with_the_same_answers():
    from eventledger.link.features import interval_and_precision

    rules = load_rules()
    cases = [("2020-11-17", "day"), ("2020-11-17", "month"), ("2020-11", "day"), ("2020", "year"), ("2020-11-17", "week"),
             (None, "unknown"), ("2020-02-30", "day"), ("garbage", "day"), ("2020-11-17", None)]  # fmt: skip
    for date, precision in cases * 2:
        found = interval_and_precision(date, precision, rules)
        assert found == (date_interval(date, precision, rules), date_precision_of(date, precision))
    assert interval_and_precision("2020-11-17", "day", rules) is interval_and_precision("2020-11-17", "day", rules)


def test_articles_without_a_political_report_need_no_scenes():
    from eventledger.link.features import SceneCollector, article_scenes

    attacks = [report(f"r{i}", f"a{i % 3}", date="2021-04-0" + str(i + 1), date_precision="day", admin1="Basra") for i in range(5)]
    assert article_scenes(attacks) == {}
    truce = report("s1", "a1", kind="agreement", date="2021-04-02", date_precision="day")
    collector = SceneCollector()
    for r in [*attacks, truce]:
        collector.add(r)
    found = article_scenes(iter([*attacks, truce]))
    assert found == collector.scenes() and set(found) == {"a1"}


def _varied_batch() -> list[Report]:
    """Reports giving and leaving out each field the statistics count (all wording invented)."""
    from .factory import IED

    return [
        report("r1", "a1", date="2021-04-02", date_precision="day", admin1="Basra", place="Zubair", weapon="rockets",
               target="oil pipeline", killed=3, actors=[("group_a", "perpetrator")], text="Rockets fell on the Zubair pipeline at dawn"),
        report("r2", "a2", date="2021-04-02", date_precision="day", admin1="Basra", place="Zubair", weapon="Katyusha rockets",
               killed=3, killed_text="at least three", wounded=2, text="At least three died when rockets hit the pipeline"),
        report("r3", "a3", sub_event_type=IED, date="2021-04", date_precision="month", admin1="Basra", weapon="IED",
               target="army patrol", wounded=2, text="A roadside bomb struck an army patrol"),
        report("r4", "a4", date=None, date_precision="unknown", wounded=4, actors=[("group_a", "claimed_by"), ("group_b", "target")]),
        report("r5", "a5", kind="agreement", sub_event_type=None, date="2021-04-03", date_precision="day", admin1="Baghdad",
               actors=[("group_b", "participant"), ("group_c", "participant")], text="The two sides signed a truce"),
        report("r6", "a6", date="2021-04-02", date_precision="day", admin1="Wasit", killed=2, killed_high=5, weapon="mortar"),
        report("r7", "a7", date="2021-04-02", date_precision="day", admin1="Basra", place="Zubair", killed=12,
               killed_text="nearly a dozen", text="Nearly a dozen killed in Zubair"),
    ]  # fmt: skip


def test_field_keys_are_each_profile_s_field_values_a_field_at_a_time():
    from eventledger.link.features import _FIELDS, _field_values, field_keys

    profiles = build_profiles(_varied_batch(), {})
    for field in _FIELDS:
        one_by_one = [next((key for key in _field_values(p) if key[0] == field), None) for p in profiles]
        assert list(field_keys(profiles, field)) == one_by_one
    assert {key[0] for p in profiles for key in _field_values(p)} <= set(_FIELDS)
    with pytest.raises(ValueError, match="no such evidence field"):
        field_keys(profiles, "colour")


def _counted_one_by_one(stats, profiles, sign):
    # the counting of the code before: a step per profile and value
    from eventledger.link.features import _field_values

    for p in profiles:
        for field, group, value in _field_values(p):
            if isinstance(value, tuple):
                stats.figures[(field, group)][value[0]] += sign
            else:
                stats.counts[(field, group, value)] += sign
            stats.totals[(field, group)] += sign
        for actor in p.actors:
            stats.counts[("actors", p.kind, actor)] += sign
        if p.actors:
            stats.totals[("actors", p.kind)] += sign


def _nonzero(counter):
    return {key: n for key, n in counter.items() if n}


def test_statistics_counted_a_field_at_a_time_are_those_counted_one_by_one():
    from eventledger.link.features import Statistics

    rules = load_rules()
    profiles = build_profiles(_varied_batch() * 3, {}, rules)
    counted, reference = Statistics(rules), Statistics(rules)
    counted.count(profiles)
    _counted_one_by_one(reference, profiles, 1)
    counted.count(profiles[:4], -1)  # taken back out, as a linker does for replaced reports
    _counted_one_by_one(reference, profiles[:4], -1)
    assert _nonzero(counted.counts) == _nonzero(reference.counts) and counted.counts
    assert _nonzero(counted.totals) == _nonzero(reference.totals)
    assert {key: _nonzero(c) for key, c in counted.figures.items()} == {key: _nonzero(c) for key, c in reference.figures.items()}


def test_a_batch_weighed_a_field_at_a_time_weighs_as_each_profile_alone():
    from eventledger.link.features import Profile, Statistics, measure_crowds, weigh_profiles

    rules = load_rules()
    reports = _varied_batch()
    stats = Statistics(rules)
    stats.count([Profile(i, r, None, rules, weigh=False) for i, r in enumerate(reports)])
    batch = weigh_profiles([Profile(i, r, None, rules, weigh=False) for i, r in enumerate(reports)], rules, stats)
    alone = [Profile(i, r, None, rules, stats) for i, r in enumerate(reports)]
    measure_crowds(alone)
    slots = ("w_sub", "w_weapon", "w_target", "w_place", "w_killed", "w_wounded", "crowd")
    assert [[getattr(p, s) for s in slots] for p in batch] == [[getattr(p, s) for s in slots] for p in alone]
    assert all(p.stats is stats for p in batch)
    assert any(p.w_place for p in batch) and any(p.w_killed for p in batch)


def test_crowds_counted_once_per_block_and_day_are_those_counted_one_by_one():
    from eventledger.link.features import Crowds, _crowd_keys

    profiles = build_profiles(_varied_batch() * 2, {})
    crowds = Crowds()
    crowds.count(profiles)
    crowds.count(profiles[:3], -1)
    per_day, totals = {}, {}
    for sign, counted in ((1, profiles), (-1, profiles[:3])):
        for p in counted:
            if p.interval is not None and p.interval[0] == p.interval[1]:
                for key in _crowd_keys(p.kind, p.country, p.admin1, p.family):
                    per_day.setdefault(key, {}).setdefault(p.interval[0], 0)
                    per_day[key][p.interval[0]] += sign
                    totals[key] = totals.get(key, 0) + sign
    assert {key: _nonzero(days) for key, days in crowds.per_day.items()} == {key: _nonzero(days) for key, days in per_day.items()}
    assert _nonzero(crowds.totals) == _nonzero(totals)


def test_name_words_are_the_words_text_tokens_reads_in_the_name():
    from eventledger.link.features import _TOKEN, name_words

    assert name_words("Zubair Oil-Pipeline 4") == ("zubair", "oil", "pipeline", "4")
    assert name_words("IED") == ("ied",)
    # a report's words less the words of each of its names are its words less those of the
    # names joined (no word spans the space between two names)
    for r in _varied_batch():
        names = [r.place, r.admin2, r.admin1, r.country, r.weapon, r.sub_event_type, r.target]
        joined = " ".join(n for n in names if n)
        expected = tuple(sorted(text_tokens(r.text).difference(_TOKEN.findall(joined.casefold()))))
        assert build_profiles([r], {})[0].tokens == expected


def test_set_each_sets_a_slot_of_each_profile():
    from eventledger.link.features import set_each

    profiles = build_profiles(_varied_batch(), {})
    set_each("crowd", profiles, range(10, 10 + len(profiles)))
    assert [p.crowd for p in profiles] == list(range(10, 10 + len(profiles)))


def test_a_countrys_own_military_is_no_evidence_in_that_country_but_a_foreign_one_is():
    # a country's soldiers are in most of its attacks, like its civilians: two ambushes of Malian
    # soldiers are not one ambush for it; French soldiers in Mali are a fact worth weighing
    rules = load_rules()
    cast = [("fama", "target"), ("france_military", "target"), ("jnim", "perpetrator")]
    in_mali = Profile(0, report("r1", "a1", country="Mali", actors=cast), None, rules)
    in_niger = Profile(1, report("r2", "a2", country="Niger", actors=cast), None, rules)
    assert in_mali.actors == {"france_military", "jnim"}
    assert in_niger.actors == {"fama", "france_military", "jnim"}
