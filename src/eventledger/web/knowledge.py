"""What the knowledge base says about an actor, when the KB package provides ``load_kb``.

The dashboard works without it (actor pages then show what the events say); the lookup is
defensive because the KB is loaded from data files that may be absent in a minimal install.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _kb() -> Any:
    try:
        from eventledger.kb import load_kb  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # a broken KB must not take the dashboard down; pages say it is unavailable
        return None


def _lookup(kb: Any, actor_id: str) -> Any:
    for attribute in ("actors", "by_id"):
        table = getattr(kb, attribute, None)
        if isinstance(table, dict) and actor_id in table:
            return table[actor_id]
    getter = getattr(kb, "actor", None) or getattr(kb, "get_actor", None)
    if callable(getter):
        try:
            return getter(actor_id)
        except Exception:  # unknown ids raise in some KB shapes; treat as absent
            return None
    return None


def actor_profile(actor_id: str) -> dict[str, Any] | None:
    """The KB entry of ``actor_id`` as a plain dict (name, kind, aliases, affiliations...), or None."""
    kb = _kb()
    if kb is None:
        return None
    actor = _lookup(kb, actor_id)
    if actor is None:
        return None
    if hasattr(actor, "as_dict"):
        return actor.as_dict()
    return dict(actor) if isinstance(actor, dict) else None


def kb_names(actor_ids: list[str]) -> dict[str, str]:
    """The knowledge base's names of those of ``actor_ids`` it knows."""
    names = {}
    for actor_id in dict.fromkeys(actor_ids):
        profile = actor_profile(actor_id)
        if profile and profile.get("name"):
            names[actor_id] = str(profile["name"])
    return names


def names_of(store: Any, actor_ids: list[str]) -> dict[str, str]:
    """Display names: the knowledge base's canonical name, else the name the reports use."""
    from eventledger.analyze.queries import actor_names

    return {**actor_names(store, actor_ids), **kb_names(actor_ids)}


def warm() -> None:
    """Load the knowledge base now (a couple of seconds) rather than on the first page that needs it."""
    _kb()
