"""Who is violent at a demonstration: the crowd (a riot) or the state forces (a protest).

ACLED's codebook decides between its Riots and Protests by the agent of the violence, not by the
violence alone: demonstrators who storm, burn, throw projectiles, loot or fight the police make a
Violent demonstration even when the police fire too; security forces who storm a camp, fire on or
beat demonstrators who are not said to be violent make a Protest (Excessive force against
protesters); tear gas, dispersal or arrests at such a protest make a Protest with intervention.
Word cues alone get the agent wrong ("troops stormed the sit-in" holds the words of a
riot, "police shot at marchers trying to break into the ministry" those of force against them).

:func:`violent_side` reads a sentence's acts and their agents: the actor named last before an
act's verb with only auxiliaries, adverbs, names and "trying to"-like words between them, or
the agent of a passive ("by police"). Patterns are data (``data/agency.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from eventledger.datafiles import load_yaml

Side = Literal["crowd", "state"]
# what a sentence tells: the crowd's violence, the state's force against a crowd, only the
# state's intervention (tear gas, dispersal, arrests), or no act whose agent it names
Verdict = Literal["crowd", "force", "intervention"]

_CAPITALISED = re.compile(r"\b[A-Z][\w.'’-]*")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$")
_BY = re.compile(r"^[^.;,]{0,30}?\bby\b")
# burning a flag, an effigy or a veil is a protest's gesture, not violence
_SYMBOLIC = re.compile(
    r"^\s+(?:(?:their|his|her|its|the|a|an)\s+)?(?:\w+\s+)?(?:effig\w+|flags?|veils?|portraits?|posters?|pictures?|photos?|photographs?|copies|candles|hijabs?|headscarves)\b"
)


@dataclass(frozen=True)
class _Patterns:
    crowd: re.Pattern[str]
    state: re.Pattern[str]
    crowd_acts: re.Pattern[str]
    state_force: re.Pattern[str]
    state_intervention: re.Pattern[str]
    clash: re.Pattern[str]
    crowd_signs: re.Pattern[str]
    victims_at_protest: re.Pattern[str]
    demonstration: re.Pattern[str]
    gap: re.Pattern[str]
    background_before: re.Pattern[str]
    background_sign_before: re.Pattern[str]
    grievance_before: re.Pattern[str]
    casualty_count: re.Pattern[str]
    crowd_after: re.Pattern[str]
    sparked_before: re.Pattern[str]
    elsewhere: re.Pattern[str]
    reach: int


@cache
def _patterns() -> _Patterns:
    data = load_yaml("eventledger.extract.detection", "agency.yaml")
    names = (
        "crowd",
        "state",
        "crowd_acts",
        "state_force",
        "state_intervention",
        "clash",
        "crowd_signs",
        "victims_at_protest",
        "demonstration",
        "gap",
        "background_before",
        "background_sign_before",
        "grievance_before",
        "casualty_count",
        "crowd_after",
        "sparked_before",
        "elsewhere",
    )
    ignore_case = ("demonstration", "grievance_before")
    compiled = {name: re.compile(data[name], re.I if name in ignore_case else 0) for name in names}
    return _Patterns(**compiled, reach=int(data["reach"]))


def told_elsewhere(sentence: str) -> bool:
    """Whether a sentence tells violence across the country or in many places ("80 were killed in
    clashes in different parts of the country"): a tally of many events, which tells nothing of the
    conduct of the one reported beside it.

    >>> told_elsewhere("At least 80 people were killed in clashes across the country.")
    True
    """
    return _patterns().elsewhere.search(sentence.lower()) is not None


@dataclass(frozen=True)
class Act:
    """One act of violence a sentence tells, with who did it."""

    side: Side
    kind: Literal["violence", "force", "intervention"]
    start: int
    end: int = -1  # where the act's words end, when they name what was thrown


def _agent(sentence: str, lowered: str, start: int, end: int) -> Side | None:
    """Who does the act whose verb spans ``start:end``: the agent after a passive's "by", else
    the actor named last before the verb with only the words of ``gap`` (and names) between."""
    patterns = _patterns()
    if _PASSIVE.search(lowered[max(0, start - 30) : start]):
        by = _BY.search(lowered[end:])
        if by is None:
            return None  # "cars were torched": nobody's act as far as the sentence says
        after = lowered[end + by.end() : end + by.end() + 40]
        crowd, state = patterns.crowd.match(after.lstrip()), patterns.state.match(after.lstrip())
        if state is None and crowd is None:
            stripped = after.lstrip()
            crowd = patterns.crowd.search(stripped[:25])
            state = patterns.state.search(stripped[:25])
        return "state" if state is not None else "crowd" if crowd is not None else None
    window_start = max(0, start - patterns.reach)
    window = lowered[window_start:start]
    last: tuple[int, Side] | None = None
    for side, pattern in (("crowd", patterns.crowd), ("state", patterns.state)):
        for found in pattern.finditer(window):
            if last is None or found.end() > last[0]:
                last = (found.end(), side)  # type: ignore[assignment]
    if last is None:
        return None
    gap = _CAPITALISED.sub(" ", sentence[window_start + last[0] : start])
    return last[1] if patterns.gap.match(gap.lower()) else None


def _background(lowered: str, start: int) -> bool:
    return _patterns().background_before.search(lowered[max(0, start - 80) : start]) is not None


def read_acts(sentence: str) -> list[Act]:
    """The acts of violence at a demonstration that ``sentence`` tells with their agent, in order."""
    patterns = _patterns()
    lowered = sentence.lower()
    acts: list[Act] = []
    # a fight between a crowd and the police: the crowd named, or a protest and the police
    crowd_named = patterns.crowd.search(lowered) or (
        patterns.demonstration.search(sentence) and patterns.state.search(lowered)
    )
    if crowd_named:
        for found in patterns.clash.finditer(lowered):
            if not _background(lowered, found.start()):
                acts.append(Act("crowd", "violence", found.start()))
    for found in patterns.crowd_acts.finditer(lowered):
        if _SYMBOLIC.match(lowered[found.end() :]) or _background(lowered, found.start()):
            continue
        if _agent(sentence, lowered, found.start(), found.end()) == "crowd":
            acts.append(Act("crowd", "violence", found.start(), found.end()))
    if patterns.crowd.search(lowered) or patterns.demonstration.search(
        sentence
    ):  # not "2 soldiers were wounded in an ambush"
        acts.extend(
            Act("crowd", "violence", found.start())
            for found in patterns.crowd_signs.finditer(lowered)
            if not patterns.background_sign_before.search(lowered[max(0, found.start() - 60) : found.start()])
        )
    for found in patterns.victims_at_protest.finditer(lowered):
        if not patterns.state.search(lowered[max(0, found.start() - 25) : found.start()]):
            acts.append(Act("state", "force", found.start()))  # not "two policemen were killed during the protest"
    for kind, pattern in (("force", patterns.state_force), ("intervention", patterns.state_intervention)):
        for found in pattern.finditer(lowered):
            if _background(lowered, found.start()) or patterns.grievance_before.search(sentence[: found.start()]):
                continue  # the time one counts from, or what the protest is about
            if _agent(sentence, lowered, found.start(), found.end()) == "state":
                acts.append(Act("state", kind, found.start()))  # type: ignore[arg-type]
    return sorted(acts, key=lambda a: a.start)


def force_against_crowd(sentence: str) -> bool:
    """Whether state forces use force on a crowd or a protest (its words follow the act: "opened
    fire on a sit-in"), or demonstrators are shot at a protest; not "police shot dead a driver,
    sparking protests"."""
    patterns = _patterns()
    lowered = sentence.lower()
    if any(a.kind == "force" and patterns.crowd_after.match(lowered[a.start :]) for a in read_acts(sentence)):
        return True
    victims = patterns.victims_at_protest.finditer(lowered)
    return any(not patterns.state.search(lowered[max(0, m.start() - 25) : m.start()]) for m in victims)


def thrown_by_crowd(sentence: str, position: int) -> bool:
    """Whether the word at ``position`` is something a crowd threw ("protesters hurled petrol
    bombs"): a demonstrator's missile, not a weapon that makes the event an attack."""
    return any(a.side == "crowd" and a.start <= position < a.end for a in read_acts(sentence))


def at_demonstration(sentence: str) -> bool:
    """Whether a sentence speaks of a demonstration (a protest, a march, a sit-in, a riot)."""
    patterns = _patterns()
    return any(
        not patterns.sparked_before.search(sentence[: m.start()]) for m in patterns.demonstration.finditer(sentence)
    )


def names_state_forces(sentence: str) -> bool:
    """Whether a sentence names state forces (the police, troops, security forces)."""
    return _patterns().state.search(sentence.lower()) is not None


def violent_side(sentence: str) -> Verdict | None:
    """Whose violence a sentence tells at a demonstration: "crowd" when the demonstrators storm,
    burn, throw, loot or fight (ACLED: a riot, whatever the police did), else "force" when state
    forces fire on, storm, attack or beat them, "intervention" when they only disperse, tear-gas or
    arrest them, None when no act's agent is named.

    >>> violent_side("Riot police shot at marchers trying to break into the assembly.")
    'crowd'
    >>> violent_side("Witnesses accused soldiers of storming the sit-in at dawn.")
    'force'
    """
    acts = read_acts(sentence)
    if any(a.side == "crowd" for a in acts):
        return "crowd"
    if any(a.kind == "force" for a in acts):
        return "force"
    if acts:
        # an intervention that leaves people dead or badly hurt is force
        return "force" if _patterns().casualty_count.search(sentence.lower()) else "intervention"
    return None
