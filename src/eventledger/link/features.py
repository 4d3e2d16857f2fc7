"""What linking compares about a report, computed once per report.

A ``Profile`` holds a report's normalised values (date as an interval of day ordinals, casualty
figures as ranges, weapon class, folded place and target, actor ids, text tokens) so that the
pair comparisons in ``compare`` are cheap set and integer operations.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, chain, repeat
from typing import Any

from unidecode import unidecode

from eventledger.kb.places import own_military
from eventledger.link.independence import ArticleInfo
from eventledger.link.rules import Rules, load_rules, normalise_text, normalise_weapon, sub_event_family, units
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
# Kinds whose reports name where they happened: an undated one must name the same place as the
# report it joins. Political reports (statements, meetings, orders) rarely name a place: an
# undated one must share a named actor instead.
PLACED_KINDS = frozenset({"attack", "riot", "protest"})

Scene = tuple[str | None, str, int]  # (country, province, day) of a placed report, folded
NO_SCENES: frozenset[Scene] = frozenset()  # one object for the many profiles without scenes


def article_scenes(reports: Iterable[Report], rules: Rules | None = None) -> dict[str, frozenset[Scene]]:
    """The scenes each article tells: the (country, province, day) of its day-dated riots,
    protests and attacks that name a province. Two political reports whose articles tell a
    scene of one province within the date slack follow one story (``compare.evidence``)."""
    reports = reports if isinstance(reports, (list, tuple)) else list(reports)
    # (only the articles that tell a political report need theirs: a batch of attacks alone,
    # most of a large store's, needs no article's, and its reports' dates are not read for them)
    wanted = {r.article_id for r in reports if r.kind not in PLACED_KINDS}
    if not wanted:
        return {}
    collector = SceneCollector(rules)
    for report in reports:
        if report.article_id in wanted:
            collector.add(report)
    return collector.scenes()


class SceneCollector:
    """``article_scenes`` of reports given one at a time (a store's, read in a stream)."""

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()
        # (only the articles that tell a political report need theirs: most tell none)
        self.wanted: set[str] = set()
        self.found: dict[str, set[Scene]] = defaultdict(set)

    def add(self, report: Report) -> None:
        if report.kind not in PLACED_KINDS:
            self.wanted.add(report.article_id)
            return
        if not report.admin1:
            return
        interval = date_interval(report.date, report.date_precision, self.rules)
        admin1 = normalise_place(report.admin1)
        if interval is not None and interval[0] == interval[1] and admin1 is not None:
            self.found[report.article_id].add((normalise_place(report.country), admin1, interval[0]))

    def scenes(self) -> dict[str, frozenset[Scene]]:
        return {article: frozenset(found) for article, found in self.found.items() if article in self.wanted}


def _scenes_of_its_time(scenes: frozenset[Scene], interval: tuple[int, int] | None, rules: Rules) -> frozenset[Scene]:
    """The scenes of an article that a political report dated ``interval`` may react to: those
    of its own days (within the date slack). A truce of October says nothing of a riot its
    article tells in February (an incident log's scenes span months); undated, it keeps them all."""
    if interval is None:
        return scenes
    first, last = interval[0] - rules.date_slack_days, interval[1] + rules.date_slack_days
    kept = frozenset(scene for scene in scenes if first <= scene[2] <= last)
    return kept if kept else NO_SCENES


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


_DATES: dict[int, tuple[Rules, dict[tuple[str | None, str | None], tuple[tuple[int, int] | None, str]]]] = {}


def interval_and_precision(date: str | None, precision: str | None, rules: Rules) -> tuple[tuple[int, int] | None, str]:
    """``date_interval`` and ``date_precision_of`` of a date, remembered per rules object (a
    bounded table of small tuples): a million reports carry a few thousand distinct dates."""
    known = _DATES.get(id(rules))
    if known is None or known[0] is not rules:
        known = _DATES[id(rules)] = (rules, {})
    memo = known[1]
    found = memo.get((date, precision))
    if found is None:
        if len(memo) >= 1 << 16:
            memo.clear()
        found = memo[(date, precision)] = (date_interval(date, precision, rules), date_precision_of(date, precision))
    return found


# the fields whose evidence linking reads (casualty_range, for "at least"; a weekday an undated
# report tells, and the day anchoring checks for): the store decodes no
# other evidence for linking, most of a report's size
LINKING_EVIDENCE = ("killed", "wounded", "date")


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
    spans = report.evidence.get(what)
    if not spans:  # (most figures: nothing to read)
        return (low, low)
    evidence = " ".join(span.text for span in spans).casefold()
    if evidence and _lower_bound(rules.lower_bound_markers).search(evidence):
        return (low, None)
    return (low, low)


_HIGH = {"killed": "killed_high", "wounded": "wounded_high"}  # the bound of each figure


def approximate_range(report: Report, what: str, rules: Rules | None = None) -> Range | None:
    """A report's figure as linking compares it: ``casualty_range``, widened when its evidence
    says it is approximate ("nearly a dozen" is 9 to 12, "about 20" 15 to 25): another outlet's
    exact count inside it agrees with it."""
    if not report.evidence.get(what) and getattr(report, _HIGH[what]) is None:
        # (most figures: no bound and nothing to read, the range of ``casualty_range`` at once)
        low = getattr(report, what)
        return None if low is None else (low, low)
    rules = rules or load_rules()
    found = casualty_range(report, what, rules)
    if found is None or found[1] != found[0] or found[0] < 4 or not report.evidence.get(what):
        return found
    evidence = " ".join(span.text for span in report.evidence.get(what, ())).casefold()
    if evidence and _lower_bound(rules.below_markers).search(evidence):
        return (math.ceil(found[0] * 0.75), found[0])
    if evidence and _lower_bound(rules.about_markers).search(evidence):
        return (math.ceil(found[0] * 0.75), found[0] * 5 // 4)
    return found


def vague_figure(report: Report, what: str, rules: Rules | None = None) -> bool:
    """Whether a report's killed or wounded figure is vague: a range ("between 5 and 9") or a
    word with no number in its evidence ("several dead", "dozens wounded"); "at least 10" is exact."""
    rules = rules or load_rules()
    low, high = getattr(report, what), getattr(report, f"{what}_high")
    if low is None:
        return high is not None
    if high is not None and high > low:
        return True
    spans = report.evidence.get(what)
    if not spans:  # (most figures: nothing to read)
        return False
    evidence = " ".join(span.text for span in spans).casefold()
    if not evidence or re.search(r"\d", evidence) or _lower_bound(rules.numeral_words).search(evidence):
        return False
    return _lower_bound(rules.vague_figure_words).search(evidence) is not None


@lru_cache(maxsize=8)
def _lower_bound(markers: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every marker (lower-bound markers, vague words, numerals), each as a whole word or phrase."""
    return re.compile(r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b")


def text_tokens(text: str) -> frozenset[str]:
    """The content words of a report's text, for a cheap Jaccard similarity."""
    return frozenset(_TOKEN.findall(text.casefold())) - _STOP


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a place name, weapon, sub-event type or target, as ``text_tokens`` reads a
    text's: a report's words less those of its own names. Remembered per name: a million reports
    name a few thousand places and weapons (the words of names joined by spaces are the words of
    each name: no word spans a space)."""
    return tuple(_TOKEN.findall(name.casefold()))


_ANY = "\x00any"  # a crowd key's wildcard: a report that names no province meets every province


@lru_cache(maxsize=1 << 16)
def normalise_place(value: str | None) -> str | None:
    """A place name folded for comparison: what transliterations of one name write differently
    does not matter: accents, case, apostrophes, hyphens and spaces ("Khyber-Pakhtunkhwa" and
    "Khyber Pakhtunkhwa", "Sri Nagar" and "Srinagar"), doubled letters ("Banaadir" and
    "Banadir"), the Arabic article ("Ma'arrat al-Nu'man" and "Maarat Numan") and the letter
    folds of ``linking.yaml`` ("Qandahar" and "Kandahar"). Digits stay apart ("Site 4", "Site 44")."""
    if not value:
        return None
    folding = load_rules().place_folding
    text = re.sub(r"['\u2019`]", "", unidecode(value).casefold())
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    # (a name that is all particles keeps them)
    folded = " ".join([w for w in words if w not in folding.particles] or words)
    for written, read in folding.letters:
        folded = folded.replace(written, read)
    # spaces go only between letters: "Site 4" and "Site 44" must not become "site44"
    folded = re.sub(r"(?<=[a-z]) (?=[a-z])", "", folded)
    folded = re.sub(r"([a-z])\1+", r"\1", folded)
    return folded or None


class Statistics:
    """How common each value is in one linking batch: the chance-agreement rates behind each
    field's evidence (``rules.Rules.agreeing``), the weight of each shared word and the prior of
    a pair given its crowd. A batch's reports share one ``Statistics``; a profile made alone
    gets an empty one (base rates only)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.counts: Counter[tuple[object, ...]] = Counter()
        self.totals: Counter[tuple[object, ...]] = Counter()
        self.figures: dict[tuple[object, ...], Counter[int]] = defaultdict(Counter)  # casualty figures
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self._weights: dict[tuple[object, ...], int] = {}
        self.word_weights: dict[str, int] = {}
        self._rare: frozenset[str] | None = None
        self._priors: dict[tuple[str, int], int] = {}

    def count(self, profiles: Sequence[Profile], sign: int = 1) -> None:
        """Count the values of ``profiles`` (``sign=-1``: take them back out, for a report that
        was replaced). Weights asked for before are forgotten: they were of other counts."""
        # field by field, each value counted at C speed (``field_keys``), then each distinct
        # value's count added, not a step per value
        counts, totals = self.counts, self.totals
        for field in _FIELDS:
            for (_, group, value), n in Counter(filter(None, field_keys(profiles, field))).items():
                if field in _RANGED:  # a casualty range: count its lower end
                    self.figures[(field, group)][value[0]] += sign * n  # type: ignore[index]
                else:
                    counts[(field, group, value)] += sign * n
                totals[(field, group)] += sign * n
        for key, n in Counter(("actors", p.kind, actor) for p in profiles for actor in p.actors).items():
            counts[key] += sign * n
        for kind, n in Counter(p.kind for p in profiles if p.actors).items():
            totals[("actors", kind)] += sign * n
        # every report's words at once (one C-level count, not a Python step per word)
        words = chain.from_iterable(p.tokens for p in profiles)
        if sign == 1:
            self.document_frequency.update(words)
        else:
            for token in words:
                self.document_frequency[token] += sign
        self.documents += sign * len(profiles)
        self._weights.clear()
        self.word_weights.clear()
        self._rare = None

    def weight(self, field: str, group: object, value: object) -> int:
        """Evidence units of two reports agreeing on ``value`` of ``field`` (within ``group``).

        A casualty range agrees by chance with every figure inside it: "at least 11" is met by
        far more reports than "11" is.
        """
        key = (field, group, value)
        known = self._weights.get(key)
        if known is None:
            rules = self.rules
            alpha = rules.pseudo_count
            if isinstance(value, tuple):
                low, high = value
                figures = self.figures.get((field, group), Counter())
                count = sum(n for v, n in figures.items() if low <= v and (high is None or v <= high))
            else:
                count = self.counts[key]
            chance = (count + alpha * rules.base_rate[field]) / (self.totals[(field, group)] + alpha)
            known = self._weights[key] = rules.agreeing(field, chance)
        return known

    def word_weight(self, word: str) -> int:
        """Evidence units of two reports sharing ``word``: log(1 + beyond chance / its share)."""
        known = self.word_weights.get(word)
        if known is None:
            rules = self.rules
            alpha = rules.pseudo_count
            share = (self.document_frequency[word] + alpha * rules.word_base_share) / (self.documents + alpha)
            if share > rules.common_share:
                known = 0
            else:
                known = units(min(rules.word_cap, math.log(1.0 + rules.words_beyond_chance / share)))
            self.word_weights[word] = known
        return known

    def rare_words(self) -> frozenset[str]:
        """The words that weigh more than the text cap alone and that more than one report tells
        (``blocking._rare_words``), found once per count: asked word by word, every sweep that
        makes their lists weighed a batch's millions of words again."""
        if self._rare is None:
            cap, weight = self.rules.text_cap_units, self.word_weight
            self._rare = frozenset(w for w, n in self.document_frequency.items() if n > 1 and weight(w) > cap)
        return self._rare

    def prior(self, kind: str, crowd: int) -> int:
        """Evidence units of the prior of a pair of ``kind`` whose busier window holds ``crowd``
        reports: the kind's prior odds, divided by (crowd - 1) ** crowd_exponent."""
        key = (kind, crowd)
        known = self._priors.get(key)
        if known is None:
            rules = self.rules
            chance = rules.prior(kind)
            logit = math.log(chance / (1.0 - chance)) - rules.crowd_exponent * math.log(max(1, crowd - 1))
            known = self._priors[key] = units(logit)
        return known


_EMPTY: dict[int, Statistics] = {}


def _empty_statistics(rules: Rules) -> Statistics:
    """The statistics of no batch (base rates only), one per rules object."""
    known = _EMPTY.get(id(rules))
    if known is None or known.rules is not rules:
        known = _EMPTY[id(rules)] = Statistics(rules)
    return known


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAY_NAMES) + r")\b", re.I)


def day_of_week(report: Report, interval: tuple[int, int] | None) -> int | None:
    """The weekday (Monday 0) of a report's event: its day's, or, undated, the weekday its text
    tells for it (an undated article's "on Monday", kept as the date's evidence with no value)."""
    if interval is not None:
        # (day 1 of the ordinals, 1 January of year 1, was a Monday)
        return (interval[0] + 6) % 7 if interval[0] == interval[1] else None
    spans = report.evidence.get("date") if report.evidence else None
    if not spans:
        return None
    found = {_WEEKDAY_NAMES.index(m.lower()) for span in spans for m in _WEEKDAY.findall(span.text)}
    return found.pop() if len(found) == 1 else None


class Profile:
    """The normalised comparison values of one report (``index`` is its canonical position).

    ``w_<field>`` are the evidence units of another report agreeing on this report's value of the
    field (set by ``weigh`` from the batch's ``Statistics``).
    """

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
        "killed",
        "wounded",
        "tokens",
        "published",
        "weekday",
        "segment",
        "scenes",
        "scene_window",
        "crowd",
        "stats",
        "w_sub",
        "w_weapon",
        "w_target",
        "w_place",
        "w_killed",
        "w_wounded",
    )

    def __init__(
        self,
        index: int,
        report: Report,
        article: ArticleInfo | None,
        rules: Rules,
        stats: Statistics | None = None,
        *,
        weigh: bool = True,
        scenes: frozenset[Scene] = NO_SCENES,
    ) -> None:
        self.index = index
        self.report_id = report.id
        self.article_id = report.article_id
        self.kind = report.kind
        self.sub = report.sub_event_type.casefold() if report.sub_event_type else None
        self.family = sub_event_family(report.sub_event_type)
        self.interval, self.precision = interval_and_precision(report.date, report.date_precision, rules)
        self.weekday = day_of_week(report, self.interval)
        self.country = normalise_place(report.country)
        self.admin1 = normalise_place(report.admin1)
        self.admin2 = normalise_place(report.admin2)
        self.place = normalise_place(report.place)
        self.weapon = normalise_weapon(report.weapon)
        self.target = normalise_text(report.target)
        if report.actors or report.claimed_by or report.denied_by:
            ids = {a.actor_id for a in report.actors if a.role in EVENT_ROLES}
            ids.update(report.claimed_by)
            ids.update(report.denied_by)
            ids -= rules.generic_actors
            if ids and report.country:
                # a country's own military is in most of its attacks: as common as its civilians
                ids = {actor for actor in ids if not own_military(actor, report.country)}
            self.actors = frozenset(ids) if ids else frozenset()
        else:
            self.actors = frozenset()
        self.killed = approximate_range(report, "killed", rules)
        self.wounded = approximate_range(report, "wounded", rules)
        # the report's own place names, weapon, sub-event type and target are weighed as those
        # fields, not again as shared words
        fields = (report.place, report.admin2, report.admin1, report.country, report.weapon, report.sub_event_type, report.target)
        # (a sorted tuple: a frozenset of eight words takes 728 bytes, a tuple 120; a million
        # reports' profiles hold them all at once)
        # (the names' words less the stop words, as ``text_tokens`` gives them: the report's
        # words hold no stop word to take away)
        words = text_tokens(report.text)
        names = [name_words(n) for n in fields if n]
        if names:
            words = words.difference(*names)
        self.tokens: tuple[str, ...] = tuple(sorted(words))
        published = article.published if article is not None else None
        self.published = published.toordinal() if published is not None else None
        if (
            self.interval is not None
            and self.kind in PLACED_KINDS
            and self.precision == "month"
            and self.published is not None
            and self.interval[0] <= self.published < self.interval[1]
        ):
            # news tells what has happened: a bombing "in March" in an article of March 10th
            # happened by the 11th (a day for time zones)
            self.interval = (self.interval[0], min(self.interval[1], self.published + 1))
        self.segment = report.segment
        # (the scenes of its article: evidence only between political reports) and the same
        # within the date slack: two outlets of one story may tell its scene a day apart
        self.scenes = NO_SCENES if report.kind in PLACED_KINDS or not scenes else _scenes_of_its_time(scenes, self.interval, rules)
        self.scene_window = NO_SCENES
        if self.scenes:
            slack = range(-rules.date_slack_days, rules.date_slack_days + 1)
            self.scene_window = frozenset((c, a, day + k) for c, a, day in self.scenes for k in slack)
        self.crowd = 1  # reports it could be confused with; set by ``measure_crowds``
        if weigh:  # (``build_profiles`` weighs every profile once the batch is counted)
            self.weigh(stats or _empty_statistics(rules))

    def weigh(self, stats: Statistics) -> None:
        """Set the evidence weights of this profile's values from ``stats``."""
        self.stats = stats
        self.w_sub = self.w_weapon = self.w_target = self.w_place = self.w_killed = self.w_wounded = 0
        for field, group, value in _field_values(self):
            setattr(self, _WEIGHT_SLOT[field], stats.weight(field, group, value))


