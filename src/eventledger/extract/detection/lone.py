"""The one act of violence of an article that tells no other event.

A short report often tells its event the way a toll is told ("A trader was killed in Kibera on
Monday"), or as a headline in the present tense ("Raiders kill eleven herders"): the violence
cues read such a sentence as one that adds to an event told nearby (``supporting``), and with no
event nearby the article yields nothing. When no sentence of the article starts a violent event,
its first sentence that the sentence detector surely calls violence (``lone_at``, data in
``data/decide.yaml``) and whose cue counts victims or names an act of violence, with no veto of
the codebook (negation, threat, habit, sport, disaster, trial, ...) and no claim or denial, starts
the event. The article's own narration starts it, not a speaker quoted in it (a sentence opening
with a quotation mark). A sentence about a toll in an article that tells its event elsewhere is left as it was.

Looting and property destruction (ACLED: a Strategic development, reported as an attack) start
the same way when the detector is sure of them, a word of them stands in the sentence and it is
the first the detector calls an event
(:func:`~eventledger.extract.detection.strategic.strategic_anchor`): "arsonists burnt the police
station" names no weapon the violence cues know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.detection.attacks import AttackCue, attack_nouns, read_violence
from eventledger.extract.detection.decide import VIOLENT, kind_share, ongoing_crowds, told_as_cause
from eventledger.extract.detection.sentences import NONE, Detection
from eventledger.extract.detection.strategic import strategic_anchor
from eventledger.extract.fields.casualties import CasualtyFigure
from eventledger.extract.fields.weapon import find_weapon
from eventledger.extract.lexicon import Hit

LOOTING = "Looting/property destruction"
_QUOTED = re.compile(r"\s*[\"“”‘'«]")


@dataclass(frozen=True)
class _Acts:
    verbs: re.Pattern[str]
    found: re.Pattern[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    only_verbs: frozenset[str]
    mishap: re.Pattern[str]


@cache
def _settings() -> tuple[float, float, float, float]:
    """decide.yaml's lone_at, kind_at, find_attack_at and lone_victims_at."""
    data = load_yaml("eventledger.extract.detection", "decide.yaml")
    return float(data["lone_at"]), float(data["kind_at"]), float(data["find_attack_at"]), float(data["lone_victims_at"])


@cache
def _acts() -> _Acts:
    data = load_yaml("eventledger.extract.detection", "decide.yaml")
    return _Acts(
        verbs=re.compile(data["lone_acts"], re.I),
        found=re.compile(data["lone_found"], re.I),
        not_after=frozenset(str(w).lower() for w in data["lone_not_after"]),
        not_before=frozenset(str(w).lower() for w in data["lone_not_before"]),
        only_verbs=frozenset(str(w).lower() for w in data["lone_verbs"]),
        mishap=re.compile(data["lone_mishap"], re.I),
    )


