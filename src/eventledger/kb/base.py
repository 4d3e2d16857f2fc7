"""The knowledge base: actors and places, and matching names against them.

Matching an actor name goes, in order: exact-case aliases (short acronyms such as "IS"), the
folded key (``normalize_name``), the name outside or inside brackets ("Sinjar Resistance Units
(YBS)"), the key with leading titles stripped ("Iranian General Esmail Ghaani"), the person after
an inner title ("Hezbollah leader Hassan Nasrallah"), the key without trailing descriptors ("Badr
militia"), the exact-case alias in another case when the context names the actor too, and last a
conservative fuzzy match over long keys (same word count, same first letter).

Places are looked up by folded key in priority order: Iraq (curated, then GeoNames), countries,
first-level divisions, then the world's towns (read on first need).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from typing import Any

from rapidfuzz import fuzz, process

from eventledger.datafiles import load_yaml
from eventledger.kb.normalize import normalize_name, simplify
from eventledger.kb.places import KB_PACKAGE, Entry, WorldTowns, iraq_entries, world_entries
from eventledger.models import Actor, Place


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: importing spaCy takes a second, and
    a process that only reads the KB's data files (linking) should not pay it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# fuzzy fallback: only keys at least this long, scoring at least this (0-100, rapidfuzz ratio)
FUZZY_MIN_LENGTH = 7
FUZZY_ACTOR_THRESHOLD = 91.0
FUZZY_PLACE_THRESHOLD = 92.0

_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_BRACKETS = re.compile(r"\([^)]*\)?")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/.*)?$", re.IGNORECASE)


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class KnowledgeBase:
    """Actors and places with name matching. Build with :func:`load_kb` (cached)."""

    def __init__(
        self,
        actor_rows: list[dict[str, Any]],
        place_entries: list[Entry],
        matching: dict[str, Any],
        towns: Callable[[], WorldTowns] | None = None,
    ):
        """``towns`` makes the table of the world's towns; it is only called when a name is not
        otherwise known (or patterns are built), since reading 69,000 towns takes a while."""
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = _PlaceTable(self)
        self._make_towns = towns
        self._towns: WorldTowns | None = None
        self._towns_lock = threading.Lock()
        self._patterns: list[dict[str, Any]] | None = None
        self._exact: dict[str, str] = {}  # alias with its exact capitalisation -> actor id
        self.no_pattern: set[str] = set()  # aliases matched by name but never made spaCy patterns
        self._actor_keys: dict[str, str] = {}  # folded alias -> actor id
        self._no_fuzzy: set[str] = set()
        self._domains: dict[str, str] = {}
        self._titles = sorted((normalize_name(t) for t in matching["title_words"]), key=len, reverse=True)
        self._actor_suffixes = sorted((normalize_name(t) for t in matching.get("actor_suffixes", [])), key=len, reverse=True)
        self._suffixes = sorted((normalize_name(t) for t in matching["place_suffixes"]), key=len, reverse=True)
        self._prefixes = sorted((normalize_name(t) for t in matching["place_prefixes"]), key=len, reverse=True)
        self.common_words: frozenset[str] = frozenset(simplify(w) for w in matching["common_words"])
        for row in actor_rows:
            self._add_actor(row)
        self._place_keys: dict[str, list[Entry]] = {}
        self._entries: dict[str, Entry] = {}
        for entry in sorted(place_entries, key=lambda e: e.priority):
            self._add_place(entry)

    # --- building -------------------------------------------------------------------------

    def _add_actor(self, row: dict[str, Any]) -> None:
        exact = [_squash(a) for a in row.get("exact") or ()]
        aliases = tuple(dict.fromkeys([row["name"], *(row.get("aliases") or ())]))
        actor = Actor(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            inter_code=row.get("inter"),
            aliases=aliases,
            affiliations=tuple(row.get("affiliations") or ()),
            wikidata=row.get("wikidata"),
            country=row.get("country"),
        )
        if actor.id in self.actors:
            raise ValueError(f"actor id {actor.id!r} is defined twice in actors.yaml")
        self.actors[actor.id] = actor
        if row.get("no_fuzzy"):
            self._no_fuzzy.add(actor.id)
        for alias in exact:
            self._exact[alias] = actor.id
        self.no_pattern.update(_squash(a) for a in row.get("no_pattern") or ())
        for domain in row.get("domains") or ():
            self._domains[domain.lower()] = actor.id
        for alias in aliases:
            if _squash(alias) in exact:
                continue
            key = normalize_name(alias)
            if not key:
                continue
            owner = self._actor_keys.setdefault(key, actor.id)
            if owner != actor.id:
                raise ValueError(f"alias {alias!r} of {actor.id!r} folds to {key!r}, already an alias of {owner!r}")

    def __getstate__(self) -> dict[str, Any]:
        # picklable for process pools and Dask workers: the lock is remade, the cached pattern
        # list and fuzzy choices are rebuilt on demand
        state = dict(self.__dict__)
        state.pop("_towns_lock", None)
        state.pop("_fuzzy_actor_choices", None)
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

    # --- actors ---------------------------------------------------------------------------

    def _strip_titles(self, key: str) -> Iterable[str]:
        """The key with leading title words removed one at a time ("president trump" -> "trump")."""
        changed = True
        while changed and key:
            changed = False
            for title in self._titles:
                if key.startswith(title + " "):
                    key = key[len(title) + 1 :]
                    changed = True
                    yield key
                    break

    def _without_descriptor(self, key: str) -> str | None:
        """The actor named before a describing word or two ("badr militia", "daesh terrorist gangs")."""
        for _ in range(2):
            for suffix in self._actor_suffixes:
                if key.endswith(" " + suffix):
                    key = key[: -len(suffix) - 1]
                    break
            else:
                return None
            actor_id = self._actor_keys.get(key)
            if actor_id is None:
                for stripped in self._strip_titles(key):
                    actor_id = self._actor_keys.get(stripped)
                    if actor_id is not None:
                        break
            if actor_id is not None:
                return actor_id
        return None

    def _after_inner_title(self, key: str) -> str | None:
        """The person named after a title inside a description: "hezbollah leader hassan nasrallah"."""
        padded = f" {key} "
        for title in self._titles:
            at = padded.find(f" {title} ", 1)
            if at > 0:
                rest = padded[at + len(title) + 2 :].strip()
                if rest in self._actor_keys:
                    return self._actor_keys[rest]
        return None

    def _fuzzy_actor(self, key: str) -> str | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        choices = self._fuzzy_actor_choices
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_ACTOR_THRESHOLD)
        if found is None:
            return None
        candidate = found[0]
        # a fuzzy hit must keep the number of words: "kataib hizbula" is not "hizbula"
        if candidate.count(" ") != key.count(" ") or candidate[0] != key[0]:
            return None
        return self._actor_keys[candidate]

    @cached_property
    def _fuzzy_actor_choices(self) -> list[str]:
        return [
            k
            for k, actor_id in self._actor_keys.items()
            if len(k) >= FUZZY_MIN_LENGTH and actor_id not in self._no_fuzzy and k not in self.common_words
        ]

    def match_actor(self, name: str, context: str | None = None) -> Actor | None:
        """The known actor a name refers to, or None.

        Exact-case aliases first ("IS" but never "is"), then the folded name, then the folded
        name without leading titles, then a fuzzy match (long names only, high threshold).
        ``context`` (the sentence around the name) lets an exact-case alias written in another
        case ("Is" in a headline) count when the context also names that actor another way.
        """
        if not name or not name.strip():
            return None
        squashed = _POSSESSIVE.sub("", _squash(name).strip(" .,;:\"'[]"))
        actor_id = self._exact.get(squashed)
        if actor_id is not None:
            return self.actors[actor_id]
        direct = self._actor_keys.get(normalize_name(squashed))
        if direct is not None:  # canonical names may hold brackets: "Protesters (Iraq)"
            return self.actors[direct]
        if "(" in squashed or ")" in squashed:  # "Sinjar Resistance Units (YBS)": the name, else the brackets
            outside = _squash(_BRACKETS.sub(" ", squashed)).strip("() ")
            inside = " ".join(_BRACKETS.findall(squashed)).strip("() ")
            for part in (outside, inside):
                found = self.match_actor(part, context) if part and part != squashed else None
                if found is not None:
                    return found
            return None
        key = normalize_name(squashed)
        if not key:
            return None
        actor_id = self._actor_keys.get(key)
        if actor_id is None:
            for stripped in self._strip_titles(key):
                actor_id = self._actor_keys.get(stripped)
                if actor_id is not None:
                    break
        if actor_id is None:
            actor_id = self._after_inner_title(key)
        if actor_id is None:
            actor_id = self._without_descriptor(key)
        if actor_id is None and context:
            actor_id = self._exact_by_context(squashed, context)
        if actor_id is None:
            actor_id = self._fuzzy_actor(key)
        return self.actors[actor_id] if actor_id is not None else None

    def _exact_by_context(self, name: str, context: str) -> str | None:
        for alias, actor_id in self._exact.items():
            if alias.lower() == name.lower():
                actor = self.actors[actor_id]
                others = [a for a in actor.aliases if a.lower() != alias.lower() and len(a) > 3]
                folded_context = normalize_name(context)
                if any(f" {normalize_name(a)} " in f" {folded_context} " for a in others):
                    return actor_id
        return None

    def folded_names(self) -> dict[str, tuple[str, str, bool]]:
        """Folded name -> (label, id, alone) for every actor alias (not the exact-case ones, not
        outlets: their names fold onto common words, "Al Jazeera" onto "jazira") and every Iraqi
        place name. ``alone``: whether one word by itself may be taken for it, true only for the
        curated Iraqi places (a lone "Husseiniya" is the town; a lone "Hamza" is a given name)."""
        names: dict[str, tuple[str, str, bool]] = {}
        for key, entries in self._place_keys.items():
            if entries[0].priority[0] <= 1 and key not in self.common_words:
                names[key] = ("PLACE", entries[0].place.id, entries[0].priority[0] == 0)
        for key, actor_id in self._actor_keys.items():
            if key not in self.common_words and self.actors[actor_id].kind != "outlet":
                names[key] = ("ACTOR", actor_id, False)
        return names

    def exact_aliases(self) -> dict[str, str]:
        """Aliases matched only in their exact capitalisation ("IS", "AP"), with their actor ids."""
        return dict(self._exact)

    def actor_id(self, name: str) -> str:
        """The KB id of a name, or a stable ``unk:<folded-name>`` id for unknown names.

        Spelling variants of one unknown name fold to one id, and titles are dropped, so "General
        Abu Ali al-Basri" and "Abu Ali Basri" count as one actor across articles.
        """
        actor = self.match_actor(name)
        if actor is not None:
            return actor.id
        key = normalize_name(_POSSESSIVE.sub("", _squash(name)))
        for stripped in self._strip_titles(key):
            if stripped:
                key = stripped
        for _ in range(2):  # "Abu Ali al-Basri group" is "Abu Ali al-Basri"
            suffix = next((x for x in self._actor_suffixes if key.endswith(" " + x)), None)
            if suffix is None:
                break
            key = key[: -len(suffix) - 1]
        return "unk:" + (key.replace(" ", "_") or "unnamed")

    def outlet(self, name: str) -> Actor | None:
        """The news outlet a name or web domain refers to ("AP", "Middle East Eye", "apnews.com")."""
        if not name or not name.strip():
            return None
        match = _DOMAIN.match(name.strip())
        if match and " " not in name.strip():
            domain = match.group(1).lower()
            parts = domain.split(".")
            for i in range(len(parts) - 1):
                actor_id = self._domains.get(".".join(parts[i:]))
                if actor_id is not None:
                    return self.actors[actor_id]
        actor = self.match_actor(name)
        if actor is not None and actor.kind == "outlet":
            return actor
        return None

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
            for k in keys:
                found = self._place_keys.get(k)
                if found and found[0].priority[0] < 3:  # Iraq or a country: a town never beats those
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
            if found and found[0].place.kind == "admin1":
                division = found[0].place
                # a division's capital of the same name is the more precise reading ("Kandahar")
                division_key = normalize_name(division.admin1 or division.name)
                for entry in town_entries:
                    town = entry.place
                    town_division = normalize_name(town.admin1 or "")
                    # GeoNames and ISO spell divisions differently ("Abu Dhabi Emirate", "Abu Zaby")
                    same = town_division == division_key or (division_key and division_key in town_division)
                    if town.country == division.country and (same or town_division == k):
                        return [entry, *found]
            found.extend(town_entries)
            if found:
                return found
        return []

    def match_place(self, name: str, country: str | None = None) -> Place | None:
        """The place a name refers to: Iraqi towns, sites, districts and governorates first, then the
        world's countries, first-level divisions and cities. None when unknown.

        ``country`` (a country name as in ``Place.country``, e.g. "Kenya"), when the caller knows
        it, keeps only places in that country: "Eastleigh" in a Kenyan report is not the English
        town, and a name known only elsewhere gives None.
        """
        if not name or not name.strip():
            return None
        if country is not None:
            country_place = self.match_place(country)
            country = country_place.country if country_place is not None else country
        key = normalize_name(_squash(name))
        if not key:
            return None
        plain = simplify(name)
        if plain in _stop_words() and not name.strip().isupper():  # "us" no, "US" yes
            return None
        candidates = self._place_candidates(key, country)
        if plain in self.common_words and not name.strip().isupper():
            # "police", "mobile": only a curated Iraqi entry may claim an ordinary word
            candidates = [e for e in candidates if e.priority[0] == 0]
        if candidates:
            place = candidates[0].place
            dict.setdefault(self.places, place.id, place)
            return place
        if len(key) >= FUZZY_MIN_LENGTH and simplify(name) not in self.common_words:
            found = process.extractOne(key, self._fuzzy_place_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_PLACE_THRESHOLD)
            if found is not None and found[0].count(" ") == key.count(" ") and found[0][0] == key[0]:
                place = self._place_keys[found[0]][0].place
                if country is None or place.country == country:
                    return place
        return None

    @cached_property
    def _fuzzy_place_choices(self) -> list[str]:
        # only Iraq: the world list is too large to fuzzy-match without false friends
        return [k for k, entries in self._place_keys.items() if len(k) >= FUZZY_MIN_LENGTH and entries[0].priority[0] <= 1]

    def admin1_of(self, place: Place) -> str | None:
        """ACLED's first-level division of a place (itself when it is one); None for countries."""
        if place.kind == "country":
            return None
        if place.kind == "admin1":
            return place.admin1 or place.name
        return place.admin1

    def place_in_patterns(self, place_id: str) -> bool:
        """Whether spaCy patterns are made from this place's names."""
        entry = self._entries.get(place_id)
        return bool(entry and entry.in_patterns)

    def place_entries(self, towns_from: int = 500_000) -> Iterable[Entry]:
        """Every place with its names, in priority order; of the world's towns, those of
        ``towns_from`` people or more."""
        towns = self.world_towns()
        entries = list(self._entries.values())
        if towns is not None:
            entries.extend(towns.big(towns_from))
        return entries

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for every alias: ACTOR, OUTLET and PLACE, each with its KB id."""
        from eventledger.kb.patterns import build_patterns

        if self._patterns is None:  # built once: every pipeline of the process reuses them
            self._patterns = build_patterns(self)
        return [dict(p) for p in self._patterns]


def build_kb(include_world: bool = True) -> KnowledgeBase:
    """Load the data files into a new knowledge base (uncached; prefer :func:`load_kb`)."""
    actors = load_yaml(KB_PACKAGE, "actors.yaml")["actors"]
    matching = load_yaml(KB_PACKAGE, "matching.yaml")
    entries = iraq_entries()
    if include_world:
        entries.extend(world_entries())
    return KnowledgeBase(actors, entries, matching, towns=WorldTowns if include_world else None)


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

    def get(self, place_id: str, default: Any = None) -> Any:  # type: ignore[override]
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
