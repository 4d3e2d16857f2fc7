"""Actors as the analyses show them: names, kinds, ACLED inter codes.

Events keep actor ids: the knowledge base's (``kataib_hezbollah``) or, for names the KB does not
know, a stable ``unk:<folded name>`` id. People read names, so every analysis and interface
turns ids into names here:

- :func:`lookup_of` gives an id's :class:`ActorInfo` from the KB's actor registry (cheap: no
  gazetteer, no spaCy): canonical name, kind, country, inter code, and for a person the group
  that stands for them in ACLED's layout.
- :func:`display_names` names any id: the KB's name, else the name the store's ``actors`` table
  keeps (the one reports use most), else the id's own words. A generic actor (civilians,
  protesters, an unidentified armed group), which the KB names after its home country, is named
  bare ("Civilians") where no one event is meant, and after the event's country where one is
  ("Civilians (Myanmar)", :func:`name_in_event`), as ACLED names it.
- :func:`sync_actors` fills the store's ``actors`` table from the KB and from the actors seen in
  events, so that Datasette, sqlite-utils and pandas users read names too (docs/store.md).

ACLED inter codes: the KB's code when it gives one; otherwise the code of the actor's kind in
``data/acled_actors.yaml`` (0 when neither says).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventledger.datafiles import load_yaml
from eventledger.kb import ActorRegistry
from eventledger.kb.actors import generic_base, named_in_country
from eventledger.models import Actor
from eventledger.store import Store

UNKNOWN_PREFIX = "unk:"
REPORTS_ORIGIN = "reports"  # the actors table's rows of names only reports give


@dataclass(frozen=True)
class ActorInfo:
    """What analyses need of an actor id; an id the KB does not know has only defaults."""

    name: str | None = None  # canonical name (None: use the name the reports give)
    inter_code: int = 0  # ACLED inter code; 0 when not known
    kind: str | None = None  # person | armed_group | state_force | party | outlet | organization | government
    group: str | None = None  # for a person: the id of the group that stands for them (first affiliation)
    country: str | None = None


ActorLookup = Callable[[str], ActorInfo]


@cache
def _settings() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("eventledger.analyze", "acled_actors.yaml")
    return data


def inter_code_of(actor: Actor) -> int:
    """ACLED's inter code of a KB actor: its own, else its kind's (0 when neither is known)."""
    if actor.inter_code:
        return actor.inter_code
    return int(_settings()["inter_by_kind"].get(actor.kind, 0))


def never_sides() -> frozenset[str]:
    """Ids of actors that tell of events and never take part in them (the Security Media Cell)."""
    return frozenset(_settings().get("announcers") or ())


def unidentified() -> frozenset[str]:
    """Ids of KB actors that stand for no one named ("unidentified gunmen")."""
    return frozenset(_settings().get("unidentified") or ())


def descendants(actor_ids: Iterable[str], actors: ActorRegistry) -> set[str]:
    """``actor_ids`` and every KB actor affiliated to one of them, directly or through others
    (Kataib Hezbollah and the groups under it)."""
    children: dict[str, list[str]] = {}
    for actor in actors.actors.values():
        for parent in actor.affiliations:
            children.setdefault(parent, []).append(actor.id)
    found = set(actor_ids)
    todo = list(found)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def lookup_of(actors: ActorRegistry) -> ActorLookup:
    """An :data:`ActorLookup` over the KB's actor registry."""
    cached: dict[str, ActorInfo] = {}

    def info(actor_id: str) -> ActorInfo:
        found = cached.get(actor_id)
        if found is not None:
            return found
        actor = actors.actors.get(actor_id)
        if actor is None:
            found = ActorInfo()
        else:
            inter = inter_code_of(actor)
            group = None
            if actor.kind == "person":
                group = next((a for a in actor.affiliations if a in actors.actors), None)
                if group is not None and not inter:
                    inter = inter_code_of(actors.actors[group])
            found = ActorInfo(actor.name, inter, actor.kind, group, actor.country)
        cached[actor_id] = found
        return found

    return info


def words_of_id(actor_id: str) -> str:
    """An id as words, for an actor nothing names: ``unk:abu_ali_basri`` -> "abu ali basri"."""
    bare = actor_id[len(UNKNOWN_PREFIX) :] if actor_id.startswith(UNKNOWN_PREFIX) else actor_id
    return bare.replace("_", " ")


def display_names(
    actor_ids: Iterable[str],
    actors: ActorRegistry,
    stored: Mapping[str, str] | None = None,
    reported: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """A name for every id: the KB's, else ``stored`` (the store's actors table), else
    ``reported`` (names reports give), else the id's words."""
    names = {}
    for actor_id in dict.fromkeys(actor_ids):
        known = actors.actors.get(actor_id)
        if known is not None:
            names[actor_id] = generic_base(known.name, known.country) or known.name
        else:
            names[actor_id] = (stored or {}).get(actor_id) or (reported or {}).get(actor_id) or words_of_id(actor_id)
    return names


def name_in_event(actor_id: str, name: str, actors: ActorRegistry, country: str | None) -> str:
    """An actor's name where it is shown in an event in ``country`` (a country name): a generic
    actor after that country, "Civilians (Myanmar)", not after the KB's home country; any other
    actor by ``name``."""
    known = actors.actors.get(actor_id)
    if known is None or not country or generic_base(known.name, known.country) is None:
        return name
    return named_in_country(known.name, known.country, country)


def kb_rows(actors: ActorRegistry) -> list[dict[str, Any]]:
    """The KB's actors as rows of the store's ``actors`` table."""
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": json.dumps(list(a.aliases), ensure_ascii=False),
            "country": a.country,
            "inter_code": inter_code_of(a) or None,
            "affiliations": json.dumps(list(a.affiliations)),
            "wikidata": a.wikidata,
            "origin": "kb",
        }
        for a in actors.actors.values()
    ]


def sync_actors(store: Store, actors: ActorRegistry) -> int:
    """Bring the store's ``actors`` table up to date, in one transaction: every KB actor (written
    again, so a renamed actor is renamed), and each actor events name that the KB does not know,
    under the name its reports use most with the other names as aliases. Rows of unknown actors no
    event names any more are dropped. Returns how many unknown actors were added."""
    new_ids = [i for i in store.actor_ids_without_row() if i not in actors.actors]
    spellings: dict[str, Counter[str]] = {}
    for actor_id, name in store.names_in_reports(new_ids):
        spellings.setdefault(actor_id, Counter())[name] += 1
    rows = kb_rows(actors)
    for actor_id in new_ids:
        ranked = [n for n, _ in sorted(spellings.get(actor_id, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))]
        rows.append(
            {
                "id": actor_id,
                "name": ranked[0] if ranked else words_of_id(actor_id),
                "kind": None,
                "aliases": json.dumps(ranked, ensure_ascii=False),
                "country": None,
                "inter_code": None,
                "affiliations": "[]",
                "wikidata": None,
                "origin": REPORTS_ORIGIN,
            }
        )
    store.save_actors(rows, drop_unused_origin=REPORTS_ORIGIN)
    return len(new_ids)
