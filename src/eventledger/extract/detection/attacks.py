"""Violent events in one sentence: trigger, weapon, target, casualties, claims and denials.

``detect_attack(sentence)`` reads one sentence and says whether it describes violence that
happened (a weapon or attack word together with an action or a casualty count, and none of the
blockers: negation, conditionals, threats, habits, counts of many attacks, sports...). A sentence
that only adds to an event told nearby ("The attack killed a child", "X claimed responsibility")
is returned with ``supporting=True``: it can join an event but not start one on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract.casualties import CasualtyFigure, find_casualties
from eventledger.extract.lexicon import word_regex

# When a sentence names several weapons, the most telling one wins ("a suicide bomber
# detonated explosives" is a suicide bombing, not an IED).
WEAPON_PRIORITY = taxonomy.weapon_names()


@dataclass(frozen=True)
class Hit:
    """A matched cue: ``value`` found at ``text[start:end]`` of the sentence."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class AttackCue:
    """What one sentence says about a violent event (offsets relative to the sentence)."""

    triggers: tuple[Hit, ...]
    supporting: bool  # may join an event told nearby but does not start one
    anaphoric: bool  # refers back ("the attack", "the rockets")
    weapon: Hit | None = None
    target: Hit | None = None
    casualties: tuple[CasualtyFigure, ...] = ()
    claims: tuple[Hit, ...] = ()  # spans of claim cues; value "subject" or "by"
    denials: tuple[Hit, ...] = ()
    no_claim: bool = False
    historical: Hit | None = None
    hint: str | None = None  # kidnapping | clash
    blocked_by: str | None = None
    action: Hit | None = None


