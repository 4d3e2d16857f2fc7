"""Entities of an article from the NLP stage, resolved against the knowledge base.

The cheap pass (``fast_pipeline``: the KB's entity ruler) runs over the whole text. The
statistical model, when one is asked for, runs only over the few sentences that describe an
event, to find names the knowledge base does not know (places as GPE/LOC, groups as ORG).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from eventledger.datafiles import load_yaml
from eventledger.models import Place


@dataclass(frozen=True)
class Entity:
    label: str  # ACTOR | PLACE | OUTLET, or a statistical label (GPE, LOC, ORG, PERSON, NORP)
    start: int
    end: int
    text: str
    kb_id: str | None = None


def get_kb() -> Any:
    """The knowledge base (cached by the KB stage itself)."""
    from eventledger.kb import load_kb

    return load_kb()


def find_entities(text: str) -> list[Entity]:
    """Knowledge-base entities of ``text`` from the fast pipeline, in text order."""
    from eventledger.nlp import fast_pipeline

    nlp = fast_pipeline()
    # sentences are cut by extract.segment (line-aware); the pipeline's sentencizer is not needed
    doc = nlp(text, disable=[name for name in ("sentencizer",) if name in nlp.pipe_names])
    return [Entity(e.label_, e.start_char, e.end_char, e.text, e.ent_id_ or None) for e in doc.ents]


_STATISTICAL = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ACTOR", "NORP": None, "PERSON": "ACTOR"}


def statistical_entities(text: str, spans: Iterable[tuple[int, int]], model: str) -> list[Entity]:
    """Names the statistical model finds in the given character ranges only, as KB-style labels."""
    from eventledger.nlp import ner_pipeline

    nlp = ner_pipeline(model)
    ranges = list(spans)
    found: list[Entity] = []
    for (start, _end), doc in zip(ranges, nlp.pipe(text[s:e] for s, e in ranges), strict=True):
        for ent in doc.ents:
            label = ent.label_ if ent.label_ in ("ACTOR", "PLACE", "OUTLET") else _STATISTICAL.get(ent.label_)
            if label:
                found.append(Entity(label, start + ent.start_char, start + ent.end_char, ent.text, ent.ent_id_ or None))
    return found


def merge_entities(base: list[Entity], extra: list[Entity]) -> list[Entity]:
    """``base`` plus the entities of ``extra`` that overlap none of it, in text order."""
    out = list(base)
    for entity in extra:
        if not any(entity.start < b.end and b.start < entity.end for b in base):
            out.append(entity)
    out.sort(key=lambda e: e.start)
    return out


@cache
def _place_data() -> dict:
    data = load_yaml("eventledger.extract", "places.yaml")
    described = {k: v for k, v in data["descriptions"].items()}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(described, key=len, reverse=True)) + r")(?!\w)", re.I
    )
    return {**data, "description_regex": pattern, "described": described}


def description_places(text: str) -> list[Entity]:
    """Places named by a description ("the Iraqi capital")."""
    data = _place_data()
    return [
        Entity("PLACE", m.start(), m.end(), data["described"][m.group(1).lower()], None)
        for m in data["description_regex"].finditer(text)
    ]


def is_modifier(text: str, entity: Entity) -> bool:
    """Whether a place name only modifies an actor ("Iran-backed", "pro-Tehran")."""
    data = _place_data()
    after = text[entity.end:entity.end + 12].lower()
    before = text[max(0, entity.start - 5):entity.start].lower()
    if any(after.startswith(s) for s in data["modifier_suffixes"]) or any(before.endswith(p) for p in data["modifier_prefixes"]):
        return True
    # case matters here: "Baghdad Today" is a newspaper, "Baghdad today" a place and a day
    following = text[entity.end:entity.end + 14].split(maxsplit=1)
    return bool(following) and text[entity.end:entity.end + 1] == " " and following[0].strip(".,;:)’'\"") in data["outlet_name_words"]


def resolve_place(entity: Entity) -> Place | None:
    """The KB place an entity names, or None."""
    return _place(entity.text, entity.kb_id)


@lru_cache(maxsize=65536)
def _place(text: str, kb_id: str | None) -> Place | None:
    # names repeat across articles: the fuzzy fallback is paid once per name and process
    kb = get_kb()
    if kb_id and kb_id in kb.places:
        return kb.places[kb_id]
    return kb.match_place(text)


def specificity(place: Place) -> int:
    """0 for a named site (most specific) up to 4 for a country."""
    order = _place_data()["specificity"]
    return order.index(place.kind) if place.kind in order else len(order)


def actor_id(entity: Entity) -> str:
    """The KB id of an actor mention, or a stable id for an unknown name."""
    return _actor(entity.text, entity.kb_id)


@lru_cache(maxsize=65536)
def _actor(text: str, kb_id: str | None) -> str:
    kb = get_kb()
    if kb_id and kb_id in kb.actors:
        return kb_id
    return kb.actor_id(text)


@lru_cache(maxsize=65536)
def outlet(name: str) -> Any:
    """The KB outlet a name refers to (cached: outlet names repeat in every article)."""
    return get_kb().outlet(name)


def actor_name(actor: str, fallback: str) -> str:
    """The canonical name of an actor id (the surface form when it is not in the KB)."""
    known = get_kb().actors.get(actor)
    return known.name if known is not None else fallback
