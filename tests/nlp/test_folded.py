"""The folded-spelling matcher: KB names in transliterations no pattern lists."""

from __future__ import annotations

import pytest

from eventledger.nlp import fast_pipeline


def _ents(text: str) -> dict[str, str]:
    return {e.text: e.ent_id_ for e in fast_pipeline()(text).ents}


@pytest.mark.parametrize(
    ("text", "surface", "kb_id"),
    [
        ("Officials said Esmaeil Qaany arrived on Monday.", "Esmaeil Qaany", "qaani"),
        ("A statement from Qassem Suleimany's office followed.", "Qassem Suleimany", "soleimani"),
        ("Later Mustafa Al Kathimi met the envoy.", "Mustafa Al Kathimi", "kadhimi"),
        ("Fighters of Kata'ib Hizbullah were blamed.", "Kata'ib Hizbullah", "kataib_hezbollah"),
        ("They said Asa'ib Ahl al-Haqq had left.", "Asa'ib Ahl al-Haqq", "asaib_ahl_al_haq"),
        ("A bomb went off in Karradah at noon.", "Karradah", "iq_city_karrada"),
        ("Two men were shot in Husseiniya overnight.", "Husseiniya", "iq_city_husseiniyah"),
        ("The convoy passed Mahmoudiyah before dawn.", "Mahmoudiyah", "iq_city_mahmudiyah"),
    ],
)
def test_folded_spellings_become_entities_with_kb_ids(text: str, surface: str, kb_id: str) -> None:
    assert _ents(text).get(surface) == kb_id


@pytest.mark.parametrize(
    "text",
    [
        "Rioters burned tyres outside the office.",  # folds like "Reuters", but starts the sentence
        "The family of Hamza Ali asked for news.",  # a given name that is also a GeoNames village
        "He flew on to Jazirah province later.",  # folds like "Al Jazeera": outlets are not folded
        "Police said The Hague was quiet.",
    ],
)
def test_folding_does_not_invent_entities(text: str) -> None:
    ents = _ents(text)
    assert "reuters" not in ents.values() and "al_jazeera" not in ents.values()
    assert not any(v.startswith("iq_") for v in ents.values())


def test_longer_folded_name_replaces_the_shorter_ruler_entity() -> None:
    doc = fast_pipeline()("Kata'ib Hizbullah denied it.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Kata'ib Hizbullah", "kataib_hezbollah")]


def test_known_spellings_keep_their_ruler_entity() -> None:
    doc = fast_pipeline()("Hezbollah leader Hassan Nasrallah spoke.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Hezbollah", "lebanese_hezbollah"), ("Hassan Nasrallah", "nasrallah")]
