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

from eventledger import taxonomy
from eventledger.extract.clusters import listed_scenes
from eventledger.extract.detection.attacks import AttackCue, detect_attack
from eventledger.extract.detection.decide import decide_political, decide_protest, decide_violence
from eventledger.extract.detection.lone import lone_looting, lone_violence, quoted
from eventledger.extract.detection.political import PoliticalCue, detect_political
from eventledger.extract.detection.sentences import Detection, default_detector
from eventledger.extract.detection.strategic import (
    added_development,
    disrupted_weapon,
    property_attacked,
    strategic_anchor,
    strategic_cues,
)
from eventledger.extract.entities import Entity
from eventledger.extract.fields.actors import ActorMention, Referents, inherited_actors, read_actors
from eventledger.extract.fields.article_places import narrow_to_article
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
    detection: Detection | None = None  # what the trained sentence detector says of it
    inherited: list[ActorMention] = field(default_factory=list)  # actors of the sentence before ("He said")
    _speakers: list[Speaker] | None = None
    # the places its entities name, as read before the article's countries narrowed them: a
    # second analysis of the sentence with the same entities takes them (and its actors) as they are
    _places_read: list[PlaceMention] = field(default_factory=list)
    _actors_read: list[ActorMention] = field(default_factory=list)  # the actors its own names are (no referents)

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


def _event_nearby(info: SentenceInfo, told: list[SentenceInfo]) -> bool:
    """Whether one of the two sentences before, in the same paragraph, starts a violent event."""
    return any(
        i.attack is not None and not i.attack.supporting and i.sentence.paragraph == info.sentence.paragraph
        for i in told[-2:]
    )


def _read_cues(text: str, info: SentenceInfo, before: SentenceInfo | None, told: list[SentenceInfo]) -> None:
    """The violence and political cues of a sentence outside the incident log."""
    sentence = info.sentence.text
    has_actor = bool(info.actors or info.inherited)
    if before is not None and not before.in_log:
        info.attack = before.attack
        same_cast = bool(before.actors or before.inherited) == has_actor
        info.political = before.political if same_cast else _political(info, has_actor, _violence_told(told))
    else:
        info.attack = detect_attack(sentence)
        if info.detection is not None:
            detection = info.detection
            if info.attack is not None and info.attack.earlier_from is not None:
                # the earlier event's clause says what kind of violence it was, not the sentence
                earlier = default_detector().predict([sentence[info.attack.earlier_from :]])[0]
                detection = earlier if earlier.kind == "attack" else detection
            info.attack = decide_violence(
                sentence, info.attack, detection, event_nearby=_event_nearby(info, told), article=text
            )
        info.political = _political(info, has_actor, _violence_told(told))
        # protests in several regions stay a political report, unless the sentence lists its
        # towns as scenes (one event per town); a country named beside its city ("Colombo, Sri
        # Lanka") is no second region
        if len({p.place.admin1 for p in info.places if p.place.admin1}) < 2 or len(listed_scenes(info)) >= 2:
            info.attack, info.political = decide_protest(sentence, info.attack, info.political)
    if info.attack is not None and not _crowds(info) and _summarises_places(text, info):
        # crowds in several towns are one event per town (clusters.scene_splits); a list of
        # places an undated attack went to sums up attacks told on their own
        info.attack = None


def _crowds(info: SentenceInfo) -> bool:
    """Whether the violence of a sentence is a riot or a protest, by its cue or the detector."""
    kinds = ("riot", "protest")
    return (info.attack is not None and info.attack.kind in kinds) or (info.detection is not None and info.detection.kind in kinds)


def _violence_told(told: list[SentenceInfo]) -> bool:
    """Whether a sentence before starts a violent event (an attack, a riot, a protest)."""
    return any(i.attack is not None and not i.attack.supporting for i in told)


def _start_lone_violence(infos: list[SentenceInfo], published: dt.date | None) -> None:
    """In an article where no sentence starts a violent event, the first that surely tells one
    does (:mod:`eventledger.extract.detection.lone`), when it can be dated: the detector's guess is
    not made on a page with no date of publication for a sentence that gives no date of its own
    (its event could be placed nowhere in time, nor merged with other reports of it)."""
    if any(i.in_log or (i.attack is not None and not i.attack.supporting) for i in infos):
        return  # an incident log's lines are events too
    for at, info in enumerate(infos):
        if info.in_log or (published is None and not any(d.date.known for d in info.dates)):
            continue
        lead = not any(i.detection is not None and i.detection.is_event for i in infos[:at])
        found = lone_violence(info.sentence.text, info.attack, info.detection, lead=lead)
        if found is not None:
            info.attack = found
            for later in infos[at:]:  # developments told after violence are part of it
                later.political = [c for c in later.political if not added_development(c)]
            return


