"""The countries an article is about, and its places read in their light.

:func:`narrow_to_article` reads a name several countries share as the one in the article's
countries and drops a small place of another country; :func:`dominant_country` is the country an
article speaks of most (the country of its political events that name none).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from eventledger.extract.entities import get_kb, place_in
from eventledger.extract.fields.place import (
    PlaceMention,
    captioned,
    compass_divisions,
    country_stem,
    dateline_end,
    is_capital,
    named_as_admin1,
    resolve_place,
)
from eventledger.kb.normalize import simplify
from eventledger.kb.places import compass_only
from eventledger.models import Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo


def _body_scenes(infos: list[SentenceInfo]) -> list[tuple[int, PlaceMention]]:
    """(sentence index, mention) of the places an article's sentences name as scenes: no
    dateline, no speaker's seat, no picture's caption."""
    found = []
    for info in infos:
        if captioned(info):
            continue
        body_start = dateline_end(info.sentence)
        found += [(info.sentence.index, m) for m in info.places if m.place.country and m.start >= body_start and m.role == "scene"]
    return found


def _article_countries(infos: list[SentenceInfo]) -> list[str]:
    """The countries an article is about, its main one first (the one its places point to most;
    a country or a division named counts twice, a town once), then those it gives evidence of: named, or a division, a
    capital or a big town of theirs whose name no place of the main country bears, or a town
    of the world's gazetteer named in two sentences (of a country the article names, when it
    names its main one)."""
    kb = get_kb()
    scenes = _body_scenes(infos)
    counts: Counter[str] = Counter()
    towns_seen: set[str] = set()
    named_countries = {m.place.country for _, m in scenes}
    for _, m in scenes:
        # a country or a division of it named counts twice; a town once, however often it is
        # named again: three mentions of a village that a town abroad shares ("Kango") do not
        # outweigh the state the sentence puts it in ("... villages in Zamfara")
        if m.place.kind == "admin1" and _shared_division(m, named_countries - {m.place.country}):
            continue  # "Punjab Province" beside Lahore and Islamabad: whose Punjab, the towns say
        if m.place.kind == "admin1" and compass_only(m.text):
            continue  # "the North-West region": anybody's north, read in the country the article is about
        if m.place.kind == "country" or (m.place.kind == "admin1" and not _town_elsewhere(m, named_countries - {m.place.country})):
            counts[m.place.country or ""] += 2
        elif m.place.id not in towns_seen:
            towns_seen.add(m.place.id)
            counts[m.place.country or ""] += 1
    if not counts:
        return []
    main = counts.most_common(1)[0][0]
    evidenced: set[str] = set()
    sentences_of: dict[tuple[str, str], set[int]] = {}
    own_names: set[str] = set()  # towns named by their own name, not a look-alike the gazetteer folded
    # a big place is evidence of its country only when the article names that country somewhere
    # (or it is the capital, by its own name): a Mexican story's "Gulf coast" is not Papua New
    # Guinea's Gulf province, nor a Nigerian village a look-alike of Bangladesh's capital
    text = " ".join(info.sentence.text for info in infos)
    for index, mention in scenes:
        place, country = mention.place, mention.place.country or ""
        if country == main or (place.kind != "country" and place_in(mention.text, main) is not None):
            continue
        if kb.is_prominent(place):
            if place.kind == "country" or _capital_by_name(mention) or _country_word(country).search(text):
                evidenced.add(country)
        elif place.id.startswith("gn_"):  # not the Iraqi gazetteer's generous folding
            sentences_of.setdefault((country, place.id), set()).add(index)
            if _by_own_name(mention):
                own_names.add(place.id)
    # a town named twice is evidence of its country, unless it is a small one and the article
    # names its main country (or a division of it) and never that one: "villages in Zamfara"
    # then "Kango" again is Nigeria's village, not Gabon's town; "in Soum province" twice in a
    # Burkina story is no Senegal (Gaza named twice in a story about Israel is Gaza)
    main_named = any(m.place.country == main and m.place.kind in ("country", "admin1") for _, m in scenes)
    towns = kb.world_towns()
    evidenced |= {
        country for (country, place_id), seen in sentences_of.items()
        if len(seen) >= 2 and (
            not main_named or _country_word(country).search(text)
            # a big town, by its own name: "Beu", a district of Beni, is no Biu of Nigeria
            or (towns is not None and place_id in own_names and towns.population(place_id) >= TOWN_POPULATION)
        )
    }
    return [main, *sorted(evidenced, key=lambda c: -counts[c])]


def _shared_division(mention: PlaceMention, others: set[str | None]) -> bool:
    """Whether another country the article's places lie in has a division of the same name
    (Punjab is India's and Pakistan's): such a name is evidence of neither country."""
    for country in others:
        place = place_in(mention.text, country) if country else None
        if place is not None and place.kind == "admin1":
            return True
    return False


def _town_elsewhere(mention: PlaceMention, others: set[str | None]) -> bool:
    """Whether a division's bare name is also a place of another country the article's places lie
    in ("Beni": Bolivia's department, a Congolese town): such a name weighs like a town, once."""
    return any(country and place_in(mention.text, country) is not None for country in others)


# a town of this many people named twice in an article is evidence of its country, even unnamed
TOWN_POPULATION = 50_000


def _by_own_name(mention: PlaceMention) -> bool:
    """Whether a mention names its place by the place's own name or an alias, not by a look-alike
    the gazetteer folded onto it ("Zakka" for Dhaka)."""
    place = mention.place
    names = {simplify(place.name), *(simplify(alias) for alias in place.aliases)}
    return simplify(mention.text) in names


def _capital_by_name(mention: PlaceMention) -> bool:
    """Whether a mention is a national capital named by its own name or an alias ("Dhaka"), not
    a look-alike the gazetteer folded onto it ("Zakka")."""
    return is_capital(mention.place) and _by_own_name(mention)


@lru_cache(maxsize=1024)
def _country_word(country: str) -> re.Pattern[str]:
    """A country's name or the adjective made from it ("Syria", "Syrian", "Iraqi", "Sudanese")."""
    return re.compile(r"\b" + re.escape(country_stem(country)), re.I)


def _narrowed(mention: PlaceMention, countries: list[str], sentence: str, article: str) -> PlaceMention | None:
    """The mention as the article's countries read it: the same name in one of them ("Santiago"
    in an article about Chile), else itself when the place is known well enough to be named in
    another country's story (a capital, or a big town or division of a country the article names
    somewhere) or its sentence names its country ("the Syrian-Iraqi border near Abu Kamal"), else
    None ("Pale", a Burmese township, is not India's Pali; "the Gulf coast state of Veracruz" in
    a Mexican story is not Papua New Guinea's Gulf province)."""
    if mention.place.kind == "country":
        return mention
    kb = get_kb()
    if mention.place.country in countries:
        # "a checkpoint outside Rafah" in a story about Egypt is Egypt's Rafah, though the article
        # names the Gaza Strip too: a name the main country shares is the main country's
        own = place_in(mention.text, countries[0]) if mention.place.country != countries[0] else None
        if own is None or own.kind == "country":
            return mention
        return PlaceMention(own, mention.start, mention.end, mention.text, mention.role)
    for country in countries:
        place = place_in(mention.text, country)
        if place is not None:
            return PlaceMention(place, mention.start, mention.end, mention.text, mention.role)
    named_anywhere = mention.place.country is not None and _country_word(mention.place.country).search(article)
    if kb.is_prominent(mention.place) and (named_anywhere or _capital_by_name(mention)):
        return mention
    named = mention.place.country is not None and _country_word(mention.place.country).search(sentence)
    return mention if named else None


def _dateline_country(infos: list[SentenceInfo]) -> list[str]:
    """The country of the town an article's dateline names, when its sentences name no place of
    any country ("YAOUNDE — ... in the region of Northwest"): the one its divisions are read in."""
    for info in infos[:1]:
        body_start = dateline_end(info.sentence)
        filed = [m.place.country for m in info.places if m.start < body_start and m.place.country]
        if filed:
            return filed[:1]
    return []


def _named_country(infos: list[SentenceInfo]) -> list[str]:
    """The country an article's sentences name most, though not as a place of their own
    ("Cameroon's North-West region" names the region; Cameroon is whose it is)."""
    counts: Counter[str] = Counter()
    for info in infos:
        for entity in info.entities if not captioned(info) else ():
            place = resolve_place(entity) if entity.label == "PLACE" else None
            if place is not None and place.kind == "country" and place.country:
                counts[place.country] += 1
    return [counts.most_common(1)[0][0]] if counts else []


def narrow_to_article(infos: list[SentenceInfo]) -> None:
    """Read every place of an article in the light of the countries it is about (in place).

    A name several countries share is the one in the article's countries; a small place of
    another country is dropped; a dateline or a speaker's seat abroad ("BANGKOK — ... in
    Myanmar", "officials in Washington said") says nothing of where the article's events were;
    a village the gazetteer knows only in another province than the one the article names is
    another village of the same name (:func:`_village_elsewhere`).
    """
    countries = _article_countries(infos) or _dateline_country(infos) or _named_country(infos)
    if not countries:
        return
    article = " ".join(info.sentence.text for info in infos)
    divisions = _divisions_named(infos, countries[0])
    for info in infos:
        body_start = dateline_end(info.sentence)
        kept = []
        own = _divisions_named([info], countries[0])
        for mention in info.places:
            elsewhere = mention.start < body_start or mention.role == "seat"
            if elsewhere and mention.place.country != countries[0]:
                continue
            narrowed = _narrowed(mention, countries, info.sentence.text, article)
            if narrowed is not None and not _village_elsewhere(narrowed, divisions, own):
                kept.append(narrowed)
        compass = compass_divisions(info.sentence, countries[0]) if not captioned(info) else []
        if compass:
            # "the North-West region" of a Cameroonian story is Cameroon's, not Botswana's
            kept = [m for m in kept if not any(c.start < m.end and m.start < c.end for c in compass)]
            kept = sorted([*kept, *(c for c in compass if c.start >= body_start)], key=lambda m: m.start)
        info.places = kept


# a town of fewer people than this that the gazetteer knows in one province only may be another
# village of the same name in the province an article is about
VILLAGE_POPULATION = 10_000


def _divisions_named(infos: list[SentenceInfo], country: str) -> set[str]:
    """The first-level divisions of ``country`` the sentences name as divisions ("Zamfara State",
    "in Ghazni province"), pictures' captions aside."""
    found: set[str] = set()
    for info in infos:
        if captioned(info):
            continue
        for mention in info.places:
            if mention.place.country != country or not mention.place.admin1:
                continue
            if mention.place.kind == "admin1" or named_as_admin1(info.sentence, mention):
                found.add(mention.place.admin1)
    return found


def _village_elsewhere(mention: PlaceMention, divisions: set[str], own: set[str]) -> bool:
    """Whether a village stands for another village of its name: the article names one province
    of its country, the village's sentence names none, and the gazetteer's only village of that
    name lies in another province ("four were killed in Makera village" in a story about Zamfara
    State is not Kaduna's Makera; "the checkpoint in Khogyani district" of a Ghazni story is not
    Kandahar's Khugyani)."""
    place = mention.place
    if place.kind != "city" or not place.id.startswith("gn_") or len(divisions) != 1 or own or place.admin1 in divisions:
        return False
    towns = get_kb().world_towns()
    return towns is not None and towns.population(place.id) < VILLAGE_POPULATION


def dominant_country(infos: list[SentenceInfo]) -> tuple[str, Span] | None:
    """The country an article speaks of most, with its first mention."""
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    for info in infos:
        for mention in info.places if not captioned(info) else ():
            if mention.place.country:
                counts[mention.place.country] += 1
                first.setdefault(mention.place.country, Span(mention.start, mention.end, mention.text))
    if not counts:
        return None
    country = counts.most_common(1)[0][0]
    return country, first[country]
