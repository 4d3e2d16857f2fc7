"""Hard constraints and pair scores (eventledger.link.compare)."""

import datetime as dt

import pytest

from eventledger.link.compare import casualties_compatible, dates_compatible, pair_score
from eventledger.link.features import Profile, build_profiles
from eventledger.link.rules import UNIT, load_rules
from eventledger.models import Span

from .factory import IED, info, report

RULES = load_rules()


@pytest.mark.parametrize(
    ("left", "right", "ok"),
    [
        ((1, 1), (1, 1), True),
        ((7, None), (8, 8), True),  # "at least 7" and 8
        ((7, 7), (8, 8), True),
        ((1, 1), (3, 3), True),  # a conflict, but a plausible one
        ((0, 0), (5, 5), False),  # none killed and five killed
        ((0, 0), (1, 1), True),
        ((0, 0), (2, 2), True),
        ((1, 1), (5, 5), True),  # a first count and a final one: told apart by evidence, not forbidden
        ((10, 10), (23, 23), True),
        ((10, 10), (102, 102), True),
        ((10, 10), (103, 103), False),
        ((3, 4), (42, 42), True),  # nearest ends 4 and 42
        ((3, 4), (43, 43), False),
        ((20, None), (1, 1), False),  # "more than 20" cannot be one
        ((20, None), (100, 100), True),
        (None, (5, 5), True),
    ],
)
def test_casualty_compatibility(left, right, ok):
    assert casualties_compatible(left, right, RULES) is ok
    assert casualties_compatible(right, left, RULES) is ok


@pytest.mark.parametrize(
    ("left", "right", "ok"),
    [
        ((10, 10), (10, 10), True),
        ((10, 10), (11, 11), True),  # one day of slack
        ((10, 10), (12, 12), False),
        ((1, 30), (15, 15), True),  # a month contains its days
        ((1, 30), (32, 32), False),
        (None, (5, 5), True),
    ],
)
def test_date_compatibility(left, right, ok):
    assert dates_compatible(left, right, 1) is ok
    assert dates_compatible(right, left, 1) is ok


def _profiles(*reports, articles=None):
    articles = articles or {}
    return [Profile(i, r, articles.get(r.article_id), RULES) for i, r in enumerate(reports)]


BASE = dict(
    date="2021-03-04",
    date_precision="day",
    admin1="Baghdad",
    place="Green Zone",
    weapon="rockets",
    target="US embassy",
    killed=1,
    wounded=2,
)


@pytest.mark.parametrize(
    ("change", "linkable"),
    [
        ({}, True),
        ({"article_id": "same"}, False),  # two reports of one article are two events
        ({"kind": "meeting", "sub_event_type": None, "event_type": None}, False),
        ({"sub_event_type": "Armed clash"}, False),  # another sub-event family
        ({"sub_event_type": IED}, True),  # same family, a different sub-type only lowers the score
        ({"admin1": "Basra"}, False),
        ({"admin1": None}, True),
        ({"country": "Syria"}, False),
        ({"date": "2021-03-07"}, False),
        ({"date": "2021-03-05"}, True),
        ({"date": "2021-03", "date_precision": "month"}, True),
        ({"date": "2021-04", "date_precision": "month"}, False),
        ({"killed": 0, "wounded": None}, True),  # 0 vs 1 killed: plausible
        ({"killed": 6}, True),  # far from 1, yet a first count and a final one can be that far
        ({"killed": 13}, False),
        ({"wounded": 23}, True),  # wounded counts far apart only speak against (outlets count at different hours)
        ({"date": "2021", "date_precision": "year"}, True),  # a year-dated report that agrees on everything
        ({"date": "2021", "date_precision": "year", "place": None, "target": None, "killed": None}, False),
    ],
)
def test_constraints(change, linkable):
    left = report("x1", "same", **BASE)
    fields = {**BASE, **change}
    article = fields.pop("article_id", "other")
    kind = fields.pop("kind", "attack")
    right = report("y1", article, kind=kind, **fields)
    a, b = _profiles(left, right)
    assert (pair_score(a, b, RULES) is not None) is linkable


