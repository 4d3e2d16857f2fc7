"""ACLED event type and sub-event type of an attack.

The weapon decides among ACLED's explosive sub-types (its codebook defines them by weapon), so
that mapping is applied first. Otherwise the event-typing stage (``extract.typing.type_event``)
reads the text; when it is not available the hint-based fallback below is used.
"""

from __future__ import annotations

from functools import cache, lru_cache

from eventledger import taxonomy
from eventledger.extract.lexicon import load_data


@cache
def _data() -> dict:
    return load_data("acled")


def _type_event():  # the typing module is written separately; extraction works without it
    try:
        from eventledger.extract.typing import type_event
    except ImportError:
        return None
    return type_event


@lru_cache(maxsize=1)
def _attack_typing(text: str, weapon: str | None):
    """The typing stage's reading of an attack's text, or None when typing is unavailable or fails.

    Remembers only the last call: ``violence_kind`` and then ``attack_type`` ask about the same
    text one after the other, and typing it costs milliseconds.
    """
    type_event = _type_event()
    if type_event is None:
        return None
    try:
        return type_event(text, weapon=weapon, kind_hint="attack")
    except Exception:  # a typing failure must not lose the event: callers fall back to rules
        return None


def violence_kind(text: str, weapon: str | None) -> tuple[str, str, str] | None:
    """(kind, event_type, sub_event_type) when typing is sure that violence is a riot or a protest.

    ACLED codes mob violence and violent demonstrations as Riots, force against protesters as
    Protests: these are not attacks. Only a typing rule that fired with high confidence decides.
    """
    if weapon is not None and taxonomy.weapon_sub_event_type(weapon) is not None:
        return None
    typing = _attack_typing(text, weapon)
    if typing is None:
        return None
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
    if typing is not None and typing.kind == "attack" and typing.event_type and typing.sub_event_type:
        return typing.event_type, typing.sub_event_type
    if hint in data["by_hint"]:
        return taxonomy.acled_types(data["by_hint"][hint])
    if target == "civilians":
        return taxonomy.acled_types(data["by_hint"]["civilians"])
    return taxonomy.acled_types(data["default"])
