"""The linking rules of ``data/linking.yaml``, loaded once, plus the normalisers built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventledger import taxonomy
from eventledger.datafiles import load_yaml


@dataclass(frozen=True)
class Rules:
    """Every tunable of linking, as plain values."""

    weapon_aliases: dict[str, str]  # normalised alias -> weapon class
    families: dict[str, str]  # lower-cased sub-event type -> family
    lower_bound_markers: tuple[str, ...]
    casualty_factor: float
    casualty_slack: int
    date_slack_days: int
    week_half_width: int
    weights: dict[str, float]
    mismatch_weights: dict[str, float]
    priors: dict[str, float]
    text_full_agreement: float
    threshold: float
    coarse_margin: float
    crowd_reference: int
    crowd_margin: float
    unknown_min_score: float
    unknown_features: dict[str, int]
    unknown_strong_features: int
    neighbours: int
    unknown_date_list: int

    def unknown_min_features(self, kind: str) -> int:
        """Agreeing specific features an undated report of this kind needs to join a cluster."""
        return self.unknown_features.get(kind, self.unknown_features.get("default", 3))

    def undated_agreement_suffices(self, kind: str, score: float, agreeing: int) -> bool:
        """Whether a pair involving an undated (or year-dated) report agrees strongly enough to link."""
        if agreeing >= self.unknown_strong_features:
            return score >= self.threshold
        return score >= self.unknown_min_score and agreeing >= self.unknown_min_features(kind)

    def prior(self, kind: str) -> float:
        return self.priors.get(kind, self.priors.get("default", 0.3))


def _build(raw: dict[str, Any]) -> Rules:
    aliases: dict[str, str] = {}
    for weapon, words in raw["weapons"].items():
        aliases[_fold(weapon)] = weapon
        for word in words:
            aliases[_fold(str(word))] = weapon
    families = {sub.casefold(): family for sub in taxonomy.sub_event_types() if (family := taxonomy.family_of(sub))}
    tolerance = raw["casualty_tolerance"]
    return Rules(
        weapon_aliases=aliases,
        families=families,
        lower_bound_markers=tuple(str(m).casefold() for m in raw["lower_bound_markers"]),
        casualty_factor=float(tolerance["factor"]),
        casualty_slack=int(tolerance["slack"]),
        date_slack_days=int(raw["date_slack_days"]),
        week_half_width=int(raw["week_half_width"]),
        weights={k: float(v) for k, v in raw["weights"].items()},
        mismatch_weights={k: float(v) for k, v in (raw.get("mismatch_weights") or {}).items()},
        priors={k: float(v) for k, v in raw["priors"].items()},
        text_full_agreement=float(raw["text_full_agreement"]),
        threshold=float(raw["threshold"]),
        coarse_margin=float(raw.get("coarse_margin", 0.0)),
        crowd_reference=int(raw.get("crowd", {}).get("reference", 4)),
        crowd_margin=float(raw.get("crowd", {}).get("margin_per_doubling", 0.0)),
        unknown_min_score=float(raw["unknown_date"]["min_score"]),
        unknown_features={k: int(v) for k, v in raw["unknown_date"]["min_agreeing_features"].items()},
        unknown_strong_features=int(raw["unknown_date"].get("strong_features", 99)),
        neighbours=int(raw["caps"]["neighbours"]),
        unknown_date_list=int(raw["caps"]["unknown_date_list"]),
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


def sub_event_family(sub_event_type: str | None) -> str | None:
    """The family of an ACLED sub-event type (remote, battle, civilians, ...); None if unknown."""
    if not sub_event_type:
        return None
    return load_rules().families.get(sub_event_type.casefold(), sub_event_type.casefold())
