"""Grouping sentences into events: one cluster per real-world event told in an article.

Sentences about the same attack (weapons that may be one device, no conflicting province or
day) join one cluster; sentences that only add to an attack (casualties, claims, denials) join the
attack told last. A sentence that names several scenes of its violence ("clashes in Tehran, Tabriz
and Yazd", "the villages of X and Y") gives one cluster per scene, as ACLED codes one event per
location and day. Political sentences group by kind: one ceasefire per article, meetings by place,
threats and statements by who makes them. A marker such as "again" or "a separate" starts a new
event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.detection.acled import attack_type
from eventledger.extract.fields.date import attack_date, counted_back, date_near, is_background, reference_day
from eventledger.extract.fields.place import PlaceMention, sentence_place, specificity
from eventledger.extract.lexicon import compile_patterns
from eventledger.models import Place

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo

VIOLENCE = ("attack", "riot", "protest")
_SPECIFIC = ("city", "site", "admin2")
_PLACE_LABELS = ("PLACE", "GPE", "LOC", "FAC")  # entity labels that name places (KB, statistical)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = load_yaml("eventledger.extract", "clusters.yaml")["patterns"]
    name = patterns["scene_name"]
    return compile_patterns({key: value.replace("{name}", name) for key, value in patterns.items()})


def _pattern(name: str) -> re.Pattern[str]:
    return _patterns()[name]


@dataclass
class Cluster:
    kind: str
    infos: list[SentenceInfo] = field(default_factory=list)
    historical: bool = False
    # a report split off a sentence that names several scenes of one kind of violence ("clashes
    # in Tehran, Tabriz and Yazd"): its one scene, and the sentence that names it
    scene: PlaceMention | None = None
    named_in: SentenceInfo | None = None

    @property
    def first(self) -> SentenceInfo:
        return self.infos[0]

    def actor_ids(self) -> set[str]:
        return {a.actor_id for info in self.infos for a in info.actors + info.inherited}

    def weapon(self) -> str | None:
        for info in self.infos:
            if info.attack and info.attack.weapon:
                return info.attack.weapon.value
        return None

    def admin1(self) -> tuple[str | None, str | None]:
        best = None
        for info in self.infos:
            place = sentence_place(info, destination=self.kind == "meeting")
            if place and (best is None or _rank(place) < _rank(best)):
                best = place
        if best is None:
            return None, None
        return best.place.country, best.place.admin1

    def dated(self) -> str | None:
        for info in self.infos:
            told = attack_date(info) if info.attack is not None and info.attack.triggers else None
            if told is not None and told.date.precision == "day":
                return counted_back(info, told).value
            known = [d for d in info.dates if d.date.known and d.date.precision == "day"]
            if known:
                return counted_back(info, known[0]).value
        return None


def _rank(mention: PlaceMention) -> int:
    return specificity(mention.place)


@cache
def _family(weapon: str | None) -> str | None:
    """The sub-event type a weapon alone gives (the typing stage on no text): one per weapon."""
    if weapon is None:
        return None
    return attack_type("", weapon)[1]


def _compatible(cluster: Cluster, info: SentenceInfo, historical: bool, check_place: bool = True) -> bool:
    if cluster.historical != historical:
        return False
    cue = info.attack
    assert cue is not None
    if not _weapons_agree(cluster, info):
        return False
    place = sentence_place(info) if check_place else None
    country, admin1 = cluster.admin1()
    if place is not None:
        if country and place.place.country and country != place.place.country:
            return False
        if admin1 and place.place.admin1 and admin1 != place.place.admin1:
            return False
    day = attack_date(info) if cue.triggers else date_near(info, info.sentence.start, exclusive=False)
    known = cluster.dated()
    if day is not None and day.date.precision == "day" and known and known != counted_back(info, day).value:
        return False
    return True


@cache
def _blasts() -> tuple[frozenset[str], frozenset[frozenset[str]]]:
    data = load_yaml("eventledger.extract", "clusters.yaml")
    return frozenset(data["explosive_weapons"]), frozenset(frozenset(pair) for pair in data["same_device"])


def _told_weapon(info: SentenceInfo) -> tuple[str, bool] | None:
    """A sentence's weapon, and whether its word is a general one ("the bombing")."""
    cue = info.attack
    if cue is None or cue.weapon is None:
        return None
    word = info.sentence.text[cue.weapon.start:cue.weapon.end]
    return cue.weapon.value, bool(_pattern("general_weapon").match(word))


def _weapons_agree(cluster: Cluster, info: SentenceInfo) -> bool:
    """Whether a sentence's weapon may be the cluster's: the same family (the typing stage's
    sub-event type), one device told two ways (a suicide car bomb), or a general word for a blast
    ("the bombardment") beside any explosive weapon."""
    told = _told_weapon(info)
    if told is None:
        return True
    weapons = [w for w in (_told_weapon(i) for i in cluster.infos) if w is not None]
    if not weapons:
        return True
    explosive, same_device = _blasts()
    weapon, general = told
    specific = [w for w, vague in weapons if not vague]
    if general or not specific:
        known = specific or [w for w, _ in weapons]
        return weapon in explosive and all(w in explosive for w in known) or any(_family(w) == _family(weapon) for w in known)
    other = specific[0]
    return _family(weapon) == _family(other) or frozenset((weapon, other)) in same_device


