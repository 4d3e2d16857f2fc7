"""The spaCy pass: a cheap rule-based pipeline for every article and the statistical one on demand.

Public API::

    from eventledger.nlp import fast_pipeline, get_pipeline
    doc = fast_pipeline()(text)          # KB entities: ent.label_ in ACTOR/OUTLET/PLACE, ent.ent_id_ = KB id
    doc = get_pipeline()(text)           # + tagger, parser, NER (KB entities win over NER)
    doc = ner_pipeline()(text)           # NER + KB ruler only: same entities, no parse, faster
"""

from __future__ import annotations

from eventledger.nlp.pipeline import EXACT_RULER_NAME, RULER_NAME, fast_pipeline, get_pipeline, ner_pipeline

__all__ = ["EXACT_RULER_NAME", "RULER_NAME", "fast_pipeline", "get_pipeline", "ner_pipeline"]
