"""Political events in one sentence: ceasefires, meetings, threats, statements, arrests, ...

Each kind is a list of trigger patterns in ``data/political.yaml``. Kinds that are only events
when somebody in particular acts (a meeting, a threat, a statement) also need a named actor.
An order to stop attacks is a ceasefire: that is how the event is coded, whoever gave the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventledger.datafiles import load_yaml
from eventledger.extract.lexicon import Hit


@dataclass(frozen=True)
class PoliticalCue:
    kind: str
    trigger: Hit


@cache
def _lexicon() -> dict[str, Any]:
    data = load_yaml("eventledger.extract.detection", "political.yaml")
    # one alternation per kind: a sentence is searched once per kind, not once per pattern
    kinds = {
        kind: (
            [re.compile("|".join(f"(?:{p})" for p in spec["triggers"]), re.I)],
            bool(spec.get("needs_actor")),
            bool(spec.get("states_suffice")),
        )
        for kind, spec in data["kinds"].items()
    }
    blockers = [re.compile(p, re.I) for p in data["blockers"]]
    # statements are named by their speakers; these stand in for a speaker the KB may not list
    return {"kinds": kinds, "blockers": blockers, "institution": re.compile(data["institution"])}


def detect_political(text: str, has_actor: bool, has_state: bool = False) -> list[PoliticalCue]:
    """Political events ``text`` (one sentence) states; ``has_actor``: it names a KB actor;
    ``has_state``: it names a country (a party to an agreement, where the KB lists it as a place).

    >>> [c.kind for c in detect_political("The factions declared a truce.", has_actor=False)]
    ['ceasefire']
    """
    lex = _lexicon()
    if any(p.search(text) for p in lex["blockers"]):
        return []
    cues: list[PoliticalCue] = []
    for kind, (patterns, needs_actor, states_suffice) in lex["kinds"].items():
        named = has_actor or (states_suffice and has_state)
        if needs_actor and not named and not (kind == "statement" and lex["institution"].search(text)):
            continue
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                cues.append(PoliticalCue(kind, Hit(kind, match.start(), match.end())))
                break
    return cues