@dataclass
class _Lexicon:
    weapons: tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]] | None = None
    targets: tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]] | None = None
    hints: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    attack_nouns: re.Pattern[str] | None = None
    self_evident: re.Pattern[str] | None = None
    actions: re.Pattern[str] | None = None
    blockers: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    any_blocker: re.Pattern[str] | None = None  # all blockers in one: no match, no blocker to weigh
    historical: re.Pattern[str] | None = None
    claim_subject: list[re.Pattern[str]] = field(default_factory=list)
    claim_by: list[re.Pattern[str]] = field(default_factory=list)
    denial: list[re.Pattern[str]] = field(default_factory=list)
    no_claim: list[re.Pattern[str]] = field(default_factory=list)
    prefilter: re.Pattern[str] | None = None


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _vocabulary(groups: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """One regex over every surface form (longest first) and the value each form stands for.

    One pass over a sentence instead of one per value; "re:" forms are checked on the match.
    """
    surfaces: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for value, terms in groups.items():
        for term in terms:
            if term.startswith("re:"):
                patterns.append((re.compile(term[3:] + "$", re.I), value))
            surfaces.setdefault(" ".join(term.lower().split()), value)
    return word_regex(list(surfaces)), surfaces, patterns


def _vocabulary_hits(vocabulary, text: str) -> list[Hit]:
    regex, surfaces, patterns = vocabulary
    hits = []
    for match in regex.finditer(text):
        surface = " ".join(match.group().lower().split())
        value = surfaces.get(surface)
        if value is None:
            value = next((v for p, v in patterns if p.match(surface)), None)
        if value is not None:
            hits.append(Hit(value, match.start(), match.end()))
    return hits


@cache
def _lexicon() -> _Lexicon:
    data = load_yaml("eventledger.extract.detection", "attacks.yaml")
    claims = load_yaml("eventledger.extract.detection", "claims.yaml")
    lex = _Lexicon()
    lex.weapons = _vocabulary(data["weapons"])
    lex.targets = _vocabulary(data["targets"])
    lex.hints = [(name, word_regex(terms)) for name, terms in data["sub_event_hints"].items()]
    lex.attack_nouns = word_regex(data["attack_nouns"])
    lex.self_evident = word_regex(data["self_evident"])
    lex.actions = word_regex(data["actions"])
    for name, patterns in data["blockers"].items():
        for pattern in patterns:
            lex.blockers.append((name, re.compile(pattern[3:] if pattern.startswith("re:") else re.escape(pattern), re.I)))
    lex.any_blocker = re.compile("|".join(f"(?:{p.pattern})" for _, p in lex.blockers) or "(?!)", re.I)
    lex.historical = re.compile(
        "|".join(p[3:] if p.startswith("re:") else r"\b" + re.escape(p) + r"\b" for p in data["historical"])
    )
    lex.claim_subject = [_alternation(claims["claim_subject"])]
    lex.claim_by = [_alternation(claims["claim_by"])]
    lex.denial = [_alternation(claims["denial_subject"])]
    lex.no_claim = [_alternation(claims["no_claim"])]
    cue_words = [t for terms in data["weapons"].values() for t in terms] + data["attack_nouns"] + data["self_evident"]
    cue_words += load_yaml("eventledger.extract", "casualties.yaml")["killed"] + load_yaml("eventledger.extract", "casualties.yaml")["wounded"]
    # a sentence with none of these words says nothing about violence: one search rules it out
    lex.prefilter = re.compile(
        r"(?:" + word_regex(cue_words).pattern + r")|\b(?:" + "|".join(claims["prefilter"]) + ")", re.I
    )
    return lex


def _hits(pattern: re.Pattern[str], text: str, value: str = "") -> list[Hit]:
    return [Hit(value or m.group().lower(), m.start(), m.end()) for m in pattern.finditer(text)]


def find_weapon(text: str) -> Hit | None:
    """The weapon a text names, normalised (rocket, mortar, ied, drone, small_arms, ...)."""
    # the regex takes the longest surface form at a place ("rocket-propelled grenade", not "grenade")
    found = _vocabulary_hits(_lexicon().weapons, text)
    if not found:
        return None
    return min(found, key=lambda h: (WEAPON_PRIORITY.index(h.value), h.start))


# "police said", "according to police": the police speak of the attack, they are not its target
_SPEAKER_AFTER = re.compile(
    r"\s*(?:sources?\s+|officials?\s+|spokesm[ae]n\s+|spokesperson\s+)?"
    r"(?:said|says|say|told|reported|added|confirmed|stated|announced)\b",
    re.I,
)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|quoted|quoting|citing)\s+(?:the\s+|local\s+|a\s+)*$", re.I)


def find_target(text: str, after: int = 0) -> Hit | None:
    """The target an attack sentence names, preferring one after the action; a body that only
    speaks of the attack ("police said") is no target."""
    found = [
        h
        for h in _vocabulary_hits(_lexicon().targets, text)
        if not _SPEAKER_AFTER.match(text, h.end) and not _SPEAKER_BEFORE.search(text, 0, h.start)
    ]
    if not found:
        return None
    later = [h for h in found if h.start >= after]
    return min(later or found, key=lambda h: h.start)


_KILLED_BY = re.compile(r"\b(?:killed|wounded|injured|shot|murdered|executed)\s+by\s+(?!(?:a |an |the )?(?:disease|illness|virus|covid|flood|floods|earthquake|lightning|accident|fire|car|truck|train|collapse))", re.I)


_CLAUSE_BREAK = re.compile(r"[,;]")


def _blocker(text: str, first_action: int | None, hurt: bool = False, historical: int | None = None) -> str | None:
    lex = _lexicon()
    if lex.any_blocker is not None and not lex.any_blocker.search(text):
        return None  # most sentences: one search instead of one per blocker
    for name, pattern in lex.blockers:
        if name == "tally" and hurt:
            continue  # "13 soldiers were killed in 2 attacks" is news of victims, not a tally
        for match in pattern.finditer(text):
            if name == "modal" and first_action is not None and first_action < match.start() and _CLAUSE_BREAK.search(text, first_action, match.start()):
                continue  # "rockets hit the base, and a warning that Iran would pay": the modal is another clause
            if name == "modal" and historical is not None and first_action is not None and match.end() <= historical < first_action:
                continue  # "preparing to mark the anniversary of the strike that killed him": the strike happened
            if name == "accusation" and (first_action is None or match.start() > first_action):
                continue  # "gunmen attacked the shop, accusing its owner of ...": the attack came first
            if name == "modal" and match.group().lower() in ("if", "unless", "in case"):
                # a conditional blocks only when the violence is inside it ("if any American
                # was killed"), not when it comes first ("Rockets hit the base, and if ...")
                if first_action is not None and first_action < match.start():
                    continue
            return name
    return None


