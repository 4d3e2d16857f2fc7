"""What the knowledge base says about actors, for the pages and the API.

Only actors are needed here, so this reads the KB's actor registry (no gazetteer, no spaCy). A
registry that cannot be loaded raises :class:`~eventledger.errors.KnowledgeBaseError`, which
the app's one error handler answers (503, "unavailable") instead of pages without names.
"""

from __future__ import annotations

from typing import Any

from eventledger.analyze.actors import display_names
from eventledger.analyze.queries import actor_names
from eventledger.kb import load_actors
from eventledger.store import Store


def actor_profile(actor_id: str) -> dict[str, Any] | None:
    """The KB entry of ``actor_id`` as a plain dict (name, kind, aliases, affiliations...), or None."""
    actor = load_actors().actors.get(actor_id)
    return None if actor is None else actor.as_dict()


def kb_names(actor_ids: list[str]) -> dict[str, str]:
    """The knowledge base's names of those of ``actor_ids`` it knows (a generic actor's bare:
    "Civilians", see :func:`~eventledger.analyze.actors.display_names`)."""
    registry = load_actors()
    known = [a for a in dict.fromkeys(actor_ids) if a in registry.actors and registry.actors[a].name]
    return display_names(known, registry)


def names_of(store: Store, actor_ids: list[str]) -> dict[str, str]:
    """Display names: the knowledge base's canonical name, else the name the reports use.

    The reports' name is the one the store's actors table keeps (one query; written after each
    linking run); only actors it has no row for yet have their reports read (slow: a query and
    a dozen reports decoded per actor, 175 ms for the overview's 100 actors before).
    """
    names = kb_names(actor_ids)
    rest = [a for a in dict.fromkeys(actor_ids) if a not in names]
    if rest:
        stored = store.stored_actor_names(rest)
        missing = [a for a in rest if a not in stored]
        names = {**actor_names(store, missing), **stored, **names}
    return names


def warm() -> None:
    """Load the actor registry now, so that a broken KB stops the server at start, not on a page."""
    load_actors()