def _is_historical(info: SentenceInfo, reference: tuple[dt.date | None, bool]) -> bool:
    """Whether a sentence tells a background event: a marker ("the 2020 drone strike") or a date
    told for it long before the article (``reference``: its publication or latest full date)."""
    cue = info.attack
    if cue is not None and cue.historical is not None:
        return True
    near = date_near(info, info.sentence.start + (cue.triggers[0].start if cue and cue.triggers else 0))
    return near is not None and is_background(near, reference)


def _past_claim(info: SentenceInfo) -> bool:
    """A claim or denial in the past tense ("claimed the attack"), not a habit ("groups take responsibility")."""
    cue = info.attack
    assert cue is not None
    return any(_pattern("past_claim").search(info.sentence.text[h.start:h.end]) for h in cue.claims + cue.denials)


def cluster_attacks(infos: list[SentenceInfo], published: dt.date | None) -> list[Cluster]:
    """Attack clusters of an article, in order of first mention."""
    reference = reference_day(infos, published)
    clusters: list[Cluster] = []
    for info in infos:
        cue = info.attack
        if cue is None or info.in_log:
            continue
        if cue.supporting:
            live = [c for c in clusters if not c.historical]
            if live:
                live[-1].infos.append(info)
            elif cue.triggers and cue.blocked_by is None and _past_claim(info):
                # "X claimed the rocket attack on the airport": the claim tells of the attack
                clusters.append(Cluster("attack", [info]))
            elif (cue.claims or cue.denials) and info.actors:
                clusters.append(Cluster("claim" if cue.claims else "denial", [info]))
            continue
        historical = _is_historical(info, reference)
        target = None
        if not _pattern("new_event").search(info.sentence.text):
            for cluster in reversed(clusters):
                if cluster.kind == "attack" and _compatible(cluster, info, historical):
                    target = cluster
                    break
            if target is None and cue.anaphoric and not _pattern("another_event").search(info.sentence.text) and not any(c.low > 0 for c in cue.casualties):
                # "the rockets were fired from ...": a definite reference names an attack already
                # told, so a place it adds (where the launcher stood) does not make a new event
                target = next((c for c in reversed(clusters) if c.kind == "attack" and _compatible(c, info, historical, check_place=False)), None)
        if target is None:
            clusters.append(Cluster("attack", [info], historical=historical))
        else:
            target.infos.append(info)
    # a claim cluster opened before its attack was told belongs to the attack that follows
    attacks = [c for c in clusters if c.kind == "attack"]
    for cluster in [c for c in clusters if c.kind in ("claim", "denial")]:
        later = [a for a in attacks if not a.historical]
        if later:
            later[0].infos[:0] = cluster.infos
            clusters.remove(cluster)
    return [part for cluster in clusters for part in (cluster, *scene_splits(cluster))]


# --- one event per place ------------------------------------------------------------------------


def scene_splits(cluster: Cluster) -> list[Cluster]:
    """One cluster per scene when a sentence of a violent cluster names several (ACLED codes one
    event per location and day: "protesters clashed with police in Tehran, Tabriz and Yazd" is
    three events). Each split keeps the cluster's sentences (its date, weapon and kind) with its
    own scene; the report builder drops the split whose scene the cluster's own report already
    has (:func:`eventledger.extract.core`)."""
    if cluster.historical or cluster.kind not in VIOLENCE or cluster.scene is not None:
        return []
    for info in cluster.infos:
        scenes = listed_scenes(info)
        if len(scenes) >= 2:
            return [Cluster(cluster.kind, list(cluster.infos), scene=scene, named_in=info) for scene in scenes]
    return []


def listed_scenes(info: SentenceInfo) -> list[PlaceMention]:
    """The places one sentence lists as scenes: two or more towns, sites or districts joined as a
    list after a locative ("in Tehran, Tabriz and Yazd"), or settlements named by what they are
    ("the town of X and the villages of Y and Z", "X and Y villages"), which the gazetteer may not
    know. Empty when the sentence names fewer than two."""
    text = info.sentence.text
    start = info.sentence.start
    known = sorted((p for p in info.places if p.place.kind in _SPECIFIC and p.role == "scene"), key=lambda p: p.start)
    best: list[PlaceMention] = []
    run: list[PlaceMention] = []
    for mention in known:
        if run and mention.place.id != run[-1].place.id and _pattern("scene_glue").match(text[run[-1].end - start:mention.start - start]):
            run.append(mention)
        else:
            run = [mention] if _pattern("scene_lead").search(text[max(0, mention.start - start - 40):mention.start - start]) else []
        if len(run) > len(best):
            best = list(run)
    named = _named_scenes(info, known)
    chosen = named if len(named) > len(best) else best
    route = _route_scenes(info, known)
    chosen = route if len(route) > len(chosen) else chosen
    return chosen if len(chosen) >= 2 else []