FieldKey = tuple[str, object, object]  # (field, group, value)

# each evidence field's (field, group, value) key of a profile, None where it gives none: the
# group is what the value's commonness is measured within (a site within its province, a weapon
# within its family)
_KEYS: dict[str, Callable[[Profile], FieldKey | None]] = {
    "sub_event_type": lambda p: None if p.sub is None else ("sub_event_type", (p.kind, p.family), p.sub),
    "weapon": lambda p: None if p.weapon is None else ("weapon", (p.kind, p.family), p.weapon),
    "target": lambda p: None if p.target is None else ("target", p.kind, p.target),
    "place": lambda p: None if p.place is None else ("place", (p.kind, p.country, p.admin1), p.place),
    "killed": lambda p: None if p.killed is None else ("killed", p.kind, p.killed),
    "wounded": lambda p: None if p.wounded is None else ("wounded", p.kind, p.wounded),
}
_FIELDS = tuple(_KEYS)
_RANGED = frozenset({"killed", "wounded"})


def field_keys(profiles: Iterable[Profile], field: str) -> Iterator[FieldKey | None]:
    """The (field, group, value) key of one field of each profile in turn (None where it gives
    none): a batch is counted and weighed a field at a time, not a list of keys per profile. Made
    as they are read: a million reports' keys held at once took hundreds of megabytes."""
    key = _KEYS.get(field)
    if key is None:
        raise ValueError(f"no such evidence field: {field!r}")
    return map(key, profiles)


