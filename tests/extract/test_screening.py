"""Screening a regex search by its required literals must never change what the search finds."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.extract.detection import political
from eventledger.extract.screening import CASE_TWINS, may_match, required_literals, screened_text, search


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bmet\b", ("met",)),
        (r"\bcondemn(?:ed|ing)?\b", ("condemn",)),
        (r"\b(?:hudna|truce)\b", ("hudna", "truce")),
        (r"(?<!\bwere )\bmeets?\b", ("meet",)),
        (r"x?(?:Talks)+", ("talks",)),
        (r"(?:a+|\bfoo)", ("a", "foo")),
    ],
)
def test_required_literals_are_the_runs_every_match_holds(pattern: str, expected: tuple[str, ...]) -> None:
    assert required_literals(re.compile(pattern, re.I)) == expected


@pytest.mark.parametrize("pattern", [r"(?=foo)\w+", r"(?:foo)?\d+", r"foo|\d", r".*", r"[ab]c?"])
def test_a_pattern_with_a_branch_of_no_literal_is_never_screened(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None
    assert may_match(re.compile(pattern), "nothing of it here")


def test_case_twins_are_every_other_character_ignore_case_takes_for_an_ascii_letter() -> None:
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    found = {ch for letter in string.ascii_lowercase for ch in re.findall(letter, others, re.I)}
    assert found == set(CASE_TWINS)


def test_a_text_with_a_case_twin_is_not_screened() -> None:
    assert screened_text("The ministers condemned the attack") == "the ministers condemned the attack"
    assert screened_text("The ministers condemned the attaċk") is not None
    assert screened_text("They met in \u212aabul") is None  # Kelvin sign: matches "k" ignoring case
    kelvin = re.compile(r"\bkabul\b", re.I)
    text = "They met in \u212aabul"
    assert search(kelvin, text, screened_text(text)) is not None


def _political_patterns() -> list[re.Pattern[str]]:
    lexicon = political._lexicon()
    found = [*lexicon["blockers"], lexicon["institution"], lexicon["new_speaker"]]
    for kind in lexicon["kinds"].values():
        found += [p for p in (kind.triggers, kind.by_state, kind.vetoes, kind.second) if p is not None]
    return found


WRITTEN = [
    "The two presidents met in the capital on Tuesday and held talks on the border.",
    "The ministry condemned the bombing and the embassy denounced it.",
    "Police said the curfew imposed on the city was lifted on Sunday.",
    "Rebels declared a truce for the holiday, a spokesman said.",
    "The governor warned the militia that it would pay a heavy price.",
    "Protesters staged a sit-in outside parliament.",
    "THE ENVOY SPOKE BY PHONE WITH THE FOREIGN MINISTER.",
    "Nothing happened in the market today.",
    "The ſtrike was condemned by the \u0130mam of the mosque.",
]


@pytest.mark.parametrize("text", WRITTEN)
def test_screened_search_finds_what_the_pattern_finds_on_written_sentences(text: str) -> None:
    lowered = screened_text(text)
    for pattern in _political_patterns():
        plain, screened = pattern.search(text), search(pattern, text, lowered)
        assert (plain and plain.span()) == (screened and screened.span()), pattern.pattern[:60]


_WORDS = [
    "met", "talks", "with", "condemned", "the", "attack", "curfew", "imposed", "truce", "warned", "arrested",
    "protesters", "staged", "visited", "was", "in", "Baghdad", "called", "for", "said", "\u017f", "\u212a", "\u0130",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(alphabet="aAkKsSiI .,'", max_size=6), max_size=14))
def test_screened_search_finds_what_the_pattern_finds_on_any_text(words: list[str]) -> None:
    text = " ".join(w.upper() if len(w) % 3 == 0 else w for w in words)
    lowered = screened_text(text)
    for pattern in _political_patterns():
        plain, screened = pattern.search(text), search(pattern, text, lowered)
        assert (plain and plain.span()) == (screened and screened.span())


TYPING_SENTENCES = [
    "Police fired tear gas at several hundred farmers who marched on the agriculture ministry on Monday.",
    "A roadside bomb tore through a minibus on the highway north of the city, killing five passengers.",
    "The two parties signed a power-sharing deal after a week of talks in the capital.",
    "Gunmen on motorbikes seized eleven schoolgirls from their dormitory before dawn.",
]


@pytest.mark.parametrize("text", TYPING_SENTENCES)
def test_typing_rules_skip_the_patterns_whose_words_are_absent_and_find_the_same_hits(monkeypatch, text: str) -> None:
    from eventledger.extract import screening
    from eventledger.extract.detection import event_typing

    answers: list[bool] = []
    real = screening.may_match

    def spy(pattern: re.Pattern[str], lowered: str) -> bool:
        answer = real(pattern, lowered)
        answers.append(answer)
        return answer

    monkeypatch.setattr(screening, "may_match", spy)
    hits = event_typing.match_rules(text)
    # every rule pattern goes through the screen, and most are ruled out without a search
    assert answers and answers.count(False) > len(answers) // 2
    monkeypatch.setattr(screening, "may_match", lambda pattern, lowered: True)
    assert event_typing.match_rules(text) == hits  # what searching every pattern finds
