"""Political events in one sentence: ceasefires, meetings, threats, statements, arrests, ...

Each kind is a list of trigger patterns in ``data/political.yaml``. Kinds that are only events
when somebody in particular acts (a meeting, a threat, a statement, a denial) also need a named
actor; a kind's vetoes say when its words tell no event of that kind ("two years of peace talks"
is no meeting held, "broke the terms of the truce" no truce agreed). An order to stop attacks is a
ceasefire: that is how the event is coded, whoever gave the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventledger.datafiles import load_yaml
from eventledger.extract.lexicon import Hit
from eventledger.extract.screening import screened_text, search


@dataclass(frozen=True)
class PoliticalCue:
    kind: str
    trigger: Hit


@dataclass(frozen=True)
class _Kind:
    triggers: re.Pattern[str]
    needs_actor: bool
    by_state: re.Pattern[str] | None  # the triggers a country the sentence names can carry
    vetoes: re.Pattern[str] | None  # a sentence with one tells no event of this kind
    second: re.Pattern[str] | None  # a second event of the kind told in the same words (group "other")


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
        vetoes = spec.get("vetoes") or []
        kinds[kind] = _Kind(
            _alternation(own),
            bool(spec.get("needs_actor")),
            _alternation(by_state) if by_state else None,
            _alternation(vetoes) if vetoes else None,
            re.compile(spec["second_call"], re.I) if spec.get("second_call") else None,
        )
    blockers = [re.compile(p, re.I) for p in data["blockers"]]
    # statements and denials are named by their speakers; these stand in for a speaker the KB may not list
    return {
        "kinds": kinds,
        "blockers": blockers,
        "institution": re.compile(data["institution"]),
        "spoken": frozenset(data["spoken_kinds"]),
        "new_speaker": re.compile(data["new_speaker"]),
    }


def detect_political(text: str, has_actor: bool, has_state: bool = False) -> list[PoliticalCue]:
    """Political events ``text`` (one sentence) states; ``has_actor``: it names a KB actor;
    ``has_state``: it names a country, which the KB lists as a place but which can agree or
    threaten as a state (the kinds' ``state_triggers``).

    >>> [c.kind for c in detect_political("The factions declared a truce.", has_actor=False)]
    ['ceasefire']
    """
    lex = _lexicon()
    lowered = screened_text(text)  # a pattern none of whose words the sentence holds is not searched
    if any(search(p, text, lowered) for p in lex["blockers"]):
        return []
    cues: list[PoliticalCue] = []
    spoken_by_institution = search(lex["institution"], text, lowered) is not None
    for kind, spec in lex["kinds"].items():
        pattern = spec.triggers
        if spec.needs_actor and not has_actor and not (kind in lex["spoken"] and spoken_by_institution):
            if not (has_state and spec.by_state is not None):
                continue
            pattern = spec.by_state  # a country the sentence names carries only these triggers
        if spec.vetoes is not None and search(spec.vetoes, text, lowered):
            continue
        match = search(pattern, text, lowered)
        if match:
            cues.append(PoliticalCue(kind, Hit(kind, match.start(), match.end())))
            if kind in lex["spoken"]:
                cues.extend(_other_speakers(kind, pattern, text, match, lex["new_speaker"]))
            second = search(spec.second, text, lowered) if spec.second is not None else None
            if second is not None:
                cues.append(PoliticalCue(kind, Hit(kind, second.start("other"), second.end("other"))))
    return cues


def _other_speakers(
    kind: str, pattern: re.Pattern[str], text: str, first: re.Match[str], new_speaker: re.Pattern[str]
) -> list[PoliticalCue]:
    """The later statements of one sentence made by other speakers ("the ministers condemned the
    attack and the embassy denounced it"): one event per speaker. A trigger after the first one
    is another speaker's when a new subject stands between them ("... and the embassy ...");
    "condemned the attack and called for ..." is one speaker's."""
    cues: list[PoliticalCue] = []
    end = first.end()
    for match in pattern.finditer(text, first.end()):
        if new_speaker.search(text, end, match.start()):
            cues.append(PoliticalCue(kind, Hit(kind, match.start(), match.end())))
        end = match.end()
    return cues