def _field_values(p: Profile) -> list[FieldKey]:
    """(field, group, value) of each evidence field a profile gives."""
    return [k for key in _KEYS.values() if (k := key(p)) is not None]


_WEIGHT_SLOT = {
    "sub_event_type": "w_sub",
    "weapon": "w_weapon",
    "target": "w_target",
    "place": "w_place",
    "killed": "w_killed",
    "wounded": "w_wounded",
}


def _crowd_keys(kind: str, country: str | None, admin1: str | None, family: str | None) -> list[tuple[object, ...]]:
    """The crowd blocks a dated report of these values counts in: its own, and those of reports
    that name no province or no sub-event family (which meet every province or family of their
    country)."""
    keys: list[tuple[object, ...]] = [(kind, country, _ANY, _ANY)]
    if admin1 is not None:
        keys.append((kind, country, admin1, _ANY))
    if family is not None:
        keys.append((kind, country, _ANY, family))
        if admin1 is not None:
            keys.append((kind, country, admin1, family))
    return keys


class Crowds:
    """Day-dated reports per crowd block and day (``measure_crowds``), counted as reports come
    and go, so that a batch can be measured against every report a linker holds."""

    def __init__(self) -> None:
        self.per_day: dict[tuple[object, ...], Counter[int]] = defaultdict(Counter)
        self.totals: Counter[tuple[object, ...]] = Counter()

    def count(self, profiles: Sequence[Profile], sign: int = 1) -> None:
        # (the reports of one kind, country, province, family and day counted at C speed first:
        # a million reports fall on some hundred thousand of them)
        days = Counter(
            (p.kind, p.country, p.admin1, p.family, p.interval[0]) for p in profiles if p.interval is not None and p.interval[0] == p.interval[1]
        )
        for (kind, country, admin1, family, day), n in days.items():
            for key in _crowd_keys(kind, country, admin1, family):
                self.per_day[key][day] += sign * n
                self.totals[key] += sign * n


