"""The actor registry: the knowledge base's actors and the matching of names against them.

It reads ``data/actors.yaml`` and ``data/matching.yaml`` only: no gazetteer and no spaCy, so it
loads in a fraction of a second. Linking, exports and the dashboard, which need actors but not
places, use :func:`load_actors`; the full :class:`~eventledger.kb.base.KnowledgeBase` holds one.

Matching an actor name goes, in order: exact-case aliases (short acronyms such as "IS"), the
folded key (``normalize_name``), the name outside or inside brackets ("Sinjar Resistance Units
(YBS)"), the key with leading titles stripped ("Iranian General Esmail Ghaani"), the person after
an inner title ("Hezbollah leader Hassan Nasrallah"), the key without trailing descriptors ("Badr
militia"), the exact-case alias in another case when the context names the actor too, and last a
conservative fuzzy match over long keys (same word count, same first letter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from eventledger.errors import KnowledgeBaseError
from eventledger.kb.files import read_data, reading
from eventledger.kb.normalize import normalize_name, simplify
from eventledger.models import Actor

# fuzzy fallback: only keys at least this long, scoring at least this (0-100, rapidfuzz ratio)
FUZZY_MIN_LENGTH = 7
FUZZY_ACTOR_THRESHOLD = 91.0

# the KB's generic actor for a country's own soldiers, named without their country
NATIONAL_MILITARY = "national_military"

_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_BRACKETS = re.compile(r"\([^)]*\)?")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/.*)?$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def generic_base(name: str, home: str | None) -> str | None:
    """The bare name of a generic actor, which the KB names after its home country ``home`` (ISO
    alpha-2) in brackets and ACLED after the country of each event: "Civilians" of "Civilians
    (Iraq)"; None for any other name."""
    if not home or not name.endswith(")"):
        return None
    import pycountry  # here: loading the registry reads no country tables

    base, _, where = name[:-1].rpartition(" (")
    found = pycountry.countries.get(alpha_2=home)
    if not base or found is None or where not in (found.name, getattr(found, "common_name", None)):
        return None
    return base


def named_in_country(name: str, home: str | None, country: str | None) -> str:
    """A generic actor's name for an event in ``country`` (a country name): the KB names such an
    actor after its home country ``home`` (ISO alpha-2) in brackets, "Protesters (Iraq)", and ACLED
    after the country of each event, "Protesters (Nigeria)"; other names are left as they are."""
    base = generic_base(name, home)
    return name if base is None or not country else f"{base} ({country})"


def squash(text: str) -> str:
    """``text`` with every run of white space made one space, stripped."""
    return _SPACES.sub(" ", text).strip()


def _by_length(words: Iterable[str]) -> list[str]:
    return sorted((normalize_name(w) for w in words), key=len, reverse=True)


