"""ACLED's Strategic developments that no political trigger names: arrests, agreements, forces
moved, weapons seized or defused, bases set up, ground handed over, prisoners released.

The political cues (:mod:`.political`) know a few ways of telling an arrest or an agreement; the
sentence detector knows ACLED's eight Strategic developments from coders' notes and written
sentences. :func:`strategic_cues` adds the development the detector is sure a sentence tells when
a word of that development stands in the sentence (``data/strategic.yaml``: the codebook's
definitions as anchor words), so that a report starts there; :func:`strategic_type` gives a
political report its ACLED types. Violence that starts an event in the same sentence, or in an
earlier one (the caller says so), wins: weapons recovered after a clash, arrests after a protest
are part of that event, as ACLED codes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract.detection.attacks import AttackCue
from eventledger.extract.detection.political import PoliticalCue
from eventledger.extract.detection.sentences import Detection
from eventledger.extract.fields.weapon import find_weapon
from eventledger.extract.lexicon import Hit

STRATEGIC = "Strategic developments"
DISRUPTED = "Disrupted weapons use"
LOOTING = "Looting/property destruction"


@dataclass(frozen=True)
class _Settings:
    found_at: float
    alone_at: float
    share_at: float
    label_at: float
    weapon_at: float
    looting_at: float
    deliberate: re.Pattern[str]
    deliberate_by: re.Pattern[str]
    dud: re.Pattern[str]
    arms: re.Pattern[str]
    spoken_of: re.Pattern[str]
    anchors: dict[str, re.Pattern[str]]


@cache
def _settings() -> _Settings:
    data = load_yaml("eventledger.extract.detection", "strategic.yaml")
    anchors = {str(sub): re.compile(pattern, re.I) for sub, pattern in data["anchors"].items()}
    for sub in anchors:
        if taxonomy.sub_event_type(sub) is None or taxonomy.event_type_of(sub) != STRATEGIC:
            raise ValueError(f"strategic.yaml: {sub!r} is no ACLED Strategic development")
    return _Settings(found_at=float(data["found_at"]), alone_at=float(data["alone_at"]), share_at=float(data["share_at"]), label_at=float(data["label_at"]), weapon_at=float(data["weapon_at"]), looting_at=float(data["looting_at"]), deliberate=re.compile(data["deliberate"], re.I), deliberate_by=re.compile(data["deliberate_by"], re.I), dud=re.compile(data["dud"], re.I), arms=re.compile(data["arms"], re.I), spoken_of=re.compile(data["spoken_of"], re.I), anchors=anchors)


def strategic_cues(
    sentence: str, detection: Detection | None, attack: AttackCue | None, cues: list[PoliticalCue]
) -> list[PoliticalCue]:
    """``cues`` with the Strategic development the detector is sure ``sentence`` tells, anchored
    on the word of it that the sentence holds; the trigger's value is the sub-event type.

    >>> from eventledger.extract.detection.sentences import default_detector
    >>> s = "Soldiers defused a roadside bomb planted near the bridge on Monday."
    >>> [(c.kind, c.trigger.value) for c in strategic_cues(s, default_detector().predict([s])[0], None, [])]
    [('statement', 'Disrupted weapons use')]
    """
    hit = strategic_anchor(sentence, detection)
    if hit is None or (attack is not None and not attack.supporting):
        return cues  # no sure development, or violence starts an event here: the development is part of it
    kind = taxonomy.kind_of_sub_event_type(hit.value)
    if kind is None or kind == "attack" or any(c.kind == kind for c in cues):  # looting: see lone.py
        return cues
    return [*cues, PoliticalCue(kind, hit)]


def strategic_anchor(sentence: str, detection: Detection | None, *, any_label: bool = False) -> Hit | None:
    """Where ``sentence`` tells the Strategic development the detector is sure it tells (the
    trigger's value is the sub-event type), None when the detector is not sure of one or no word
    of it stands in the sentence.

    ``any_label`` (for an article that tells no event otherwise, see
    :func:`eventledger.extract.analysis`): when the detector is sure of an event and its label is
    not a development whose word stands in the sentence, but the developments together hold
    ``share_at`` of the event's probability ("troops were deployed in the schools" read as much
    like a shelling as like a development), the most probable development whose word stands there
    and which holds ``label_at`` of it on its own; the detector is then sure from ``alone_at``
    (its own threshold of an event: the article tells nothing else), unless the development's word
    is what someone reacts to ("welcomed the agreement").
    """
    if detection is None:
        return None
    settings = _settings()
    if detection.probability < (settings.alone_at if any_label else settings.found_at):
        return None
    if detection.sub_event_type is not None and detection.event_type == STRATEGIC:
        own = _anchored(sentence, detection.sub_event_type)
        if not any_label:
            return own
        if own is not None:
            return None if _spoken_of(sentence, own) else own
    elif not any_label:
        return None
    developments = sorted(
        ((p, label) for label, p in detection.distribution.items() if taxonomy.sub_event_type(label) is not None and taxonomy.event_type_of(label) == STRATEGIC),
        reverse=True,
    )
    if sum(p for p, _ in developments) < settings.share_at * detection.probability:
        return None
    likely = [label for p, label in developments if p >= settings.label_at * detection.probability]
    hit = next((hit for label in likely if (hit := _anchored(sentence, label)) is not None), None)
    return None if hit is None or _spoken_of(sentence, hit) else hit


def _spoken_of(sentence: str, hit: Hit) -> bool:
    """Whether the development's word is what someone reacts to or talks about ("welcomed the
    agreement", "condemned the arrests"): the reaction is the news, not a development told."""
    return _settings().spoken_of.search(sentence[: hit.start]) is not None