def measure_crowds(profiles: list[Profile], crowds: Crowds | None = None) -> None:
    """Set each profile's ``crowd``: how many day-dated reports of its kind, province and sub-event
    family fall in its date window (itself included); an undated report's window is all time.
    A pair in a crowded window needs more evidence (``Statistics.prior``): two same-day rocket
    attacks in one province are likely one event when the province sees one attack a week, and
    likely two when it sees dozens a day. ``crowds`` (default: those of ``profiles`` alone) are
    the counts to measure against.
    """
    if crowds is None:
        crowds = Crowds()
        crowds.count(profiles)
    per_day, totals = crowds.per_day, crowds.totals
    # each block's days in order with the running count before each: a window of weeks or a
    # year is counted by two binary searches, not a step per day (a year-dated report's walked
    # every day of its block)
    running: dict[tuple[object, ...], tuple[list[int], list[int]]] = {}
    # (measured once per distinct block and window, then set at C speed: a million reports have
    # some hundred thousand)
    def windows() -> Iterator[tuple[str, str | None, str, str, tuple[int, int] | None]]:  # (made as read: a million held took 80 MB)
        return ((p.kind, p.country, p.admin1 or _ANY, p.family or _ANY, p.interval) for p in profiles)

    crowd_of: dict[tuple[object, ...], int] = {}
    for window in set(windows()):
        kind, country, admin1, family, interval = window
        key = (kind, country, admin1, family)
        days = per_day.get(key)
        if not days or not totals[key]:
            crowd = 1
        elif interval is None:
            crowd = totals[key] + 1
        elif interval[0] == interval[1]:
            crowd = max(1, days.get(interval[0], 0))
        else:
            found = running.get(key)
            if found is None:
                ordered = sorted(days.items())
                found = running[key] = ([d for d, _ in ordered], list(accumulate((n for _, n in ordered), initial=0)))
            order, before = found
            crowd = max(1, before[bisect_right(order, interval[1])] - before[bisect_left(order, interval[0])])
        crowd_of[window] = crowd
    set_each("crowd", profiles, map(crowd_of.__getitem__, windows()))


