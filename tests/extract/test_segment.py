"""Sentences and lines with exact offsets; abbreviations do not end sentences."""

from __future__ import annotations

import pytest

from eventledger.extract.segment import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The U.S. embassy was hit. Nobody was hurt.", ["The U.S. embassy was hit.", "Nobody was hurt."]),
        ("Brig. Gen. Ali arrived on Monday. He left.", ["Brig. Gen. Ali arrived on Monday.", "He left."]),
        ("A headline with no full stop\nThe body begins here. It goes on.", ["A headline with no full stop", "The body begins here.", "It goes on."]),
        ("“We will respond,” he said. The talks ended.", ["“We will respond,” he said.", "The talks ended."]),
        ("Rockets – Baghdad – 2 wounded\nMortar – Balad", ["Rockets – Baghdad – 2 wounded", "Mortar – Balad"]),
        ("Did they strike? Officials would not say.", ["Did they strike?", "Officials would not say."]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == sentences
    for sentence in found:
        assert text[sentence.start:sentence.end] == sentence.text


def test_paragraphs_and_lines() -> None:
    text = "First line.\nSecond line.\n\nNew paragraph. Same paragraph."
    found = split_sentences(text)
    assert [s.paragraph for s in found] == [0, 0, 1, 1]
    assert [s.line for s in found] == [0, 1, 3, 3]
    assert [s.index for s in found] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a page wrapped by hand at a fixed width: the sentence goes on in the next line
        (
            "Rebels attacked a convoy on the road near\nthe river crossing on Friday. Two drivers died.",
            ["Rebels attacked a convoy on the road near\nthe river crossing on Friday.", "Two drivers died."],
        ),
        (
            "A roadside bomb killed three soldiers in the\nnorthern hills, the army said. A fourth was hurt.",
            ["A roadside bomb killed three soldiers in the\nnorthern hills, the army said.", "A fourth was hurt."],
        ),
        (
            "The clashes in the market district left 14\npeople dead and dozens hurt.",
            ["The clashes in the market district left 14\npeople dead and dozens hurt."],
        ),
        # a headline, a short label and a list stay lines of their own
        ("Gunmen kill four at a checkpoint near the capital\nGunmen stormed the post.", ["Gunmen kill four at a checkpoint near the capital", "Gunmen stormed the post."]),
        ("Latest from the\nnewsroom", ["Latest from the", "newsroom"]),
        ("Fighting near the airport killed two,\n- a list item follows", ["Fighting near the airport killed two,", "- a list item follows"]),
    ],
)
def test_hand_wrapped_lines_are_one_sentence(text: str, sentences: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == sentences
    for sentence in found:
        assert text[sentence.start:sentence.end] == sentence.text


def test_a_photo_credit_with_an_initial_stays_with_its_caption() -> None:
    text = ("Rescuers search the rubble of the market, Friday, March 3, 2023, in Kano. (AP Photo/K. Musa Bello)\n"
            "Gunmen killed four traders on Monday.")
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "Rescuers search the rubble of the market, Friday, March 3, 2023, in Kano. (AP Photo/K. Musa Bello)",
        "Gunmen killed four traders on Monday.",
    ]
