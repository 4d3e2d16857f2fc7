"""Place: where an event happened, resolved to country, admin1, admin2 and coordinates.

Per sentence, :func:`read_places` keeps the KB places a sentence names as a location (not
"Iran-backed", not "Iran's Qods Force", not the launch site of rockets, not the place of another
event referred to) and :func:`best_place` picks the most specific one. Per report,
:func:`set_attack_place`, :func:`set_political_place` and :func:`set_log_place` choose among the
report's sentences (or, failing them, the sentences just before, the dateline, or the site "the
base" refers back to) and fill country, admin1, admin2, place, coordinates and precision. The
countries an article is about, and its places read in their light, are in
:mod:`eventledger.extract.fields.article_places`; a settlement the gazetteer does not know,
placed by the unit the text says holds it, in :mod:`eventledger.extract.fields.unknown_place`.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.entities import Entity, get_kb
from eventledger.extract.fields.date_expressions import is_caption
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.fields.unknown_place import set_unknown_place
from eventledger.extract.lexicon import compile_patterns
from eventledger.extract.logs import LogLine, split_fields
from eventledger.extract.segment import Sentence
from eventledger.kb.admin1 import admin1_key
from eventledger.kb.normalize import normalize_name
from eventledger.kb.places import PRECISION, admin1_spelling, capitals
from eventledger.models import Place, Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int  # absolute offsets in the article text
    end: int
    text: str
    # "scene": where something may happen; "seat": where a speaker is ("officials in Washington
    # said"), only a place when the sentence names no other
    role: str = "scene"


@dataclass(frozen=True)
class _PlaceData:
    described: dict[str, str]  # lower-cased description -> place name
    description_regex: re.Pattern[str]
    modifier_suffixes: tuple[str, ...]
    modifier_prefixes: tuple[str, ...]
    name_words: frozenset[str]  # words that end a proper name a place begins: outlets' and units'
    specificity: tuple[str, ...]
    neighbour_town_km: float
    country_only_kinds: frozenset[str]
    local_kinds: frozenset[str]
    site_back_lookback: int
    patterns: dict[str, re.Pattern[str]]


@cache
def _data() -> _PlaceData:
    data = load_yaml("eventledger.extract.fields", "place.yaml")
    described = {str(k): str(v) for k, v in data["descriptions"].items()}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(described, key=len, reverse=True)) + r")(?!\w)", re.I
    )
    return _PlaceData(
        described=described,
        description_regex=pattern,
        modifier_suffixes=tuple(data["modifier_suffixes"]),
        modifier_prefixes=tuple(data["modifier_prefixes"]),
        name_words=frozenset(data["outlet_name_words"]) | frozenset(data["unit_name_words"]),
        specificity=tuple(data["specificity"]),
        neighbour_town_km=float(data["neighbour_town_km"]),
        country_only_kinds=frozenset(data["country_only_kinds"]),
        local_kinds=frozenset(data["local_kinds"]),
        site_back_lookback=int(data["site_back_lookback"]),
        patterns=compile_patterns(data["patterns"]),
    )


def _pattern(name: str) -> re.Pattern[str]:
    return _data().patterns[name]


# --- the knowledge base ---------------------------------------------------------------------


def description_places(text: str) -> list[Entity]:
    """Places named by a description ("the Iraqi capital"), and towns named where a place
    stands (:func:`located_names`)."""
    data = _data()
    described = [
        Entity("PLACE", m.start(), m.end(), data.described[m.group(1).lower()], None)
        for m in data.description_regex.finditer(text)
    ]
    return sorted(described + located_names(text), key=lambda e: e.start)


_CALENDAR = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name) if name)


def located_names(text: str) -> list[Entity]:
    """Towns the fast pass does not hold (it knows only big ones) that the gazetteer knows by
    exactly that name, named where a place stands: after a locative preposition, a country's
    possessive, before or after the kind of place it is ("a station in Kramatorsk", "Ukraine's
    Kramatorsk", "the Niafunke post", "the rebel stronghold of Saada")."""
    kb = get_kb()
    found: list[Entity] = []
    names = ("located_name", "owned_name", "kind_name", "kind_of_name", "route_name")
    # a plural kind ("the cities of X and Y") or a route ("from X to Y and Z") announces a list;
    # after "in X and Y" the second town may be where something else happened
    spans = [(*m.span(1), name == "route_name" or _pattern("plural_kind").match(m.group(0)) is not None)
             for name in names for m in _pattern(name).finditer(text)]
    while spans:
        start, end, listing = spans.pop(0)
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2  # "in Ukraine's Kramatorsk": the owner is the other pattern's
        name = text[start:end]
        if name.lower() in _CALENDAR or any(e.start == start for e in found):
            continue
        place = kb.match_place(name, exact=True)
        # a country by its own name is the fast pass's; one by a region's ("in Sinai": Egypt) is not
        if place is not None and (place.kind != "country" or normalize_name(place.name) != normalize_name(name)):
            found.append(Entity("PLACE", start, end, name, place.id))
        if place is not None and listing:  # the list goes on from a known place
            following = _pattern("list_next").match(text, end)
            if following is not None:
                spans.insert(0, (*following.span(1), True))
    return sorted(found, key=lambda e: e.start)


def resolve_place(entity: Entity) -> Place | None:
    """The KB place an entity names, or None."""
    return _place(entity.text, entity.kb_id)


@lru_cache(maxsize=65536)
def _place(text: str, kb_id: str | None) -> Place | None:
    # names repeat across articles: the fuzzy fallback is paid once per name and process
    kb = get_kb()
    if kb_id and kb_id in kb.places:
        return kb.places[kb_id]
    return kb.match_place(text)


def specificity(place: Place) -> int:
    """0 for a named site (most specific) up to 4 for a country."""
    order = _data().specificity
    return order.index(place.kind) if place.kind in order else len(order)


# --- one sentence ---------------------------------------------------------------------------


def is_modifier(text: str, entity: Entity) -> bool:
    """Whether a place name only modifies an actor ("Iran-backed", "pro-Tehran")."""
    data = _data()
    # the name may run on in a word the knowledge base left out: "Saudi Arabian-led"
    after = _pattern("name_run_on").sub("", text[entity.end:entity.end + 40], count=1)[:12].lower()
    before = text[max(0, entity.start - 5):entity.start].lower()
    if any(after.startswith(s) for s in data.modifier_suffixes) or any(before.endswith(p) for p in data.modifier_prefixes):
        return True
    if _pattern("backer_before").search(text[max(0, entity.start - 60):entity.start]):
        return True  # "forces backed by Saudi Arabia (and the UAE)": who backs them, not where
    # case matters here: "Baghdad Today" is a newspaper, "Baghdad today" a place and a day
    following = text[entity.end:entity.end + 14].split(maxsplit=1)
    return bool(following) and text[entity.end:entity.end + 1] == " " and following[0].strip(".,;:)’'\"") in data.name_words


def _part_of_a_name(text: str, entity: Entity) -> bool:
    """Whether a place name is part of another proper name: an agency's short name in brackets
    ("the Yemeni News Agency (Saba)"), a street ("7th and Broadway", "Haifa Street")."""
    before = text[max(0, entity.start - 30):entity.start]
    if _pattern("short_name_before").search(before) or _pattern("street_before").search(before):
        return True
    return bool(_pattern("street_after").match(text[entity.end:entity.end + 20]))


def _owned_abroad(text: str, entity: Entity, entities: list[Entity]) -> bool:
    """A place owned by a place of another country is a namesake ("Nairobi's Central Business
    District" is not the Canadian town of that name): the owner says where it is."""
    owner = next((e for e in entities if e.label == "PLACE" and e.end + 3 == entity.start and text[e.end:e.end + 3] in ("'s ", "’s ")), None)
    if owner is None:
        return False
    owned, owning = resolve_place(entity), resolve_place(owner)
    return owned is not None and owning is not None and bool(owning.country) and owned.country != owning.country


def _owns_actor(text: str, entity: Entity, entities: list[Entity]) -> bool:
    """A place in the possessive before another name only says where that one is.

    "Iran's Qods Force" names an actor, not a place; "Baghdad's Jadriya" names Jadriya, when
    the gazetteer knows it (else the owner is the place there is: "Sagaing's Tabayin township").
    """
    tail = text[entity.end:entity.end + 3]
    if not (tail.startswith("'s ") or tail.startswith("’s ")):
        return False
    return any(
        e.start == entity.end + 3
        and (e.label == "ACTOR" or (e.label == "PLACE" and resolve_place(e) is not None and not _owned_abroad(text, e, entities)))
        for e in entities
    )


def _names_another_event(text: str, entity: Entity) -> bool:
    before = text[max(0, entity.start - 40):entity.start]
    return bool(_pattern("other_event_before").search(before) and _pattern("other_event_after").match(text[entity.end:entity.end + 40]))


def names_a_person(text: str, entity: Entity) -> bool:
    """Whether a place name is (part of) a person's name: after a title ("General Santander"),
    before an age or a role ("Elisabet Bolivar, 48,", "Bolivar, a vendor"), or saying something
    ("Bolivar said"; "Washington said" is a government speaking, not a place either)."""
    before = text[max(0, entity.start - 30):entity.start]
    after = text[entity.end:entity.end + 40]
    located = _pattern("preposition_before").search(before) is not None
    if _pattern("person_title_before").search(before):
        return True
    role = _pattern("person_after").match(after)
    # "in the province of Nuristan, an official said": the role speaks; it is not the name's apposition
    if role is not None and not (located and _pattern("speaks_after").match(after[role.end():])):
        return True
    return bool(_pattern("speaks_after").match(after)) and not located


def _elsewhere(text: str, entity: Entity) -> bool:
    """A place named only as a neighbour ("near the border with X", "close to the X border",
    "neighbouring X"), as where a person comes from ("a truck driver from X") or as where people
    fled to ("those who fled the attack arrived in X"): not where anything here happened."""
    before = text[max(0, entity.start - 80):entity.start]
    if _pattern("neighbour_after").match(text[entity.end:entity.end + 40]):
        return True
    return any(_pattern(name).search(before) for name in ("neighbour_before", "origin_before", "refuge_before"))


def _not_a_location(text: str, entity: Entity, entities: list[Entity]) -> bool:
    """A place name that says something other than where: a common word, a modifier, an owner,
    a person, a neighbour, an origin, another event or a launch site."""
    if entity.text.islower() and entity.kb_id is not None:
        return True  # "a perfume store": a common word, not the place named Store
    if is_modifier(text, entity) or _owns_actor(text, entity, entities):
        return True
    if names_a_person(text, entity) or _elsewhere(text, entity):
        return True
    if _part_of_a_name(text, entity) or _owned_abroad(text, entity, entities):
        return True
    saint = re.match(r"(?:St\.?|Saint)\s", entity.text) or re.search(r"\b(?:St\.?|Saint)\s$", text[max(0, entity.start - 7):entity.start])
    if saint and _pattern("saint_building").match(text[entity.end:entity.end + 60]):
        return True  # "St. Mary's Anglican Church": a building named after a saint
    return _names_another_event(text, entity) or bool(_pattern("launch_site").search(text[max(0, entity.start - 60):entity.start]))


def _role(text: str, entity: Entity) -> str:
    """"seat" for where a speaker is ("officials in Washington said", "told reporters in Kabul")."""
    before = text[max(0, entity.start - 50):entity.start]
    after = text[entity.end:entity.end + 30]
    if _pattern("seat_before").search(before) or (_pattern("in_before").search(before) and _pattern("said_after").match(after)):
        return "seat"
    return "scene"


def _place_of_police(entity: Entity) -> Entity | None:
    """"Hong Kong police fired tear gas": a city's or province's police force, named by the KB as
    one actor, still says where it acts; the place at the head of its name."""
    if entity.label != "ACTOR":
        return None
    found = _pattern("police_of_place").match(entity.text)
    if found is None:
        return None
    return Entity("PLACE", entity.start, entity.start + found.end(1), found.group(1))


def read_places(text: str, entities: list[Entity]) -> list[PlaceMention]:
    """The places a sentence names as locations, from its entities (``text``: the article)."""
    places: list[PlaceMention] = []
    for named in entities:
        entity = _place_of_police(named) or named
        if entity.label != "PLACE" or _not_a_location(text, entity, entities):
            continue
        place = resolve_place(entity)
        if place is not None and place.kind == "country" and _pattern("nationality_of").match(text[entity.end:entity.end + 30]):
            continue
        place = _called_a_state(text, entity, place) or place
        if place is not None and place.kind not in ("country", "admin1") and is_demonym(entity.text):
            continue  # "Syrian government air strikes": no town named like the adjective (Serian)
        if place is not None:
            places.append(PlaceMention(place, entity.start, entity.end, entity.text, _role(text, entity)))
    return places


def compass_divisions(sentence: Sentence, country: str) -> list[PlaceMention]:
    """The first-level divisions of ``country`` a sentence names by compass words beside a
    division word ("the Northwest region", "the region of North-West", "Far North province"):
    names the knowledge base never looks up by themselves, as they would be anybody's north."""
    found = []
    for match in _pattern("compass_division").finditer(sentence.text):
        group = "name" if match.group("name") else "after"
        place = _compass_division(country, match.group(group))
        if place is not None and not _pattern("came_from_before").search(sentence.text[max(0, match.start() - 60):match.start()]):
            start, end = sentence.start + match.start(group), sentence.start + match.end(group)
            found.append(PlaceMention(place, start, end, match.group(group)))
    return found


def _compact(name: str) -> str:
    return admin1_key(name).replace(" ", "").replace("-", "")


@lru_cache(maxsize=1024)
def _compass_division(country: str, name: str) -> Place | None:
    """The division of ``country`` called ``name`` in any spelling ACLED's table gives for it
    ("Northwest" is Cameroon's Nord-Ouest), or by the gazetteer's own name ("Far North")."""
    kb, key = get_kb(), _compact(name)
    for acled, variants in admin1_spelling().variants(country).items():
        names = (acled, *variants)
        if any(_compact(n) == key for n in names):
            for variant in names:
                place = kb.match_division(variant, country)
                if place is not None:
                    return place
    return kb.match_division(name, country)


def _called_a_state(text: str, entity: Entity, place: Place | None) -> Place | None:
    """The first-level division a country's name stands for when the text calls it a state:
    "Niger state" (Nigeria's, not the country), "the State of Mexico", "Mexico State". (A town
    called a state is in the state of its name: "Lagos State" keeps Lagos as its place.)"""
    if place is None or place.kind != "country":
        return None
    before = text[max(0, entity.start - 20):entity.start]
    if not (_pattern("state_before").search(before) or _pattern("state_after").match(text[entity.end:entity.end + 30])):
        return None
    return get_kb().match_division(entity.text)


def lists_places(text: str, places: list[PlaceMention]) -> bool:
    """Whether three or more different places stand in one list ("to Erbil, Balad and Ain al-Asad")."""
    run = longest = 1
    ordered = sorted(places, key=lambda p: p.start)
    for left, right in zip(ordered, ordered[1:], strict=False):
        listed = left.place.id != right.place.id and _pattern("list_glue").match(text, left.end, right.start)
        run = run + 1 if listed else 1
        longest = max(longest, run)
    return longest >= 3


def _near_another_town(sentence: Sentence, places: list[PlaceMention], candidates: list[PlaceMention]) -> list[PlaceMention]:
    """Candidates placed relative to a known town of another province ("the Al-Eith area east of
    Tikrit"): such a small place lies in that town's province, so the town is the safer place
    when the gazetteer put it elsewhere (a named installation, "Balad air base north of
    Baghdad", is where it is). A place the gazetteer puts near that town is where it is though
    a provincial border lies between them ("Afgoi, 30 km southwest of Mogadishu")."""
    text = sentence.text
    near_town = []
    for p in candidates:
        for q in places:
            if q is not p and q.start > p.end and _pattern("relative_to").match(text[p.end - sentence.start:q.start - sentence.start]):
                installation = p.place.kind == "site" and _pattern("installation").search(p.place.name)
                if q.place.admin1 and p.place.admin1 and q.place.admin1 != p.place.admin1 and not installation:
                    if not _neighbouring(p.place, q.place):
                        near_town.append(p)
    return near_town


EARTH_RADIUS_KM = 6371.0


def _distance_km(a: Place, b: Place) -> float | None:
    """The great-circle distance between two places, None when either has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    half = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half)))


def _neighbouring(place: Place, town: Place) -> bool:
    """Whether the gazetteer puts two places within a day's walk of each other."""
    distance = _distance_km(place, town)
    return distance is not None and distance <= _data().neighbour_town_km


def _reference_point(sentence: Sentence, mention: PlaceMention) -> bool:
    """Whether a sentence names a place only to say where another lies ("in Pulwama district,
    south of Srinagar", "a village 30 km from the capital Kabul")."""
    before = sentence.text[max(0, mention.start - sentence.start - 60):mention.start - sentence.start]
    return bool(_pattern("reference_before").search(before))


def captioned(info: SentenceInfo) -> bool:
    """Whether a sentence is a picture's caption by its own words ("In this photo taken May 3,
    soldiers patrol outside Camp X", "... (AFP Photo)"): where a picture was taken says nothing
    of where the article's events were. (The scene-in-the-present-tense reading of a line is
    left to dates: "Troops dispersed a sit-in" reads like one.)"""
    return is_caption(info.sentence.text, alone=False)


def dateline_end(sentence: Sentence) -> int:
    """Where a dateline opening the sentence ends ("BAGHDAD (Reuters) — ", "Bamako, Mali — ",
    "Bogota, Sep 12 (IANS) ", "Srinagar: "), as an absolute offset; the sentence's start when it
    opens with none."""
    for name in ("dateline_dated", "dateline", "dateline_titlecase", "dateline_colon"):
        found = _pattern(name).match(sentence.text)
        if found is not None:
            return sentence.start + found.end()
    return sentence.start


def _scene_places(sentence: Sentence, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places that may be where the sentence's event happened, best first in kind.

    "NASIRIYAH (Baghdad Post) — A bomb exploded near Suq al-Shuyukh": the dateline says where
    the story was filed, a speaker's seat where someone spoke; a place the sentence itself names
    says where it happened. Failing one, the dateline stands for a town of the country the
    sentence names ("KABUL, Afghanistan — A bomb exploded in Afghanistan's capital"), unless the
    sentence puts the event in another part of the country ("in northern Mali").
    """
    body_start = dateline_end(sentence)
    filed = [p for p in places if p.start < body_start]
    body = [p for p in places if p.start >= body_start]
    scene = [p for p in body if p.role == "scene"]
    if filed and _pattern("elsewhere_in_country").search(sentence.text[body_start - sentence.start:]):
        # "MANILA — ... in the central province": somewhere in the dateline's country
        return scene or [p for p in body if p.place.kind == "country"] or _countries_of(filed)
    if filed and scene and all(p.place.kind == "country" for p in scene):
        same_country = [p for p in filed if p.place.country in {q.place.country for q in scene}]
        return same_country or scene
    if filed and not scene:
        # "NAIROBI, Dec 31 (Reuters) - The South Sudanese government and rebels agreed ...": the
        # country the sentence's adjective names, not the dateline's
        abroad = [m for m in _adjective_country(sentence, body_start) if all(m.place.country != f.place.country for f in filed)]
        if abroad:
            return abroad
    return scene or filed or body


def country_stem(country: str) -> str:
    """What a country's name and its adjective share: "Syria" / "Syrian", "South Sudan" / "South
    Sudanese", "Ethiopia" / "Ethiopian" (a short name whole: "Mali", "Iraq")."""
    stem = country.rstrip("aeiouy")
    return stem if len(stem) >= 4 else country


@cache
def _adjectives() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the adjectives of the countries the gazetteer knows, the longest stem first
    ("South Sudanese" is South Sudan's, not Sudan's; "Nigerian" Nigeria's, not Niger's)."""
    import pycountry

    stems: dict[str, str] = {}
    for entry in pycountry.countries:
        name = getattr(entry, "common_name", None) or entry.name
        if "," not in name and "(" not in name:
            stems.setdefault(country_stem(name), name)
    alternation = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(r"\b(" + alternation + r")[a-z]*\b"), stems


_DEMONYM_ENDINGS = ("an", "ian", "ean", "ese", "i", "n", "ans", "ians", "is")


def is_demonym(name: str) -> bool:
    """Whether a name is a country's adjective ("Syrian", "Iraqi", "Nigerian"): no town, whatever
    town of a like name the gazetteer knows (Malaysia's Serian)."""
    pattern, stems = _adjectives()
    found = pattern.fullmatch(name)
    return found is not None and name != stems[found.group(1)] and name[len(found.group(1)):] in _DEMONYM_ENDINGS


def country_of_adjective(name: str) -> str | None:
    """The country a country's adjective names ("Syrian" -> "Syria"), or None."""
    pattern, stems = _adjectives()
    found = pattern.fullmatch(name)
    return stems[found.group(1)] if found is not None else None


def _adjective_country(sentence: Sentence, start: int) -> list[PlaceMention]:
    """The country an adjective after ``start`` names ("The South Sudanese government ..."), as a
    mention: where a sentence filed from abroad puts its event when it names no place there."""
    pattern, stems = _adjectives()
    found = pattern.search(sentence.text, start - sentence.start)
    if found is None:
        return []
    place = get_kb().match_place(stems[found.group(1)])
    if place is None or place.kind != "country":
        return []
    return [PlaceMention(place, sentence.start + found.start(), sentence.start + found.end(), found.group(0))]


def _countries_of(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The countries of ``mentions``, each told by the mention's own words."""
    found: list[PlaceMention] = []
    for mention in mentions:
        country = mention.place if mention.place.kind == "country" else get_kb().match_place(mention.place.country or "")
        if country is not None and country.kind == "country" and all(f.place.id != country.id for f in found):
            found.append(PlaceMention(country, mention.start, mention.end, mention.text, mention.role))
    return found


def best_place(
    sentence: Sentence, places: list[PlaceMention], near: int | None = None, destination: bool = False
) -> PlaceMention | None:
    """The most specific place of a sentence (of its ``places``), the nearest to ``near`` among equals.

    ``destination``: only places introduced as where something happens ("in Baghdad",
    "to Qom", "visited Lebanon"), as a meeting's place must be.
    """
    candidates = _scene_places(sentence, places)
    if destination:
        candidates = [p for p in candidates if _pattern("destination").search(sentence.text[: p.start - sentence.start])]
    if not candidates:
        return None
    near_town = _near_another_town(sentence, places, candidates)
    candidates = [p for p in candidates if p not in near_town] or candidates
    # a town named only as a reference point is not where it happened when the sentence names
    # another town ("in Pulwama, south of Srinagar"); it is when the sentence names only its
    # province ("on the highway north of Nasiriyah, in Dhi Qar"): the nearest town is the place
    located = [p for p in candidates if not _reference_point(sentence, p)]
    if any(p.place.kind in ("site", "city", "admin2") for p in located):
        candidates = located
    # a province named in the sentence says which of several towns is meant
    # only a province of the same country as another place named counts: "which Washington
    # blamed" does not move the Green Zone's sentence to the state of Washington
    stated = {
        p.place.admin1 for p in places
        if p.place.kind == "admin1" and any(q.place.country == p.place.country for q in places if q is not p)
    } | named_divisions(sentence, places)
    consistent = [p for p in candidates if p.place.admin1 in stated]
    if stated and consistent:
        candidates = consistent
    anchor = near if near is not None else sentence.start
    return min(candidates, key=lambda p: (specificity(p.place), abs(p.start - anchor)))


def named_divisions(sentence: Sentence, places: list[PlaceMention]) -> set[str]:
    """The admin1 of every place a sentence names as a division ("in Sagaing region", "in Idlib
    province"), though the gazetteer knows a town of that name first: a village "in X region"
    is in X's admin1, whatever town of another country a name beside it also is."""
    return {p.place.admin1 for p in places if p.place.kind != "admin1" and p.place.admin1 and _named_as(sentence, p, "division_after")}


def named_as_admin1(sentence: Sentence, mention: PlaceMention) -> bool:
    """Whether a sentence names a place as a first-level division ("in Ghazni province")."""
    return _named_as(sentence, mention, "admin1_after")


def _named_as(sentence: Sentence, mention: PlaceMention, pattern: str) -> bool:
    """Whether a division word of ``pattern`` follows the name (or ends it: "Sagaing Region")."""
    after = sentence.text[mention.end - sentence.start:]
    return bool(_pattern(pattern).match(after) or _pattern(pattern).match(" " + mention.text.split()[-1]))


def sentence_place(info: SentenceInfo, near: int | None = None, destination: bool = False) -> PlaceMention | None:
    """:func:`best_place` of an analysed sentence."""
    return best_place(info.sentence, info.places, near, destination)


# --- one report -----------------------------------------------------------------------------


def _explicit_admin1(info: SentenceInfo, chosen: PlaceMention, text: str) -> PlaceMention | None:
    """The province named right after a city ("Baiji city, Saladin governorate")."""
    for other in info.places:
        if other.place.kind != "admin1" or other.start <= chosen.end:
            continue
        if other.start - chosen.end <= 40 and _pattern("apposition").match(text[chosen.end:other.start]):
            return other
    return None


def set_place(fields: Fields, mentions: list[tuple[SentenceInfo, PlaceMention]], text: str, country_only: bool) -> None:
    """Fill the place fields from the most specific of ``mentions`` (among equals, one not in a
    dateline, then the earliest)."""
    if not mentions:
        return
    # a province named in the same sentences says which of several towns is meant
    stated = {p.place.admin1 for i, _ in mentions for p in i.places if p.place.kind == "admin1"}
    stated |= {a for i, _ in mentions for a in named_divisions(i.sentence, i.places)}
    consistent = [m for m in mentions if m[1].place.admin1 in stated]
    if stated and consistent:
        mentions = consistent
    # a dateline says where the story was filed: a town as specific that a sentence tells the
    # event at is where it happened ("KHARTOUM: ... protesters were shot in Omdurman")
    info, best = min(mentions, key=lambda m: (specificity(m[1].place), m[1].start < dateline_end(m[0].sentence), mentions.index(m)))
    place = best.place
    span = span_of(text, best.start, best.end)
    fields.set("country", place.country, [span])
    if country_only:
        return
    if place.kind == "city" and place.admin1 and _named_as(info.sentence, best, "admin1_after"):
        # "in the Sagaing region": the division, though the gazetteer knows its town by that name
        fields.set("admin1", place.admin1, [span])
        fields.set("geo_precision", PRECISION["admin1"], [span])
        return
    admin1_mention = _explicit_admin1(info, best, text) if place.kind in ("city", "site", "admin2") else None
    if admin1_mention is not None and admin1_mention.place.admin1 != place.admin1:
        fields.set("admin1", admin1_mention.place.admin1, [span_of(text, admin1_mention.start, admin1_mention.end)])
        fields.set("place", place.name, [span])
        fields.set("geo_precision", 2, [span])
        return
    # a territory ACLED codes as one division of another country ("Hong Kong") is its own admin1
    admin1 = place.admin1 or (admin1_spelling().whole(place.country) if place.kind == "country" else None)
    fields.set("admin1", admin1, [span])
    fields.set("admin2", place.admin2, [span])
    if place.kind in ("city", "site", "admin2"):
        fields.set("place", place.name, [span])
    fields.set("latitude", place.latitude, [span])
    fields.set("longitude", place.longitude, [span])
    fields.set("geo_precision", place.geo_precision, [span])


def _context_places(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """Places of the sentences just before the cluster's first one (same paragraph), nearest
    first; else of a sentence set between two of its own in a paragraph ("A suicide bomber struck
    a market. The market belongs to a police chief in X. The bomber detonated his explosives
    outside it."), else the dateline's."""
    first = cluster.first.sentence
    found = []
    for info in reversed(infos[max(0, first.index - 2):first.index]):
        if info.sentence.paragraph == first.paragraph and info.places and not captioned(info):
            found.append((info, sentence_place(info)))
            break
    own = {id(i) for i in cluster.infos}
    for later in cluster.infos[1:] if not found else ():
        between = infos[later.sentence.index - 1] if 0 < later.sentence.index <= len(infos) else None
        if between is not None and id(between) not in own and between.sentence.index > first.index \
                and between.sentence.paragraph == later.sentence.paragraph and between.places and not captioned(between):
            found.append((between, sentence_place(between)))
            break
    if not found and infos and infos[0].places and infos[0].sentence.paragraph <= 1:
        dateline = infos[0]  # "SULAIMANI (ESTA) — ...": where the article was written
        head = dateline.sentence.text[:40]
        if _pattern("dateline_head").search(head):
            found.append((dateline, sentence_place(dateline)))
    return [(i, p) for i, p in found if p is not None]


def _site_referred_back(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """The site "the base" or "it ... the base" refers to: the latest site of that kind the
    article named before the event's sentence ("slammed into the Ain al-Asad air base ... The
    base hosts coalition troops. It was the target of a missile attack in January 2020")."""
    first = cluster.first.sentence
    nouns = []
    lookback = _data().site_back_lookback
    for info in [cluster.first, *reversed(infos[max(0, first.index - lookback):first.index])]:
        if info.sentence.paragraph != first.paragraph:
            break
        found = _pattern("site_back").finditer(info.sentence.text)
        nouns += [m.group(1).casefold().replace("air ", "").replace("airbase", "base") for m in found]
    for noun in nouns:
        for info in reversed(infos[: first.index]):
            for mention in reversed(info.places):
                if mention.place.kind == "site" and noun in mention.place.name.casefold():
                    return [(info, mention)]
    return []


@lru_cache(maxsize=512)
def _capital(country: str) -> Place | None:
    """The national capital of a country, as a KB place."""
    kb = get_kb()
    for where, name in capitals():
        if where == country:
            place = kb.match_place(name, country=country)
            if place is not None and place.kind != "country":
                return place
    return None


def is_capital(place: Place) -> bool:
    """Whether a place is its country's national capital."""
    capital = _capital(place.country) if place.country and place.kind != "country" else None
    return capital is not None and capital.id == place.id


def _capital_named(cluster: Cluster, country: str) -> list[tuple[SentenceInfo, PlaceMention]]:
    """The country's capital, when the event's sentences put it there without naming it ("in the
    capital", "Kenya's capital", "stormed parliament")."""
    capital = _capital(country)
    for info in cluster.infos if capital is not None else []:
        found = _pattern("in_the_capital").search(info.sentence.text)
        if found is not None and capital is not None:
            start = info.sentence.start + found.start()
            return [(info, PlaceMention(capital, start, info.sentence.start + found.end(), found.group()))]
    return []


def _own_place(cluster: Cluster, country: str | None) -> list[tuple[SentenceInfo, PlaceMention]]:
    """A place below the country that the event's other sentences name ("the governor of the
    central Mudug province"), in its country."""
    for info in cluster.infos:
        found = sentence_place(info)
        if found is not None and found.place.kind != "country" and country in (None, found.place.country):
            return [(info, found)]
    return []


def _earlier_place(cluster: Cluster, infos: list[SentenceInfo], country: str | None) -> list[tuple[SentenceInfo, PlaceMention]]:
    """The latest place below a country the article named before the event, in its country."""
    for info in reversed(infos[: cluster.first.sentence.index]):
        found = sentence_place(info) if not captioned(info) else None
        if found is not None and found.place.kind != "country" and country in (None, found.place.country):
            return [(info, found)]
    return []


def within_country(
    cluster: Cluster, infos: list[SentenceInfo], places: list[tuple[SentenceInfo, PlaceMention]]
) -> list[tuple[SentenceInfo, PlaceMention]]:
    """Where in its country an event is that the sentences telling it happened place in the
    country only (or nowhere, unless they open another strand of the story): a place the
    event's other sentences name, the capital they refer to ("stormed Kenya's parliament"),
    else the place the article last named in that country (a story stays where it is until it
    says it moved). Not for an event spread over the country or put in a part of it ("across
    the country", "in northern Mali"), nor at a name the knowledge base does not know, nor
    where the country is only the one acting ("Israel carried out an air strike")."""
    countries = {p.place.country for _, p in places}
    if any(p.place.kind != "country" for _, p in places) or len(countries) > 1 or _spread(cluster) or _over_the_country(places):
        return places
    if not places and _pattern("another_strand").match(cluster.first.sentence.text):
        return places  # "Separately, gunmen opened fire on a shop": not where the story was
    country = next(iter(countries), None)
    own = _own_place(cluster, country)
    if own:
        return own
    capital = _capital_named(cluster, country) if country else []
    if capital or _names_unknown_place(cluster):
        return capital or places
    located = all(_locative(info.sentence.text, p.start - info.sentence.start, p.end - info.sentence.start) for info, p in places)
    return (_earlier_place(cluster, infos, country) if located else []) or places


def _over_the_country(places: list[tuple[SentenceInfo, PlaceMention]]) -> bool:
    """Whether a country is named as the whole the event covers ("across Lebanon", "throughout Iran")."""
    return any(_pattern("across_before").search(info.sentence.text[max(0, p.start - info.sentence.start - 20):p.start - info.sentence.start]) for info, p in places)


def _spread(cluster: Cluster) -> bool:
    """Whether the event's sentences spread it over its country or put it in a part of it
    ("across the country", "in northern Mali"): no one town named elsewhere stands for it."""
    text = " ".join(i.sentence.text for i in cluster.infos)
    return bool(_pattern("spread_in_country").search(text)) or any(
        _in_part_of_country(m) for m in _pattern("elsewhere_in_country").finditer(text)
    )


def _in_part_of_country(found: re.Match[str]) -> bool:
    """Whether "in northern X" puts an event in a part of a country, not in the named division
    ("in the northern Sagaing region" is in Sagaing)."""
    name = found.group("name")
    if name is None or not name[0].isupper():
        return True
    place = get_kb().match_place(name, exact=True)
    return place is None or place.kind == "country"


def _locative(text: str, start: int, end: int) -> bool:
    """Whether a name stands as a location: after a preposition ("in Sudan") or owning what
    follows ("Sudan's capital")."""
    return bool(_pattern("preposition_before").search(text[max(0, start - 20):start])) or text[end:end + 2] in ("'s", "’s")


def _names_unknown_place(cluster: Cluster) -> bool:
    """Whether the event's sentences put it at a name the knowledge base does not know ("at a
    protest in Naypyitaw"): then no place the article named before stands for it."""
    for info in cluster.infos:
        for found in _pattern("unknown_locative").finditer(info.sentence.text):
            start = info.sentence.start + found.start(1)
            # a name the model found that the gazetteer cannot place is unknown too
            if not any(e.start <= start < e.end and resolve_place(e) is not None for e in info.entities):
                return True
    return False


def _only_filed_or_reference(info: SentenceInfo, mention: PlaceMention) -> bool:
    """Whether a mention is where the story was filed (its dateline) or a reference point ("west
    of Mexico City", "200 km from the capital"), not a place the event is told at."""
    if mention.start < dateline_end(info.sentence):
        return True
    before = info.sentence.text[max(0, mention.start - info.sentence.start - 60):mention.start - info.sentence.start]
    return bool(_pattern("reference_before").search(before))


def _named_town(
    cluster: Cluster, places: list[tuple[SentenceInfo, PlaceMention]]
) -> list[tuple[SentenceInfo, PlaceMention]]:
    """A town the event's other sentences name, in the same country, when the places its telling
    sentences give are only a dateline or a reference point ("MEXICO CITY (AP) — ... a mayor was
    shot dead" then "the mayor of the town of Jilotzingo was killed on a highway")."""
    if not places or not all(_only_filed_or_reference(i, p) for i, p in places):
        return places
    countries = {p.place.country for _, p in places}
    told = {id(i) for i, _ in places}  # their own sentences' other names were weighed already ("the Al-Eith area east of Tikrit")
    for info in cluster.infos:
        for mention in info.places if id(info) not in told else ():
            if mention.role == "scene" and mention.place.kind in ("city", "site", "admin2") and mention.place.country in countries:
                if not _only_filed_or_reference(info, mention) and all(mention.place.id != p.place.id for _, p in places):
                    return [(info, mention)]
    return places


def set_attack_place(
    fields: Fields, cluster: Cluster, happened: list[SentenceInfo], infos: list[SentenceInfo], text: str
) -> None:
    """An attack's place: the place nearest the trigger of the sentences that tell it happened,
    else any place of its sentences, else the context before it, else the site referred back to."""
    places: list[tuple[SentenceInfo, PlaceMention]] = []
    for info in happened:
        cue = info.attack
        trigger = cue.triggers[0].start if cue and cue.triggers else 0
        found = sentence_place(info, info.sentence.start + trigger)
        if found is not None:
            places.append((info, found))
    if not places:
        places = [(i, p) for i in cluster.infos if i.places for p in [sentence_place(i)] if p is not None]
    places = _named_town(cluster, places)
    if cluster.told_as_earlier:
        set_place(fields, places, text, country_only=False)  # "came a month after ...": not where the story is
        return
    if not places and not _spread(cluster):
        places = _context_places(cluster, infos) or _site_referred_back(cluster, infos)
    places = within_country(cluster, infos, places)
    set_place(fields, places, text, country_only=False)
    # the sentences telling it happened first, then the event's others
    told = {id(info): info for info in [*happened, *cluster.infos]}
    set_unknown_place(fields, list(told.values()), text, happened)


def _local_scope(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """Where an event of a country-only kind applies when its sentences put it below the country:
    a town or province they name ("a curfew in Lagos", "the Islamabad police banned gatherings"),
    else the latest one named before that "in the state", "in the city" refers back to."""
    for info in cluster.infos:
        found = sentence_place(info)
        if found is not None and found.place.kind != "country" and found.place.admin1:
            return [(info, found)]
    for info in cluster.infos:
        back = _pattern("scope_back").search(info.sentence.text)
        if back is None:
            continue
        towns_only = back.group(1).lower() in ("city", "town")
        for earlier in reversed(infos[: info.sentence.index]):
            for mention in reversed(earlier.places):
                kind = mention.place.kind
                if mention.place.admin1 and (kind == "city" or (kind == "admin1" and not towns_only)):
                    return [(earlier, mention)]
        break
    return []


def _meeting_told_after(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """Where a meeting (or an agreement its sentence says was reached at one) was held when its
    first sentence does not say and one of the next two refers back to it: "The summit, held at
    an estate in California, ended with a walk"."""
    first = cluster.first
    reached_at_one = cluster.kind == "agreement" and _pattern("meeting_word").search(first.sentence.text) is not None
    if (cluster.kind != "meeting" and not reached_at_one) or sentence_place(first, destination=True) is not None:
        return []
    for info in infos[first.sentence.index + 1:first.sentence.index + 3]:
        if _pattern("meeting_back").match(info.sentence.text):
            found = sentence_place(info, destination=True)
            if found is not None and found.place.kind != "country":
                return [(info, found)]
    return []


def set_political_place(
    fields: Fields, cluster: Cluster, text: str, country: tuple[str, Span] | None, infos: list[SentenceInfo] | None = None
) -> None:
    """A political event's place: where a meeting happens; only the country of a ceasefire, a
    statement or another country-only kind, the article's own country when it names it, unless
    an order's sentences put it in a town or province (:func:`_local_scope`); an arrest or another
    event at one place placed in its country only is where the article is (:func:`within_country`,
    given the article's ``infos``)."""
    country_only = cluster.kind in _data().country_only_kinds
    if country_only and cluster.kind in _data().local_kinds and infos is not None:
        local = _local_scope(cluster, infos)
        if local:
            set_place(fields, local, text, country_only=False)
            return
    told_after = _meeting_told_after(cluster, infos) if infos is not None else []
    if told_after:
        set_place(fields, told_after, text, country_only=False)
        return
    destination = cluster.kind == "meeting" or country_only
    places = [(i, p) for i in cluster.infos if i.places for p in [sentence_place(i, destination=destination)] if p is not None]
    if not places and country_only:
        places = [(i, p) for i in cluster.infos for p in [sentence_place(i)] if p is not None]
    if country_only and country is not None and any(p.place.country == country[0] for _, p in places):
        # a ceasefire or a statement is about the country the article is about, when it names it
        places = [(i, p) for i, p in places if p.place.country == country[0]]
    if infos is not None and not destination:
        # an arrest or a raid told without a place is where the sentence before it is
        places = within_country(cluster, infos, places or _context_places(cluster, infos))
    set_place(fields, places, text, country_only=country_only)
    if "country" not in fields.values and country is not None:
        fields.set("country", country[0], [country[1]])


def set_log_place(fields: Fields, line: LogLine, line_infos: list[SentenceInfo], text: str) -> None:
    """A log line's place: the places after its first dash ("IED vs convoy – Diwaniya"), else any."""
    parts = split_fields(line.text)
    place_from = line.start + (parts[1][0] if len(parts) > 1 else 0)
    mentions = [(i, p) for i in line_infos for p in i.places if p.start >= place_from]
    mentions = mentions or [(i, p) for i in line_infos for p in i.places]
    set_place(fields, mentions, text, country_only=False)
