"""Grouping sentences into events: one cluster per real-world event told in an article.

Sentences about the same attack (weapons that may be one device, no conflicting province or
day; for a protest or riot, whatever means police meet the crowd with) join one cluster; sentences that only add to an attack (casualties, claims, denials) join the
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
from eventledger.extract.detection.political import PoliticalCue
from eventledger.extract.detection.strategic import added_development
from eventledger.extract.entities import get_kb
from eventledger.extract.fields.date import attack_date, counted_back, date_near, is_background, reference_day
from eventledger.extract.fields.date_expressions import context_pattern, days_before, named_day
from eventledger.extract.fields.place import PlaceMention, sentence_place, specificity
from eventledger.extract.lexicon import compile_patterns
from eventledger.models import Place

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.fields.date import DatedMention

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


@cache
def _crowd_at() -> float:
    return float(load_yaml("eventledger.extract", "clusters.yaml")["crowd_at"])


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

    @property
    def told_as_earlier(self) -> bool:
        """Whether the attack is told only as the earlier event another is set against ("the
        ambush came two days after gunmen killed ..."): the story's own day and place are not its."""
        cue = self.first.attack
        return cue is not None and cue.earlier_from is not None

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
            if told is not None and _reported_on(info, told):
                continue  # "rebels were killed in a clash, the military said on Friday": the saying's day
            if told is not None and told.date.precision == "day":
                return counted_back(info, told).value
            if told is not None and told.date.precision == "week":
                continue  # "strikes this week killed ..., villagers said on Thursday": Thursday is the saying's
            # a dateline's day ("MANILA, Feb. 15 (Xinhua) --") is the filing's, never the event's
            known = [d for d in info.dates if d.usable and not d.caption and d.date.precision == "day" and not _reported_on(info, d)]
            if known:
                return counted_back(info, known[0]).value
        return None


def _reported_on(info: SentenceInfo, dated: DatedMention) -> bool:
    """Whether a date is the day something was said ("the army said on Friday"), after the violence."""
    cue, text, start = info.attack, info.sentence.text, info.sentence.start
    after_trigger = cue is not None and bool(cue.triggers) and dated.start - start > cue.triggers[0].start
    return after_trigger and bool(context_pattern("reported_on").search(text[: dated.start - start]))


def _rank(mention: PlaceMention) -> int:
    return specificity(mention.place)


@cache
def _family(weapon: str | None) -> str | None:
    """The sub-event type a weapon alone gives (the typing stage on no text): one per weapon."""
    if weapon is None:
        return None
    return attack_type("", weapon)[1]


def _compatible(cluster: Cluster, info: SentenceInfo, historical: bool, check_place: bool = True, check_day: bool = True) -> bool:
    if cluster.historical != historical:
        return False
    cue = info.attack
    assert cue is not None
    if not _ground_agrees(cluster, info):
        return False
    if not _weapons_agree(cluster, info) and not (_pattern("attackers_killed").search(info.sentence.text) and sentence_place(info) is None):
        return False  # "we also shot dead a militant who tried to storm the building": the attack's own end
    place = sentence_place(info) if check_place else None
    country, admin1 = cluster.admin1()
    if place is not None:
        if country and place.place.country and country != place.place.country:
            return False
        if admin1 and place.place.admin1 and admin1 != place.place.admin1:
            return False
    if not check_day:
        return True
    day = attack_date(info) if cue.triggers else date_near(info, info.sentence.start, exclusive=False)
    known = cluster.dated()
    if day is not None and day.date.precision == "day" and known and known != counted_back(info, day).value:
        return False
    named = _unresolved_day(info)
    told = {d for i in cluster.infos if i.attack is not None and not i.attack.supporting and (d := _unresolved_day(i))}
    return named is None or not told or named in told


def _unresolved_day(info: SentenceInfo) -> str | None:
    """The day a sentence names for its violence when the article gives no way to resolve it
    ("on Saturday", "On October 12" on a page with no date): two different such days are two
    events even though neither can be placed in time (see :func:`named_day`)."""
    cue = info.attack
    if cue is None or any(d.date.known for d in info.dates):
        return None
    at = cue.triggers[0].start if cue.triggers else 0
    if days_before(info.sentence.text[max(0, at - 60):at]) is not None:
        return None  # "arriving 24 hours after a barrage ..., on Wednesday": the day is not the barrage's
    position = info.sentence.start + at
    text, start = info.sentence.text, info.sentence.start
    reported_on = context_pattern("reported_on")
    named = [
        (abs(d.start - position), key)
        for d in info.dates
        if d.own
        and d.clause is None
        and (key := named_day(d.text))
        and not _pattern("in_a_name").match(text, d.end - start)
        and not reported_on.search(text[: d.start - start])  # "residents said on Wednesday": the news's day
    ]
    return min(named)[1] if named else None


@cache
def _blasts() -> tuple[frozenset[str], frozenset[frozenset[str]]]:
    data = load_yaml("eventledger.extract", "clusters.yaml")
    return frozenset(data["explosive_weapons"]), frozenset(frozenset(pair) for pair in data["same_device"])


def _told_weapon(info: SentenceInfo) -> tuple[str, bool] | None:
    """A sentence's weapon, and whether its word is a general one ("the bombing", "detonated the
    explosives")."""
    cue = info.attack
    if cue is None or cue.weapon is None:
        return None
    text = info.sentence.text
    word = text[cue.weapon.start:cue.weapon.end]
    told_before = _pattern("explosives_told").match(word) and _pattern("definite_before").search(text[max(0, cue.weapon.start - 12):cue.weapon.start])
    return cue.weapon.value, bool(_pattern("general_weapon").match(word) or told_before)


def _takes_ground(info: SentenceInfo) -> bool:
    cue = info.attack
    return cue is not None and not cue.supporting and bool(_pattern("ground_taken").search(info.sentence.text))


def _remote(info: SentenceInfo) -> bool:
    told = _told_weapon(info)
    return told is not None and told[0] in load_yaml("eventledger.extract", "clusters.yaml")["remote_weapons"]


def _ground_agrees(cluster: Cluster, info: SentenceInfo) -> bool:
    """Whether a sentence may tell the cluster's event as far as ground taken goes: a town taken
    and a strike from the air or by artillery on it the same day are two events (ACLED: two
    actors, two sub-event types), unless one sentence tells both."""
    if _takes_ground(info) and not _remote(info):
        return not any(_remote(i) and not _takes_ground(i) for i in cluster.infos)
    if _remote(info) and not _takes_ground(info):
        return not any(_takes_ground(i) and not _remote(i) for i in cluster.infos)
    return True


def _crowd(info: SentenceInfo) -> bool:
    """Whether a sentence tells a crowd's event (a protest or riot, as the detector is sure)."""
    return info.attack is not None and info.attack.kind in ("protest", "riot")


def _weapons_agree(cluster: Cluster, info: SentenceInfo) -> bool:
    """Whether a sentence's weapon may be the cluster's: the same family (the typing stage's
    sub-event type), one device told two ways (a suicide car bomb), or a general word for a blast
    ("the bombardment") beside any explosive weapon."""
    told = _told_weapon(info)
    if told is None:
        return True
    if _crowd(info) and any(_crowd(i) for i in cluster.infos):
        return True  # police meet one crowd with rubber bullets and stun grenades: its means, not two attacks
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


def _placed_with(cluster: Cluster, info: SentenceInfo) -> bool:
    """Whether a sentence names a place in the province the cluster's event is placed in, and no day."""
    if any(named_day(d.text) for d in info.dates):
        return False  # "On October 14, a driver was shot dead in X": a day of its own, an event of its own
    place = sentence_place(info)
    _, admin1 = cluster.admin1()
    return place is not None and admin1 is not None and place.place.admin1 == admin1


def _only_referred(info: SentenceInfo) -> bool:
    """Whether every trigger of a sentence's violence is a definite reference back ("the
    bombardment", "the attack") and it tells no act of its own: no action verb before its
    triggers, no victims."""
    cue = info.attack
    assert cue is not None
    text = info.sentence.text
    references = [m.span() for m in _pattern("reference").finditer(text)]
    if not references or any(c.low > 0 for c in cue.casualties):
        return False
    return all(any(s <= t.start and t.end <= e for s, e in references) for t in cue.triggers)


def _past_claim(info: SentenceInfo) -> bool:
    """A claim or denial in the past tense ("claimed the attack"), not a habit ("groups take responsibility")."""
    cue = info.attack
    assert cue is not None
    return any(_pattern("past_claim").search(info.sentence.text[h.start:h.end]) for h in cue.claims + cue.denials)


def _joined(clusters: list[Cluster], info: SentenceInfo, historical: bool) -> Cluster | None:
    """The attack told before that a sentence starting violence tells again, if any."""
    cue = info.attack
    assert cue is not None
    target = next((c for c in reversed(clusters) if c.kind == "attack" and not c.told_as_earlier and _compatible(c, info, historical)), None)
    if target is None:
        # an event told as the one the story is set against takes a sentence that names its
        # place ("The women were taken in Ngala"), not one that may be the story's own
        target = next((c for c in reversed(clusters) if c.told_as_earlier and _placed_with(c, info) and _compatible(c, info, historical)), None)
    if target is None and cue.anaphoric and not _pattern("another_event").search(info.sentence.text) and not any(c.low > 0 for c in cue.casualties):
        # "the rockets were fired from ...": a definite reference names an attack already
        # told, so a place it adds (where the launcher stood) does not make a new event
        target = next((c for c in reversed(clusters) if c.kind == "attack" and _compatible(c, info, historical, check_place=False)), None)
    last = next((c for c in reversed(clusters) if c.kind == "attack"), None)
    if target is None and last is not None and _only_referred(info):
        # "clearing rubble on Wednesday from buildings hit in the bombardment": the day is
        # the clearing's; the violence is the one just told
        target = last if _compatible(last, info, historical, check_place=False, check_day=False) else None
    return target


def cluster_attacks(infos: list[SentenceInfo], published: dt.date | None) -> list[Cluster]:
    """Attack clusters of an article, in order of first mention."""
    reference = reference_day(infos, published)
    clusters: list[Cluster] = []
    for info in infos:
        cue = info.attack
        if cue is None or info.in_log:
            continue
        if cue.supporting:
            if _is_historical(info, reference):
                # "In April, a strike on a gathering in Sagaing killed about 170": a toll dated long
                # before is a background event's, never the story's own; where it is placed, it is
                # a report of its own
                if any(c.low > 0 for c in cue.casualties) and sentence_place(info) is not None:
                    clusters.append(Cluster("attack", [info], historical=True))
                continue
            # an event told only as the one the story is set against takes nothing more
            live = [c for c in clusters if not c.historical and not c.told_as_earlier]
            if live:
                live[-1].infos.append(info)
            elif cue.triggers and cue.blocked_by is None and _past_claim(info):
                # "X claimed the rocket attack on the airport": the claim tells of the attack
                clusters.append(Cluster("attack", [info]))
            elif (cue.claims or cue.denials) and info.actors:
                clusters.append(Cluster("claim" if cue.claims else "denial", [info]))
            continue
        historical = _is_historical(info, reference)
        target = None if cue.earlier_from is not None or _pattern("new_event").search(info.sentence.text) else _joined(clusters, info, historical)
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
    if chosen and _pattern("stretch_before").search(text[:chosen[0].start - start]):
        return []  # "a mine hit the truck between the towns of X and Y": one stretch of road, one scene
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
    region = _region_after(text, found.end())
    if region is not None:  # "X and Y villages in Pale township in Sagaing region": the region's
        country, admin1 = region.country, region.admin1
    scenes: list[PlaceMention] = []
    position = 0
    listed = found.group(group)
    # "the Shopian district of Jammu and Kashmir": one division whose name holds an "and", no list
    divisions = [p for p in info.places if p.place.kind in ("admin1", "country", "region")]
    for piece in _pattern("scene_split").split(listed):
        at = listed.index(piece, position)
        position = at + len(piece)
        begin, end = start + offset + at, start + offset + at + len(piece)
        if any(p.start <= begin and end <= p.end for p in divisions):
            return []
        # a name the knowledge base knows as an actor is no settlement; the statistical model's
        # guess is not heard against the sentence's own words ("the posts at X and Y")
        overlapping = [e for e in info.entities if e.start < end and begin < e.end and e.label not in _PLACE_LABELS and e.kb_id is not None]
        place = next((p for p in known if p.start < end and begin < p.end), None)
        if place is not None:
            scenes.append(place)
        elif not overlapping:
            unknown = Place(id=f"named:{piece.casefold()}", name=piece, kind="city", country=country, admin1=admin1)
            scenes.append(PlaceMention(unknown, begin, end, piece))
    return scenes if len({s.place.id for s in scenes}) == len(scenes) else []


def _region_after(text: str, end: int) -> Place | None:
    """The division a list of scenes ending at ``end`` is said to lie in ("in Sagaing region",
    "in Pale township in Sagaing region"), when the gazetteer knows it with its admin1."""
    found = _pattern("region_after_scenes").match(text, end)
    if found is None:
        return None
    place = get_kb().match_place(f"{found.group('region')} {found.group('kind')}", exact=True)
    return place if place is not None and place.kind != "country" and place.admin1 else None


def cluster_political(infos: list[SentenceInfo]) -> list[Cluster]:
    """Political clusters of an article, in order of first mention."""
    clusters: list[Cluster] = []
    for info in infos:
        if info.in_log:
            continue
        for cue in info.political:
            if not _own_event(cue, info):
                continue
            clusters_of_kind = [c for c in clusters if c.kind == cue.kind]
            target = None
            if cue.kind in ("threat", "statement", "meeting") and any(
                c.kind == cue.kind for c in info.political if c.trigger.start < cue.trigger.start
            ):
                # another speaker or another call told in the same sentence (detect_political): an event of its own
                target = None
            elif cue.kind == "ceasefire":
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
    return _own_events(clusters)


def _own_events(clusters: list[Cluster]) -> list[Cluster]:
    """The political clusters that are events of their own: a ceasefire deal told again as an
    agreement joins the ceasefire, words said at a meeting or charges of an arrest are parts."""
    meetings = [c for c in clusters if c.kind == "meeting"]
    truces = [c for c in clusters if c.kind == "ceasefire"]
    kept = []
    for cluster in clusters:
        if cluster.kind == "agreement" and truces and _tells_the_truce(cluster, truces[0]):
            truces[0].infos.extend(i for i in cluster.infos if i not in truces[0].infos)
            continue
        # a warning or a demand voiced at a meeting (what the leaders told each other) is part of
        # the meeting, not an event of its own
        if cluster.kind in ("threat", "statement") and any(
            cluster.actor_ids() and cluster.actor_ids() <= m.actor_ids() for m in meetings
        ):
            continue
        # "police arrested four men, accusing them of ...": the charge is part of the arrest
        if cluster.kind == "statement" and all(any(c.kind == "arrest" for c in i.political) for i in cluster.infos):
            continue
        kept.append(cluster)
    return kept


def arrested_in_a_crowd(cluster: Cluster, infos: list[SentenceInfo]) -> bool:
    """Whether an arrest cluster's sentences name those held as a crowd ("hundreds of protesters
    were detained") or set the arrests at one ("were arrested as the rally turned violent"), or
    count again the arrests of a crowd the sentence before told ("Hundreds of protesters were
    arrested. A monitor said 800 people were detained."): the arrests are then part of that
    protest or riot when the article reports one (ACLED codes them in the protest event)."""
    if cluster.kind != "arrest":
        return False
    pattern = _pattern("crowd_arrested")
    if any(pattern.search(i.sentence.text) for i in cluster.infos):
        return True
    before = [i for i in infos if i.sentence.end <= cluster.first.sentence.start]
    told = before[-1] if before else None
    return told is not None and bool(pattern.search(told.sentence.text)) and bool(_pattern("arrest_word").search(told.sentence.text))


def _tells_the_truce(agreement: Cluster, truce: Cluster) -> bool:
    """Whether an agreement is the article's ceasefire told again: each of its sentences tells the
    truce too ("agreed to a ceasefire deal") or refers back to a deal already told ("signed the
    agreement after talks", "after the accord was signed"). ACLED codes one event for it."""
    return all(info in truce.infos or _pattern("agreement_told").search(info.sentence.text) for info in agreement.infos)


# ACLED's inter codes of rioters (5), protesters (6) and civilians (7)
_CROWDS = frozenset({5, 6, 7})


def _own_event(cue: PoliticalCue, info: SentenceInfo) -> bool:
    """Whether a political cue tells an event of its own, not a part of the crowd's: what a crowd
    demands or vows (its speakers, the actors named before the trigger, are all crowds or
    civilians) is its protest; arrests told in a sentence that tells a riot or a protest are
    made at it (ACLED codes both in the protest event). A Strategic development the detector
    found (:func:`~eventledger.extract.detection.strategic.added_development`) is nobody's words:
    the civilians named before it are whom it befell ("92 civilians were freed by police")."""
    if cue.kind == "statement" and not added_development(cue):
        at = info.absolute(cue.trigger)[0]
        speakers = {a.actor_id for a in info.actors if a.start < at}
        registry = get_kb().registry.actors
        return not speakers or any(registry[s].inter_code not in _CROWDS for s in speakers if s in registry)
    if cue.kind == "arrest":
        crowd = info.attack is not None and not info.attack.supporting and info.attack.kind in ("riot", "protest")
        detected = (
            info.detection is not None
            and info.detection.kind in ("riot", "protest")
            and info.detection.probability >= _crowd_at()
        )
        return not (crowd or detected)
    return True


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
