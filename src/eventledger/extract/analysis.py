"""Per-sentence reading of an article: entities, places, actors, dates, cues.

Everything later steps need about one sentence is computed once here, each field by its own
module (:mod:`eventledger.extract.fields`) and each cue by detection
(:mod:`eventledger.extract.detection`), so that clustering and report building only combine
these records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from eventledger.extract.detection.attacks import AttackCue, detect_attack
from eventledger.extract.detection.political import PoliticalCue, detect_political
from eventledger.extract.entities import Entity
from eventledger.extract.fields.actors import ActorMention, inherited_actors, read_actors
from eventledger.extract.fields.attribution import Speaker, find_speakers
from eventledger.extract.fields.date import DatedMention, DateReader
from eventledger.extract.fields.place import PlaceMention, lists_places, read_places
from eventledger.extract.lexicon import Hit
from eventledger.extract.segment import Sentence


@dataclass
class SentenceInfo:
    sentence: Sentence
    entities: list[Entity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DatedMention] = field(default_factory=list)
    attack: AttackCue | None = None
    political: list[PoliticalCue] = field(default_factory=list)
    in_log: bool = False
    inherited: list[ActorMention] = field(default_factory=list)  # actors of the sentence before ("He said")
    _speakers: list[Speaker] | None = None

    @property
    def speakers(self) -> list[Speaker]:
        """Speakers the sentence names (read on first use: only event sentences need them)."""
        if self._speakers is None:
            self._speakers = find_speakers(self.sentence.text)
        return self._speakers

    @property
    def start(self) -> int:
        return self.sentence.start

    def absolute(self, hit: Hit) -> tuple[int, int]:
        """The article offsets of a hit found in the sentence."""
        return self.sentence.start + hit.start, self.sentence.start + hit.end


def _sentence_entities(sentences: list[Sentence], entities: list[Entity]) -> Iterator[list[Entity]]:
    """The entities that lie wholly inside each sentence, sentence by sentence."""
    position = 0
    ordered = sorted(entities, key=lambda e: e.start)
    for sentence in sentences:
        while position < len(ordered) and ordered[position].end <= sentence.start:
            position += 1
        own = []
        k = position
        while k < len(ordered) and ordered[k].start < sentence.end:
            if ordered[k].end <= sentence.end:
                own.append(ordered[k])
            k += 1
        yield own


def _reusable(previous: list[SentenceInfo] | None, sentences: list[Sentence]) -> list[SentenceInfo] | None:
    if previous is None or len(previous) != len(sentences):
        return None
    if any(b.sentence.start != s.start for b, s in zip(previous, sentences, strict=True)):
        return None
    return previous


def _summarises_places(text: str, info: SentenceInfo) -> bool:
    """Whether an undated sentence lists three or more places as the scene of its violence ("the
    rockets went to Erbil, Balad and Ain al-Asad"): a summary of several attacks, no one report.
    """
    if any(d.date.precision == "day" for d in info.dates):
        return False
    return lists_places(text, info.places)


def _read_cues(text: str, info: SentenceInfo, before: SentenceInfo | None) -> None:
    """The violence and political cues of a sentence outside the incident log."""
    sentence = info.sentence.text
    has_actor = bool(info.actors or info.inherited)
    if before is not None and not before.in_log:
        info.attack = before.attack
        same_cast = bool(before.actors or before.inherited) == has_actor
        info.political = before.political if same_cast else detect_political(sentence, has_actor=has_actor)
    else:
        info.attack = detect_attack(sentence)
        info.political = detect_political(sentence, has_actor=has_actor)
    if info.attack is not None and _summarises_places(text, info):
        info.attack = None


def analyse_sentences(
    text: str,
    sentences: list[Sentence],
    entities: list[Entity],
    published: dt.date | None,
    skip: list[tuple[int, int]],
    previous: list[SentenceInfo] | None = None,
) -> list[SentenceInfo]:
    """One :class:`SentenceInfo` per sentence; sentences inside ``skip`` ranges are marked.

    ``previous``: an earlier analysis of the same sentences with fewer entities (before the
    statistical model added names). What depends on the words alone (the dates, the violence
    cue; the political cues when whether an actor is named has not changed) is taken from it.
    """
    reuse = _reusable(previous, sentences)
    # dates depend on the words and the dates told before, never on entities: reused as they are
    reader = DateReader(sentences, published) if reuse is None else None
    infos: list[SentenceInfo] = []
    for sentence, own in zip(sentences, _sentence_entities(sentences, entities), strict=True):
        info = SentenceInfo(sentence, own)
        info.in_log = any(s <= sentence.start < e for s, e in skip)
        info.places = read_places(text, own)
        info.actors = read_actors(own)
        before = reuse[len(infos)] if reuse is not None else None
        info.dates = before.dates if before is not None else reader.read(sentence) if reader is not None else []
        if not info.actors:
            info.inherited = inherited_actors(sentence.text, infos[-1] if infos else None)
        if not info.in_log:
            _read_cues(text, info, before)
        infos.append(info)
    return infos


__all__ = ["ActorMention", "DatedMention", "PlaceMention", "SentenceInfo", "analyse_sentences"]