def build_profiles(
    reports: list[Report],
    articles: Mapping[str, ArticleInfo],
    rules: Rules | None = None,
    stats: Statistics | None = None,
    crowds: Crowds | None = None,
    scenes: Mapping[str, frozenset[Scene]] | None = None,
) -> list[Profile]:
    """Profiles of ``reports`` in the given order (their index is their position), weighed by the
    statistics of the whole batch, or by ``stats`` and ``crowds`` when given (counts of a larger
    set that holds these reports: a linker's, so that which reports are re-linked together does
    not change how much a value weighs). ``scenes`` (default: ``article_scenes`` of ``reports``)
    are the scenes of each article, from all of its reports."""
    rules = rules or load_rules()
    if scenes is None:
        scenes = article_scenes(reports, rules)
    profiles = [
        Profile(i, r, articles.get(r.article_id), rules, weigh=False, scenes=scenes.get(r.article_id, NO_SCENES))
        for i, r in enumerate(reports)
    ]
    return weigh_profiles(profiles, rules, stats, crowds)


def weigh_profiles(
    profiles: list[Profile], rules: Rules, stats: Statistics | None = None, crowds: Crowds | None = None
) -> list[Profile]:
    """Weigh unweighed profiles by ``stats`` (counted over these profiles when None) and measure
    their date-window crowds (over these profiles when ``crowds`` is None); returns them."""
    if stats is None:
        stats = Statistics(rules)
        stats.count(profiles)
    # (``Profile.weigh`` of each, a field at a time: each distinct value weighed once, and the
    # weights set through the slots' descriptors at C speed, not a ``setattr`` per value)
    set_each("stats", profiles, repeat(stats))
    for field in _FIELDS:
        weights: dict[FieldKey | None, int] = {key: stats.weight(*key) for key in set(filter(None, field_keys(profiles, field)))}
        weights[None] = 0
        set_each(_WEIGHT_SLOT[field], profiles, map(weights.__getitem__, field_keys(profiles, field)))
    measure_crowds(profiles, crowds)
    return profiles


def set_each(slot: str, profiles: Iterable[Profile], values: Iterable[object]) -> None:
    """Set the slot named ``slot`` of each profile to the matching value, at C speed (through the
    slot's descriptor): no Python step per profile."""
    descriptor: Any = getattr(Profile, slot)
    deque(map(descriptor.__set__, profiles, values), maxlen=0)
