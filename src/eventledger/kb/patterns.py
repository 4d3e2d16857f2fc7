"""spaCy EntityRuler patterns made from the knowledge base.

Aliases become phrase patterns (matched on lower case by the ruler). Aliases that are also
ordinary words ("Hit", "Karma") or exact-case acronyms ("IS", "AP") become token patterns on
``ORTH``, so they only match written exactly so. When two entries share a spelling the first
claim wins: actors before places, and places in the KB's priority order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from eventledger.kb.normalize import simplify

if TYPE_CHECKING:
    from eventledger.kb.base import KnowledgeBase

_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)-(?=\w)")
_APOSTROPHES = re.compile(r"['’‘`ʿʾ]")


def spelling_variants(alias: str) -> list[str]:
    """The alias plus the ways texts write its article and apostrophes ("al-X", "al X", "X")."""
    variants = [alias]
    if _ARTICLE.search(alias):
        variants.append(_ARTICLE.sub(r"\1 ", alias))
        variants.append(_ARTICLE.sub("", alias))
    without = [_APOSTROPHES.sub("", v) for v in variants]
    variants.extend(without)
    return list(dict.fromkeys(v for v in variants if v.strip()))


def _tokens(alias: str) -> list[str]:
    import spacy

    tokenizer = _tokenizer(spacy)
    return [t.text for t in tokenizer(alias)]


_TOKENIZER: Any = None


def _tokenizer(spacy: Any) -> Any:
    global _TOKENIZER  # one blank English tokenizer, made on first use
    if _TOKENIZER is None:
        _TOKENIZER = spacy.blank("en").tokenizer
    return _TOKENIZER


def _orth_pattern(label: str, alias: str, id_: str) -> dict[str, Any]:
    return {"label": label, "pattern": [{"ORTH": t} for t in _tokens(alias)], "id": id_}


def build_patterns(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every pattern, each ``{"label": ACTOR|OUTLET|PLACE, "pattern": str|list, "id": kb_id}``."""
    from spacy.lang.en.stop_words import STOP_WORDS

    patterns: list[dict[str, Any]] = []
    claimed: set[str] = set()  # lower-cased phrase patterns already used
    claimed_exact: set[str] = set()
    exact_aliases = kb.exact_aliases()
    for alias, actor_id in exact_aliases.items():
        label = "OUTLET" if kb.actors[actor_id].kind == "outlet" else "ACTOR"
        patterns.append(_orth_pattern(label, alias, actor_id))
        claimed_exact.add(alias)
    for actor in kb.actors.values():
        label = "OUTLET" if actor.kind == "outlet" else "ACTOR"
        for alias in actor.aliases:
            if alias in exact_aliases or alias in kb.no_pattern:
                continue
            for variant in spelling_variants(alias):
                low = variant.lower()
                if low in claimed:
                    continue
                claimed.add(low)
                if simplify(variant) in kb.common_words:
                    patterns.append(_orth_pattern(label, variant, actor.id))
                else:
                    patterns.append({"label": label, "pattern": variant, "id": actor.id})
    for entry in kb.place_entries():
        if not entry.in_patterns:
            continue
        for name in entry.names:
            for variant in spelling_variants(name):
                low = variant.lower().strip()
                if variant.isupper() and variant.isalpha() and 2 <= len(variant) <= 4:
                    # "US", "UK", "UAE": acronyms that are (or look like) words match in capitals only
                    if variant not in claimed_exact and low not in claimed:
                        claimed_exact.add(variant)
                        patterns.append(_orth_pattern("PLACE", variant, _resolved_id(kb, variant, entry)))
                    continue
                if low in claimed or len(low) < 3 or low in STOP_WORDS:
                    continue
                claimed.add(low)
                if simplify(variant) in kb.common_words:
                    # "North", "Centre", "Colonia": region names of other countries that are words
                    # first; only a curated Iraqi place ("Hit") keeps a capitalised pattern
                    if entry.priority[0] == 0 and variant[:1].isupper() and variant not in claimed_exact:
                        claimed_exact.add(variant)
                        patterns.append(_orth_pattern("PLACE", variant, entry.place.id))
                    continue
                patterns.append({"label": "PLACE", "pattern": variant, "id": _resolved_id(kb, variant, entry)})
    return patterns


def _resolved_id(kb: KnowledgeBase, name: str, entry: Any) -> str:
    """The id ``kb.match_place`` gives the name, so that the ruler and the matcher agree (for
    "Tehran" both give the city, not the province of the same name)."""
    place = kb.match_place(name)
    return place.id if place is not None else entry.place.id
