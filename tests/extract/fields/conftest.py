"""Fixtures of the field tests: a text read as extraction reads it, and its reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventledger.extract import extract_article
from eventledger.extract.analysis import SentenceInfo, analyse_sentences
from eventledger.extract.entities import find_entities, merge_entities
from eventledger.extract.fields.place import description_places
from eventledger.extract.segment import split_sentences
from eventledger.models import Article, Report

PUBLISHED = dt.date(2021, 3, 10)  # a Wednesday


@pytest.fixture
def analyse() -> Callable[..., list[SentenceInfo]]:
    """``analyse(text)``: the sentences of a text with what each says (published on PUBLISHED)."""

    def run(text: str, published: dt.date | None = PUBLISHED) -> list[SentenceInfo]:
        entities = merge_entities(find_entities(text), description_places(text))
        return analyse_sentences(text, split_sentences(text), entities, published, [])

    return run


@pytest.fixture
def reports() -> Callable[..., list[Report]]:
    """``reports(text)``: the reports extraction makes of a text (published on PUBLISHED)."""

    def run(text: str, published: dt.date | None = PUBLISHED) -> list[Report]:
        return list(extract_article(Article(id="t", text=text, published=published)).reports)

    return run
