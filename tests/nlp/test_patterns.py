"""EntityRuler patterns made from the knowledge base (eventledger.nlp.patterns)."""

from __future__ import annotations

from collections import Counter

import pytest

from eventledger.kb import KnowledgeBase, build_kb, load_kb
from eventledger.nlp.patterns import build_patterns, spelling_variants


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def patterns(kb: KnowledgeBase) -> list[dict]:
    return build_patterns(kb)


def test_every_pattern_has_label_and_a_kb_id(kb: KnowledgeBase, patterns: list[dict]) -> None:
    assert len(patterns) > 1000
    for pattern in patterns:
        assert pattern["label"] in {"ACTOR", "OUTLET", "PLACE"}
        if pattern["label"] == "PLACE":
            assert pattern["id"] in kb.places
        else:
            assert pattern["id"] in kb.actors
            assert (kb.actors[pattern["id"]].kind == "outlet") == (pattern["label"] == "OUTLET")


def test_no_phrase_is_claimed_twice(patterns: list[dict]) -> None:
    phrases = Counter(p["pattern"].lower() for p in patterns if isinstance(p["pattern"], str))
    assert [phrase for phrase, n in phrases.items() if n > 1] == []


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [("IS", "islamic_state"), ("AP", "ap"), ("KH", "kataib_hezbollah"), ("PMF", "pmf"), ("MEE", "mee")],
)
def test_acronyms_are_exact_case_token_patterns(patterns: list[dict], alias: str, actor_id: str) -> None:
    found = [p for p in patterns if p["pattern"] == [{"ORTH": alias}]]
    assert [p["id"] for p in found] == [actor_id]
    assert not any(isinstance(p["pattern"], str) and p["pattern"].lower() == alias.lower() for p in patterns)


@pytest.mark.parametrize("word", ["police", "victory", "is", "the", "may", "central"])
def test_common_words_are_never_case_insensitive_phrases(patterns: list[dict], word: str) -> None:
    assert not any(isinstance(p["pattern"], str) and p["pattern"].lower() == word for p in patterns)


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Hadi al-Amiri", {"Hadi al-Amiri", "Hadi al Amiri", "Hadi Amiri"}),
        ("Kata'ib Hezbollah", {"Kata'ib Hezbollah", "Kataib Hezbollah"}),
        ("Asa'ib Ahl al-Haq", {"Asa'ib Ahl al-Haq", "Asa'ib Ahl al Haq", "Asa'ib Ahl Haq", "Asaib Ahl al-Haq",
                               "Asaib Ahl al Haq", "Asaib Ahl Haq"}),
        ("Green Zone", {"Green Zone"}),
        # an "and" inside a name is often written as an ampersand
        ("Jammu and Kashmir", {"Jammu and Kashmir", "Jammu & Kashmir"}),
    ],
)
def test_spelling_variants(alias: str, expected: set[str]) -> None:
    assert set(spelling_variants(alias)) == expected


def test_a_pickled_knowledge_base_gives_the_same_patterns() -> None:
    import pickle

    small = build_kb(include_world=False)
    assert build_patterns(pickle.loads(pickle.dumps(small))) == build_patterns(small)
