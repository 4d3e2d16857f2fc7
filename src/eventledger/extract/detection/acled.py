"""ACLED event type and sub-event type of an attack.

The weapon decides among ACLED's explosive sub-types (its codebook defines them by weapon, see
:mod:`eventledger.taxonomy`), so that mapping is applied first. Otherwise the event typer
(:func:`~eventledger.extract.detection.event_typing.type_event`) reads the text; when it does
not type the text as an attack, the hint-based fallback of ``data/acled.yaml`` is used. A
failure of the typer is a bug: it raises, and the article is recorded as a failure.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract.detection.event_typing import EventTyping, type_event


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
    if typing.kind == "protest" and typing.rule and typing.confidence >= _SURE and typing.event_type and typing.sub_event_type:
        return typing.kind, typing.event_type, typing.sub_event_type
    return None


_SURE = 0.8


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
