"""Entities of an article from the NLP stage (resolved by their fields: ``fields.place``, ``fields.actors``).

The cheap pass (``fast_pipeline``: the KB's entity ruler) runs over the whole text. The
statistical model, when one is asked for, runs only over the few sentences that describe an
event, to find names the knowledge base does not know (places as GPE/LOC, groups as ORG).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventledger.models import Actor

if TYPE_CHECKING:
    from eventledger.kb import KnowledgeBase


@dataclass(frozen=True)
class Entity:
    label: str  # ACTOR | PLACE | OUTLET, or a statistical label (GPE, LOC, ORG, PERSON, NORP)
    start: int
    end: int
    text: str
    kb_id: str | None = None


def get_kb() -> KnowledgeBase:
    """The knowledge base (cached by the KB stage itself; imported on first use)."""
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


@lru_cache(maxsize=65536)
def outlet(name: str) -> Actor | None:
    """The KB outlet a name refers to (cached: outlet names repeat in every article)."""
    return get_kb().outlet(name)
