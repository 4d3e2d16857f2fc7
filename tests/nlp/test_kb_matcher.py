"""The KB's phrase matcher: the EntityRuler's choices, from a table the package ships."""

from __future__ import annotations

import gzip
import json

import pytest
import spacy
from spacy.pipeline import EntityRuler

from eventledger.nlp import kb_matcher
from eventledger.nlp.kb_matcher import LOWER, ORTH, KbPhraseMatcher, build_table, fingerprint, kb_table

# Sentences and phrases written for these tests.
PHRASES = [
    (("green", "zone"), "PLACE", "green_zone"),
    (("zone",), "PLACE", "zone_town"),
    (("kataib", "hezbollah"), "ACTOR", "kh"),
    (("hezbollah",), "ACTOR", "hezbollah"),
    (("new", "york"), "PLACE", "nyc"),
    (("york", "city", "hall"), "PLACE", "hall"),
]
TEXTS = [
    "Rockets hit the Green Zone as Kataib Hezbollah denied it and Hezbollah said nothing.",
    "The zone near New York City Hall was closed.",  # overlapping matches: the longest wins
    "GREEN ZONE, green zone and Zone all match on lower case; Hezbollah ends it: hezbollah",
    "New York",
    "",
]


def _nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    matcher = nlp.add_pipe(kb_matcher.FACTORY, config={"attr": LOWER, "overwrite": True})
    matcher.add(PHRASES)  # type: ignore[attr-defined]
    return nlp


def _ruler() -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler: EntityRuler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})  # type: ignore[assignment]
    ruler.add_patterns([{"label": label, "pattern": " ".join(tokens), "id": kb_id} for tokens, label, kb_id in PHRASES])
    return nlp


def _ents(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


@pytest.mark.parametrize("text", TEXTS)
def test_matches_what_the_entity_ruler_matches(text: str) -> None:
    assert _ents(_nlp()(text)) == _ents(_ruler()(text))


def test_the_longest_phrase_wins_and_keeps_its_id() -> None:
    doc = _nlp()("The zone near New York City Hall was closed.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("zone", "zone_town"), ("York City Hall", "hall")]


def test_exact_case_matcher_fills_only_free_tokens() -> None:
    nlp = spacy.blank("en")
    lower = nlp.add_pipe(kb_matcher.FACTORY, name="lower", config={"attr": LOWER, "overwrite": True})
    lower.add([(("hit", "squad"), "ACTOR", "squad")])  # type: ignore[attr-defined]
    exact = nlp.add_pipe(kb_matcher.FACTORY, name="exact", config={"attr": ORTH, "overwrite": False})
    exact.add([(("Hit",), "PLACE", "hit_town"), (("IS",), "ACTOR", "is")])  # type: ignore[attr-defined]
    doc = nlp("A hit squad and IS fighters came to Hit, but it is quiet.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("hit squad", "squad"), ("IS", "is"), ("Hit", "hit_town")]


def test_a_token_sequence_keeps_its_first_label() -> None:
    matcher = KbPhraseMatcher(LOWER, True)
    matcher.add([(("basra",), "PLACE", "city"), (("basra",), "PLACE", "province")])
    doc = matcher(spacy.blank("en")("Basra"))
    assert [e.ent_id_ for e in doc.ents] == ["city"]
    assert len(matcher) == 1


def test_an_unknown_attribute_is_refused() -> None:
    with pytest.raises(ValueError, match="LOWER or ORTH"):
        KbPhraseMatcher("LEMMA", True)


def test_the_shipped_table_is_current() -> None:
    """Fails after the KB or nlp/patterns.py changed: run ``python scripts/build_kb_patterns.py``."""
    raw = kb_matcher.resources.files("eventledger.nlp").joinpath("data", kb_matcher.TABLE_FILE).read_bytes()
    body = json.loads(gzip.decompress(raw))
    assert body["fingerprint"] == fingerprint(), "run python scripts/build_kb_patterns.py"
    built = build_table()
    for attr in (LOWER, ORTH):
        assert [(tuple(t), label, kb_id) for t, label, kb_id in body[attr]] == built[attr]


def test_a_stale_or_unreadable_table_is_built_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    built = {LOWER: [(("somewhere",), "PLACE", "x")], ORTH: []}
    monkeypatch.setattr(kb_matcher, "build_table", lambda: built)
    stale = {"format": kb_matcher.TABLE_FORMAT, "fingerprint": "not-this-one", LOWER: [], ORTH: []}
    for shipped in (stale, None):
        monkeypatch.setattr(kb_matcher, "_read_shipped", lambda shipped=shipped: shipped)
        kb_table.cache_clear()
        try:
            assert kb_table() is built
        finally:
            kb_table.cache_clear()


def test_a_corrupt_file_reads_as_none(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    class _Files:
        def joinpath(self, *parts: str):
            path = tmp_path / "broken.json.gz"
            path.write_bytes(b"not gzip at all")
            return path

    monkeypatch.setattr(kb_matcher.resources, "files", lambda package: _Files())
    assert kb_matcher._read_shipped() is None
