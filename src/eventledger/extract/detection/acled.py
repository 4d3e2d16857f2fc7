"""ACLED event type and sub-event type of an attack.

The weapon decides among ACLED's explosive sub-types (its codebook defines them by weapon, see
:mod:`eventledger.taxonomy`), so that mapping is applied first. Otherwise the event typer
(:func:`~eventledger.extract.detection.event_typing.type_event`) reads the text; when it does
not type the text as an attack, the hint-based fallback of ``data/acled.yaml`` is used. A
failure of the typer is a bug: it raises, and the article is recorded as a failure.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract.detection.agency import (
    at_demonstration,
    force_against_crowd,
    names_state_forces,
    thrown_by_crowd,
    told_elsewhere,
    violent_side,
)
from eventledger.extract.detection.event_typing import ACLED_ONLY, EventTyping, match_rules, type_event
from eventledger.extract.detection.intervention import following
from eventledger.extract.detection.sentences import kind_of
from eventledger.extract.fields.draft import Fields
from eventledger.extract.lexicon import Hit
from eventledger.models import Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("eventledger.extract.detection", "acled.yaml")
    return data


@lru_cache(maxsize=1)
def _attack_typing(text: str, weapon: str | None) -> EventTyping:
    """The event typer's reading of an attack's text.

    Remembers only the last call: ``violence_kind`` and then ``attack_type`` ask about the same
    text one after the other, and typing it costs milliseconds.
    """
    return type_event(text, weapon=weapon, kind_hint="attack")


def violence_kind(text: str, weapon: str | None) -> tuple[str, str, str] | None:
    """(kind, event_type, sub_event_type) when typing is sure that violence is a riot or a protest.

    ACLED codes mob violence and violent demonstrations as Riots, force against protesters as
    Protests: these are not attacks. Only a typing rule that fired with high confidence decides.
    """
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    typing = _attack_typing(text, weapon)
    if typing.kind in ("protest", "riot") and typing.rule and typing.confidence >= _SURE and typing.event_type and typing.sub_event_type:
        return typing.kind, typing.event_type, typing.sub_event_type
    return None


_SURE = 0.8


def unruled_violence_kind(text: str, weapon: str | None) -> tuple[str, str, str] | None:
    """(kind, event_type, sub_event_type) when the event typer, with no rule firing, reads violence
    that is no attack as a riot or a protest at least ``classifier_riot_at`` sure (``data/acled.yaml``).

    What the attack cues found may be a crowd's violence no codebook rule names ("a group of
    residents set a tavern alight"): without this, the hint or the default (an armed clash) types it.
    """
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    typing = _attack_typing(text, weapon)
    if typing.rule is not None or typing.kind not in ("protest", "riot") or typing.confidence < float(_data()["classifier_riot_at"]):
        return None
    if typing.event_type is None or typing.sub_event_type is None:
        return None
    return typing.kind, typing.event_type, typing.sub_event_type


def protest_reading(text: str, weapon: str | None) -> tuple[str, str, str] | None:
    """(kind, event_type, sub_event_type) of a protest the attack cues mistook for violence: no
    specific attack rule reads the text (only generic cues such as "attacks" fired, often in the
    protest's grievance: "a protest against the attacks on party offices"), and the event typer,
    choosing among all of ACLED's sub-event types, reads a protest at least
    ``protest_reading_at`` sure (``data/acled.yaml``)."""
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    data = _data()
    typing = _attack_typing(text, weapon)
    if typing.kind == "attack" and typing.rule is not None and typing.confidence >= float(data["specific_attack_rule_at"]):
        return None
    wide = type_event(text, weapon=weapon, kind_hint=ACLED_ONLY)
    if wide.kind != "protest" or wide.confidence < float(data["protest_reading_at"]):
        return None
    if wide.event_type is None or wide.sub_event_type is None:
        return None
    return wide.kind, wide.event_type, wide.sub_event_type


def attack_type(text: str, weapon: str | None, hint: str | None = None, target: str | None = None) -> tuple[str, str]:
    """(event_type, sub_event_type) of a violent event described by ``text``."""
    data = _data()
    by_weapon = taxonomy.weapon_sub_event_type(weapon) if weapon is not None else None
    if by_weapon is not None:
        return taxonomy.acled_types(by_weapon)
    typing = _attack_typing(text, weapon)
    if typing.kind == "attack" and typing.event_type and typing.sub_event_type:
        return typing.event_type, typing.sub_event_type
    if hint in data["by_hint"]:
        return taxonomy.acled_types(data["by_hint"][hint])
    if target == "civilians":
        return taxonomy.acled_types(data["by_hint"]["civilians"])
    return taxonomy.acled_types(data["default"])


@cache
def _battle() -> re.Pattern[str]:
    return re.compile(_data()["battle"])


def set_attack_types(
    fields: Fields, happened: list[SentenceInfo], weapon: tuple[SentenceInfo, Hit] | None, kind_spans: list[Span]
) -> None:
    """An attack report's ACLED types (with the weapon's evidence, else the triggers'); violence
    that typing is sure is a riot or force against protesters changes the report's kind."""
    hint = next((i.attack.hint for i in happened if i.attack and i.attack.hint), None)
    typed = _typing_sentences(happened)
    joined = " ".join(i.sentence.text for i in typed)
    told_joined = " ".join(told_text(i) for i in typed)
    if weapon is not None and (crowd_control(weapon[0].sentence.text, weapon[1]) or thrown_by_crowd(weapon[0].sentence.text, weapon[1].start)):
        weapon = None  # the police's stun grenades, the crowd's petrol bombs: no weapon that types an attack
    weapon_name = weapon[1].value if weapon else None
    # the lead sentence says what the event was ("security forces opened fire on demonstrators");
    # what the next ones add ("some protesters threw stones") does not turn it into another
    lead = happened[0]
    told = _hint_confirmed(lead, weapon_name)
    riot = violence_kind(lead.sentence.text, weapon_name) or (None if told else violence_kind(joined, weapon_name))
    detected = _detected_kind(lead, weapon_name)
    if riot is not None:  # a riot or force against protesters: ACLED's Riots and Protests
        fields.values["kind"], event_type, sub_type = riot
    elif detected is not None:  # the sentence detector is sure it was a riot or a protest
        fields.values["kind"], event_type, sub_type = detected
    elif told is not None:
        # the lead sentence's own words and the detector agree on what it was ("gunmen killed a
        # guard and kidnapped 80 pupils" is an abduction): the sentences after it add details
        event_type, sub_type = told
    elif weapon is not None and weapon[0] is not happened[0] and _battle().search(happened[0].sentence.text):
        # "militants killed ten fighters in an ambush ... two vehicles were destroyed by
        # roadside bombs": the bombs were part of a fight the lead sentence tells; ACLED codes
        # the fight (an explosive used in the course of a clash is an armed clash)
        event_type, sub_type = taxonomy.acled_types(_data()["battle_sub_event_type"])
    elif weapon is not None and (_two_sided(told_joined, weapon_name) or _assault_arms(weapon, told_joined)):
        # "fired mortars and small arms at the positions", "threw a grenade; the soldiers returned
        # fire", "attacked the post with RPGs and machine guns": explosives used in a fight both
        # sides take part in, or an infantry weapon fired in a gunmen's assault, are an armed clash
        event_type, sub_type = taxonomy.acled_types(_data()["battle_sub_event_type"])
    elif (read := unruled_violence_kind(told_joined, weapon_name) or protest_reading(told_joined, weapon_name)) is not None:
        # no rule and no cue says what the violence was, but the classifier reads a riot or a
        # protest: better than the hint's or the default's guess of a clash
        fields.values["kind"], event_type, sub_type = read
    elif fields.values.get("target") == "civilians" and _lead_attack_stands(happened, weapon_name):
        event_type, sub_type = taxonomy.acled_types(ATTACK)
    else:
        event_type, sub_type = attack_type(told_joined, weapon_name, hint, fields.values.get("target"))
    if weapon is None or taxonomy.weapon_sub_event_type(weapon[1].value) is None:
        fields.values["kind"], event_type, sub_type = _by_agent(fields.values["kind"], event_type, sub_type, typed)
    sure = detector_types(lead, weapon_name) if fields.values["kind"] == "attack" else None
    if sure is not None and not (sure[1] == ATTACK and _fight_told_later(happened, typed_clash=sub_type == _battle_type())):
        event_type, sub_type = sure
    if sub_type == ATTACK and _fight_told_later(happened, typed_clash=False):
        event_type, sub_type = taxonomy.acled_types(_battle_type())
    if _went_off_in_hand(told_text(lead)):
        # the explosives went off early in the hands of those planting or carrying them: no
        # attack on anyone but a disrupted use of the weapon (codebook), whatever the blast killed.
        # The report stays an attack (as looting does, detection/lone.py): it is the violence
        # told, and other codings (GTD) count it as a bombing
        event_type, sub_type = taxonomy.acled_types(DISRUPTED)
    evidence = fields.evidence.get("weapon") or kind_spans
    fields.set("event_type", event_type, evidence)
    fields.set("sub_event_type", sub_type, evidence)


DISRUPTED = "Disrupted weapons use"


def _went_off_in_hand(text: str) -> bool:
    """Whether a typing rule of ``went_off_in_hand`` (``data/acled.yaml``) reads ``text``."""
    # only those rules are tried: this runs on every attack report's lead, after its typing
    return bool(match_rules(text, only=frozenset(_data()["went_off_in_hand"])))


def _typing_sentences(happened: list[SentenceInfo]) -> list[SentenceInfo]:
    """The sentences of an attack report whose words type it: all of them, but for a later one that
    tallies violence across the country when the lead tells where its event was ("protesters
    gathered at Jatrabari ... 109 were killed in clashes in different parts of the country"): that
    tally is other events'. A lead that names no place may be the nationwide story itself."""
    if not happened[0].places:
        return happened
    return [happened[0], *(i for i in happened[1:] if not told_elsewhere(i.sentence.text))]


def _lead_attack_stands(happened: list[SentenceInfo], weapon: str | None) -> bool:
    """Whether a codebook rule reads the lead sentence of an attack on civilians alone as an Attack
    (violence against civilians) and no sentence after it tells the attacked fighting back or a battle: "Ten
    villagers were killed when gunmen raided the village. The attackers also fired on the police as
    they arrived" - what the raiders did to others later does not make the villagers' killing a
    fight, and the whole report's text must not type it so. A weapon that types the event by
    itself keeps its type."""
    if len(happened) < 2 or (weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None):
        return False
    own = _attack_typing(told_text(happened[0]), weapon)
    return own.kind == "attack" and own.rule is not None and own.sub_event_type == ATTACK and not _fight_told_later(happened, typed_clash=True)


def _battle_type() -> str:
    return str(_data()["battle_sub_event_type"])


def _fight_told_later(happened: list[SentenceInfo], *, typed_clash: bool) -> bool:
    """Whether the sentences of an attack report after its lead tell the attacked side fighting
    back ("Gunmen raided the village at dawn. Village guards fought off the gunmen"): the
    codebook's Attack is violence against people who do not fight back, and neither the lead's
    words nor the sentence detector reading the lead alone see the next sentence. With
    ``typed_clash`` (the report's text was typed an Armed clash, and only the detector's reading
    of the lead says Attack) a fight the later sentences name ("clashed with the militants")
    is enough; otherwise fire must be answered (``fire_answered``, ``data/acled.yaml``)."""
    if len(happened) < 2:
        return False
    later = " ".join(told_text(i) for i in happened[1:])
    return _fire_answered().search(later) is not None or (typed_clash and _battle().search(later) is not None)


def _assault_arms(weapon: tuple[SentenceInfo, Hit], text: str) -> bool:
    """Whether the weapon is an infantry weapon (``direct_fire``, ``data/acled.yaml``: a rocket-
    propelled grenade) fired beside the small arms of an assault (``assault_arms``) on armed
    people (a typing rule of ``assault_rules`` reads the text): "gunmen attacked the checkpoint
    with RPGs and machine guns" is a fight, not a shelling; RPGs and machine guns fired at
    houses are not."""
    info, hit = weapon
    data = _data()
    if re.search(data["direct_fire"], info.sentence.text[hit.start : hit.end]) is None:
        return False
    if re.search(data["assault_arms"], text) is None:
        return False
    return bool(match_rules(text, only=frozenset(data["assault_rules"])))


@cache
def _two_sided_pattern() -> re.Pattern[str]:
    return re.compile(_data()["two_sided"])


def _two_sided(text: str, weapon: str | None) -> bool:
    """Whether ``text`` tells both sides fighting (fire returned or exchanged, small arms beside
    the explosives) around a weapon of ``two_sided_weapons`` (``data/acled.yaml``)."""
    sub_type = taxonomy.weapon_sub_event_type(weapon) if weapon is not None else None
    return sub_type in _data()["two_sided_weapons"] and _two_sided_pattern().search(text) is not None


def told_text(info: SentenceInfo) -> str:
    """The words of a sentence that tell its violence: all of it, or the clause telling an earlier
    event when the sentence sets its attack against one ("came two days after gunmen killed ...")."""
    cue = info.attack
    start = cue.earlier_from if cue is not None and cue.earlier_from is not None else 0
    return info.sentence.text[start:]


VIOLENT_DEMONSTRATION = "Violent demonstration"
_BY_VERDICT = {"force": "Excessive force against protesters", "intervention": "Protest with intervention"}


def _by_agent(kind: str, event_type: str, sub_type: str, happened: list[SentenceInfo]) -> tuple[str, str, str]:
    """A riot or a protest by who is violent (:mod:`~eventledger.extract.detection.agency`).

    The lead sentence tells what the event was: demonstrators who storm, burn or fight make it a
    riot whatever the police did; state forces who fire on, storm or beat a crowd whose violence
    it does not tell make it force against protesters, and that stands against what later
    sentences add ("some protesters threw stones"). Tear gas or dispersal told first is the
    police's answer to the crowd's violence when a later sentence tells that violence.
    """
    lead = happened[0].sentence.text
    verdict = violent_side(lead)
    if kind == "attack":
        # violence at a demonstration: the crowd's fight with the police is a riot, the state's
        # shooting at a protest force against protesters (an explosive weapon keeps it an attack)
        if verdict == "crowd" and (at_demonstration(lead) or names_state_forces(lead)):
            return "riot", *taxonomy.acled_types(VIOLENT_DEMONSTRATION)
        if verdict == "force" and at_demonstration(lead) and force_against_crowd(lead):
            return "protest", *taxonomy.acled_types(_BY_VERDICT["force"])
        return kind, event_type, sub_type
    if kind == "protest" and (verdict == "crowd" or (verdict is None and _first_told(happened) == "crowd")):
        # a protest whose lead tells nobody's violence ("thousands gathered on the square") is a
        # riot when the first violence the next sentences tell is the crowd's ("..., and clashes
        # with police followed"), not when it is the police's ("police opened fire")
        return "riot", *taxonomy.acled_types(VIOLENT_DEMONSTRATION)
    if kind == "protest":
        return "protest", *taxonomy.acled_types(_state_act(happened) or sub_type)
    if verdict is None or kind != "riot" or sub_type != VIOLENT_DEMONSTRATION:
        return kind, event_type, sub_type
    if verdict == "intervention" and _crowd_violent_after(happened):
        return kind, event_type, sub_type
    if verdict in _BY_VERDICT:
        return "protest", *taxonomy.acled_types(_BY_VERDICT[verdict])
    return kind, event_type, sub_type


def _state_act(happened: list[SentenceInfo]) -> str | None:
    """The protest sub-type the state's acts make, the strongest its sentences tell: force
    (firing on, storming, beating) over an intervention (tear gas, dispersal, arrests)."""
    verdicts = {violent_side(i.sentence.text) for i in happened}
    return next((_BY_VERDICT[v] for v in ("force", "intervention") if v in verdicts), None)


def _first_told(happened: list[SentenceInfo]) -> str | None:
    """Whose violence the first sentence after the lead that tells someone's tells."""
    return next((v for v in (violent_side(i.sentence.text) for i in happened[1:]) if v is not None), None)


def _crowd_violent_after(happened: list[SentenceInfo]) -> bool:
    return any(violent_side(i.sentence.text) == "crowd" for i in happened[1:])


def _hint_confirmed(lead: SentenceInfo, weapon: str | None) -> tuple[str, str] | None:
    """The ACLED types of the lead sentence when the kind of violence its words tell (a
    kidnapping, a clash) is the sub-event type the sentence detector gives it and no codebook
    rule reads the sentence otherwise; a weapon that types the event by itself keeps its type."""
    cue = lead.attack
    if cue is None or cue.hint is None or cue.detected is None:
        return None
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    by_hint = _data()["by_hint"].get(cue.hint)
    if by_hint is None or by_hint != cue.detected:
        return None
    own = _attack_typing(told_text(lead), weapon)
    if own.rule and own.sub_event_type != by_hint:
        return None  # a codebook rule read the sentence otherwise ("kidnapped and killed" is an attack)
    return taxonomy.acled_types(by_hint)


def crowd_control(sentence: str, hit: Hit) -> bool:
    """Whether the weapon ``hit`` of ``sentence`` names a crowd-control device ("stun grenades",
    "sound grenades"): the police dispersing a crowd, not an explosive that types an attack.

    >>> crowd_control("Police threw sound grenades at the marchers.", Hit("grenade", 22, 30))
    True
    """
    return re.search(_data()["crowd_control_before"], sentence[: hit.start].rstrip()) is not None


def _detected_kind(lead: SentenceInfo, weapon: str | None) -> tuple[str, str, str] | None:
    """(kind, event_type, sub_event_type) of a riot or protest the detector is sure the lead
    sentence tells; a weapon that types the event by itself (a bomb, an air strike) keeps it an attack."""
    cue = lead.attack
    if cue is not None and cue.kind == "attack" and cue.detected == "Looting/property destruction":
        return "attack", *taxonomy.acled_types(cue.detected)  # started as looting (detection/lone.py)
    if cue is None or cue.kind not in ("riot", "protest") or cue.detected is None:
        return None
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    if taxonomy.kind_of_sub_event_type(cue.detected) != cue.kind:
        return None
    event_type, sub_type = taxonomy.acled_types(cue.detected)
    return cue.kind, event_type, sub_type


def detector_types(lead: SentenceInfo, weapon: str | None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of the attack the sentence detector is sure the lead sentence
    tells, None when it is not sure (``detector_event_at``, ``detector_label_at`` in
    ``data/acled.yaml``). The trained model reads the whole sentence where the cue rules read one
    word each: "fired mortars, machine guns and small arms at the positions" is a clash, not
    shelling. Only among the attack families (Battles, Explosions/Remote violence, Violence
    against civilians): whether a crowd was violent is read by who did what
    (:mod:`~eventledger.extract.detection.agency`), which a bag of words does not see. A weapon
    that types the event by itself keeps its type unless the detector is sure of a battle."""
    detection = lead.detection
    data = _data()
    if detection is None or detection.probability < float(data["detector_event_at"]):
        return None
    attacks = {label: p for label, p in detection.distribution.items() if kind_of(label) == "attack"}
    if not attacks:
        return None
    label = max(attacks, key=attacks.__getitem__)
    if attacks[label] < float(data["detector_label_at"]) * detection.probability:
        return None
    event_type, sub_type = taxonomy.acled_types(label)
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None and event_type != "Battles":
        return None
    return event_type, sub_type


ATTACK = "Attack"


@cache
def _fire_answered() -> re.Pattern[str]:
    return re.compile(_data()["fire_answered"])


def fight_told_after(members: list[SentenceInfo], infos: list[SentenceInfo], sub_event_type: str) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of an attack on civilians that the sentences right after its
    lead tell was a fight: "Gunmen raided a police post, killing a cook. The officers returned
    fire and the attackers fled." News tells the attack first and the answer next, often in a
    sentence of its own that no attack cue joins to the report. The codebook's Attack is violence
    against people who do not fight back; armed people who fire back, or are hit themselves,
    make it an Armed clash. Only the sentences after the lead in its paragraph, until one starts
    another event (:func:`~eventledger.extract.detection.intervention.following`)."""
    if sub_event_type != ATTACK:
        return None
    after = " ".join(following(members, infos))
    if not after:
        return None
    # what counts is who fought back: a clash the later sentences only name is as often the
    # background ("linked to recent clashes between the clans", "there was no armed clash")
    if _fire_answered().search(after) is None:
        return None
    return taxonomy.acled_types(_data()["battle_sub_event_type"])


def set_log_types(fields: Fields, text: str, weapon: str | None, evidence: list[Span]) -> None:
    """A log line's ACLED types: its weapon's, else what typing reads in the line."""
    event_type, sub_type = attack_type(text, weapon)
    fields.set("event_type", event_type, evidence)
    fields.set("sub_event_type", sub_type, evidence)
