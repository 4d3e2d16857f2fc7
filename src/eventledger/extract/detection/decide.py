"""Whether a sentence tells an event, and of which kind: the trained detector and the cues together.

The sentence detector (:mod:`~eventledger.extract.detection.sentences`) reads every sentence;
the cue rules (:mod:`~eventledger.extract.detection.attacks`, :mod:`.political`) say where in the
sentence the event is told (its trigger, weapon, target, casualties, claims) and hold the
codebook's vetoes. This module decides between them, sentence by sentence:

- **the model does not veto** a violence cue: real event sentences that the cues start score as
  low as 0.01 (measured on the seeds, the examples and the realnews conflict pages: "The blast
  also destroyed nearby shops", "a fresh volley of rockets hit the Green Zone" at 0.2), so the
  codebook's vetoes in the cue rules (sports, disasters, trials, negation, ...) stay the only ones,
  save in a match report or a court story (by the article's own words), where a cue the model
  scores under ``off_topic_below`` is a shot at goal or the crime a trial recounts;
- **the model finds** events no cue decided on (a protest march, a riot told without a weapon,
  a statement by an actor the knowledge base does not know): the cue readers then fill in what
  the sentence says, and an attack still needs a word of violence, a statement its verb;
- **the model names the kind** of violence — an attack, a riot, a protest — when the cue alone
  cannot tell (the typing of :mod:`.acled` still decides the sub-event type where it is sure);
- **the rules keep their veto** where they are the right tool: a cue blocked by the codebook
  (a negation, a threat, a habit, a count of many attacks) is not revived by the model.

The thresholds are data (``data/decide.yaml``) and documented in docs/detector.md.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from eventledger.datafiles import load_yaml
from eventledger.extract.detection.attacks import AttackCue, crowd_cause, read_violence
from eventledger.extract.detection.political import PoliticalCue, detect_political
from eventledger.extract.detection.sentences import Detection, kind_of

VIOLENT = ("attack", "riot", "protest")


@dataclass(frozen=True)
class _Thresholds:
    find_at: float  # P(event) from which the model starts a riot or protest no cue fired for
    find_attack_at: float  # ... and an attack
    kind_at: float  # share of the event probability a kind needs to rename a violence cue's kind
    political_at: float  # P(event) from which a political kind stands without a named actor
    political_kinds: tuple[str, ...]  # the political kinds the model may find on its own
    off_topic_below: float  # P(event) under which a violence cue in a sports or court story is dropped
    genre_terms: int  # distinct genre words that make an article a sports or court story
    genres: tuple[re.Pattern[str], ...]
    ongoing_crowds: re.Pattern[str]  # a movement told over weeks or months: no one protest


@cache
def _thresholds() -> _Thresholds:
    data = load_yaml("eventledger.extract.detection", "decide.yaml")
    return _Thresholds(
        find_at=float(data["find_at"]),
        find_attack_at=float(data["find_attack_at"]),
        kind_at=float(data["kind_at"]),
        political_at=float(data["political_at"]),
        political_kinds=tuple(data["political_kinds"]),
        off_topic_below=float(data["off_topic_below"]),
        genre_terms=int(data["genre_terms"]),
        genres=tuple(re.compile(p, re.I) for p in data["genres"].values()),
        ongoing_crowds=re.compile(data["ongoing_crowds"]),
    )


@lru_cache(maxsize=8)
def off_topic(article: str) -> bool:
    """Whether an article is a match report or a court story by its own words (enough distinct
    words of one genre, see ``data/decide.yaml``): its shots and shootings are no events to code."""
    limits = _thresholds()
    return any(len({m.group().lower() for m in genre.finditer(article)}) >= limits.genre_terms for genre in limits.genres)


def kind_share(detection: Detection, kind: str) -> float:
    """The share of the event probability that falls on the labels of ``kind``."""
    event = sum(p for label, p in detection.distribution.items() if kind_of(label) is not None)
    if event <= 0:
        return 0.0
    return sum(p for label, p in detection.distribution.items() if kind_of(label) == kind) / event


def decide_violence(
    sentence: str, cue: AttackCue | None, detection: Detection, *, event_nearby: bool = False, article: str = ""
) -> AttackCue | None:
    """The violence cue of a sentence once the model has been heard (see the module docstring).

    The model starts a riot or a protest on its own (a march, a crowd storming a building, told
    without the words the attack cues look for). It starts an attack only when it is all but
    certain and no event was told in the sentences just before: there, a toll, a claim or a
    reference back belongs to that event.
    """
    limits = _thresholds()
    if cue is not None and detection.probability < limits.off_topic_below and off_topic(article):
        return None  # a shot at goal in a match report, the crime a trial recounts
    if cue is not None and not cue.supporting:
        return _with_kind(cue, detection)
    if detection.kind not in VIOLENT or detection.probability < limits.find_at:
        return cue
    if detection.kind == "attack" and (event_nearby or detection.probability < limits.find_attack_at):
        return cue
    if detection.kind != "attack" and ongoing_crowds(sentence):
        return cue  # "months of marches forced ...": the movement, not one protest
    if cue is not None and (cue.blocked_by is not None or cue.anaphoric) and not told_as_cause(sentence, cue, detection.kind):
        return cue  # the codebook's veto stands; a reference back adds to the event it names
    found = read_violence(sentence, kind=detection.kind)
    return _with_kind(found, detection) if found is not None else cue


def told_as_cause(sentence: str, cue: AttackCue, kind: str | None) -> bool:
    """Whether the violence a cue found in a sentence telling a riot or a protest (``kind``) is only
    what the crowd protests ("marched against the recent attack on their leader", "protested
    frequent attacks by bandits"): its words all stand in the crowd's cause
    (:func:`~eventledger.extract.detection.attacks.crowd_cause`), so that its veto or reference
    back is the cause's, not the crowd's."""
    if kind not in ("riot", "protest") or not cue.triggers:
        return False
    cause = crowd_cause(sentence)
    return cause is not None and all(t.start >= cause for t in cue.triggers)


def ongoing_crowds(sentence: str) -> bool:
    """Whether a sentence tells a movement over weeks or months ("months of demonstrations", "a
    long stand-off with the crowds"): the background of a story, no one protest."""
    return _thresholds().ongoing_crowds.search(sentence) is not None


def _with_kind(cue: AttackCue | None, detection: Detection) -> AttackCue | None:
    """The cue with the model's kind of violence when the model is sure of it."""
    if cue is None or detection.kind not in VIOLENT:
        return cue
    if kind_share(detection, detection.kind) < _thresholds().kind_at:
        return cue
    return replace(cue, kind=detection.kind, detected=detection.sub_event_type)


def decide_political(sentence: str, cues: list[PoliticalCue], detection: Detection) -> list[PoliticalCue]:
    """The political cues of a sentence, with the one the model is sure of when its trigger stands
    in the sentence and someone is named whom the knowledge base does not know (a minister the KB
    does not list condemned ...): the model stands in for the KB, never for the trigger or the
    name ("the council met" names nobody)."""
    limits = _thresholds()
    kind = detection.kind
    if kind is None or kind not in limits.political_kinds or detection.probability < limits.political_at:
        return cues
    if any(c.kind == kind for c in cues) or not names_someone(sentence):
        return cues
    found = [c for c in detect_political(sentence, has_actor=True) if c.kind == kind]
    return [*cues, found[0]] if found else cues




# what protesters do that makes their protest a riot (ACLED: a violent demonstration): they storm,
# burn, break in, throw things, loot
_RIOTING = re.compile(
    r"\b(?:storm(?:ed|s|ing)?|burn(?:ed|t|s|ing)?|set (?:fire|ablaze)|torch(?:ed|es|ing)?|ransack(?:ed|s|ing)?|"
    r"broke (?:into|through)|break(?:s|ing)? (?:into|through)|smash(?:ed|es|ing)?|loot(?:ed|s|ing)?|"
    r"(?:threw|throw(?:s|ing)?|hurl(?:ed|s|ing)?|pelt(?:ed|s|ing)?)\b(?:\s+\w+){0,3}\s+(?:stones|rocks|bricks|bottles|petrol bombs|molotov|projectiles|objects))\b",
    re.I,
)


def decide_protest(sentence: str, cue: AttackCue | None, political: list[PoliticalCue]) -> tuple[AttackCue | None, list[PoliticalCue]]:
    """A protest the political cues found, told as the violence cues tell riots and protests, so
    that it joins the report of the same crowd on the same day ("thousands marched on the palace
    ... protesters later stormed it") instead of standing beside it. Protesters who storm, burn,
    break in or throw stones make it a riot (ACLED: a violent demonstration)."""
    protest = next((c for c in political if c.kind == "protest"), None)
    if protest is None or (cue is not None and (cue.blocked_by is not None or cue.supporting)):
        return cue, political
    kind = "riot" if _RIOTING.search(sentence) else "protest"
    found = cue if cue is not None else read_violence(sentence, kind=kind)
    if found is None:
        return cue, political
    if found.kind is None:  # the sentence's violence cue did not tell who: the protesters did
        found = replace(found, kind=kind, detected="Violent demonstration" if kind == "riot" else "Peaceful protest")
    return found, [c for c in political if c is not protest]


_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
# capitalised words that name nobody: function words opening a sentence, months and weekdays
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they his her their we our i in on at for after
    before while when as but and or if on meanwhile however according""".split()
) | {name.lower() for name in (*calendar.month_name, *calendar.day_name) if name}


def names_someone(sentence: str) -> bool:
    """Whether a sentence names a person, a group or an institution (a capitalised name that is
    not the common word opening the sentence, a month or a weekday)."""
    return any(m.group().lower() not in _NOT_NAMES for m in _NAME.finditer(sentence))
