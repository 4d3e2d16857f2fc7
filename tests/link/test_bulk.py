"""The vectorised pair scorer (eventledger.link.bulk) gives exactly pair_score's scores."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import numpy as np
import pytest

from eventledger.link.bulk import ProfileTable
from eventledger.link.compare import pair_score
from eventledger.link.features import Profile, build_profiles
from eventledger.link.rules import load_rules
from eventledger.models import Span

from .factory import IED, SHELLING, info, report

RULES = load_rules()
KINDS = ["attack", "attack", "attack", "meeting", "ceasefire"]
SUBS = [SHELLING, IED, "Armed clash", "Air/drone strike", None]
PLACES = ["Green Zone", "Erbil airport", "Erbil", "Baghdad", "Balad", None]
ADMIN1 = ["Baghdad", "Erbil", "Salah al-Din", None]
ADMIN2 = ["Baghdad", "Erbil", None]
WEAPONS = ["rockets", "Katyusha rockets", "IED", "car bomb", "suicide bomber", "mortar", "drone", None]
TARGETS = ["US embassy", "convoy", "checkpoint", None]
ACTORS = ["kataib_hezbollah", "asaib_ahl_al_haq", "islamic_state", "us_forces", "ashab_al_kahf"]
WORDS = "rocket struck embassy compound sirens night convoy roadside bomb exploded patrol soldiers".split()
START = dt.date(2020, 11, 1)


def _random_report(rng: random.Random, number: int):
    made = _random_fields(rng, number)
    if made.date is None and rng.random() < 0.5:
        # an undated article's weekday, kept as the date's evidence with no value
        name = rng.choice(["Monday", "Tuesday", "Saturday"])
        made = dataclasses.replace(made, evidence={**made.evidence, "date": (Span(0, len(name), name),)})
    return made


def _random_fields(rng: random.Random, number: int):
    day = START + dt.timedelta(days=rng.randrange(12))
    precision = rng.choice(["day", "day", "day", "week", "month", "year", "unknown"])
    date = None if precision == "unknown" else day.isoformat()
    killed = rng.choice([None, None, 0, 1, 2, 5, 7, 20])
    killed_text = {"killed_text": "at least some"} if killed is not None and rng.random() < 0.3 else {}
    actors = [
        (a, rng.choice(["perpetrator", "target", "claimed_by"]))
        for a in rng.sample(ACTORS, rng.choice([0, 1, 1, 2, 3]))
    ]
    return report(
        f"r{number:03d}",
        f"a{rng.randrange(8)}",
        kind=rng.choice(KINDS),
        sub_event_type=rng.choice(SUBS),
        date=date,
        date_precision=precision,
        country=rng.choice(["Iraq", "Iraq", "Syria", None]),  # (political kinds may span two countries)
        admin1=rng.choice(ADMIN1),
        admin2=rng.choice(ADMIN2),
        place=rng.choice(PLACES),
        weapon=rng.choice(WEAPONS),
        target=rng.choice(TARGETS),
        killed=killed,
        killed_high=rng.choice([None, None, None, (killed or 0) + 3]),
        wounded=rng.choice([None, 0, 1, 5, 6]),
        actors=actors,
        text=" ".join(rng.sample(WORDS, rng.randrange(0, 7))),
        **killed_text,
    )


def _profiles(seed: int, count: int = 160) -> list[Profile]:
    rng = random.Random(seed)
    reports = [_random_report(rng, i) for i in range(count)]
    articles = {f"a{i}": info(f"a{i}", published=rng.choice([None, "2020-11-03", "2020-11-09", "2020-12-20"])) for i in range(8)}
    profiles = build_profiles(reports, articles, RULES)
    for p in profiles:  # reach every branch: crowds
        if rng.random() < 0.3:
            p.crowd = rng.choice([1, 5, 9, 40])
    return profiles


@pytest.mark.parametrize("seed", range(6))
def test_bulk_scores_equal_pair_score_bit_for_bit(seed):
    profiles = _profiles(seed)
    table = ProfileTable(profiles, RULES)
    a, b = np.triu_indices(len(profiles), k=1)
    got = table.scores(a.astype(np.int64), b.astype(np.int64))
    expected = [pair_score(profiles[i], profiles[j], RULES) for i, j in zip(a.tolist(), b.tolist(), strict=True)]
    assert sum(e is not None for e in expected) > 40  # the random set links something
    assert sum(e is None for e in expected) > 20  # and rejects something
    # political reports whose articles tell one scene are among the linked pairs
    told = [profiles[i].scenes & profiles[j].scene_window for i, j, e in zip(a.tolist(), b.tolist(), expected, strict=True) if e is not None]
    assert any(told)
    for (i, j), value, want in zip(zip(a.tolist(), b.tolist(), strict=True), got.tolist(), expected, strict=True):
        if want is None:
            assert math.isnan(value), (i, j, value)
        else:
            assert value == want, (i, j, value, want)


def test_bulk_rejects_what_the_constraints_reject():
    rows = [
        report("x1", "a1", date="2020-11-17", admin1="Baghdad", killed=0, place="Green Zone", weapon="rockets"),
        report("x2", "a2", date="2020-11-17", admin1="Baghdad", killed=5),  # 0 vs 5 killed
        report("x3", "a1", date="2020-11-17", admin1="Baghdad", killed=0),  # same article as x1
        report("x4", "a3", date="2020-11-25", admin1="Baghdad", killed=0),  # a week later
        report("x5", "a4", date="2020-11-17", admin1="Baghdad", killed=0, place="Green Zone", weapon="rockets"),
    ]
    profiles = [Profile(i, r, info(r.article_id), RULES) for i, r in enumerate(rows)]
    table = ProfileTable(profiles, RULES)
    got = table.scores(np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4]))
    assert np.isnan(got[:3]).all()
    assert got[3] == pair_score(profiles[0], profiles[4], RULES) >= RULES.threshold


def test_empty_batch():
    table = ProfileTable([], RULES)
    assert table.scores(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)).shape == (0,)


def test_bulk_scores_profiles_weighed_by_different_statistics():
    # Two batches weighed apart (each its own counts): a row's actors and words weigh what its
    # own batch says, as in pair_score, even where the batches disagree on a weight.
    rng = random.Random(11)
    reports = [_random_report(rng, i) for i in range(120)]
    articles = {f"a{i}": info(f"a{i}") for i in range(8)}
    profiles = build_profiles(reports[:40], articles, RULES) + build_profiles(reports[40:], articles, RULES)
    first, second = profiles[0].stats, profiles[-1].stats
    assert any(first.word_weight(w) != second.word_weight(w) for w in WORDS)
    table = ProfileTable(profiles, RULES)
    a, b = np.triu_indices(len(profiles), k=1)
    got = table.scores(a.astype(np.int64), b.astype(np.int64))
    for i, j, value in zip(a.tolist(), b.tolist(), got.tolist(), strict=True):
        want = pair_score(profiles[i], profiles[j], RULES)
        assert (math.isnan(value) if want is None else value == want), (i, j, value, want)


def test_bulk_scores_rare_shared_words_as_pair_score_does():
    # A batch large enough that the words few reports use weigh more than the text cap alone
    # (``compare.text_units``): the bulk scorer adds them beyond it exactly as pair_score does.
    rng = random.Random(5)
    filler = [
        report(f"f{i:05d}", f"g{i:05d}", date="2020-10-01", admin1="Basra", text=f"quay{i} ledger{i}")
        for i in range(6000)
    ]
    # invented names, each told by a few of the reports
    names = [first + second for first in ("Hadi", "Zub", "Kar", "Mus", "Tal") for second in ("awi", "air", "ul", "ima")]
    told = []
    for i in range(60):
        made = _random_report(rng, i)
        words = " ".join(rng.sample(names, rng.randrange(4)) + rng.sample(WORDS, 3))
        told.append(dataclasses.replace(made, text=words))
    articles = {f"a{i}": info(f"a{i}") for i in range(8)}
    profiles = build_profiles(told + filler, articles, RULES)
    assert any(profiles[0].stats.word_weight(name.casefold()) > RULES.text_cap_units for name in names)
    table = ProfileTable(profiles, RULES)
    a, b = np.triu_indices(len(told), k=1)
    got = table.scores(a.astype(np.int64), b.astype(np.int64))
    scored = 0
    for i, j, value in zip(a.tolist(), b.tolist(), got.tolist(), strict=True):
        want = pair_score(profiles[i], profiles[j], RULES)
        assert (math.isnan(value) if want is None else value == want), (i, j, value, want)
        scored += want is not None
    assert scored


def _scored_both_ways(profiles, a, b):
    table = ProfileTable(profiles, RULES)
    every, passing = [], []
    full = table.scores(a, b, every)
    some = table.scores(a, b, passing, passing=True)
    return full, some, every, passing


def _coarse_set(parts):
    return sorted(zip(*(np.concatenate([part[k] for part in parts]).tolist() for k in range(4)), strict=True))


def _assert_passing_scores_agree(full, some, every, passing):
    reach = full >= RULES.threshold
    assert reach.any()
    assert (some[reach] == full[reach]).all()  # every pair that reaches the threshold is scored alike
    given = ~np.isnan(some)
    assert (some[given] == full[given]).all()  # and any other it scores
    assert not (some[~given] >= RULES.threshold).any()
    assert _coarse_set(passing) == _coarse_set(every)  # the month-dated reports' pairs for ``attach`` too


@pytest.mark.parametrize("seed", range(4))
def test_passing_scores_are_the_scores_of_every_pair_that_can_pass(seed):
    profiles = _profiles(seed)
    a, b = (side.astype(np.int64) for side in np.triu_indices(len(profiles), k=1))
    full, some, every, passing = _scored_both_ways(profiles, a, b)
    _assert_passing_scores_agree(full, some, every, passing)
    # the pairs that cannot reach the threshold whatever they share are left unscored
    assert (np.isnan(some) & ~np.isnan(full)).any()


def test_passing_scores_of_profiles_weighed_by_different_statistics():
    rng = random.Random(12)
    reports = [_random_report(rng, i) for i in range(120)]
    articles = {f"a{i}": info(f"a{i}") for i in range(8)}
    profiles = build_profiles(reports[:50], articles, RULES) + build_profiles(reports[50:], articles, RULES)
    a, b = (side.astype(np.int64) for side in np.triu_indices(len(profiles), k=1))
    _assert_passing_scores_agree(*_scored_both_ways(profiles, a, b))


def test_passing_scores_weigh_rare_shared_words():
    # the rare words a pair shares can lift it over the threshold: they are weighed before the
    # pair is dropped (a word rare in one report of a batch is rare in the other too)
    filler = [
        report(f"f{i:05d}", f"g{i:05d}", date="2020-10-01", admin1="Basra", text=f"quay{i} ledger{i}")
        for i in range(3000)
    ]
    pair = [
        report("p1", "pa", date="2020-11-03", admin1="Baghdad", text="Corporal Zubaydawi fell near the Hawraniya ferry"),
        report("p2", "pb", date="2020-11-03", admin1="Baghdad", text="Zubaydawi was hit at the Hawraniya landing"),
    ]
    profiles = build_profiles(pair + filler, {}, RULES)
    assert profiles[0].stats.word_weight("zubaydawi") > RULES.text_cap_units
    a, b = np.array([0]), np.array([1])
    assert ProfileTable(profiles, RULES)._rare_evidence(a, b)[0] > 0
    full, some, every, passing = _scored_both_ways(profiles, a, b)
    assert some[0] == full[0] >= RULES.threshold


def test_a_reordered_table_scores_the_pairs_of_its_rows_alike():
    # ``reorder`` lays the rows out in another order (``cluster.scored_edges``: by date): row i
    # is then the profile of index order[i], scored as before, whichever report comes first
    profiles = _profiles(3)
    table = ProfileTable(profiles, RULES)
    a, b = (side.astype(np.int64) for side in np.triu_indices(len(profiles), k=1))
    before = table.scores(a, b)
    order = np.random.default_rng(3).permutation(len(profiles))
    moved = ProfileTable(profiles, RULES)
    moved.reorder(order)
    assert moved.order is not None and (moved.order == order).all()
    row_of = np.argsort(order)
    after = moved.scores(row_of[a], row_of[b])
    assert np.array_equal(before, after, equal_nan=True)
    assert np.array_equal(before, moved.scores(row_of[b], row_of[a]), equal_nan=True)
    assert not np.isnan(after).all()


def test_only_one_batchs_table_is_reordered():
    rng = random.Random(13)
    reports = [_random_report(rng, i) for i in range(40)]
    profiles = build_profiles(reports[:20], {}, RULES) + build_profiles(reports[20:], {}, RULES)
    with pytest.raises(ValueError, match="one batch"):
        ProfileTable(profiles, RULES).reorder(np.arange(len(profiles))[::-1])
