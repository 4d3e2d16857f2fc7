"""Pair comparison of two report profiles: hard constraints first, then the log-odds of one event.

``pair_score`` returns None when the two reports may never be in one event (same article,
different kind or sub-event family, incompatible dates, places or casualty figures, or an
undated report without strong evidence); otherwise the log-odds that they tell one event: the
prior of their kind and crowd plus the evidence of every field both give (``evidence``; the
Fellegi-Sunter model: agreeing on a value weighs log(m / u(value)), disagreeing log(1 - m)).
Evidence is summed in integer units (``rules.UNIT`` per logit) so that ``bulk`` gives the same
scores to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventledger.link.features import PLACED_KINDS, Profile, Range
from eventledger.link.rules import UNIT, Rules

_YEAR_DAYS = 365
_WEEK_DAYS = 10

def _width(interval: tuple[int, int] | None) -> int:
    return 10_000 if interval is None else interval[1] - interval[0] + 1


def dates_compatible(a: tuple[int, int] | None, b: tuple[int, int] | None, slack: int) -> bool:
    """Whether two date intervals (day ordinals) overlap, allowing ``slack`` days; unknown fits all."""
    if a is None or b is None:
        return True
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _figures_close(low: int, high: int, rules: Rules) -> bool:
    """Whether two figures are within the tolerance of one toll told twice."""
    return high <= rules.casualty_factor * low + rules.casualty_slack


def _figures_possible(low: int, high: int, rules: Rules) -> bool:
    """Whether two figures can still be one toll (a first count and a final one)."""
    return high <= rules.casualty_far_factor * low + rules.casualty_slack


def _nearest_ends(a: Range, b: Range) -> tuple[int, int]:
    """Of two disjoint casualty ranges: the upper end of the lower one, the lower end of the other."""
    lower, upper = (a, b) if a[0] <= b[0] else (b, a)
    return (lower[1] if lower[1] is not None else lower[0]), upper[0]


def casualties_compatible(a: Range | None, b: Range | None, rules: Rules) -> bool:
    """Whether two casualty ranges can describe one event ("at least 7" and 8 can, 5 and 36 may
    (a first count and a final one); 0 and 5 cannot)."""
    if a is None or b is None:
        return True
    if ranges_intersect(a, b):
        return True
    low, high = _nearest_ends(a, b)
    return _figures_possible(low, high, rules)


def casualties_close(a: Range, b: Range, rules: Rules) -> bool:
    """Whether two disjoint casualty ranges are near enough to be one toll told twice (61 and 62)."""
    low, high = _nearest_ends(a, b)
    return high - low <= max(rules.close_slack, rules.close_share * high)


def ranges_intersect(a: Range, b: Range) -> bool:
    """Whether two casualty ranges share a value."""
    a_high = a[1] if a[1] is not None else float("inf")
    b_high = b[1] if b[1] is not None else float("inf")
    return a[0] <= b_high and b[0] <= a_high


def compatible(a: Profile, b: Profile, rules: Rules) -> bool:
    """The hard constraints: False when ``a`` and ``b`` can never be one event."""
    # Inlined comparisons (no helper calls): this runs for every candidate pair.
    if a.article_id == b.article_id or a.kind != b.kind:
        return False
    if a.family is not None and b.family is not None and a.family != b.family:
        return False
    if a.country is not None and b.country is not None and a.country != b.country and a.kind in PLACED_KINDS:
        # (a truce or a summit between two states is told from either capital: its country
        # depends on the outlet)
        return False
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return False
    left, right = a.interval, b.interval
    if left is not None and right is not None:
        slack = rules.date_slack_days
        if left[0] > right[1] + slack or right[0] > left[1] + slack:
            return False
    elif a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        # an undated article's "on Monday" is not the event of a Sunday, nor of another's "Tuesday"
        return False
    # (wounded figures far apart only speak against one event (``evidence``): outlets count the
    # wounded at different hours, in different hospitals, or not at all)
    return a.killed is None or b.killed is None or casualties_compatible(a.killed, b.killed, rules)


def _casualty_evidence(a: Range, b: Range, agree: int, against: int, rules: Rules) -> int:
    if ranges_intersect(a, b):
        return agree
    if casualties_close(a, b, rules):
        return 0
    low, high = _nearest_ends(a, b)
    return against if _figures_close(low, high, rules) else rules.apart_units


def _site_evidence(a: Profile, b: Profile, rules: Rules) -> int:
    """Evidence of the sub-event type, weapon, target and place."""
    total = 0
    if a.sub is not None and b.sub is not None:
        total += min(a.w_sub, b.w_sub) if a.sub == b.sub else rules.against_units["sub_event_type"]
    if a.weapon is not None and b.weapon is not None:
        if a.weapon == b.weapon:
            total += min(a.w_weapon, b.w_weapon)
        elif (a.weapon, b.weapon) not in rules.related_weapons:
            total += rules.against_units["weapon"]
    if a.target is not None and b.target is not None:
        total += min(a.w_target, b.w_target) if a.target == b.target else rules.against_units["target"]
    if a.place is not None and b.place is not None:
        if a.place == b.place:
            total += min(a.w_place, b.w_place)
        elif not (a.place in (b.admin1, b.admin2) or b.place in (a.admin1, a.admin2)):
            # ("Erbil" and "Erbil airport": a report naming only the province or district the
            # other's site lies in does not disagree)
            total += rules.against_units["place"]
    return total


def evidence(a: Profile, b: Profile, rules: Rules) -> int:
    """The log-odds (in evidence units) that two compatible reports tell one event."""
    # Written out field by field: this runs for every pair met while merging clusters.
    stats = a.stats
    total = stats.prior(a.kind, max(a.crowd, b.crowd)) + _site_evidence(a, b, rules)
    if a.killed is not None and b.killed is not None:
        total += _casualty_evidence(a.killed, b.killed, min(a.w_killed, b.w_killed), rules.against_units["killed"], rules)
    if a.wounded is not None and b.wounded is not None:
        agree = min(a.w_wounded, b.w_wounded)
        total += _casualty_evidence(a.wounded, b.wounded, agree, rules.against_units["wounded"], rules)
    if a.actors and b.actors:
        shared = a.actors & b.actors
        if shared:
            # each shared party is evidence, the cast as a whole at most actors_cap (the
            # parties of one political event are named together)
            total += min(rules.actors_cap_units, sum(stats.weight("actors", a.kind, actor) for actor in shared))
        elif a.kind in PLACED_KINDS:
            # Reports of one political event name different sides of it (who ordered, who
            # obeyed, who met whom): there disjoint casts are no evidence against; for attacks they are.
            total += rules.against_units["actors"]
    if a.scenes and b.scenes and not a.scenes.isdisjoint(b.scene_window):
        # (only political reports hold their article's scenes) One story has many reactions: two
        # that name different parties and none in common are two of them, whatever the scene.
        if not (a.actors and b.actors and a.actors.isdisjoint(b.actors)):
            total += rules.scene_units
    left, right = a.interval, b.interval
    if left is not None and right is not None and left[0] == left[1] and right[0] == right[1]:
        total += rules.same_day_units if left[0] == right[0] else rules.day_apart_units
    elif (left is None or right is None) and a.weekday is not None and a.weekday == b.weekday:
        # an undated article's "on Wednesday" that is the other's day (or weekday): one day in seven
        total += rules.same_weekday_units
    if a.tokens and b.tokens:
        shared_words = set(a.tokens).intersection(b.tokens)
        if shared_words:
            total += text_units(map(stats.word_weight, shared_words), rules)
    return total


def text_units(weights: Iterable[int], rules: Rules) -> int:
    """Evidence units of the words two reports share, given each word's weight.

    The words of one passage are not independent evidence (an outlet's phrasing repeats its
    common words together): together they weigh at most ``text_cap``. A word that weighs more
    than that alone is one only a handful of the reports use, in a large store: a name (a
    victim, a village the gazetteer lacks, a unit) that two accounts of one event each repeat
    because it is a fact of the event, not a turn of phrase. Such rare words add their weight
    beyond the cap, up to ``rare_words_cap`` together: in a store of a million reports a
    province's day holds hundreds of look-alike reports (the crowd prior), and a shared name is
    then the evidence that tells them apart. (In a batch of under about 1,500 reports no shared
    word weighs that much: the smoothing of ``word_base_share`` keeps its share high.)
    """
    cap = rules.text_cap_units
    common = rare = 0
    for weight in weights:
        if weight > cap:
            rare += weight
        else:
            common += weight
    return min(cap, common) + min(rules.rare_words_cap_units, rare)


def _place_within(a: Profile, b: Profile) -> bool:
    """Whether one report's place is only the province or district the other's site lies in."""
    return a.place != b.place and (a.place in (b.admin1, b.admin2) or b.place in (a.admin1, a.admin2))


def undated_evidence_suffices(a: Profile, b: Profile, total: int, rules: Rules) -> bool:
    """Whether a pair with an undated (or year-dated) report has the strong evidence it needs:
    the same named place (for political kinds: two or more shared actors, or one and the same
    place; in two countries, at least one shared actor), the same sub-event
    family when either gives one, and log-odds at least the threshold plus the undated margin.
    Without a place (or cast) in common, the log-odds must also clear the unplaced margin."""
    if a.kind in PLACED_KINDS:
        if (a.family is None) != (b.family is None):
            return False
        if a.place is None or b.place is None or _place_within(a, b):
            # nothing says the two happened in one spot (or one names only the province or
            # district the other's site lies in): the rest must say it all the louder
            return total >= rules.unplaced_units
        if a.place != b.place:
            return False
    else:
        # political reports rarely name a site (a capital at most), and one named person comes
        # back again and again: a shared cast (two parties or more), or one party in the same
        # place, stands in for a named site
        shared = len(a.actors & b.actors)
        if shared < 2 and not (shared and a.place is not None and a.place == b.place):
            if not shared and a.country is not None and b.country is not None and a.country != b.country:
                # a truce told from each capital names a party both tell; two truces in two
                # countries, told alike and naming no party in common, are two truces
                return False
            return total >= rules.unplaced_units
    return total >= rules.undated_units


def pair_score(a: Profile, b: Profile, rules: Rules) -> float | None:
    """The log-odds that ``a`` and ``b`` tell one event, or None when they must not be linked."""
    if not compatible(a, b, rules):
        return None
    total = evidence(a, b, rules)
    widest = max(_width(a.interval), _width(b.interval))
    if widest > _YEAR_DAYS - 2:
        # An undated report fits every window, and a year fits hundreds of events as badly.
        if not undated_evidence_suffices(a, b, total, rules):
            return None
    elif widest > _WEEK_DAYS and total < rules.coarse_units:
        # A month-dated report fits every event of its month and place: it must pass (by the
        # margin) with every member of the cluster it joins, not just on average.
        return None
    if not (fits_publication(a, b, rules) and fits_publication(b, a, rules)):
        return None
    return total / UNIT


def fits_publication(undated: Profile, other: Profile, rules: Rules) -> bool:
    """Whether ``other`` can tell the event of ``undated``, a report without a date in an article
    with one: that event happened in the ``undated_recent_days`` before publication (or on the
    next day, for time zones), never after. True when ``undated`` is dated or its article is not."""
    if undated.interval is not None or undated.published is None:
        return True
    first, last = undated.published - rules.undated_recent_days, undated.published + 1
    if other.interval is not None:
        return other.interval[0] <= last and other.interval[1] >= first
    # two undated reports: their windows of days before publication must overlap
    return other.published is None or abs(other.published - undated.published) <= rules.undated_recent_days + 1