def test_more_agreement_scores_higher():
    left = report("x1", "a", **BASE, actors=[("group_a", "perpetrator")], text="Rockets struck the embassy compound.")
    full = report(
        "y1", "b", **BASE, actors=[("group_a", "perpetrator")], text="The embassy compound was struck by rockets."
    )
    thin = report("z1", "c", date="2021-03-04", date_precision="day", admin1="Baghdad")
    other_site = report("w1", "d", **{**BASE, "place": "Airport", "target": "airport"})
    a, b, c, d = _profiles(left, full, thin, other_site)
    assert pair_score(a, b, RULES) > pair_score(a, d, RULES)
    assert pair_score(a, b, RULES) > pair_score(a, c, RULES)
    assert pair_score(a, b, RULES) >= RULES.threshold
    assert pair_score(a, c, RULES) < RULES.threshold  # sharing only a day and a province is not enough


@pytest.mark.parametrize(
    ("undated_fields", "linkable"),
    [
        (dict(place="Green Zone", weapon="Katyusha", target="US embassy", killed=1, wounded=2), True),
        (dict(place="Green Zone", weapon="Katyusha", admin1="Basra"), False),  # another province
        (dict(weapon="Katyusha", target="US embassy"), False),  # no site named: not enough
        (dict(admin1="Baghdad"), False),
        (dict(place="Green Zone", weapon="rocket", target="US embassy", killed=1, wounded=2, admin1="Basra"), False),
    ],
)
def test_undated_report_needs_strong_agreement(undated_fields, linkable):
    dated = report("x1", "a", **BASE)
    undated = report("y1", "b", date=None, date_precision="unknown", **undated_fields)
    a, b = _profiles(dated, undated)
    assert (pair_score(a, b, RULES) is not None) is linkable


def test_undated_report_cannot_describe_an_event_after_its_article():
    dated = report("x1", "a", **BASE)
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision")}
    undated = report("y1", "b", date=None, date_precision="unknown", **rest)
    early = {"b": info("b", "Outlet", "2021-02-01")}
    late = {"b": info("b", "Outlet", "2021-03-05")}
    assert pair_score(*_profiles(dated, undated, articles=early), RULES) is None
    assert pair_score(*_profiles(dated, undated, articles=late), RULES) is not None


def test_a_report_naming_only_the_province_does_not_disagree_on_the_site():
    site = report("x1", "a", **BASE, text="Rockets struck the embassy compound.")
    province = report("y1", "b", **{**BASE, "place": "Baghdad"}, text="Rockets fell in the capital.")
    other_site = report("z1", "c", **{**BASE, "place": "Jadriya"}, text="Rockets fell in the capital.")
    unnamed = report("w1", "d", **{**BASE, "place": None}, text="Rockets fell in the capital.")
    a, b, c, d = _profiles(site, province, other_site, unnamed)
    assert pair_score(a, b, RULES) == pytest.approx(pair_score(a, d, RULES))  # as if it named no place
    assert pair_score(a, b, RULES) >= RULES.threshold
    assert pair_score(a, c, RULES) is None or pair_score(a, c, RULES) < pair_score(a, b, RULES)


def test_casualty_figures_beyond_the_tolerance_speak_against_without_forbidding():
    left = report("x1", "a", **BASE)
    near = report("y1", "b", **{**BASE, "killed": 3})
    apart = report("z1", "c", **{**BASE, "killed": 6})
    a, b, c = _profiles(left, near, apart)
    assert pair_score(a, c, RULES) is not None
    assert pair_score(a, c, RULES) < pair_score(a, b, RULES)


