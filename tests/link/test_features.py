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