class ActorRegistry:
    """Actors by id, and name matching against their aliases. Load with :func:`load_actors` (cached)."""

    def __init__(self, actor_rows: list[dict[str, Any]], matching: dict[str, Any]):
        """``actor_rows`` as in ``actors.yaml``; ``matching`` as in ``matching.yaml`` (title words,
        actor suffixes, common words)."""
        self.actors: dict[str, Actor] = {}
        self._exact: dict[str, str] = {}  # alias with its exact capitalisation -> actor id
        self.no_pattern: set[str] = set()  # aliases matched by name but never made spaCy patterns
        self._actor_keys: dict[str, str] = {}  # folded alias -> actor id
        self._no_fuzzy: set[str] = set()
        self._domains: dict[str, str] = {}
        self._titles = _by_length(matching["title_words"])
        self._actor_suffixes = _by_length(matching.get("actor_suffixes", []))
        self.common_words: frozenset[str] = frozenset(simplify(w) for w in matching["common_words"])
        for row in actor_rows:
            self._add_actor(row)

    def _add_actor(self, row: dict[str, Any]) -> None:
        exact = [squash(a) for a in row.get("exact") or ()]
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
            raise KnowledgeBaseError(f"actor id {actor.id!r} is defined twice in actors.yaml")
        self.actors[actor.id] = actor
        if row.get("no_fuzzy"):
            self._no_fuzzy.add(actor.id)
        for alias in exact:
            self._exact[alias] = actor.id
        self.no_pattern.update(squash(a) for a in row.get("no_pattern") or ())
        for domain in row.get("domains") or ():
            self._domains[domain.lower()] = actor.id
        for alias in aliases:
            if squash(alias) in exact:
                continue
            key = normalize_name(alias)
            if not key:
                continue
            owner = self._actor_keys.setdefault(key, actor.id)
            if owner != actor.id:
                raise KnowledgeBaseError(
                    f"alias {alias!r} of {actor.id!r} folds to {key!r}, already an alias of {owner!r} (actors.yaml)"
                )

    def __getstate__(self) -> dict[str, Any]:
        # picklable for process pools and Dask workers: the fuzzy choices are rebuilt on demand
        state = dict(self.__dict__)
        state.pop("_fuzzy_actor_choices", None)
        return state

    def ids_of_kind(self, kind: str) -> frozenset[str]:
        """The ids of the actors of one kind ("person", "outlet", ...)."""
        return frozenset(actor.id for actor in self.actors.values() if actor.kind == kind)

    def strip_titles(self, key: str) -> Iterable[str]:
        """The folded key with leading title words removed one at a time ("president trump" -> "trump")."""
        changed = True
        while changed and key:
            changed = False
            for title in self._titles:
                if key.startswith(title + " "):
                    key = key[len(title) + 1 :]
                    changed = True
                    yield key
                    break

    def _known_without_titles(self, key: str) -> str | None:
        """The actor whose folded alias ``key`` is, once leading titles are stripped."""
        actor_id = self._actor_keys.get(key)
        if actor_id is None:
            for stripped in self.strip_titles(key):
                actor_id = self._actor_keys.get(stripped)
                if actor_id is not None:
                    break
        return actor_id

    def _without_descriptor(self, key: str) -> str | None:
        """The actor named before a describing word or two ("badr militia", "daesh terrorist gangs")."""
        for _ in range(2):
            for suffix in self._actor_suffixes:
                if key.endswith(" " + suffix):
                    key = key[: -len(suffix) - 1]
                    break
            else:
                return None
            actor_id = self._known_without_titles(key)
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
        squashed = _POSSESSIVE.sub("", squash(name).strip(" .,;:\"'[]"))
        actor_id = self._exact.get(squashed)
        if actor_id is not None:
            return self.actors[actor_id]
        direct = self._actor_keys.get(normalize_name(squashed))
        if direct is not None:  # canonical names may hold brackets: "Protesters (Iraq)"
            return self.actors[direct]
        if "(" in squashed or ")" in squashed:
            return self._match_bracketed(squashed, context)
        key = normalize_name(squashed)
        if not key:
            return None
        actor_id = self._known_without_titles(key)
        if actor_id is None:
            actor_id = self._after_inner_title(key)
        if actor_id is None:
            actor_id = self._without_descriptor(key)
        if actor_id is None and context:
            actor_id = self._exact_by_context(squashed, context)
        if actor_id is None:
            actor_id = self._fuzzy_actor(key)
        return self.actors[actor_id] if actor_id is not None else None

    def _match_bracketed(self, squashed: str, context: str | None) -> Actor | None:
        """"Sinjar Resistance Units (YBS)": the name outside the brackets, else the one inside."""
        outside = squash(_BRACKETS.sub(" ", squashed)).strip("() ")
        inside = " ".join(_BRACKETS.findall(squashed)).strip("() ")
        for part in (outside, inside):
            found = self.match_actor(part, context) if part and part != squashed else None
            if found is not None:
                return found
        return None

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
        """Folded alias -> ("ACTOR", id, False) for every actor alias but the exact-case ones, the
        common words and the outlets' (their names fold onto common words, "Al Jazeera" onto "jazira")."""
        return {
            key: ("ACTOR", actor_id, False)
            for key, actor_id in self._actor_keys.items()
            if key not in self.common_words and self.actors[actor_id].kind != "outlet"
        }

    def exact_aliases(self) -> dict[str, str]:
        """Aliases matched only in their exact capitalisation ("IS", "AP"), with their actor ids."""
        return dict(self._exact)

    @cached_property
    def _forces(self) -> dict[str, str]:
        """Country (ISO alpha-2) -> the id of the KB's military of that country: the state force
        named, or with an alias, "Military Forces of ..." (Iraq's is its security forces)."""
        found: dict[str, str] = {}
        for actor in self.actors.values():
            if actor.kind == "state_force" and actor.country and actor.id != NATIONAL_MILITARY:
                if any(alias.startswith("Military Forces of ") for alias in actor.aliases):
                    found.setdefault(actor.country, actor.id)
        return found

    def national_military(self, country: str | None) -> str | None:
        """The id of the KB's military of ``country`` (ISO alpha-2), if it knows one: what a
        country's soldiers named without it ("Fifteen soldiers were killed") are."""
        return self._forces.get(country) if country else None

    def actor_id(self, name: str) -> str:
        """The KB id of a name, or a stable ``unk:<folded-name>`` id for unknown names.

        Spelling variants of one unknown name fold to one id, and titles are dropped, so "General
        Abu Ali al-Basri" and "Abu Ali Basri" count as one actor across articles.
        """
        actor = self.match_actor(name)
        if actor is not None:
            return actor.id
        key = normalize_name(_POSSESSIVE.sub("", squash(name)))
        for stripped in self.strip_titles(key):
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


def build_actors() -> ActorRegistry:
    """A new registry from the data files (uncached; prefer :func:`load_actors`)."""
    rows, matching = read_data("actors.yaml"), read_data("matching.yaml")
    with reading("actors.yaml", "matching.yaml"):
        return ActorRegistry(rows["actors"], matching)


@cache
def load_actors() -> ActorRegistry:
    """The actor registry from the data files shipped in the package, built once per process.

    Raises :class:`~eventledger.errors.KnowledgeBaseError` when a file is missing or malformed.
    """
    return build_actors()
