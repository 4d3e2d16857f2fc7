"""Entities of an article from the NLP stage (resolved by their fields: ``fields.place``, ``fields.actors``).

The cheap pass (``fast_pipeline``: the KB's entity ruler) runs over the whole text. The
statistical model, when one is asked for, runs only over the few sentences that describe an
event, to find names the knowledge base does not know (places as GPE/LOC, groups as ORG).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


LONGEST_SENTENCE = 5_000  # characters of one sentence the statistical model reads
PIECE = 100_000  # characters the fast pipeline reads at once (spaCy refuses texts past its max_length, E088)


def pieces(text: str, size: int = PIECE) -> Iterator[tuple[int, int]]:
    """``(start, end)`` ranges that cover ``text`` end to end, each at most ``size`` characters,
    cut after a line break where there is one in the second half of a piece, else after a space
    (a name is never cut in two unless a piece holds no break at all)."""
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = max(text.rfind(" ", start + size // 2, end), text.rfind("\t", start + size // 2, end))
        end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end
    yield start, len(text)


def find_entities(text: str) -> list[Entity]:
    """Knowledge-base entities of ``text`` from the fast pipeline, in text order.

    A long text is read in pieces (``pieces``), so that texts of any length are read with
    bounded memory and never meet spaCy's max_length.
    """
    from eventledger.nlp import fast_pipeline

    nlp = fast_pipeline()
    # sentences are cut by extract.segment (line-aware); the pipeline's sentencizer is not needed
    disable = [name for name in ("sentencizer",) if name in nlp.pipe_names]
    found: list[Entity] = []
    for start, end in pieces(text):
        doc = nlp(text[start:end], disable=disable)
        found.extend(
            Entity(e.label_, start + e.start_char, start + e.end_char, e.text, e.ent_id_ or None) for e in doc.ents
        )
    return found


_STATISTICAL = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ACTOR", "NORP": None, "PERSON": "ACTOR"}


def statistical_entities(text: str, spans: Iterable[tuple[int, int]], model: str) -> list[Entity]:
    """Names the statistical model finds in the given character ranges only, as KB-style labels."""
    from eventledger.nlp import ner_pipeline

    nlp = ner_pipeline(model)
    # a "sentence" with no end in sight is read as far as a sentence goes (the model needs ~1 GB per 100k characters)
    ranges = [(s, min(e, s + LONGEST_SENTENCE)) for s, e in spans]
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
