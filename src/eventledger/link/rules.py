"""The linking rules of ``data/linking.yaml``, loaded once, plus the normalisers built from them.

Pair evidence is kept in integer *units* of 1/``UNIT`` logit: sums of integers are exact, so the
pair scorer of ``compare`` and the bulk scorer of ``bulk`` add the same evidence in any order
and agree to the last bit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventledger import taxonomy
from eventledger.datafiles import load_yaml

UNIT = 1024  # evidence units per logit

# The fields whose agreement is weighed by how common the agreeing value is.
EVIDENCE_FIELDS = ("sub_event_type", "weapon", "target", "place", "killed", "wounded", "actors")


def units(logit: float) -> int:
    """A log-odds value in evidence units."""
    return round(logit * UNIT)


@dataclass(frozen=True)
class PlaceFolding:
    """How place names are folded before they are compared (``features.normalise_place``)."""

    particles: frozenset[str]  # words transliterations write or drop (the Arabic article)
    letters: tuple[tuple[str, str], ...]  # (written, read): letters one name is written with


@dataclass(frozen=True)
class Rules:
    """Every tunable of linking, as plain values."""

    weapon_aliases: dict[str, str]  # normalised alias -> weapon class
    place_folding: PlaceFolding
    families: dict[str, str]  # lower-cased sub-event type -> family
    lower_bound_markers: tuple[str, ...]
    vague_figure_words: tuple[str, ...]  # a figure told only by these is vague ("several", "dozens")
    below_markers: tuple[str, ...]  # an approximate figure at most the one given ("nearly 12")
    about_markers: tuple[str, ...]  # an approximate figure either side of it ("about 20")
    numeral_words: tuple[str, ...]  # number words: a figure whose evidence holds one (or a digit) is exact
    casualty_factor: float
    casualty_slack: int
    casualty_far_factor: int  # figures further apart than this (with the slack) never link
    date_slack_days: int
    week_half_width: int
    agreement: dict[str, float]  # m: how often two accounts of one event agree on a field
    base_rate: dict[str, float]  # chance agreement before the batch says more
    pseudo_count: float
    same_day: float
    close_share: float
    close_slack: int
    words_beyond_chance: float
    word_cap: float
    common_share: float
    text_cap: float
    word_base_share: float
    priors: dict[str, float]
    crowd_exponent: float
    related_weapons: frozenset[tuple[str, str]]
    generic_actors: frozenset[str]
    threshold: float
    coarse_margin: float
    undated_margin: float
    undated_recent_days: int  # an undated report tells an event of these days before publication
    neighbours: int
    unknown_date_list: int
    against_units: dict[str, int]  # evidence units of a disagreement on each field: log(1 - m)
    same_day_units: int  # two day-precision dates on the same day ...
    day_apart_units: int  # ... and a day apart
    same_weekday_units: int  # an undated report's weekday that is the other's (one day in seven)
    threshold_units: int
    coarse_units: int  # the threshold plus the coarse-date margin
    undated_units: int  # the threshold plus the undated margin
    text_cap_units: int
    # the most the rare shared words (each weighing more than ``text_cap_units`` alone) weigh
    # together, beyond the capped rest of the text
    rare_words_cap_units: int
    actors_cap_units: int  # the most a shared cast weighs
    scene_units: int  # two political reports whose articles tell a scene of one place and day
    apart_units: int  # two casualty figures beyond the tolerance (but not far apart)
    unplaced_units: int  # the undated threshold when a report names no place
    # A month-dated report left alone joins the event whose best report beats every other
    # event's best by this much evidence (units; 0: never): see ``attach``.
    coarse_best_margin_units: int = 0

    def prior(self, kind: str) -> float:
        """Prior probability that two reports of this kind in a quiet window are one event."""
        return self.priors.get(kind, self.priors.get("default", 0.3))

    def agreeing(self, field: str, chance: float) -> int:
        """Evidence units of agreeing on a value that two reports share by chance this often:
        log(m / u), never below nothing (agreeing never speaks against)."""
        return max(0, units(math.log(self.agreement[field] / chance)))


def _build(raw: dict[str, Any]) -> Rules:
    aliases: dict[str, str] = {}
    for weapon, words in raw["weapons"].items():
        aliases[_fold(weapon)] = weapon
        for word in words:
            aliases[_fold(str(word))] = weapon
    families = {sub.casefold(): family for sub in taxonomy.sub_event_types() if (family := taxonomy.family_of(sub))}
    tolerance = raw["casualty_tolerance"]
    evidence = raw["evidence"]
    related = set()
    for group in raw.get("related_weapons") or ():
        for left in group:
            for right in group:
                if left != right:
                    related.add((str(left), str(right)))
    agreement = {k: float(evidence["agreement"][k]) for k in EVIDENCE_FIELDS}
    slack = int(raw["date_slack_days"])
    days = 2 * slack + 1
    same_day = float(evidence["same_day"])
    threshold = float(raw["threshold"])
    return Rules(
        weapon_aliases=aliases,
        place_folding=PlaceFolding(
            particles=frozenset(str(w) for w in raw["place_folding"]["particles"]),
            letters=tuple((str(k), str(v)) for k, v in raw["place_folding"]["letters"].items()),
        ),
        families=families,
        lower_bound_markers=tuple(str(m).casefold() for m in raw["lower_bound_markers"]),
        vague_figure_words=tuple(str(m).casefold() for m in raw["vague_figures"]["words"]),
        numeral_words=tuple(str(m).casefold() for m in raw["vague_figures"]["numerals"]),
        below_markers=tuple(str(m).casefold() for m in raw["approximate_figures"]["below"]),
        about_markers=tuple(str(m).casefold() for m in raw["approximate_figures"]["about"]),
        casualty_factor=float(tolerance["factor"]),
        casualty_slack=int(tolerance["slack"]),
        casualty_far_factor=int(tolerance["far_factor"]),
        date_slack_days=slack,
        week_half_width=int(raw["week_half_width"]),
        agreement=agreement,
        base_rate={k: float(evidence["base_rate"][k]) for k in EVIDENCE_FIELDS},
        pseudo_count=float(evidence["pseudo_count"]),
        same_day=same_day,
        close_share=float(evidence["close_share"]),
        close_slack=int(evidence["close_slack"]),
        words_beyond_chance=float(evidence["words_beyond_chance"]),
        word_cap=float(evidence["word_cap"]),
        common_share=float(evidence["common_share"]),
        text_cap=float(evidence["text_cap"]),
        word_base_share=float(evidence["word_base_share"]),
        priors={k: float(v) for k, v in raw["priors"].items()},
        crowd_exponent=float(raw.get("crowd_exponent", 1.0)),
        related_weapons=frozenset(related),
        generic_actors=frozenset(str(a) for a in raw.get("generic_actors") or ()),
        threshold=threshold,
        coarse_margin=float(raw.get("coarse_margin", 0.0)),
        undated_margin=float(raw["unknown_date"]["margin"]),
        undated_recent_days=int(raw["unknown_date"]["recent_days"]),
        neighbours=int(raw["caps"]["neighbours"]),
        unknown_date_list=int(raw["caps"]["unknown_date_list"]),
        against_units={k: units(math.log(1.0 - m)) for k, m in agreement.items()},
        same_day_units=units(math.log(same_day * days)),
        day_apart_units=units(math.log((1.0 - same_day) * days / max(days - 1, 1))),
        same_weekday_units=units(math.log(same_day * 7)),
        threshold_units=units(threshold),
        coarse_units=units(threshold + float(raw.get("coarse_margin", 0.0))),
        undated_units=units(threshold + float(raw["unknown_date"]["margin"])),
        text_cap_units=units(float(evidence["text_cap"])),
        rare_words_cap_units=units(float(evidence.get("rare_words_cap", evidence["text_cap"]))),
        actors_cap_units=units(float(evidence["actors_cap"])),
        scene_units=units(float(evidence["shared_scene"])),
        apart_units=units(math.log(float(evidence["apart_share"]))),
        unplaced_units=units(threshold + float(raw["unknown_date"]["margin"]) + float(raw["unknown_date"]["unplaced_margin"])),
        coarse_best_margin_units=units(float(raw.get("coarse_best_margin", 0.0))),
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The rules from the packaged data file (read once per process)."""
    return _build(load_yaml("eventledger.link", "linking.yaml"))


