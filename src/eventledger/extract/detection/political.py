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


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@cache
def _lexicon() -> dict[str, Any]:
    data = load_yaml("eventledger.extract.detection", "political.yaml")
    # one alternation per kind: a sentence is searched once per kind, not once per pattern
    kinds = {}
    for kind, spec in data["kinds"].items():
        # "state_triggers": triggers a country can carry as well as a KB actor ("all": every one)
        state = spec.get("state_triggers") or []
        own = [*spec["triggers"], *([] if state == "all" else state)]
        by_state = own if state == "all" else state
        kinds[kind] = (
            _alternation(own),
            bool(spec.get("needs_actor")),
            _alternation(by_state) if by_state else None,
        )
    blockers = [re.compile(p, re.I) for p in data["blockers"]]
    # statements are named by their speakers; these stand in for a speaker the KB may not list
    return {"kinds": kinds, "blockers": blockers, "institution": re.compile(data["institution"])}


def detect_political(text: str, has_actor: bool, has_state: bool = False) -> list[PoliticalCue]:
    """Political events ``text`` (one sentence) states; ``has_actor``: it names a KB actor;
    ``has_state``: it names a country, which the KB lists as a place but which can agree or
    threaten as a state (the kinds' ``state_triggers``).

    >>> [c.kind for c in detect_political("The factions declared a truce.", has_actor=False)]
    ['ceasefire']
    """
    lex = _lexicon()
    if any(p.search(text) for p in lex["blockers"]):
        return []
    cues: list[PoliticalCue] = []
    for kind, (pattern, needs_actor, by_state) in lex["kinds"].items():
        if needs_actor and not has_actor and not (kind == "statement" and lex["institution"].search(text)):
            if not (has_state and by_state is not None):
                continue
            pattern = by_state  # a country the sentence names carries only these triggers
        match = pattern.search(text)
        if match:
            cues.append(PoliticalCue(kind, Hit(kind, match.start(), match.end())))
    return cues