def test_wounded_figures_far_apart_speak_against_without_forbidding():
    # killed figures that far apart would forbid the link; wounded ones lower its score
    left = report("x1", "a", **BASE)
    apart = report("y1", "b", **{**BASE, "wounded": 90})
    killed_apart = report("z1", "c", **{**BASE, "killed": 90})
    a, b, c = _profiles(left, apart, killed_apart)
    same = pair_score(a, _profiles(left, report("w1", "d", **BASE))[1], RULES)
    assert pair_score(a, b, RULES) is not None
    assert pair_score(a, b, RULES) < same - 2
    assert pair_score(a, c, RULES) is None


def test_undated_report_naming_only_the_province_needs_the_unplaced_margin():
    # an undated report that names only the province the other's site lies in does not name
    # another site: it links when the rest agrees as strongly as for a report naming no place
    site = report("x1", "a", **{**BASE, "admin1": "Nineveh", "place": "Tal Afar"}, actors=[("group_a", "perpetrator")])
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision", "place", "admin1")}
    province = report("y1", "b", date=None, date_precision="unknown", admin1="Nineveh", place="Nineveh", actors=[("group_a", "perpetrator")], **rest)
    unnamed = report("z1", "c", date=None, date_precision="unknown", admin1="Nineveh", place=None, actors=[("group_a", "perpetrator")], **rest)
    other_site = report("w1", "d", date=None, date_precision="unknown", admin1="Nineveh", place="Sinjar", actors=[("group_a", "perpetrator")], **rest)
    a, b, c, d = _profiles(site, province, unnamed, other_site)
    assert pair_score(a, b, RULES) is not None
    assert pair_score(a, c, RULES) is not None
    assert pair_score(a, d, RULES) is None
    thin = report("v1", "e", date=None, date_precision="unknown", admin1="Nineveh", place="Nineveh", weapon="rockets")
    assert pair_score(*_profiles(site, thin), RULES) is None  # too little besides the province


@pytest.mark.parametrize(("kind", "linkable"), [("ceasefire", True), ("attack", False)])
def test_another_country_forbids_only_placed_kinds(kind, linkable):
    # a truce between two states is told from either side; a bombing happens in one country
    fields = dict(date="2021-05-20", date_precision="day", actors=[("party_a", "participant"), ("party_b", "participant")])
    if kind != "attack":
        fields |= dict(sub_event_type=None, event_type=None)
    left = report("x1", "a", kind=kind, country="Israel", **fields)
    right = report("y1", "b", kind=kind, country="Palestine", **fields)
    a, b = _profiles(left, right)
    assert (pair_score(a, b, RULES) is not None) is linkable


@pytest.mark.parametrize(("cast", "linkable"), [(["envoy", "premier", "militia"], True), (["envoy"], False)])
def test_undated_political_reports_need_a_shared_cast_not_one_person(cast, linkable):
    actors = [(a, "participant") for a in cast]
    dated = report("x1", "a", kind="meeting", date="2020-11-18", date_precision="day", actors=actors)
    undated = report("y1", "b", kind="meeting", date=None, date_precision="unknown", actors=actors)
    a, b = _profiles(dated, undated)
    assert (pair_score(a, b, RULES) is not None) is linkable


def test_undated_report_tells_an_event_of_the_days_before_its_article():
    # no date words at all in a dated article: the event is recent, not one from years before
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision")}
    dated = report("x1", "a", **BASE)  # 2021-03-04
    undated = report("y1", "b", date=None, date_precision="unknown", **rest)
    other_undated = report("z1", "c", date=None, date_precision="unknown", **rest)
    days = RULES.undated_recent_days
    published = {
        "b": info("b", "Outlet", (dt.date(2021, 3, 4) + dt.timedelta(days=days)).isoformat()),
        "c": info("c", "Outlet", (dt.date(2021, 3, 4) + dt.timedelta(days=2 * days + 2)).isoformat()),
    }
    a, b, c = _profiles(dated, undated, other_undated, articles=published)
    assert pair_score(a, b, RULES) is not None  # the last of its recent days
    assert pair_score(a, c, RULES) is None  # long before its article
    assert pair_score(b, c, RULES) is None  # two undated reports whose recent days do not meet
    later = {"b": published["b"], "c": info("c", "Outlet", (dt.date(2021, 3, 4) + dt.timedelta(days=2 * days + 1)).isoformat())}
    assert pair_score(*_profiles(undated, other_undated, articles=later), RULES) is not None
    assert pair_score(*_profiles(dated, other_undated), RULES) is not None  # no publication date: no limit


