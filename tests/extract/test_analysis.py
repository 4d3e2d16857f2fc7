"""analyse_sentences: a second analysis of the same sentences (after the statistical model)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eventledger.extract import analysis
from eventledger.extract.analysis import analyse_sentences
from eventledger.extract.entities import Entity, find_entities, merge_entities
from eventledger.extract.segment import split_sentences

TEXT = (
    "A roadside bomb killed two soldiers near Kirkuk on Monday, police said.\n\n"
    "Gunmen attacked a checkpoint in the village of Tel Nasr on Tuesday, wounding a guard.\n"
)
PUBLISHED = dt.date(2021, 3, 10)


def test_a_second_analysis_reads_places_and_actors_only_of_sentences_with_new_entities(monkeypatch) -> None:
    sentences = split_sentences(TEXT)
    entities = find_entities(TEXT)
    first = analyse_sentences(TEXT, sentences, entities, PUBLISHED, [])
    start = TEXT.index("Tel Nasr")
    added = merge_entities(entities, [Entity("PLACE", start, start + len("Tel Nasr"), "Tel Nasr")])
    assert len(added) == len(entities) + 1
    read: list[str] = []
    original = analysis.read_places

    def counting(text: str, own: list[Entity]):
        read.append(own[0].text if own else "")
        return original(text, own)

    monkeypatch.setattr(analysis, "read_places", counting)
    again = analyse_sentences(TEXT, sentences, added, PUBLISHED, [], previous=first)
    fresh = analyse_sentences(TEXT, sentences, added, PUBLISHED, [])
    assert len(read) == 1 + len(sentences)  # the changed sentence, then every sentence of the fresh analysis
    for reused, new in zip(again, fresh, strict=True):
        assert (reused.places, reused.actors) == (new.places, new.actors)
        assert dataclasses.replace(reused, detection=None) == dataclasses.replace(new, detection=None)
