"""Entities of an article from the NLP stage (resolved by their fields: ``fields.place``, ``fields.actors``).

The cheap pass (``fast_pipeline``: the KB's entity ruler) runs over the whole text. The
statistical model, when one is asked for, runs only over the few sentences that describe an
event, to find names the knowledge base does not know (places as GPE/LOC, groups as ORG).

Both answers depend on the text alone (and the process's pipelines), and a run reads some texts
twice: an undated article is extracted again with the date of the work it republishes or of the
event it joined (``Pipeline.anchor``), the same text and the same sentences. So the last
``REMEMBERED_TEXTS`` texts' KB entities and the last ``REMEMBERED_SENTENCES`` sentences' model
entities are kept, and a text read again costs neither pass.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventledger.models import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


# a place name read in a given country: an article's places are read against each country it is
# about, on both of its readings, so the same few questions come again and again (7,660 asked,
# 111 of them distinct, on 200 generated articles of 600 words)
MATCHES_IN_COUNTRY = 20_000


def place_in(name: str, country: str) -> Place | None:
    """``get_kb().match_place(name, country=country)``, remembered (the answer depends on the
    knowledge base and the two strings alone; asking with a country reads the world's towns)."""
    return _place_in(get_kb(), name, country)


@lru_cache(maxsize=MATCHES_IN_COUNTRY)
def _place_in(kb: KnowledgeBase, name: str, country: str) -> Place | None:
    return kb.match_place(name, country=country)


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


REMEMBERED_TEXTS = 256  # articles whose KB entities are kept (a run's re-extractions come soon after)
REMEMBERED_SENTENCES = 4096  # sentences whose statistical entities are kept (about 16 an article)


def find_entities(text: str) -> list[Entity]:
    """Knowledge-base entities of ``text`` from the fast pipeline, in text order.

    A long text is read in pieces (``pieces``), so that texts of any length are read with
    bounded memory and never meet spaCy's max_length. The answer for the last
    ``REMEMBERED_TEXTS`` texts is kept (see the module's docstring).
    """
    return list(_kb_entities(text))


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _kb_entities(text: str) -> tuple[Entity, ...]:
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
    return tuple(found)


_STATISTICAL = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ACTOR", "NORP": None, "PERSON": "ACTOR"}


# (model, sentence) -> the entities the model gives that sentence, at offsets within it; the lock
# keeps the order of use whole when threads extract at once (a Dask worker's threads)
_SENTENCE_ENTITIES: OrderedDict[tuple[str, str], tuple[Entity, ...]] = OrderedDict()
_SENTENCES_LOCK = threading.Lock()


def statistical_entities(text: str, spans: Iterable[tuple[int, int]], model: str) -> list[Entity]:
    """Names the statistical model finds in the given character ranges only, as KB-style labels.

    The model reads each range by itself, so a range's names depend on its text alone: those of
    the last ``REMEMBERED_SENTENCES`` sentences read are kept, and only new ones go to the model.
    """
    from eventledger.nlp import ner_pipeline

    # a "sentence" with no end in sight is read as far as a sentence goes (the model needs ~1 GB per 100k characters)
    ranges = [(s, min(e, s + LONGEST_SENTENCE)) for s, e in spans]
    sentences = [text[s:e] for s, e in ranges]
    entities: dict[str, tuple[Entity, ...]] = {}
    with _SENTENCES_LOCK:
        for sentence in sentences:
            kept = _SENTENCE_ENTITIES.get((model, sentence))
            if kept is not None:
                entities[sentence] = kept
                _SENTENCE_ENTITIES.move_to_end((model, sentence))
    new = [sentence for sentence in dict.fromkeys(sentences) if sentence not in entities]
    if new:
        nlp = ner_pipeline(model)
        for sentence, doc in zip(new, nlp.pipe(new), strict=True):
            entities[sentence] = tuple(_named(doc))
        with _SENTENCES_LOCK:
            for sentence in new:
                _SENTENCE_ENTITIES[model, sentence] = entities[sentence]
            while len(_SENTENCE_ENTITIES) > REMEMBERED_SENTENCES:
                _SENTENCE_ENTITIES.popitem(last=False)
    return [
        Entity(entity.label, start + entity.start, start + entity.end, entity.text, entity.kb_id)
        for (start, _end), sentence in zip(ranges, sentences, strict=True)
        for entity in entities[sentence]
    ]


def forget() -> None:
    """Drop every remembered text and sentence (a measurement that must read texts as new)."""
    _kb_entities.cache_clear()
    with _SENTENCES_LOCK:
        _SENTENCE_ENTITIES.clear()


def _named(doc: Doc) -> Iterator[Entity]:
    """The entities of a sentence's Doc that extraction reads, as KB-style labels."""
    for ent in doc.ents:
        label = ent.label_ if ent.label_ in ("ACTOR", "PLACE", "OUTLET") else _STATISTICAL.get(ent.label_)
        if label:
            yield Entity(label, ent.start_char, ent.end_char, ent.text, ent.ent_id_ or None)


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
