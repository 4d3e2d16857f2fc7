"""One ``Event`` from the reports of one real-world event.

For every field the event keeps the chosen value (majority; for dates the most precise date
every report's date contains, the reports whose text tells their date asked before those dated
by their article's day), and in ``fields[name]`` every report's value with whether it
agrees; ``conflicts`` names the fields where some report disagrees. Casualties become ranges
across reports: low = the smallest lower bound, high = the largest upper bound, best = the
smallest figure every report allows, or the median figure when the reports contradict
each other. Places that hold one another (Erbil, Erbil International Airport) and figures inside
a range some report gives are no disagreement.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from eventledger.link.compare import ranges_intersect
from eventledger.link.features import EVENT_ROLES, Range, casualty_range, interval_and_precision, vague_figure
from eventledger.link.independence import ArticleInfo, independent_sources
from eventledger.link.rules import Rules, load_rules, normalise_text, normalise_weapon
from eventledger.models import Claim, Event, EventFields, Report

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
# Free-text fields compared case- and punctuation-folded.
_TEXT_FIELDS = ("event_type", "sub_event_type", "country", "admin1", "admin2", "place", "target")
# One report's value of a field: (the report's position among the event's, value, whether it
# agrees with the event's): the positions are the event's layout (``_event_fields``), with no
# FieldValue object for each of a million reports' fields and no report id looked up again
Given = tuple[int, Any, bool]


def event_id(report_ids: Sequence[str]) -> str:
    """The stable id of the event holding these reports: derived from the smallest report id.

    A report belongs to exactly one event, so the smallest id names the event; adding a report
    with a larger id keeps the event's id.
    """
    return "ev_" + hashlib.sha1(min(report_ids).encode("utf-8")).hexdigest()[:12]


def _majority(values: list[Any], keys: list[Any] | None = None) -> Any:
    """The most frequent value (by its key in ``keys``, default the value itself); ties go to the
    smallest key, for determinism; among values of the winning key, the first."""
    keys = values if keys is None else keys
    first = keys[0]
    if all(k == first for k in keys):  # the common case: every report says the same
        return values[0]
    counts = Counter(keys)
    best = min(counts, key=lambda k: (-counts[k], str(k)))
    return values[keys.index(best)]


def _text_field(reports: Sequence[Report], name: str) -> tuple[str | None, list[Given]]:
    every = list(map(attrgetter(name), reports))
    first = every[0]
    if every.count(first) == len(every):  # the common case: every report says the same (or none says)
        return (first, [(i, first, True) for i in range(len(every))]) if first else (None, [])
    given = [(i, value) for i, value in enumerate(every) if value]
    if not given:
        return None, []
    first = given[0][1]
    if all(value == first for _, value in given):  # every report that says one says the same
        return first, [(i, value, True) for i, value in given]
    folded = [normalise_text(v) for _, v in given]
    chosen = _majority([v for _, v in given], folded)
    chosen_folded = normalise_text(chosen)
    if name == "place":  # a place inside the chosen one, or holding it, does not disagree
        chosen_report = reports[given[folded.index(chosen_folded)][0]]
        agree = [f == chosen_folded or _places_nest(reports[i], chosen_report) for (i, _), f in zip(given, folded, strict=True)]
    else:
        agree = [f == chosen_folded for f in folded]
    return chosen, [(i, v, a) for (i, v), a in zip(given, agree, strict=True)]


def _event_fields(report_ids: tuple[str, ...], fields: Mapping[str, list[Given]]) -> tuple[EventFields, list[str]]:
    """``EventFields.build`` of the fields' values given by the positions of their reports, and
    the names of the fields some value of which disagrees."""
    layout: list[tuple[str, tuple[int, ...]]] = []
    values: list[Any] = []
    disagree = 0
    disagreeing = []
    for name, given in fields.items():
        before = disagree
        for _, value, agrees in given:
            if not agrees:
                disagree |= 1 << len(values)
            values.append(value)
        if disagree != before:
            disagreeing.append(name)
        layout.append((name, tuple([i for i, _, _ in given])))
    return EventFields(report_ids, tuple(layout), tuple(values), disagree), disagreeing


def _places_nest(a: Report, b: Report) -> bool:
    """Whether one report's place holds the other's: by name ("Erbil" and "Erbil International
    Airport"), or because one names the governorate (or its city) that the other's place is in
    ("Baghdad" and "Green Zone", both in Baghdad)."""
    pa, pb = (normalise_text(r.place) or "" for r in (a, b))
    wa, wb = f" {pa} ", f" {pb} "
    if pa and pb and (wa in wb or wb in wa):
        return True
    same_admin1 = bool(a.admin1) and normalise_text(a.admin1) == normalise_text(b.admin1)
    return same_admin1 and normalise_text(a.admin1) in (pa, pb)


def _weapon_field(reports: Sequence[Report]) -> tuple[str | None, list[Given]]:
    given = [(i, r.weapon) for i, r in enumerate(reports) if r.weapon]
    if not given:
        return None, []
    classes = [normalise_weapon(v) for _, v in given]
    chosen = _majority(classes)
    return chosen, [(i, v, c == chosen) for (i, v), c in zip(given, classes, strict=True)]


def _date_field(reports: Sequence[Report], rules: Rules) -> tuple[str | None, str, list[Given]]:
    dated = []
    positions = []
    for i, r in enumerate(reports):
        if not r.date:
            continue
        interval, precision = interval_and_precision(r.date, r.date_precision, rules)
        if interval is not None:
            dated.append((r, interval, precision))
            positions.append(i)
    if not dated:
        return None, "unknown", []
    first_report, first_interval, first_precision = dated[0]
    if all(interval == first_interval and precision == first_precision for _, interval, precision in dated):
        # one date (the common case): every report's contains it; the first is chosen
        chosen = _canonical_date(first_report.date or "", first_precision)
        return chosen, first_precision, [(i, r.date, True) for i, (r, _, _) in zip(positions, dated, strict=True)]

    def contained(interval: tuple[int, int], by: tuple[int, int]) -> bool:
        return by[0] <= interval[0] and interval[1] <= by[1]

    # Prefer the most precise date that every other report's date contains; then the most
    # precise date most reports contain (a majority among day dates a day apart). The reports
    # whose text tells their date are asked first: a day an article only fell back on (its own
    # publication day) is outvoted by one a sentence tells ("a day after the government ordered
    # the closure"), however many reports fell back on it.
    told = [interval for r, interval, _ in dated if date_told(r)]

    def rank(item: tuple[Report, tuple[int, int], str]) -> tuple[int, int, int, int]:
        _, interval, precision = item
        support = sum(contained(interval, other) for _, other, _ in dated)
        told_support = sum(contained(interval, other) for other in told)
        return (-told_support, -support, _PRECISION_RANK[precision], interval[0])

    chosen_report, chosen_interval, precision = min(dated, key=rank)
    chosen = _canonical_date(chosen_report.date or "", precision)
    values = [
        (i, r.date, contained(chosen_interval, interval) or contained(interval, chosen_interval))
        for i, (r, interval, _) in zip(positions, dated, strict=True)
    ]
    return chosen, precision, values


def date_told(report: Report) -> bool:
    """Whether a report's date rests on what its text tells, not on the day its article appeared.

    An event an article tells without a day takes the article's publication day, with the whole
    sentence as the date's evidence (``extract.fields.date``); a told date's evidence is the
    phrase that tells it ("on Tuesday", "a day after"). A report without date evidence (read
    from a table, or stored without it) counts as told.
    """
    spans = report.evidence.get("date") if report.evidence else None
    if not spans or len(spans) != 1 or report.span is None:
        return True
    span = spans[0]
    return not (span.start == report.span.start and span.text.rstrip().endswith(_SENTENCE_ENDS))


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "'", "’")


def _canonical_date(date: str, precision: str) -> str:
    if precision == "month":
        return date[:7]
    if precision == "year":
        return date[:4]
    return date[:10]


def merge_casualties(ranges: Sequence[Range]) -> tuple[int | None, int | None, int | None, bool]:
    """(low, best, high, conflict) of several reports' casualty ranges.

    "at least 7" and "8" give (7, 8, 8, False); "1" and "3" give (1, 2, 3, True).
    """
    if not ranges:
        return None, None, None, False
    low = min(r[0] for r in ranges)
    bounded = [r[1] for r in ranges if r[1] is not None]
    # Open ranges ("at least n") leave the event unbounded unless some report gives a bound;
    # then the highest figure any report gives is the high end.
    high = max(bounded + [r[0] for r in ranges]) if bounded else None
    floor = max(r[0] for r in ranges)
    ceiling = min(bounded) if bounded else None
    if ceiling is None or floor <= ceiling:
        return low, floor, high, False
    figures = sorted(r[0] if r[1] is None else (r[0] + r[1]) // 2 for r in ranges)
    return low, int(round(statistics.median(figures))), high, not _within_a_reported_range(ranges)


def _within_a_reported_range(ranges: Sequence[Range]) -> bool:
    """Whether one report's range ("between 2 and 5 killed") holds every figure the others give
    (3; 4): figures inside a range some report gives are not reports disagreeing."""
    return any(
        high is not None and high > low and all(low <= r[0] and r[1] is not None and r[1] <= high for r in ranges)
        for low, high in ranges
    )


def _casualty_field(
    reports: Sequence[Report], what: str, rules: Rules
) -> tuple[tuple[int | None, int | None, int | None], list[Given], bool]:
    bound = f"{what}_high"
    # (a report giving neither figure nor bound has no range: skip the call)
    given = [
        (i, r, rng)
        for i, r in enumerate(reports)
        if (getattr(r, what) is not None or getattr(r, bound) is not None)
        and (rng := casualty_range(r, what, rules)) is not None
    ]
    ranges = [rng for _, _, rng in given]
    # every report gives one range (the common case), not upside down: it agrees with itself
    if ranges and ranges.count(ranges[0]) == len(ranges) and (ranges[0][1] is None or ranges[0][0] <= ranges[0][1]):
        low, best, high, _ = merge_casualties(ranges[:1])
        return (low, best, high), [(i, getattr(r, what) if rng[1] == rng[0] else rng, True) for i, r, rng in given], False
    # a vague figure ("several", "dozens", "between 5 and 9") gives way to another report's
    # exact one for the same victims ("at least 50"), neither winning nor combined with it
    exact = [rng for _, r, rng in given if not vague_figure(r, what, rules)]
    kept = exact if any(rng[0] > 0 for rng in exact) else ranges
    low, best, high, conflict = merge_casualties(kept)
    if conflict and len(kept) < len(ranges) and _within_a_reported_range(ranges):
        conflict = False  # exact figures inside the range a report gives ("between 2 and 5") agree with it
    values: list[Given] = []
    for i, r, rng in given:
        # a conflict has a best figure: some report gives one
        agrees = not conflict or (best is not None and ranges_intersect(rng, (best, best)))
        values.append((i, getattr(r, what) if rng[1] == rng[0] else (rng[0], rng[1]), agrees))
    return (low, best, high), values, conflict


# Equal small tuples of strings that many events hold (an event's outlets and cast, a report's
# actor ids), one object each: a million reports' events held them apart by the million. Bounded
# like ``_DATES``; a tuple given again after a clear is simply kept anew.
_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(values: tuple[str, ...]) -> tuple[str, ...]:
    if not values:
        return ()
    found = _TUPLES.get(values)
    if found is None:
        if len(_TUPLES) >= 1 << 16:
            _TUPLES.clear()
        found = _TUPLES[values] = values
    return found


def _claims(reports: Sequence[Report], articles: Mapping[str, ArticleInfo]) -> tuple[Claim, ...]:
    claims = []
    for r in reports:
        info = articles.get(r.article_id)
        outlet = info.outlet if info else None
        date = r.date or (info.published.isoformat() if info and info.published else None)
        for actor in dict.fromkeys(r.claimed_by):
            claims.append(Claim(actor, "claimed", r.id, outlet, date))
        for actor in dict.fromkeys(r.denied_by):
            claims.append(Claim(actor, "denied", r.id, outlet, date))
    return tuple(sorted(claims, key=lambda c: (c.stance, c.actor_id, c.report_id)))


def _actors(reports: Sequence[Report]) -> tuple[tuple[str, ...], list[Given]]:
    counts: Counter[str] = Counter()
    values: list[Given] = []
    for i, r in enumerate(reports):
        ids = _event_actor_ids(r)
        if ids:
            counts.update(set(ids))
            values.append((i, ids, True))
    ordered = _shared(tuple(sorted(counts, key=lambda a: (-counts[a], a))))
    return ordered, values


def _event_actor_ids(report: Report) -> tuple[str, ...]:
    """The ids of the actors who took part in (or claimed) a report's event, in order, once each."""
    if not report.actors and not report.claimed_by:
        return ()
    return _shared(tuple(dict.fromkeys([a.actor_id for a in report.actors if a.role in EVENT_ROLES] + list(report.claimed_by))))


def _summary(event: dict[str, Any], reports: int, sources: int) -> str:
    what = event["sub_event_type"] or event["kind"]
    parts = [what]
    if event["weapon"]:
        parts.append(f"with {event['weapon'].replace('_', ' ')}")
    if event["target"]:
        parts.append(f"on {event['target']}")
    where = ", ".join(v for v in (event["place"], event["admin1"], event["country"]) if v)
    if where:
        parts.append(f"in {where}")
    parts.append(f"({event['date'] or 'date unknown'})")
    text = " ".join(parts)
    toll = []
    if event["killed_best"] is not None:
        toll.append(f"{event['killed_best']} killed")
    if event["wounded_best"] is not None:
        toll.append(f"{event['wounded_best']} wounded")
    if toll:
        text += ": " + ", ".join(toll)
    return f"{text}; {reports} report{'s' * (reports != 1)}, {sources} independent source{'s' * (sources != 1)}"


def event_summary(event: Event) -> str:
    """The one-line summary of an event as its fields stand (after a hand correction, say)."""
    return _summary(event.as_dict(), len(event.report_ids), event.independent_sources)


def merge_reports(reports: Sequence[Report], articles: Mapping[str, ArticleInfo], rules: Rules | None = None) -> Event:
    """The event that the given reports (all of one real-world event) describe."""
    rules = rules or load_rules()
    if len(reports) == 1:
        return _one_report_event(reports[0], articles, rules)
    return _merged_event(reports, articles, rules)


def _one_report_event(report: Report, articles: Mapping[str, ArticleInfo], rules: Rules) -> Event:
    """``_merged_event`` of one report, without the merging: each field is the report's own value,
    agreeing with itself. Half the events of a large batch are told by one report, and choosing
    among one value through the general steps was most of the cost of making them."""
    report_id = report.id
    names: list[str] = []
    values: list[Any] = []
    chosen: dict[str, Any] = {"kind": report.kind}
    for name in _TEXT_FIELDS:
        value = getattr(report, name)
        if value:
            chosen[name] = value
            names.append(name)
            values.append(value)
        else:
            chosen[name] = None
    weapon = report.weapon
    chosen["weapon"] = normalise_weapon(weapon) if weapon else None
    if weapon:
        names.append("weapon")
        values.append(weapon)
    date = report.date
    interval, precision = interval_and_precision(date, report.date_precision, rules) if date else (None, "unknown")
    if date and interval is not None:
        chosen["date"], chosen["date_precision"] = _canonical_date(date, precision), precision
        names.append("date")
        values.append(date)
    else:
        chosen["date"], chosen["date_precision"] = None, "unknown"
    disagree = 0
    conflicts: tuple[str, ...] = ()
    for what in ("killed", "wounded"):
        given = None
        if getattr(report, what) is not None or getattr(report, f"{what}_high") is not None:
            given = casualty_range(report, what, rules)
        if given is None:
            chosen[f"{what}_low"] = chosen[f"{what}_best"] = chosen[f"{what}_high"] = None
            continue
        # (one report's range is kept whether its figure is vague or not: no other report's
        # exact figure can take its place)
        low, best, high, conflict = merge_casualties([given])
        chosen[f"{what}_low"], chosen[f"{what}_best"], chosen[f"{what}_high"] = low, best, high
        if conflict:
            conflicts = _shared((*conflicts, what))
            if best is None or not ranges_intersect(given, (best, best)):
                disagree |= 1 << len(values)
        names.append(what)
        values.append(getattr(report, what) if given[1] == given[0] else (given[0], given[1]))
    ids = _event_actor_ids(report)
    if ids:
        names.append("actors")
        values.append(ids)
    located = report.latitude is not None and report.longitude is not None
    info = articles.get(report.article_id)
    report_ids = (report_id,)
    return Event(
        id=event_id(report_ids),
        report_ids=report_ids,
        actors=_shared(tuple(sorted(set(ids)))),
        latitude=report.latitude if located else None,
        longitude=report.longitude if located else None,
        geo_precision=report.geo_precision if located else None,
        claims=_claims((report,), articles),
        independent_sources=1,
        outlets=_shared((info.outlet,)) if info is not None and info.outlet else (),
        fields=EventFields(report_ids, tuple((name, (0,)) for name in names), tuple(values), disagree),
        conflicts=conflicts,
        summary=_summary(chosen, 1, 1),
        **chosen,
    )


def _merged_event(reports: Sequence[Report], articles: Mapping[str, ArticleInfo], rules: Rules) -> Event:
    """``merge_reports`` of any number of reports, by the general steps."""
    reports = sorted(reports, key=attrgetter("id"))
    fields: dict[str, list[Given]] = {}
    chosen: dict[str, Any] = {"kind": _majority([r.kind for r in reports])}
    for name in _TEXT_FIELDS:
        chosen[name], values = _text_field(reports, name)
        if values:
            fields[name] = values
    chosen["weapon"], values = _weapon_field(reports)
    if values:
        fields["weapon"] = values
    chosen["date"], chosen["date_precision"], values = _date_field(reports, rules)
    if values:
        fields["date"] = values
    conflicts = []
    for what in ("killed", "wounded"):
        (low, best, high), values, conflict = _casualty_field(reports, what, rules)
        chosen[f"{what}_low"], chosen[f"{what}_best"], chosen[f"{what}_high"] = low, best, high
        if values:
            fields[what] = values
        if conflict:
            conflicts.append(what)
    actors, values = _actors(reports)
    if values:
        fields["actors"] = values
    # Coordinates come from the report that places the event most precisely.
    located = [r for r in reports if r.latitude is not None and r.longitude is not None]
    best_place = min(located, key=lambda r: (r.geo_precision or 9, r.id)) if located else None
    article_ids = sorted({r.article_id for r in reports})
    report_cites = {a: [c for r in reports if r.article_id == a for c in r.cites] for a in article_ids} if any(r.cites for r in reports) else {}
    sources = independent_sources(article_ids, articles, report_cites)
    outlets = _shared(tuple(sorted({info.outlet for a in article_ids if (info := articles.get(a)) is not None and info.outlet})))
    summary = _summary(chosen, len(reports), sources)
    report_ids = tuple(r.id for r in reports)
    # (a field with a disagreeing value is in conflict: a casualty figure only when it is)
    event_fields, disagreeing = _event_fields(report_ids, fields)
    return Event(
        id=event_id(report_ids),
        report_ids=report_ids,
        actors=actors,
        latitude=best_place.latitude if best_place else None,
        longitude=best_place.longitude if best_place else None,
        geo_precision=best_place.geo_precision if best_place else None,
        claims=_claims(reports, articles),
        independent_sources=sources,
        outlets=outlets,
        fields=event_fields,
        conflicts=_shared(tuple(sorted({*conflicts, *disagreeing}))),
        summary=summary,
        **chosen,
    )