def detect_attack(text: str) -> AttackCue | None:
    """What ``text`` (one sentence) says about violence, or None when it says nothing.

    >>> detect_attack("Two rockets hit the base, wounding a soldier.").weapon.value
    'rocket'
    >>> detect_attack("No rockets hit the base on Sunday.").blocked_by
    'negation'
    """
    lex = _lexicon()
    assert lex.prefilter is not None
    if not lex.prefilter.search(text):
        return None
    weapon = find_weapon(text)
    nouns = _hits(lex.attack_nouns, text)
    evident = _hits(lex.self_evident, text)
    actions = _hits(lex.actions, text)
    casualties = tuple(find_casualties(text))
    claims = tuple(Hit("subject", m.start(), m.end()) for p in lex.claim_subject for m in p.finditer(text))
    claims += tuple(Hit("by", m.start(), m.end()) for p in lex.claim_by for m in p.finditer(text))
    denials = tuple(Hit("subject", m.start(), m.end()) for p in lex.denial for m in p.finditer(text))
    no_claim = any(p.search(text) for p in lex.no_claim)
    has_trigger = bool(weapon or nouns or evident)
    hurt = any(c.low > 0 for c in casualties)
    if not (has_trigger or hurt or claims or denials or no_claim):
        return None
    triggers: tuple[Hit, ...] = tuple(sorted(([weapon] if weapon else []) + nouns + evident, key=lambda h: h.start))
    first_action = min((h.start for h in actions + evident), default=None)
    historical = lex.historical.search(text)
    blocked = _blocker(text, first_action, hurt, historical.start() if historical else None)
    # "a soldier was killed by Taliban militants": victims and an agent make an event
    agent = _KILLED_BY.search(text) if hurt else None
    happened = bool(evident) or (has_trigger and (bool(actions) or hurt)) or agent is not None
    if agent is not None and not has_trigger:
        triggers = (Hit("killing", agent.start(), agent.end()),)
        has_trigger = True
    anaphoric = bool(re.search(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:attack|attacks|strike|blast|explosion|bombing|barrage|rockets|rocket|volley|assault|incident|ambush|shelling|shells?|mortars?|missiles?|bombs?|drones?|salvo|operation)\b", text, re.I))
    hint = None
    for name, pattern in lex.hints:
        if pattern.search(text):
            hint = name
            break
    action = min(actions + evident, key=lambda h: h.start) if actions or evident else None
    target = find_target(text, after=action.start if action else 0) if has_trigger else None
    supporting = bool(not happened or blocked is not None or ((claims or denials) and not actions))
    if blocked in ("sports", "medical", "figurative", "stop", "generic", "tally", "negation", "modal", "infinitive", "accusation"):
        # nothing in a blocked sentence joins an event, except its claims, denials and tolls
        if not (claims or denials or no_claim):
            return None if not hurt or blocked in ("sports", "medical", "figurative", "modal") else AttackCue(
                triggers=triggers, supporting=True, anaphoric=anaphoric, casualties=casualties, blocked_by=blocked
            )
    return AttackCue(
        triggers=triggers,
        supporting=supporting,
        anaphoric=anaphoric,
        weapon=weapon,
        target=target,
        casualties=casualties,
        claims=claims,
        denials=denials,
        no_claim=no_claim,
        historical=Hit("historical", historical.start(), historical.end()) if historical else None,
        hint=hint,
        blocked_by=blocked,
        action=action,
    )