_NON_WORD = re.compile(r"[^\w\-]+")


def _fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


@lru_cache(maxsize=1 << 16)
def normalise_text(value: str | None) -> str | None:
    """Case- and punctuation-folded form of a free-text value (place, target); None if empty."""
    if value is None:
        return None
    folded = _fold(value)
    return folded or None


@lru_cache(maxsize=4096)
def normalise_weapon(value: str | None) -> str | None:
    """The weapon class of a weapon phrase: "BM-21 rockets", "Katyusha rockets" -> "rocket".

    The whole phrase is looked up first, then its words from the last (the head noun in
    English) to the first; an unknown phrase stays as its folded self so that two identical
    unknown weapons still agree.
    """
    folded = normalise_text(value)
    if folded is None:
        return None
    aliases = load_rules().weapon_aliases
    if folded in aliases:
        return aliases[folded]
    words = folded.split()
    for size in (3, 2):
        for start in range(len(words) - size, -1, -1):
            phrase = " ".join(words[start : start + size])
            if phrase in aliases:
                return aliases[phrase]
    for word in reversed(words):
        if word in aliases:
            return aliases[word]
    return folded


@lru_cache(maxsize=4096)
def sub_event_family(sub_event_type: str | None) -> str | None:
    """The family of an ACLED sub-event type (remote, battle, civilians, ...); None if unknown.
    (Remembered per type, as ``normalise_place`` is: every report's profile asks.)"""
    if not sub_event_type:
        return None
    return load_rules().families.get(sub_event_type.casefold(), sub_event_type.casefold())