_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?([\w'’-]+)")


def violent_act(sentence: str) -> Hit | None:
    """The first verb of violence of ``sentence`` told as an act, in any tense ("raiders kill a
    herder", "militia attacks herdsmen", "an activist assaulted by unknown men"): a word of
    ``lone_acts`` (``data/decide.yaml``) not used as a noun ("the attack", "raids on"), nor
    after a modal or a negation. None when there is none.

    >>> violent_act("Armed raiders kill a herder near the river.").value
    'kill'
    >>> violent_act("The attack on the camp was condemned.") is None
    True
    """
    acts = _acts()
    for match in acts.verbs.finditer(sentence):
        before = _WORD_BEFORE.search(sentence, 0, match.start())
        if before is not None and before.group(1).lower() in acts.not_after:
            continue
        after = _WORD_AFTER.search(sentence[match.end() :])
        word = after.group(1).lower() if after is not None else ""
        verb = " " in match.group() or match.group().lower() in acts.only_verbs  # no noun ("open fire on", "shoot at")
        if (word in acts.not_before and not verb) or (word == "by" and not match.group().lower().endswith(("ed", "en", "t"))):
            continue
        return Hit(match.group().lower(), match.start(), match.end())
    found = acts.found.search(sentence)
    if found is not None:  # a body found with the marks of a killing: ACLED's Attack
        group = "act" if found.group("act") is not None else "act2"
        return Hit(found.group(group).lower(), found.start(group), found.end(group))
    return None


def quoted(sentence: str) -> bool:
    """Whether a sentence opens with a quotation mark: a speaker's account, not the article's narration."""
    return _QUOTED.match(sentence) is not None


def lone_looting(sentence: str, cue: AttackCue | None, looting: Hit) -> AttackCue:
    """The attack cue of looting or property destruction told at ``looting`` (an anchor of
    :func:`~eventledger.extract.detection.strategic.strategic_anchor`), with what else the
    sentence's words of violence say."""
    base = read_violence(sentence, kind="attack") or cue or AttackCue(triggers=(), supporting=False, anaphoric=False)
    return replace(base, triggers=(looting,), supporting=False, kind="attack", detected=LOOTING)


def _mishap(sentence: str) -> bool:
    """Whether a sentence tells deaths by an accident, an animal or nature and names no weapon and
    no attack ("three people were killed when a bus overturned", "killed by an elephant")."""
    if not _acts().mishap.search(sentence):
        return False
    return find_weapon(sentence) is None and attack_nouns().search(sentence) is None


def _victims(cue: AttackCue | None) -> list[CasualtyFigure]:
    """The victims a sentence's cue counts of its own violence (no total, no one else's toll)."""
    return [c for c in (cue.casualties if cue is not None else ()) if c.low > 0 and not (c.aggregate or c.other)]


def _lone_kind(cue: AttackCue | None, detection: Detection | None) -> str | None:
    """The kind of violence the detector surely reads in a sentence (from ``lone_at``), or an
    attack when it all but calls the sentence one (from ``lone_victims_at``, the attack labels
    holding ``kind_at`` of its event probability) and the cue counts the victims ("a party agent
    was killed in Kibera"); None when neither."""
    if detection is None:
        return None
    lone_at, kind_at, _, victims_at = _settings()
    if detection.kind in VIOLENT and detection.probability >= lone_at:
        return detection.kind
    if detection.kind is None and detection.probability >= victims_at and _victims(cue) and kind_share(detection, "attack") >= kind_at:
        return "attack"
    return None


def _one_label(detection: Detection) -> bool:
    """Whether the detector puts at least half the event probability on one label."""
    return max(p for label, p in detection.distribution.items() if label != NONE) >= 0.5 * detection.probability


def lone_violence(sentence: str, cue: AttackCue | None, detection: Detection | None, *, lead: bool = True) -> AttackCue | None:
    """The cue that starts the violent event of ``sentence`` in an article that tells no other,
    None when the sentence does not surely tell one (see the module docstring). ``lead``: no
    sentence before it tells an event by the detector (looting starts only there: fires and
    thefts told deep in a story of fighting belong to the fighting).

    >>> from eventledger.extract.detection.attacks import detect_attack
    >>> from eventledger.extract.detection.sentences import default_detector
    >>> s = "Raiders kill eleven herders in Baringo."
    >>> lone_violence(s, detect_attack(s), default_detector().predict([s])[0]).supporting
    False
    """
    _, kind_at, certain_at, _ = _settings()
    if quoted(sentence):
        return None  # a speaker's account ("“Heavy clashes started yesterday,” a councillor said") adds to the story
    looting = strategic_anchor(sentence, detection)
    if lead and looting is not None and looting.value == LOOTING and (cue is None or cue.blocked_by is None):
        return lone_looting(sentence, cue, looting)
    kind = _lone_kind(cue, detection)
    if detection is None or kind is None or _mishap(sentence):
        return None
    if kind != "attack" and ongoing_crowds(sentence):
        return None  # a movement over months, no one protest
    if cue is not None and told_as_cause(sentence, cue, kind):
        cue = None  # the violence named is what the crowd protests ("marched against the attack on ...")
    # a charge told after an act of violence the cues do not know in its tense ("villagers lynch two
    # robbers accused of killing a trader") is read again below, with that act first
    vetoed = cue is not None and cue.blocked_by not in (None, "accusation")
    if cue is not None and (vetoed or cue.anaphoric or cue.claims or cue.denials or cue.no_claim):
        return None  # a veto, a reference back to an event told elsewhere ("the recent attack"), a claim
    # all but certain (as coders' notes are, `find_attack_at`): the model's reading of the whole
    # sentence stands in for the word of violence the cues look for ("the bodies of two men were
    # found bound", "observers counted 40 bursts of fire near the line") when it opens the article's
    # events and the model names one kind of violence, not a spread over many (a sentence on a
    # ceasefire and aid convoys is "violent" by its words, but of no one sort)
    certain = lead and detection.probability >= certain_at and _one_label(detection)
    found = read_violence(sentence, kind=kind, act=violent_act(sentence), anchored=not certain)
    victims = _victims(cue)
    if found is None or (not found.triggers and found.action is None):
        if cue is None or not victims:
            return None
        found = replace(cue, triggers=(Hit("killing", victims[0].start, victims[0].end),))
    elif found.action is None and not victims and kind == "attack" and not certain:
        return None  # a word of violence alone is no act ("progress on fighting fentanyl", "heard an air strike")
    found = replace(found, supporting=False)
    if detection.kind is not None and kind_share(detection, kind) >= kind_at:
        found = replace(found, kind=kind, detected=detection.sub_event_type)
    return found
