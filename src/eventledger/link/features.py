"""What linking compares about a report, computed once per report.

A ``Profile`` holds a report's normalised values (date as an interval of day ordinals, casualty
figures as ranges, weapon class, folded place and target, actor ids, text tokens) so that the
pair comparisons in ``compare`` are cheap set and integer operations.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache

from eventledger.kb import load_actors
from eventledger.link.independence import ArticleInfo
from eventledger.link.rules import Rules, load_rules, normalise_text, normalise_weapon, sub_event_family
from eventledger.models import Report

# A casualty range: (low, high); high is None for an open lower bound ("at least 7").
Range = tuple[int, int | None]

_TOKEN = re.compile(r"[^\W\d_]{3,}|\d+")
# Words too common in event reports to say anything about which event a text describes.
_STOP = frozenset(
    "the and for with that from this were was are has have had been their they said says into "
    "after over about which while also near its his her who when where than more".split()
)
# Roles that describe who took part in (or owned) the event; speakers only talk about it.
EVENT_ROLES = frozenset({"perpetrator", "target", "claimed_by", "denied_by", "participant"})


def date_interval(date: str | None, precision: str | None, rules: Rules | None = None) -> tuple[int, int] | None:
    """The days (as ordinals, inclusive) a report's date may denote; None when unknown.

    The string's own length wins over a finer stated precision ("2020-11" is a month whatever
    the precision says); a coarser stated precision widens a full date ("2020-11-17" with
    precision month is the whole of November).
    """
    rules = rules or load_rules()
    if not date or precision == "unknown":
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        year = parts[0]
        if len(parts) >= 3 and precision in (None, "day", "week"):
            day = dt.date(year, parts[1], parts[2]).toordinal()
            if precision == "week":
                return day - rules.week_half_width, day + rules.week_half_width
            return day, day
        if len(parts) >= 2 and precision != "year":
            last = calendar.monthrange(year, parts[1])[1]
            return dt.date(year, parts[1], 1).toordinal(), dt.date(year, parts[1], last).toordinal()
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    except (ValueError, IndexError):
        return None


def date_precision_of(date: str | None, precision: str | None) -> str:
    """The precision a date string really has (see ``date_interval``)."""
    if not date or precision == "unknown":
        return "unknown"
    length = len(date[:10].split("-"))
    if length >= 3 and precision in (None, "day", "week"):
        return precision or "day"
    if length >= 2 and precision != "year":
        return "month"
    return "year"


def casualty_range(report: Report, what: str, rules: Rules | None = None) -> Range | None:
    """A report's killed or wounded figure as a range; None when it gives none.

    ``killed_high`` bounds the range; otherwise the figure is exact unless its evidence says it
    is a lower bound ("at least seven", "more than 20").
    """
    rules = rules or load_rules()
    low = getattr(report, what)
    high = getattr(report, f"{what}_high")
    if low is None:
        return None if high is None else (0, high)
    if high is not None:
        return (low, max(low, high))
    evidence = " ".join(span.text for span in report.evidence.get(what, ())).casefold()
    if evidence and any(re.search(rf"\b{re.escape(m)}\b", evidence) for m in rules.lower_bound_markers):
        return (low, None)
    return (low, low)


def text_tokens(text: str) -> frozenset[str]:
    """The content words of a report's text, for a cheap Jaccard similarity."""
    return frozenset(_TOKEN.findall(text.casefold())) - _STOP


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    """The ids of the KB's people, from its actor registry.

    Not from ``load_kb()``: building the whole knowledge base (the gazetteers, the matchers)
    took the link step seconds in a process that extracted nothing itself, the parent of a
    process pool; the registry is the actors alone.
    """
    return load_actors().ids_of_kind("person")


def named_people(actors: frozenset[str]) -> frozenset[str]:
    """The actors that are named persons in the knowledge base (a minister, a commander)."""
    return actors & _people()


class Profile:
    """The normalised comparison values of one report (``index`` is its canonical position)."""

    __slots__ = (
        "index",
        "report_id",
        "article_id",
        "kind",
        "family",
        "sub",
        "interval",
        "precision",
        "country",
        "admin1",
        "admin2",
        "place",
        "weapon",
        "target",
        "actors",
        "people",
        "killed",
        "wounded",
        "tokens",
        "published",
        "segment",
        "crowd",
    )

    def __init__(self, index: int, report: Report, article: ArticleInfo | None, rules: Rules) -> None:
        self.index = index
        self.report_id = report.id
        self.article_id = report.article_id
        self.kind = report.kind
        self.sub = report.sub_event_type.casefold() if report.sub_event_type else None
        self.family = sub_event_family(report.sub_event_type)
        self.interval = date_interval(report.date, report.date_precision, rules)
        self.precision = date_precision_of(report.date, report.date_precision)
        self.country = normalise_text(report.country)
        self.admin1 = normalise_text(report.admin1)
        self.admin2 = normalise_text(report.admin2)
        self.place = normalise_text(report.place)
        self.weapon = normalise_weapon(report.weapon)
        self.target = normalise_text(report.target)
        ids = {a.actor_id for a in report.actors if a.role in EVENT_ROLES}
        ids.update(report.claimed_by)
        ids.update(report.denied_by)
        self.actors = frozenset(ids)
        # named persons at a political event: the envoy whose visit two reports tell
        self.people = named_people(self.actors) if report.kind != "attack" and ids else frozenset()
        self.killed = casualty_range(report, "killed", rules)
        self.wounded = casualty_range(report, "wounded", rules)
        self.tokens = text_tokens(report.text)
        published = article.published if article is not None else None
        self.published = published.toordinal() if published is not None else None
        self.segment = report.segment
        self.crowd = 1  # reports it could be confused with; set by ``measure_crowds``


def measure_crowds(profiles: list[Profile]) -> None:
    """Set each profile's ``crowd``: how many reports of its kind, province and sub-event family
    fall in its date window (itself included). A pair in a crowded window needs more agreement:
    two same-day rocket attacks in one province are likely one event when the province sees one
    attack a week, and likely two when it sees dozens a day.
    """
    per_day: dict[tuple[str, str | None, str | None, str | None], Counter[int]] = defaultdict(Counter)
    for p in profiles:
        if p.interval is not None and p.interval[0] == p.interval[1]:
            per_day[(p.kind, p.country, p.admin1, p.family)][p.interval[0]] += 1
    for p in profiles:
        if p.interval is None:
            continue
        days = per_day.get((p.kind, p.country, p.admin1, p.family))
        if not days:
            continue
        if p.interval[1] - p.interval[0] > 40:  # a year: the crowd of its month-sized average
            total = sum(n for d, n in days.items() if p.interval[0] <= d <= p.interval[1])
            p.crowd = max(1, total * 31 // (p.interval[1] - p.interval[0] + 1))
        else:
            p.crowd = max(1, sum(days.get(d, 0) for d in range(p.interval[0], p.interval[1] + 1)))


def build_profiles(
    reports: list[Report], articles: Mapping[str, ArticleInfo], rules: Rules | None = None
) -> list[Profile]:
    """Profiles of ``reports`` in the given order (their index is their position)."""
    rules = rules or load_rules()
    profiles = [Profile(i, r, articles.get(r.article_id), rules) for i, r in enumerate(reports)]
    measure_crowds(profiles)
    return profiles
