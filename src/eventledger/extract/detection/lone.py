"""The one act of violence of an article that tells no other event.

A short report often tells its event the way a toll is told ("A trader was killed in Kibera on
Monday"), or as a headline in the present tense ("Raiders kill eleven herders"): the violence
cues read such a sentence as one that adds to an event told nearby (``supporting``), and with no
event nearby the article yields nothing. When no sentence of the article starts a violent event,
its first sentence that the sentence detector surely calls violence (``lone_at``, data in
``data/decide.yaml``) and whose cue counts victims or names an act of violence, with no veto of
the codebook (negation, threat, habit, sport, disaster, trial, ...) and no claim or denial, starts
the event. A sentence about a toll in an article that tells its event elsewhere is left as it was.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.detection.attacks import AttackCue, read_violence
from eventledger.extract.detection.decide import VIOLENT, kind_share
from eventledger.extract.detection.sentences import Detection
from eventledger.extract.lexicon import Hit


@cache
def _settings() -> tuple[float, float]:
    data = load_yaml("eventledger.extract.detection", "decide.yaml")
    return float(data["lone_at"]), float(data["kind_at"])


def lone_violence(sentence: str, cue: AttackCue | None, detection: Detection | None) -> AttackCue | None:
    """The cue that starts the violent event of ``sentence`` in an article that tells no other,
    None when the sentence does not surely tell one (see the module docstring).

    >>> from eventledger.extract.detection.attacks import detect_attack
    >>> from eventledger.extract.detection.sentences import default_detector
    >>> s = "Raiders kill eleven herders in Baringo."
    >>> lone_violence(s, detect_attack(s), default_detector().predict([s])[0]).supporting
    False
    """
    lone_at, kind_at = _settings()
    if detection is None or detection.kind not in VIOLENT or detection.probability < lone_at:
        return None
    if cue is not None and (cue.blocked_by is not None or cue.claims or cue.denials or cue.no_claim):
        return None
    found = read_violence(sentence, kind=detection.kind)
    if found is None or (not found.triggers and found.action is None):
        victims = [c for c in (cue.casualties if cue is not None else ()) if c.low > 0 and not (c.aggregate or c.other)]
        if cue is None or not victims:
            return None
        found = replace(cue, triggers=(Hit("killing", victims[0].start, victims[0].end),))
    found = replace(found, supporting=False)
    if kind_share(detection, detection.kind) >= kind_at:
        found = replace(found, kind=detection.kind, detected=detection.sub_event_type)
    return found
