"""word_regex: the trie-compiled alternation finds exactly what the plain longest-first one finds."""

from __future__ import annotations

import random
import re

import pytest

from eventledger.extract.lexicon import phrase_pattern, word_regex

PHRASES = [
    "rocket",
    "rockets",
    "rocket attack",
    "rocket-propelled grenade",
    "US",
    "us forces",
    "car bomb",
    "car bombs",
    "car",
    "IED",
    "improvised explosive device",
    "re:\\d+\\s*mm\\s+rounds?",
    "mortar",
    "mortar rounds",
    "re:bm-?21s?",
    "the",
]


def _plain(phrases: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?P<w>" + phrase_pattern(phrases) + r")(?![\w-])", flags)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("w")) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A rocket attack hit the base.", ["rocket attack", "the"]),
        ("Two rockets and a rocket-propelled grenade.", ["rockets", "rocket-propelled grenade"]),
        ("US  forces said a car bomb exploded.", ["US  forces", "car bomb"]),  # any run of spaces
        ("Three 120mm rounds and BM-21s fell.", ["120mm rounds", "BM-21s"]),
        ("Rocketry and carbombs are not words here.", []),
    ],
)
def test_longest_phrase_wins_at_each_place(text: str, expected: list[str]) -> None:
    assert [w for _, _, w in _found(word_regex(PHRASES), text)] == expected


def test_trie_and_plain_alternation_agree_on_random_text() -> None:
    rng = random.Random(3)
    words = ["rocket", "rockets", "attack", "US", "us", "forces", "car", "bomb", "bombs", "mortar", "rounds", "120mm", "the"]
    words += ["IED", "ied", "improvised", "explosive", "device", "BM-21", "bm21", "-", ",", "xrocket", "Car"]
    fast, plain = word_regex(PHRASES), _plain(PHRASES)
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12)))
        assert _found(fast, text) == _found(plain, text), text


def test_case_sensitive_regex_stays_case_sensitive() -> None:
    fast = word_regex(["IED", "rocket"], flags=0)
    assert _found(fast, "an ied and an IED") == [(14, 17, "IED")]
