"""spaCy EntityRuler patterns made from the knowledge base.

The KB holds names and matching; this module turns them into patterns. Aliases become phrase
patterns (matched on lower case by the ruler). Aliases that are also ordinary words ("Hit",
"Karma") or exact-case acronyms ("IS", "AP") become token patterns on ``ORTH``, so they only
match written exactly so. When two entries share a spelling the first claim wins: actors before
places, and places in the KB's priority order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from eventledger.kb import KnowledgeBase
from eventledger.kb.normalize import simplify
from eventledger.kb.places import Entry
from eventledger.models import Actor

Pattern = dict[str, Any]  # {"label": ACTOR|OUTLET|PLACE, "pattern": str | [{"ORTH": ...}], "id": kb_id}

_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)-(?=\w)")
_APOSTROPHES = re.compile(r"['’‘`ʿʾ]")
_AND = re.compile(r"(?<=\w) and (?=\w)", re.I)


def spelling_variants(alias: str) -> list[str]:
    """The alias plus the ways texts write its article, apostrophes ("al-X", "al X", "X") and
    "and" ("Jammu & Kashmir": one place, not "Jammu" beside an ampersand)."""
    variants = [alias]
    if _AND.search(alias):
        variants.append(_AND.sub(" & ", alias))
    if _ARTICLE.search(alias):
        variants.append(_ARTICLE.sub(r"\1 ", alias))
        variants.append(_ARTICLE.sub("", alias))
    without = [_APOSTROPHES.sub("", v) for v in variants]
    variants.extend(without)
    return list(dict.fromkeys(v for v in variants if v.strip()))


@cache
def _tokenizer() -> Callable[[str], Doc]:
    """One blank English tokenizer, made on first use."""
    return spacy.blank("en").tokenizer


def _orth_pattern(label: str, alias: str, id_: str) -> Pattern:
    return {"label": label, "pattern": [{"ORTH": t.text} for t in _tokenizer()(alias)], "id": id_}


@dataclass
class _Claims:
    """Spellings already given to an entry: lower-cased phrases, and exact-case token patterns."""

    phrases: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)


def _label(actor: Actor) -> str:
    return "OUTLET" if actor.kind == "outlet" else "ACTOR"


def _actor_patterns(kb: KnowledgeBase, claims: _Claims) -> list[Pattern]:
    """Exact-case aliases first, then every other alias in its spelling variants."""
    registry = kb.registry
    exact_aliases = registry.exact_aliases()
    patterns = []
    for alias, actor_id in exact_aliases.items():
        patterns.append(_orth_pattern(_label(kb.actors[actor_id]), alias, actor_id))
        claims.exact.add(alias)
    for actor in kb.actors.values():
        for alias in actor.aliases:
            if alias in exact_aliases or alias in registry.no_pattern:
                continue
            for variant in spelling_variants(alias):
                low = variant.lower()
                if low in claims.phrases:
                    continue
                claims.phrases.add(low)
                if simplify(variant) in kb.common_words:
                    patterns.append(_orth_pattern(_label(actor), variant, actor.id))
                else:
                    patterns.append({"label": _label(actor), "pattern": variant, "id": actor.id})
    return patterns


def _place_pattern(kb: KnowledgeBase, entry: Entry, variant: str, claims: _Claims) -> Pattern | None:
    """The pattern of one spelling of a place's name, or None when it must not be one."""
    low = variant.lower().strip()
    if variant.isupper() and variant.isalpha() and 2 <= len(variant) <= 4:
        # "US", "UK", "UAE": acronyms that are (or look like) words match in capitals only
        if variant in claims.exact or low in claims.phrases:
            return None
        claims.exact.add(variant)
        return _orth_pattern("PLACE", variant, _resolved_id(kb, variant, entry))
    if low in claims.phrases or len(low) < 3 or low in STOP_WORDS:
        return None
    claims.phrases.add(low)
    if simplify(variant) in kb.common_words:
        # "North", "Centre", "Colonia": region names of other countries that are words first;
        # only a curated Iraqi place ("Hit") keeps a capitalised pattern
        if entry.priority[0] == 0 and variant[:1].isupper() and variant not in claims.exact:
            claims.exact.add(variant)
            return _orth_pattern("PLACE", variant, entry.place.id)
        return None
    return {"label": "PLACE", "pattern": variant, "id": _resolved_id(kb, variant, entry)}


def _resolved_id(kb: KnowledgeBase, name: str, entry: Entry) -> str:
    """The id ``kb.match_place`` gives the name, so that the ruler and the matcher agree (for
    "Tehran" both give the city, not the province of the same name)."""
    place = kb.match_place(name)
    return place.id if place is not None else entry.place.id


def build_patterns(kb: KnowledgeBase) -> list[Pattern]:
    """Every pattern, each ``{"label": ACTOR|OUTLET|PLACE, "pattern": str|list, "id": kb_id}``."""
    claims = _Claims()
    patterns = _actor_patterns(kb, claims)
    for entry in kb.place_entries():
        if not entry.in_patterns:
            continue
        for name in entry.names:
            for variant in spelling_variants(name):
                pattern = _place_pattern(kb, entry, variant, claims)
                if pattern is not None:
                    patterns.append(pattern)
    return patterns


def split_patterns(patterns: list[Pattern]) -> tuple[list[Pattern], list[Pattern]]:
    """KB patterns as (case-insensitive phrases, exact-case phrases).

    The KB gives exact-case aliases ("IS", "Hit") as token patterns on ORTH; as phrases matched
    on the token's text (the exact-case ruler) they are the same patterns, matched at no cost.
    """
    folded: list[Pattern] = []
    exact: list[Pattern] = []
    for pattern in patterns:
        tokens = pattern["pattern"]
        if isinstance(tokens, list) and all(set(t) == {"ORTH"} for t in tokens):
            exact.append({**pattern, "pattern": " ".join(t["ORTH"] for t in tokens)})
        else:
            folded.append(pattern)
    return folded, exact
