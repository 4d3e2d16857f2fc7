"""Knowledge base: actors (people, armed groups, state forces, parties, outlets) and places.

Public API::

    from eventledger.kb import load_kb, load_actors, KnowledgeBase, normalize_name
    kb = load_kb()                          # raises KnowledgeBaseError when a data file is broken
    kb.match_actor("Esmail Ghaani")         # Actor(id="qaani", ...)
    kb.actor_id("Abu Ali al-Basri")         # "unk:abu_ali_basri" when unknown
    kb.match_place("Diwaniya")              # Place(kind="city", admin1="Al-Qadisiyah", ...)
    kb.outlet("AP")                         # Actor(id="ap", kind="outlet")
    load_actors().outlet("AP")              # the actors alone: no gazetteer, no spaCy (fast)
"""

from __future__ import annotations

from functools import lru_cache

from eventledger.kb.actors import ActorRegistry, load_actors
from eventledger.kb.base import KnowledgeBase, build_kb, cached_kb
from eventledger.kb.normalize import normalize_name

__all__ = ["ActorRegistry", "KnowledgeBase", "build_kb", "load_actors", "load_kb", "normalize_name"]


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base from the data files shipped in the package, built once per process (or
    read back from the user's cache when an earlier process built it from the same files).

    Raises :class:`~eventledger.errors.KnowledgeBaseError` when a data file is missing or malformed.
    """
    return cached_kb()