def _start_lone_development(infos: list[SentenceInfo], published: dt.date | None) -> None:
    """In an article that tells no event at all, the first sentence the detector is sure tells an
    event that reads as a Strategic development whose word stands in it (``strategic_anchor`` with
    ``any_label``: "troops were deployed in the schools", "militiamen stole forty cows"), or that
    tells a weapon found, defused or failing to go off (``disrupted_weapon``), or, when none does,
    property burnt, looted or stolen in its words (``property_attacked``), starts that
    development: looting as an attack, any other as its political kind. The codebook's vetoes of
    the sentence's violence cue stand; the article's own narration starts it, not a quotation; and,
    as for violence, an undated sentence of an undated page starts nothing."""
    if any(i.in_log or i.political or (i.attack is not None and not i.attack.supporting) for i in infos):
        return
    # property burnt, looted or stolen told in its words (``property_attacked``) only when no
    # sentence tells a development the detector is surer of
    for read in (_development, property_attacked):
        for info in infos:
            cue, sentence = info.attack, info.sentence.text
            if (published is None and not any(d.date.known for d in info.dates)) or quoted(sentence):
                continue
            hit = read(sentence, info.detection, cue)
            kind = taxonomy.kind_of_sub_event_type(hit.value) if hit is not None else None
            if hit is None or kind is None:
                continue
            if kind == "attack":
                info.attack = lone_looting(sentence, cue, hit)
            else:
                info.political = [PoliticalCue(kind, hit)]
            return


def _development(sentence: str, detection: Detection | None, cue: AttackCue | None) -> Hit | None:
    """The development a sentence of an article that tells nothing else starts (see
    :func:`_start_lone_development`): a weapon that failed to go off (blocked as violence by its
    negation), else one the detector reads beside violence, unless the codebook vetoes the
    sentence's violence."""
    hit = disrupted_weapon(sentence, detection)
    if hit is None and cue is not None and cue.blocked_by is not None:
        return None
    return hit or strategic_anchor(sentence, detection, any_label=True)


def _political(info: SentenceInfo, has_actor: bool, after_violence: bool) -> list[PoliticalCue]:
    sentence, detection = info.sentence.text, info.detection
    has_state = any(p.place.kind == "country" for p in info.places)
    cues = detect_political(sentence, has_actor=has_actor, has_state=has_state)
    if detection is None:
        return cues
    cues = decide_political(sentence, cues, detection)
    return cues if after_violence else strategic_cues(sentence, detection, info.attack, cues)


def _detect(sentences: list[Sentence], skip: list[tuple[int, int]]) -> list[Detection | None]:
    """The detector's reading of every sentence outside the incident log (one batch per article)."""
    wanted = [k for k, s in enumerate(sentences) if not any(a <= s.start < b for a, b in skip)]
    found = default_detector().predict([sentences[k].text for k in wanted])
    out: list[Detection | None] = [None] * len(sentences)
    for k, detection in zip(wanted, found, strict=True):
        out[k] = detection
    return out


def analyse_sentences(
    text: str,
    sentences: list[Sentence],
    entities: list[Entity],
    published: dt.date | None,
    skip: list[tuple[int, int]],
    previous: list[SentenceInfo] | None = None,
    month: tuple[int, int] | None = None,
) -> list[SentenceInfo]:
    """One :class:`SentenceInfo` per sentence; sentences inside ``skip`` ranges are marked.

    ``previous``: an earlier analysis of the same sentences with fewer entities (before the
    statistical model added names). What depends on the words alone (the dates, the violence
    cue; the political cues when whether an actor is named has not changed) is taken from it,
    and so are the places and actors of a sentence whose entities are the same.
    ``month``: the (year, month) an undated page was published in (its address's), for the year
    of a day its text tells without one.
    """
    reuse = _reusable(previous, sentences)
    # dates depend on the words and the dates told before, never on entities: reused as they are
    reader = DateReader(sentences, published, month) if reuse is None else None
    detections = [i.detection for i in reuse] if reuse is not None else _detect(sentences, skip)
    infos: list[SentenceInfo] = []
    referents = Referents(text)
    for sentence, own, detection in zip(sentences, _sentence_entities(sentences, entities), detections, strict=True):
        info = SentenceInfo(sentence, own, detection=detection)
        info.in_log = any(s <= sentence.start < e for s, e in skip)
        before = reuse[len(infos)] if reuse is not None else None
        if before is not None and before.entities == own:
            # places and actors depend on the sentence's entities and the text alone
            info._places_read, info._actors_read = before._places_read, before._actors_read
        else:
            info._places_read, info._actors_read = read_places(text, own), read_actors(own, text)
        info.places, info.actors = list(info._places_read), list(info._actors_read)
        info.dates = before.dates if before is not None else reader.read(sentence) if reader is not None else []
        if not info.actors:
            info.inherited = inherited_actors(sentence.text, infos[-1] if infos else None)
        if not info.in_log:
            _read_cues(text, info, before, infos)
        # "the governor", "the council": who they refer back to takes part in what the sentence
        # tells (its cues were read on the names the sentence gives itself)
        referred = referents.refer(sentence, info.actors)
        referents.learn(info.actors)
        if referred:
            info.actors = sorted(info.actors + referred, key=lambda a: a.start)
        infos.append(info)
    _start_lone_violence(infos, published)
    _start_lone_development(infos, published)
    narrow_to_article(infos)
    return infos


__all__ = ["ActorMention", "DatedMention", "PlaceMention", "SentenceInfo", "analyse_sentences"]