def disrupted_weapon(sentence: str, detection: Detection | None) -> Hit | None:
    """Where ``sentence`` tells a weapon found, defused, seized or failing to go off (ACLED's
    Disrupted weapons use: "a roadside bomb was found and defused", "the grenade did not
    explode"), by the codebook's words: a weapon the sentence names and a word of the
    development, with the detector giving that development ``weapon_at`` of its probability at
    least (a sentence that merely names both is read as something else); a weapon that failed to go
    off (``dud``) tells it by its words alone. Weapons named only in general (``arms``: "many
    weapons were found") count as a weapon named. None otherwise."""
    if detection is None or (find_weapon(sentence) is None and _settings().arms.search(sentence) is None):
        return None
    dud = _settings().dud.search(sentence)
    if dud is not None:
        return Hit(DISRUPTED, dud.start(), dud.end())
    if detection.distribution.get(DISRUPTED, 0.0) < _settings().weapon_at:
        return None
    return _anchored(sentence, DISRUPTED)


def property_attacked(sentence: str, detection: Detection | None, cue: AttackCue | None = None) -> Hit | None:
    """Where ``sentence`` tells property burnt, looted or stolen (ACLED's Looting/property
    destruction: "a car was set on fire", "rustlers drove off forty cattle") by the codebook's
    words of a deliberate act (``deliberate``: set on fire, torched, looted, stolen; not "burned" or
    "destroyed", which fires and storms do, unless an armed or hostile group is told doing it:
    ``deliberate_by``, "the militants burnt the station"), the detector giving that label ``looting_at`` of
    probability at least and the codebook vetoing none of the sentence's violence; None otherwise."""
    if detection is None or detection.distribution.get(LOOTING, 0.0) < _settings().looting_at:
        return None
    if cue is not None and cue.blocked_by is not None:
        return None
    found = _settings().deliberate.search(sentence)
    if found is not None:
        return Hit(LOOTING, found.start(), found.end())
    by = _settings().deliberate_by.search(sentence)
    return Hit(LOOTING, by.start("act"), by.end("act")) if by is not None else None


def _anchored(sentence: str, sub_event_type: str) -> Hit | None:
    anchor = _settings().anchors.get(sub_event_type)
    if anchor is None:
        return None
    match = next((m for m in anchor.finditer(sentence) if not _in_a_name(sentence, m.start(), m.end())), None)
    return Hit(sub_event_type, match.start(), match.end()) if match else None


_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]*")


def _in_a_name(sentence: str, start: int, end: int) -> bool:
    """Whether a word is one of a run of capitalised words inside the sentence, a name: the
    "Mobilization" of the Popular Mobilization Forces mobilises no one."""
    if start == 0 or not sentence[start].isupper():
        return False
    before = sentence[:start].rstrip().rsplit(None, 1)
    after = sentence[end:].lstrip().split(None, 1)
    return bool((before and _CAPITALISED_WORD.fullmatch(before[-1].rstrip(",")) and len(before) > 1)
                or (after and _CAPITALISED_WORD.match(after[0])))


def added_development(cue: PoliticalCue) -> bool:
    """Whether a political cue is a development :func:`strategic_cues` added (not a trigger's)."""
    return taxonomy.sub_event_type(cue.trigger.value) is not None


def strategic_type(kind: str, cues: list[PoliticalCue]) -> str | None:
    """The ACLED sub-event type of a political report of ``kind`` read from ``cues`` (its
    sentences' political cues): the development a cue of its kind names, else the one its kind
    is (an arrest is Arrests, an agreement or a ceasefire an Agreement); None for the kinds ACLED
    codes as no event of its own (meetings, statements, threats)."""
    for cue in cues:
        if cue.kind == kind and taxonomy.sub_event_type(cue.trigger.value) is not None:
            return cue.trigger.value
    return {"arrest": "Arrests", "agreement": "Agreement", "ceasefire": "Agreement"}.get(kind)
