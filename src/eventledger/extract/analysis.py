"""Per-sentence reading of an article: entities, places, actors, dates, cues.

Everything later steps need about one sentence is computed once here, so that clustering and
report building only combine these records.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventledger.extract.attribution import Speaker, find_speakers
from eventledger.extract.dates import (
    DateMention,
    ResolvedDate,
    bare_weekday,
    day_in_week,
    days_before,
    find_dates,
    is_future,
    resolve_date,
    year_hint,
)
from eventledger.extract.detection.attacks import AttackCue, Hit, detect_attack
from eventledger.extract.detection.political import PoliticalCue, detect_political
from eventledger.extract.entities import Entity, actor_id, actor_name, is_modifier, resolve_place, specificity
from eventledger.extract.segment import Sentence
from eventledger.models import Place


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int  # absolute offsets in the article text
    end: int
    text: str


@dataclass(frozen=True)
class ActorMention:
    actor_id: str
    name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DatedMention:
    date: ResolvedDate
    start: int
    end: int
    text: str


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
        return self.sentence.start + hit.start, self.sentence.start + hit.end

    def best_place(self, near: int | None = None, destination: bool = False) -> PlaceMention | None:
        """The most specific place of the sentence, the nearest to ``near`` among equals.

        ``destination``: only places introduced as where something happens ("in Baghdad",
        "to Qom", "visited Lebanon"), as a meeting's place must be.
        """
        places = self.places
        dateline = _DATELINE.match(self.sentence.text)
        if dateline is not None:
            # "NASIRIYAH (Baghdad Post) — A bomb exploded near Suq al-Shuyukh": the dateline says
            # where the story was filed; a place the sentence itself names says where it happened
            body = [p for p in places if p.start >= self.sentence.start + dateline.end()]
            places = body or places
        if destination:
            places = [p for p in places if _DESTINATION.search(self.sentence.text[: p.start - self.sentence.start])]
        if not places:
            return None
        # "the Al-Eith area east of Tikrit": a small place placed relative to a known town lies
        # in that town's province; when the gazetteer put it elsewhere, the town is the safer place
        text = self.sentence.text
        near_town = []
        for p in places:
            for q in self.places:
                if q is not p and q.start > p.end and _RELATIVE_TO.match(text[p.end - self.sentence.start:q.start - self.sentence.start]):
                    # (a named installation, "Balad air base north of Baghdad", is where it is)
                    installation = p.place.kind == "site" and _INSTALLATION.search(p.place.name)
                    if q.place.admin1 and p.place.admin1 and q.place.admin1 != p.place.admin1 and not installation:
                        near_town.append(p)
        places = [p for p in places if p not in near_town] or places
        # a province named in the sentence says which of several towns is meant
        # only a province of the same country as another place named counts: "which Washington
        # blamed" does not move the Green Zone's sentence to the state of Washington
        stated = {
            p.place.admin1 for p in self.places
            if p.place.kind == "admin1" and any(q.place.country == p.place.country for q in self.places if q is not p)
        }
        consistent = [p for p in places if p.place.admin1 in stated]
        if stated and consistent:
            places = consistent
        anchor = near if near is not None else self.sentence.start
        return min(places, key=lambda p: (specificity(p.place), abs(p.start - anchor)))


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
    reuse = previous if previous is not None and len(previous) == len(sentences) else None
    if reuse is not None and any(b.sentence.start != s.start for b, s in zip(reuse, sentences, strict=True)):
        reuse = None
    infos: list[SentenceInfo] = []
    anchor: dt.date | None = None
    week: dt.date | None = None  # the past week the article's story is set in, once it says so
    # without a publication date, "on 11 October" takes its year from the article's full dates
    hint = None if published is not None or reuse is not None else year_hint([m.expression for s in sentences for m in find_dates(s.text)])
    position = 0
    ordered = sorted(entities, key=lambda e: e.start)
    for sentence in sentences:
        info = SentenceInfo(sentence)
        while position < len(ordered) and ordered[position].end <= sentence.start:
            position += 1
        k = position
        while k < len(ordered) and ordered[k].start < sentence.end:
            if ordered[k].end <= sentence.end:
                info.entities.append(ordered[k])
            k += 1
        info.in_log = any(s <= sentence.start < e for s, e in skip)
        _read_entities(text, info)
        before = reuse[len(infos)] if reuse is not None else None
        if before is not None:
            # dates depend on the words and the dates told before, never on entities: the same
            info.dates = before.dates
        else:
            future = is_future(sentence.text)
            for mention in find_dates(sentence.text):
                resolved = resolve_date(mention.expression, published, anchor=anchor, future=future, year_hint=hint)
                weekday = bare_weekday(mention.expression) if week is not None and not future else None
                if weekday is not None:
                    # "Iran sent him last week ... He met them on Wednesday": once an article sets
                    # its story in a past week, a bare weekday is a day of that week
                    resolved = day_in_week(week, weekday)  # type: ignore[arg-type]
                start = sentence.start + mention.start
                info.dates.append(DatedMention(resolved, start, start + len(mention.expression), mention.expression))
                if resolved.precision in ("day", "month") and resolved.value and not future:
                    anchor = resolved.as_date()  # later relative dates count from the latest one told
                if resolved.precision == "week" and resolved.value and not future and published is not None:
                    told = resolved.as_date()
                    # a week before the one the article appeared in; "this week" ends the flashback
                    week = told if told is not None and told < published - dt.timedelta(days=published.weekday()) else None
        if not info.actors and infos and _REFERS_BACK.match(sentence.text):
            info.inherited = list(infos[-1].actors or infos[-1].inherited)
        if not info.in_log:
            has_actor = bool(info.actors or info.inherited)
            if before is not None and not before.in_log:
                info.attack = before.attack
                same_cast = bool(before.actors or before.inherited) == has_actor
                info.political = before.political if same_cast else detect_political(sentence.text, has_actor=has_actor)
            else:
                info.attack = detect_attack(sentence.text)
                info.political = detect_political(sentence.text, has_actor=has_actor)
            if info.attack is not None and _summarises_places(text, info):
                info.attack = None
        infos.append(info)
    return infos


_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$")


def _summarises_places(text: str, info: SentenceInfo) -> bool:
    """Whether an undated sentence lists three or more places as the scene of its violence ("the
    rockets went to Erbil, Balad and Ain al-Asad"): a summary of several attacks, no one report.
    """
    if any(d.date.precision == "day" for d in info.dates):
        return False
    run = longest = 1
    places = sorted(info.places, key=lambda p: p.start)
    for left, right in zip(places, places[1:], strict=False):
        listed = left.place.id != right.place.id and _LIST_GLUE.match(text, left.end, right.start)
        run = run + 1 if listed else 1
        longest = max(longest, run)
    return longest >= 3


_INSTALLATION = re.compile(r"\b(?:base|airbase|airport|airfield|camp|embassy|consulate)\b", re.I)
# a dateline opening a story's first sentence: "BAGHDAD (Reuters) — ", "SULAIMANI, Iraq - "
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?(?:\s*\([^)]{1,60}\))?\s*(?:[—–]|\s-\s|:\s)\s*")
_RELATIVE_TO = re.compile(r"^\s+(?:(?:area|district|village|town|region|neighbourhood|neighborhood|sub-district),?\s+)?(?:(?:about|some|around|nearly)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)?\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$", re.I)
_DESTINATION = re.compile(r"(?<!close )(?<!linked )(?<!allied )(?<!loyal )(?<!near )\b(?:in|inside|to|at|into|visited|visiting|visit to|arrived in|reached|toured|from)\s+(?:the\s+)?$", re.I)

# A sentence opening with a pronoun or a bare title speaks of whom the sentence before named.
_REFERS_BACK = re.compile(
    r"^(?:He|She|It|They|His|Her|Its|Their|The (?:president|minister|prime minister|embassy|general|commander|group|militia|faction|leader|spokesman|official|ambassador|secretary))\b"
)


# "... which Biden ordered in response to the Erbil airport attack": a place that names another
# event, referred back to, is not where this sentence's event happened
_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:in response to|in retaliation for|in revenge for|after|since|following|like|than)\s+(?:the|last \w+['’]s|this \w+['’]s)\s+$",
    re.I,
)
_OTHER_EVENT_AFTER = re.compile(
    r"^\s+(?:(?:rocket|drone|mortar|missile|suicide|car bomb|ied)\s+)?(?:attacks?|strikes?|bombings?|barrages?|ambush|explosions?|blasts?|raids?|shelling|massacre)\b",
    re.I,
)


# "US air strikes", "a Turkish drone", "American service members": a country named before a
# weapon, a force or people is whose they are, not where it struck
_NATIONALITY_OF = re.compile(
    r"^\s+(?:air ?strikes?|air raids?|drones?|drone strikes?|warplanes?|jets?|missiles?|strikes?|artillery|"
    r"forces|troops|soldiers|military|army|navy|aircraft|helicopters?|special forces|"
    r"service ?(?:members?|men|women)|personnel|contractors?|citizens?|nationals?|diplomats?|advis[eo]rs?|"
    r"officials?|civilians?|workers?|journalists?|hostages?|tourists?|pilgrims?)\b",
    re.I,
)


# "six rockets were fired at it from the Nineveh plains": where the launcher stood is not where
# the attack struck (ACLED codes the place hit)
_LAUNCH_SITE = re.compile(r"\b(?:fired|launched|shot)\s+(?:[\w'’-]+\s+){0,3}?from\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.I)


def _names_another_event(text: str, entity: Entity) -> bool:
    before = text[max(0, entity.start - 40):entity.start]
    return bool(_OTHER_EVENT_BEFORE.search(before) and _OTHER_EVENT_AFTER.match(text[entity.end:entity.end + 40]))


def _read_entities(text: str, info: SentenceInfo) -> None:
    for entity in info.entities:
        if entity.label == "PLACE":
            if entity.text.islower() and entity.kb_id is not None:
                continue  # "a perfume store": a common word, not the place named Store
            if is_modifier(text, entity) or _owns_actor(text, entity, info.entities):
                continue
            if _names_another_event(text, entity) or _LAUNCH_SITE.search(text[max(0, entity.start - 60):entity.start]):
                continue
            place = resolve_place(entity)
            if place is not None and place.kind == "country" and _NATIONALITY_OF.match(text[entity.end:entity.end + 30]):
                continue
            if place is not None:
                info.places.append(PlaceMention(place, entity.start, entity.end, entity.text))
        elif entity.label == "ACTOR":
            ident = actor_id(entity)
            info.actors.append(ActorMention(ident, actor_name(ident, entity.text), entity.start, entity.end, entity.text))


def _owns_actor(text: str, entity: Entity, entities: list[Entity]) -> bool:
    """A place in the possessive before another name only says where that one is.

    "Iran's Qods Force" names an actor, not a place; "Baghdad's Jadriya" names Jadriya.
    """
    tail = text[entity.end:entity.end + 3]
    if not (tail.startswith("'s ") or tail.startswith("’s ")):
        return False
    return any(e.label in ("ACTOR", "PLACE") and e.start == entity.end + 3 for e in entities)


def date_near(info: SentenceInfo, position: int, *, exclusive: bool = True) -> DatedMention | None:
    """The known date of a sentence nearest to ``position`` (a trigger), if any.

    A date told after another event's trigger that follows ``position`` is that event's: in
    "the group denied the barrage and said the truce begun in October still held", October
    dates the truce, not the barrage (``exclusive=False``: any date of the sentence).
    """
    known = [d for d in info.dates if d.date.known]
    if not known:
        return None
    if exclusive and info.political:
        # a date told after another event's trigger that itself follows this one belongs to that
        # event; a date before the trigger (the arrest "on Thursday" of a cell that had fired
        # rockets) or with no other trigger between is left to the nearest-date rule
        others = [info.sentence.start + c.trigger.start for c in info.political]
        known = [d for d in known if not any(position < o <= d.start for o in others)]
        if not known:
            return None
    return min(known, key=lambda d: abs(d.start - position))


def date_in_clause_after(info: SentenceInfo, position: int) -> DatedMention | None:
    """The first known date after ``position`` (a trigger) with no clause break between.

    "Officials gave figures on Monday for the barrage that struck the district the night
    before": the date told after the attack, in its own clause, is the attack's.
    """
    text = info.sentence.text
    offset = info.sentence.start
    for dated in sorted(info.dates, key=lambda d: d.start):
        if dated.start <= position or not dated.date.known:
            continue
        if re.search(r"[,;:]|\bsaid\b|\badded\b", text[position - offset:dated.start - offset]):
            return None
        if any(position < offset + c.trigger.start <= dated.start for c in info.political):
            return None  # another event's trigger between: the date is that event's
        return dated
    return None


def attack_date(info: SentenceInfo) -> DatedMention | None:
    """The date a sentence gives its attack.

    The nearest date to the trigger, unless the attack's own clause tells one after it ("gave
    figures on Monday for the barrage that struck ... the night before"); when the attack is
    what an interval counts from ("arriving a day after a barrage ..., on Thursday"), the date
    of the sentence, whichever event's it is (see :func:`counted_back`).
    """
    cue = info.attack
    if cue is None or not cue.triggers:
        return date_near(info, info.sentence.start, exclusive=False)
    at = cue.triggers[0].start
    trigger = info.sentence.start + at
    if days_before(info.sentence.text[max(0, at - 60):at]) is not None:
        return date_near(info, trigger, exclusive=False)
    near = date_near(info, trigger)
    if near is not None and near.start < trigger:
        return date_in_clause_after(info, trigger) or near
    return near


def counted_back(info: SentenceInfo, dated: DatedMention) -> ResolvedDate:
    """The attack's day when its trigger follows "N hours/days after" and the day is told later,
    in another clause: "arriving 24 hours after a barrage ..., he met them on Wednesday" is
    Tuesday; "came three days after rockets landed on Sunday" keeps Sunday (the rockets' own)."""
    resolved, cue = dated.date, info.attack
    if resolved.precision != "day" or cue is None or not cue.triggers:
        return resolved
    text, at = info.sentence.text, cue.triggers[0].start
    told = dated.start - info.sentence.start
    if told < at or not re.search(r"[,;]", text[at:told]):
        return resolved
    days = days_before(text[max(0, at - 60):at])
    day = resolved.as_date()
    if days is None or day is None:
        return resolved
    return ResolvedDate((day - dt.timedelta(days=days)).isoformat(), "day")


__all__ = ["ActorMention", "DateMention", "DatedMention", "PlaceMention", "SentenceInfo", "analyse_sentences", "date_near"]
