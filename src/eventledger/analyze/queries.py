"""The dashboard's figures, composed from the store's aggregate queries.

The SQL lives in the store (:mod:`eventledger.store.aggregates`); this module turns its rows
into what the pages and the API show: tallies with missing values named, the overview's monthly
series and totals, and the names reports give actors.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from eventledger.store import EventFilter, Store

UNKNOWN = "unknown"


def tally(store: Store, by: tuple[str, ...] = ("month",), filters: EventFilter | None = None) -> dict[str, Any]:
    """Count events, killed and wounded grouped by ``by`` (SQL GROUP BY, sorted by the keys).

    Rows read ``{"month": "2020-10", "count": 7, "killed": 3, "wounded": 9}`` like
    ``eventledger.analyze.tally`` (``count`` is events, not reports); a missing value is
    "unknown" and sorts last.
    """
    by = tuple(dict.fromkeys(by))  # "month,month" groups once
    rows = store.tally_rows(by, filters)
    for row in rows:
        for name in by:
            if row[name] in (None, ""):
                row[name] = UNKNOWN
    return {"by": list(by), "rows": rows}


def overview(store: Store, filters: EventFilter | None = None, stack: str = "sub_event_type") -> dict[str, Any]:
    """Monthly counts stacked by ``stack`` and the totals of the selected events, in one scan."""
    monthly: list[tuple[str, str, int]] = []
    totals = {"events": 0, "killed": 0, "wounded": 0, "located": 0}
    for month, value, events, killed, wounded, located in store.monthly_groups(stack, filters):
        totals["events"] += events
        totals["killed"] += killed
        totals["wounded"] += wounded
        totals["located"] += located
        if month:
            monthly.append((month, value or UNKNOWN, events))
    return {"monthly": sorted(monthly), "totals": totals}


def actor_names(store: Store, actor_ids: list[str]) -> dict[str, str]:
    """The name reports use for each actor id (the most frequent one), for ids that have one.

    Reads the reports of at most a few events per actor: names are the same across an actor's
    reports up to spelling, and the page only needs one.
    """
    if not actor_ids:
        return {}
    names: dict[str, Counter[str]] = {}
    for actor_id, reports in store.reports_naming(actor_ids).items():
        for report in reports:
            for role in report.actors:
                if role.actor_id == actor_id and role.name:
                    names.setdefault(actor_id, Counter())[role.name] += 1
    return {actor: max(counts, key=lambda k: (counts[k], k)) for actor, counts in names.items()}
