"""Pair comparison of two report profiles: hard constraints first, then a score in [0, 1].

``pair_score`` returns None when the two reports may never be in one event (same article,
different kind or sub-event family, incompatible dates, places or casualty figures, or an
undated report without strong agreement); otherwise the weighted agreement of the features
both reports have, shrunk towards a per-kind prior so that two reports that share little
cannot score high on the strength of one coincidence.
"""

from __future__ import annotations

import math

from eventledger.link.features import Profile, Range
from eventledger.link.rules import Rules

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
    return high <= rules.casualty_factor * low + rules.casualty_slack


def casualties_compatible(a: Range | None, b: Range | None, rules: Rules) -> bool:
    """Whether two casualty ranges can describe one event ("at least 7" and 8 can; 0 and 5 cannot)."""
    if a is None or b is None:
        return True
    if ranges_intersect(a, b):
        return True
    # Disjoint: compare the nearest ends (the upper end of the lower range, the lower of the other).
    lower, upper = (a, b) if a[0] <= b[0] else (b, a)
    nearest_low = lower[1] if lower[1] is not None else lower[0]
    return _figures_close(nearest_low, upper[0], rules)


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
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return False
    left, right = a.interval, b.interval
    if left is not None and right is not None:
        slack = rules.date_slack_days
        if left[0] > right[1] + slack or right[0] > left[1] + slack:
            return False
    if a.killed is not None and b.killed is not None and not casualties_compatible(a.killed, b.killed, rules):
        return False
    return a.wounded is None or b.wounded is None or casualties_compatible(a.wounded, b.wounded, rules)


def features(a: Profile, b: Profile, rules: Rules) -> tuple[float, int]:
    """(score, number of agreeing specific features) for a compatible pair."""
    # Written out feature by feature (no helper calls): this runs for every candidate pair.
    weights = rules.weights
    mass = weights["prior"]
    total = mass * rules.prior(a.kind)
    agreeing = 0
    if a.sub is not None and b.sub is not None:
        mass += weights["sub_event_type"]
        total += weights["sub_event_type"] * (a.sub == b.sub)
    shared = len(a.actors & b.actors) if a.actors and b.actors else 0
    # Reports of one political event name different sides of it (who ordered, who obeyed, who
    # met whom), so for political kinds disjoint casts are no evidence against; for attacks they are.
    if a.actors and b.actors and (shared or a.kind == "attack"):
        jaccard = shared / len(a.actors | b.actors)
        # Reports name different subsets of the same cast: the overlap coefficient (shared over
        # the smaller cast) tempers Jaccard so that a subset is not read as disagreement.
        overlap = shared / min(len(a.actors), len(b.actors))
        mass += weights["actors"]
        if a.people & b.people and a.interval is not None and b.interval is not None:
            # one named person at a political event in one place and window (the envoy whose
            # visit both tell, whoever else each names) is as good as the whole cast agreeing;
            # without a date it is not: the same envoy comes back
            total += weights["actors"]
        else:
            total += weights["actors"] * (jaccard + overlap) / 2
        if overlap >= 0.5:
            # Two or more shared actors say more than any single coincidence: they count twice.
            agreeing += 2 if shared >= 2 else 1
    against = rules.mismatch_weights
    for name, specific, left, right in (
        ("weapon", True, a.weapon, b.weapon),
        ("target", True, a.target, b.target),
        ("place", True, a.place, b.place),
        ("admin2", False, a.admin2, b.admin2),
    ):
        if left is not None and right is not None:
            if left == right:
                mass += weights[name]
                total += weights[name]
                agreeing += specific
            elif name == "place" and (left in (b.admin1, b.admin2) or right in (a.admin1, a.admin2)):
                # "Erbil" and "Erbil airport": one report names only the province or district
                # the other's site lies in, which is no disagreement (nor agreement)
                continue
            else:
                # Two named sites (or weapon classes) that differ speak louder against than a
                # match speaks for: look-alike events differ exactly there.
                mass += against.get(name, weights[name])
    for name, left_range, right_range in (("killed", a.killed, b.killed), ("wounded", a.wounded, b.wounded)):
        if left_range is not None and right_range is not None:
            if ranges_intersect(left_range, right_range):
                mass += weights[name]
                total += weights[name]
                agreeing += 1
            else:  # compatible but different figures ("1 killed" and "3 killed"): part credit
                mass += against.get(name, weights[name])
                total += weights[name] * 0.4
    if a.interval is not None and b.interval is not None:
        if a.interval[0] == a.interval[1] and b.interval[0] == b.interval[1]:
            mass += weights["date"]
            total += weights["date"] * (1.0 if a.interval[0] == b.interval[0] else 0.3)
        else:  # a coarse date: agreement says less, so it weighs half
            mass += weights["date"] * 0.5
            total += weights["date"] * 0.25
    if a.tokens and b.tokens:
        jaccard = len(a.tokens & b.tokens) / len(a.tokens | b.tokens)
        # Independent write-ups of one event often share no wording, so text only ever adds
        # evidence: its weight grows with the similarity instead of counting a miss against.
        similarity = min(1.0, jaccard / rules.text_full_agreement)
        mass += weights["text"] * similarity
        total += weights["text"] * similarity * similarity
    return total / mass, agreeing


def pair_score(a: Profile, b: Profile, rules: Rules) -> float | None:
    """The score of linking ``a`` and ``b``, or None when they must not be linked."""
    if not compatible(a, b, rules):
        return None
    score, agreeing = features(a, b, rules)
    crowd = max(a.crowd, b.crowd)
    if crowd > rules.crowd_reference:
        # Each doubling of the crowd beyond the reference asks for more agreement.
        if score < rules.threshold + rules.crowd_margin * math.log2(crowd / rules.crowd_reference):
            return None
    widest = max(_width(a.interval), _width(b.interval))
    if widest > _YEAR_DAYS - 2:
        # A year fits hundreds of events as badly as no date at all: treat it as undated.
        if not rules.undated_agreement_suffices(a.kind, score, agreeing):
            return None
    elif widest > _WEEK_DAYS and score < rules.threshold + rules.coarse_margin:
        # A month-dated report fits every event of its month and place: it must pass (by the
        # margin) with every member of the cluster it joins, not just on average.
        return None
    if a.interval is None or b.interval is None:
        # An undated report fits every window, so it must earn its place.
        if not rules.undated_agreement_suffices(a.kind, score, agreeing):
            return None
        undated, other = (a, b) if a.interval is None else (b, a)
        # A report cannot describe an event that happened after its article was published.
        if undated.published is not None and other.interval is not None and other.interval[0] > undated.published + 1:
            return None
    return score