def _weekday(name: str) -> dict:
    return {"evidence": {"date": (Span(0, len(name), name),)}}


@pytest.mark.parametrize(
    ("weekday", "linkable"),
    [
        ("Thursday", True),  # BASE's 4 March 2021 was a Thursday
        ("Wednesday", False),  # an undated article's "on Wednesday" is another event
        (None, True),
    ],
)
def test_an_undated_reports_weekday_must_be_the_days(weekday, linkable):
    dated = report("x1", "a", **BASE)
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision")}
    undated = report("y1", "b", date=None, date_precision="unknown", **rest, **(_weekday(weekday) if weekday else {}))
    assert (pair_score(*_profiles(dated, undated), RULES) is not None) is linkable


def test_two_undated_reports_of_different_weekdays_are_two_events():
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision")}
    saturday = report("x1", "a", date=None, date_precision="unknown", **rest, **_weekday("Saturday"))
    also = report("y1", "b", date=None, date_precision="unknown", **rest, **_weekday("Saturday"))
    tuesday = report("z1", "c", date=None, date_precision="unknown", **rest, **_weekday("Tuesday"))
    a, b, c = _profiles(saturday, also, tuesday)
    assert pair_score(a, b, RULES) is not None
    assert pair_score(a, c, RULES) is None


def test_an_undated_reports_weekday_that_is_the_days_weighs_for_one_event():
    dated = report("x1", "a", **BASE)
    rest = {k: v for k, v in BASE.items() if k not in ("date", "date_precision")}
    plain = report("y1", "b", date=None, date_precision="unknown", **rest)
    thursday = report("z1", "c", date=None, date_precision="unknown", **rest, **_weekday("Thursday"))
    a, b, c = _profiles(dated, plain, thursday)
    assert pair_score(a, c, RULES) == pytest.approx(pair_score(a, b, RULES) + RULES.same_weekday_units / UNIT)


def _shared_words_weight(filler: int) -> float:
    """What sharing two names (and nothing else the other report lacks) adds to a pair's score,
    in a batch that holds ``filler`` other reports, each with words of its own."""
    others = [
        report(f"f{i:05d}", f"g{i:05d}", date="2021-02-10", date_precision="day", admin1="Basra", text=f"market{i} crossing{i}")
        for i in range(filler)
    ]
    left = report("x1", "a", **BASE, text="Sergeant Hadithawi died near the Umm Qasr grain silo.")
    named = report("y1", "b", **BASE, text="Hadithawi was among the dead at the silo.")
    unnamed = report("z1", "c", **BASE, text="A soldier was among the dead.")
    profiles = build_profiles([*others, left, named, unnamed], {}, RULES)
    a, b, c = profiles[-3:]
    return pair_score(a, b, RULES) - pair_score(a, c, RULES)


def test_rare_names_two_reports_share_weigh_beyond_the_text_cap_in_a_large_store():
    # Among 5,000 reports, "Hadithawi" and "silo" are in two: names of the event that both
    # accounts repeat, each worth more than the capped rest of a passage, and together more still.
    weight = _shared_words_weight(5000)
    assert weight > RULES.text_cap
    assert weight <= RULES.text_cap + RULES.rare_words_cap_units / UNIT


def test_shared_words_of_a_small_batch_stay_within_the_text_cap():
    # In a batch of a few dozen reports no word is rare enough to leave the cap
    assert 0 < _shared_words_weight(30) <= RULES.text_cap