def _route_scenes(info: SentenceInfo, known: list[PlaceMention]) -> list[PlaceMention]:
    """The towns a crowd sentence names along a route ("from Sidon to Tyre and Zahle to
    Beirut, thousands took to the streets"): each is a scene."""
    crowd = (info.attack is not None and info.attack.kind in ("riot", "protest")) or any(c.kind == "protest" for c in info.political)
    found = _pattern("route").search(info.sentence.text) if crowd else None
    if found is None:
        return []
    start, end = info.sentence.start + found.start(), info.sentence.start + found.end()
    scenes: list[PlaceMention] = []
    for mention in known:
        if start <= mention.start < end and all(s.place.id != mention.place.id for s in scenes):
            scenes.append(mention)
    return scenes


def _named_scenes(info: SentenceInfo, known: list[PlaceMention]) -> list[PlaceMention]:
    """Settlements a sentence names by what they are ("the villages of X and Y"): the gazetteer's
    place where it knows the name, else a place of that name in the country the sentence is in."""
    text = info.sentence.text
    start = info.sentence.start
    found = _pattern("named_scenes").search(text)
    if found is None:
        return []
    group = "after" if found.group("after") else "before"
    offset = found.start(group)
    countries = {p.place.country for p in info.places if p.place.country}
    country = next(iter(countries)) if len(countries) == 1 else None
    provinces = {p.place.admin1 for p in info.places if p.place.kind == "admin1"}  # "... in Idlib province"
    admin1 = next(iter(provinces)) if len(provinces) == 1 else None
    scenes: list[PlaceMention] = []
    position = 0
    listed = found.group(group)
    for piece in _pattern("scene_split").split(listed):
        at = listed.index(piece, position)
        position = at + len(piece)
        begin, end = start + offset + at, start + offset + at + len(piece)
        overlapping = [e for e in info.entities if e.start < end and begin < e.end and e.label not in _PLACE_LABELS]
        place = next((p for p in known if p.start < end and begin < p.end), None)
        if place is not None:
            scenes.append(place)
        elif not overlapping:  # an actor or a known name of another kind is no settlement
            unknown = Place(id=f"named:{piece.casefold()}", name=piece, kind="city", country=country, admin1=admin1)
            scenes.append(PlaceMention(unknown, begin, end, piece))
    return scenes if len({s.place.id for s in scenes}) == len(scenes) else []


def cluster_political(infos: list[SentenceInfo]) -> list[Cluster]:
    """Political clusters of an article, in order of first mention."""
    clusters: list[Cluster] = []
    for info in infos:
        if info.in_log:
            continue
        for cue in info.political:
            clusters_of_kind = [c for c in clusters if c.kind == cue.kind]
            target = None
            if cue.kind == "ceasefire":
                target = clusters_of_kind[0] if clusters_of_kind else None
            elif cue.kind == "meeting":
                target = _meeting_for(clusters_of_kind, info)
            elif cue.kind in ("threat", "statement"):
                actors = {a.actor_id for a in info.actors + info.inherited}
                related = [c for c in clusters if c.kind in ("threat", "statement") and c.actor_ids() & actors]
                target = related[-1] if related else None
                if target is not None and cue.kind == "threat":
                    target.kind = "threat"  # a statement that carries a threat is a threat
            else:
                target = clusters_of_kind[-1] if clusters_of_kind else None
            if target is None:
                clusters.append(Cluster(cue.kind, [info]))
            elif info not in target.infos:
                target.infos.append(info)
    meetings = [c for c in clusters if c.kind == "meeting"]
    kept = []
    for cluster in clusters:
        # a warning voiced at a meeting is part of the meeting, not an event of its own
        if cluster.kind == "threat" and any(cluster.actor_ids() and cluster.actor_ids() <= m.actor_ids() for m in meetings):
            continue
        # "police arrested four men, accusing them of ...": the charge is part of the arrest
        if cluster.kind == "statement" and all(any(c.kind == "arrest" for c in i.political) for i in cluster.infos):
            continue
        kept.append(cluster)
    return kept


def _meeting_for(clusters: list[Cluster], info: SentenceInfo) -> Cluster | None:
    if _pattern("new_event").search(info.sentence.text):
        return None
    place = sentence_place(info, destination=True)
    if not clusters:
        return None
    if place is None:
        return clusters[0]
    for cluster in clusters:
        country, admin1 = cluster.admin1()
        if country is None:
            return cluster
        if country == place.place.country and (admin1 is None or place.place.admin1 is None or admin1 == place.place.admin1):
            return cluster
    return None
