"""Violent events in one sentence: trigger, weapon, target, casualties, claims and denials.

``detect_attack(sentence)`` reads one sentence and says whether it describes violence that
happened (a weapon or attack word together with an action or a casualty count, and none of the
blockers: negation, conditionals, threats, habits, counts of many attacks, sports...). A sentence
that only adds to an event told nearby ("The attack killed a child", "X claimed responsibility")
is returned with ``supporting=True``: it can join an event but not start one on its own. The
weapon, target and casualty figures are read by their fields (:mod:`eventledger.extract.fields`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.fields.casualties import CasualtyFigure, cue_words, find_casualties
from eventledger.extract.fields.target import find_target
from eventledger.extract.fields.weapon import find_weapon, surface_terms
from eventledger.extract.lexicon import Hit, compile_patterns, word_regex

# blockers after which nothing of the sentence joins an event but its claims, denials and tolls
_SILENCING = (
    "sports", "medical", "disaster", "judicial", "figurative", "stop", "generic", "tally", "negation", "modal",
    "infinitive", "accusation",
)
# blockers that stop no violence told before them when a clause of circumstance stands between
# ("beheaded a man after sporadic conflicts over pasture", "were killed as they tried to attack
# a police post", "killed by police as they attempted to halt the violence")
_IN_CONTEXT = ("generic", "stop", "infinitive")
# blockers whose sentence does not even add a toll ("a heart attack killed him")
_NOT_VIOLENCE = ("sports", "medical", "disaster", "judicial", "figurative", "modal")


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
    kind: str | None = None  # attack, riot or protest when the sentence detector is sure which
    detected: str | None = None  # the detector's ACLED sub-event type for the sentence
    # where the clause telling an earlier event starts ("the ambush came two days after | gunmen
    # killed ..."): the cue is that event's, another than the one told before
    earlier_from: int | None = None


def read_violence(text: str, *, kind: str, act: Hit | None = None, anchored: bool = True) -> AttackCue | None:
    """What a sentence the detector found to tell violence of ``kind`` (with no cue that decided
    so) says: its cue words (weapon, target, casualties, claims). None when the codebook's vetoes
    block it (a negation, a threat, a habit, sports...) or, for an attack, when no word of
    violence stands in it to anchor the event; a protest needs none (a march is told without one).
    ``act``: an act of violence the caller found in the sentence (a verb the cues do not know in
    that tense, "raiders kill a herder"): the action when it comes before the cues' first ("a mob
    kills a man suspected of killing ..." is the mob's killing, the suspicion its cause).
    ``anchored``: an attack needs a word of violence; False when the detector is all but certain
    of the violence ("the bodies of two men were found with their hands tied").
    A riot or a protest is not blocked by the blockers of ``crowd_exempt`` (``data/attacks.yaml``):
    they tell whether violence words are news of political violence (nature's, sport's, a trial's
    crime), not whether a crowd gathered ("flood victims blocked the road", "protests after the
    verdict"); nor by a blocker in what the crowd protests (:func:`crowd_cause`: "marched against
    plans to build a dam", "protested over fears they would not be paid").
    """
    lex = _lexicon()
    cues = _cues(text)
    acts = cues.actions + cues.evident + ([act] if act is not None else [])
    action = min(acts, key=lambda h: h.start) if acts else None
    historical = lex.historical.search(text)
    crowd = kind in ("riot", "protest")
    exempt = _crowd_exempt() if crowd else frozenset()
    cause = crowd_cause(text) if crowd else None
    told = text if cause is None else text[:cause]
    if _blocker(text, action.start if action else None, cues.hurt, historical.start() if historical else None, exempt, until=cause):
        return None
    triggers = cues.triggers or ((action,) if action else ())
    if not triggers:
        if kind == "attack" and anchored:
            return None
        triggers = (Hit("detected", 0, min(len(text), 80)),)
    return AttackCue(
        triggers=triggers,
        supporting=False,
        anaphoric=bool(lex.patterns["anaphoric"].search(told)),
        weapon=cues.weapon,
        target=find_target(text, after=action.start if action else 0),
        casualties=cues.casualties,
        claims=cues.claims,
        denials=cues.denials,
        no_claim=cues.no_claim,
        historical=Hit("historical", historical.start(), historical.end()) if historical else None,
        hint=_hint(text),
        action=action,
    )


@dataclass(frozen=True)
class _Lexicon:
    hints: list[tuple[str, re.Pattern[str]]]
    attack_nouns: re.Pattern[str]
    self_evident: re.Pattern[str]
    actions: re.Pattern[str]
    blockers: list[tuple[str, re.Pattern[str]]]
    any_blocker: re.Pattern[str]  # all blockers in one: no match, no blocker to weigh
    historical: re.Pattern[str]
    claim_subject: re.Pattern[str]
    claim_by: re.Pattern[str]
    denial: re.Pattern[str]
    no_claim: re.Pattern[str]
    prefilter: re.Pattern[str]
    patterns: dict[str, re.Pattern[str]]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _blockers(groups: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (name, re.compile(pattern[3:] if pattern.startswith("re:") else re.escape(pattern), re.I))
        for name, patterns in groups.items()
        for pattern in patterns
    ]


@cache
def _lexicon() -> _Lexicon:
    data = load_yaml("eventledger.extract.detection", "attacks.yaml")
    claims = load_yaml("eventledger.extract.detection", "claims.yaml")
    blockers = _blockers(data["blockers"])
    cues = surface_terms() + data["attack_nouns"] + data["self_evident"] + cue_words()
    return _Lexicon(
        hints=[(name, word_regex(terms)) for name, terms in data["sub_event_hints"].items()],
        attack_nouns=word_regex(data["attack_nouns"]),
        self_evident=word_regex(data["self_evident"]),
        actions=word_regex(data["actions"]),
        blockers=blockers,
        any_blocker=re.compile("|".join(f"(?:{p.pattern})" for _, p in blockers) or "(?!)", re.I),
        historical=re.compile(
            "|".join(p[3:] if p.startswith("re:") else r"\b" + re.escape(p) + r"\b" for p in data["historical"])
        ),
        claim_subject=_alternation(claims["claim_subject"]),
        claim_by=_alternation(claims["claim_by"]),
        denial=_alternation(claims["denial_subject"]),
        no_claim=_alternation(claims["no_claim"]),
        # a sentence with none of these words says nothing about violence: one search rules it out
        prefilter=re.compile(r"(?:" + word_regex(cues).pattern + r")|\b(?:" + "|".join(claims["prefilter"]) + ")", re.I),
        patterns=compile_patterns(data["patterns"]),
    )


@cache
def _crowd_exempt() -> frozenset[str]:
    return frozenset(load_yaml("eventledger.extract.detection", "attacks.yaml")["crowd_exempt"])


def attack_nouns() -> re.Pattern[str]:
    """The words that name violence without a weapon ("attack", "ambush", "clashes")."""
    return _lexicon().attack_nouns


def _hits(pattern: re.Pattern[str], text: str, value: str = "") -> list[Hit]:
    return [Hit(value or m.group().lower(), m.start(), m.end()) for m in pattern.finditer(text)]


def _skips_blocker(name: str, match: re.Match[str], text: str, first_action: int | None, historical: int | None) -> bool:
    """Whether a blocker's match leaves the violence told alone (the blocker is about something else)."""
    if name == "modal" and first_action is not None and first_action < match.start() and _lexicon().patterns["clause_break"].search(text, first_action, match.start()):
        return True  # "rockets hit the base, and a warning that Iran would pay": the modal is another clause
    if name == "modal" and historical is not None and first_action is not None and match.end() <= historical < first_action:
        return True  # "preparing to mark the anniversary of the strike that killed him": the strike happened
    if name == "accusation" and (first_action is None or match.start() > first_action):
        return True  # "gunmen attacked the shop, accusing its owner of ...": the attack came first
    if name == "accusation" and _lexicon().patterns["accused_victim"].match(text, match.end()):
        return True  # "a man suspected of stealing a goat was beaten to death": the accused is the victim
    if name in _IN_CONTEXT and first_action is not None and first_action < match.start():
        if _lexicon().patterns["context_clause"].search(text, first_action, match.start()):
            return True  # "killed a man after sporadic pasture conflicts", "were killed as they tried to attack ..."
    # a conditional blocks only when the violence is inside it ("if any American was killed"),
    # not when it comes first ("Rockets hit the base, and if ...")
    conditional = name == "modal" and match.group().lower() in ("if", "unless", "in case")
    return conditional and first_action is not None and first_action < match.start()


def _blocker(
    text: str,
    first_action: int | None,
    hurt: bool = False,
    historical: int | None = None,
    exempt: frozenset[str] = frozenset(),
    until: int | None = None,
) -> str | None:
    """The name of the first blocker that stops the violence of ``text``, None when none does
    (``exempt``: blockers that do not apply; ``until``: where the words that may block end)."""
    lex = _lexicon()
    if not lex.any_blocker.search(text):
        return None  # most sentences: one search instead of one per blocker
    for name, pattern in lex.blockers:
        if (name == "tally" and hurt) or name in exempt:
            continue  # "13 soldiers were killed in 2 attacks" is news of victims, not a tally
        for match in pattern.finditer(text, 0, len(text) if until is None else until):
            if not _skips_blocker(name, match, text, first_action, historical):
                return name
    return None


def crowd_cause(text: str) -> int | None:
    """Where a sentence telling a crowd starts telling what the crowd protests, None when it does
    not say: after the first word of grievance ("against", "demanding", "to protest", or "protest"
    itself) that follows a word of the crowd ("residents marched against plans to build a dam",
    "workers protested over fears they would not be paid"). What follows is the crowd's cause: a
    plan, a fear or an attack it names is no hypothetical or earlier event of the sentence's own.

    >>> text = "Farmers marched against plans to build a dam."
    >>> text[crowd_cause(text):]
    ' plans to build a dam.'
    """
    lex = _lexicon()
    crowd = lex.patterns["crowd"].search(text)
    if crowd is None:
        return None
    cause = lex.patterns["crowd_cause"].search(text, crowd.start())
    return cause.end() if cause is not None else None


@dataclass(frozen=True)
class _Cues:
    """The cue words of one sentence, before deciding what they tell."""

    weapon: Hit | None
    triggers: tuple[Hit, ...]
    actions: list[Hit]
    evident: list[Hit]
    casualties: tuple[CasualtyFigure, ...]
    claims: tuple[Hit, ...]
    denials: tuple[Hit, ...]
    no_claim: bool

    @property
    def hurt(self) -> bool:
        return any(c.low > 0 for c in self.casualties)


def _cues(text: str) -> _Cues:
    lex = _lexicon()
    weapon = find_weapon(text)
    evident = _hits(lex.self_evident, text)
    triggers = tuple(sorted(([weapon] if weapon else []) + _hits(lex.attack_nouns, text) + evident, key=lambda h: h.start))
    claims = tuple(Hit("subject", m.start(), m.end()) for m in lex.claim_subject.finditer(text))
    claims += tuple(Hit("by", m.start(), m.end()) for m in lex.claim_by.finditer(text))
    denials = tuple(Hit("subject", m.start(), m.end()) for m in lex.denial.finditer(text))
    no_claim = bool(lex.no_claim.search(text))
    return _Cues(weapon, triggers, _hits(lex.actions, text), evident, tuple(find_casualties(text)), claims, denials, no_claim)


def _hint(text: str) -> str | None:
    """The kind of violence the wording alone tells (kidnapping, clash), for typing."""
    return next((name for name, pattern in _lexicon().hints if pattern.search(text)), None)


def detect_attack(text: str) -> AttackCue | None:
    """What ``text`` (one sentence) says about violence, or None when it says nothing.

    A sentence that sets the attack told against an earlier one ("The ambush came two days
    after gunmen killed three farmers") tells the earlier one: its cue is read from the clause
    after the interval, where that event's weapon, victims and act are.

    >>> detect_attack("Two rockets hit the base, wounding a soldier.").weapon.value
    'rocket'
    >>> detect_attack("No rockets hit the base on Sunday.").blocked_by
    'negation'
    >>> detect_attack("The bombing came a week after gunmen shot dead two guards.").weapon.value
    'small_arms'
    """
    earlier = _lexicon().patterns["came_after"].search(text)
    if earlier is not None:
        told = _detect(text[earlier.end() :])
        if told is not None and not told.supporting:
            return _shifted(told, earlier.end())
    return _detect(text)


def _moved(hit: Hit | None, offset: int) -> Hit | None:
    return None if hit is None else replace(hit, start=hit.start + offset, end=hit.end + offset)


def _shifted(cue: AttackCue, offset: int) -> AttackCue:
    """A cue read from the part of a sentence that starts at ``offset``, with sentence offsets."""

    def moved(hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        return tuple(replace(h, start=h.start + offset, end=h.end + offset) for h in hits)

    return replace(
        cue,
        triggers=moved(cue.triggers),
        weapon=_moved(cue.weapon, offset),
        target=_moved(cue.target, offset),
        casualties=tuple(replace(c, start=c.start + offset, end=c.end + offset) for c in cue.casualties),
        claims=moved(cue.claims),
        denials=moved(cue.denials),
        historical=_moved(cue.historical, offset),
        action=_moved(cue.action, offset),
        earlier_from=offset,
    )


def _detect(text: str) -> AttackCue | None:
    lex = _lexicon()
    if not lex.prefilter.search(text):
        return None
    cues = _cues(text)
    has_trigger, triggers = bool(cues.triggers), cues.triggers
    if not (has_trigger or cues.hurt or cues.claims or cues.denials or cues.no_claim):
        return None
    first_action = min((h.start for h in cues.actions + cues.evident), default=None)
    historical = lex.historical.search(text)
    blocked = _blocker(text, first_action, cues.hurt, historical.start() if historical else None)
    # "a soldier was killed by Taliban militants": victims and an agent make an event
    agent = lex.patterns["killed_by"].search(text) if cues.hurt else None
    happened = bool(cues.evident) or (has_trigger and (bool(cues.actions) or cues.hurt)) or agent is not None
    if agent is not None and not has_trigger:
        triggers = (Hit("killing", agent.start(), agent.end()),)
        has_trigger = True
    anaphoric = bool(lex.patterns["anaphoric"].search(text))
    action = min(cues.actions + cues.evident, key=lambda h: h.start) if cues.actions or cues.evident else None
    target = find_target(text, after=action.start if action else 0) if has_trigger else None
    supporting = bool(not happened or blocked is not None or ((cues.claims or cues.denials) and not cues.actions))
    if blocked in _SILENCING and not (cues.claims or cues.denials or cues.no_claim):
        # nothing in a blocked sentence joins an event, except its claims, denials and tolls
        if not cues.hurt or blocked in _NOT_VIOLENCE:
            return None
        return AttackCue(triggers=triggers, supporting=True, anaphoric=anaphoric, casualties=cues.casualties, blocked_by=blocked)
    return AttackCue(
        triggers=triggers,
        supporting=supporting,
        anaphoric=anaphoric,
        weapon=cues.weapon,
        target=target,
        casualties=cues.casualties,
        claims=cues.claims,
        denials=cues.denials,
        no_claim=cues.no_claim,
        historical=Hit("historical", historical.start(), historical.end()) if historical else None,
        hint=_hint(text),
        blocked_by=blocked,
        action=action,
    )
