"""Weapon: what an attack was carried out with, by its one name (``eventledger.taxonomy``).

Per sentence, :func:`find_weapon` reads the weapon a text names ("Katyusha rockets" -> rocket),
the most telling one when it names several. Per report, :func:`set_attack_weapon` keeps the most
telling weapon of the sentences that tell the attack happened, :func:`set_log_weapon` a log line's.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.lexicon import Hit, Vocabulary

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.logs import LogLine

# When a sentence names several weapons, the most telling one wins ("a suicide bomber
# detonated explosives" is a suicide bombing, not an IED): the taxonomy lists them in that order.
WEAPON_PRIORITY = taxonomy.weapon_names()


@cache
def _surfaces() -> dict[str, list[str]]:
    data: dict[str, list[str]] = load_yaml("eventledger.extract.fields", "weapon.yaml")["weapons"]
    return data


@cache
def _vocabulary() -> Vocabulary:
    return Vocabulary(_surfaces())


def surface_terms() -> list[str]:
    """Every word or phrase that names a weapon (cues of violence too)."""
    return [term for terms in _surfaces().values() for term in terms]


def find_weapon(text: str) -> Hit | None:
    """The weapon a text names, normalised (rocket, mortar, ied, drone, small_arms, ...)."""
    found = _vocabulary().hits(text)
    if not found:
        return None
    return min(found, key=lambda h: (WEAPON_PRIORITY.index(h.value), h.start))


def set_attack_weapon(fields: Fields, happened: list[SentenceInfo], text: str) -> tuple[SentenceInfo, Hit] | None:
    """An attack's weapon: the most telling one of its sentences (the first among equals)."""
    weapons = [(WEAPON_PRIORITY.index(i.attack.weapon.value), i, i.attack.weapon) for i in happened if i.attack and i.attack.weapon]
    if not weapons:
        return None
    _, info, hit = min(weapons, key=lambda w: w[0])
    fields.set("weapon", hit.value, [span_of(text, *info.absolute(hit))])
    return info, hit


def set_log_weapon(fields: Fields, line: LogLine, text: str) -> str | None:
    """A log line's weapon ("IED vs convoy"), its name returned."""
    weapon = find_weapon(line.text)
    if weapon is None:
        return None
    fields.set("weapon", weapon.value, [span_of(text, line.start + weapon.start, line.start + weapon.end)])
    return weapon.value
