"""The actor network: who attacked, claimed, denied, met whom, weighted by events.

Each event adds edges between its actors, read from its sides (:mod:`eventledger.analyze.sides`,
decided over all its reports) and its claims:

- a violent event: every actor of side 1 *attacked* every actor of side 2; an actor that claimed
  it *claimed* an attack on side 2, one that denied it *denied* attacking side 2;
- a meeting, agreement or ceasefire joins all its actors pairwise, undirected (*met*, *agreed*,
  *ceasefire*);
- any other political event points from side 1 to side 2 with its kind's verb (*ordered*,
  *threatened*, *arrested*, ...).

An edge counts the distinct events behind it (its weight) and keeps a few of their ids as
links; a node counts the events it is on an edge or a side of. Nodes carry names, never ids
alone: the id is only for the link to the actor's page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventledger.analyze.actors import ActorLookup
from eventledger.analyze.sides import Sides, event_sides
from eventledger.models import VIOLENT_KINDS, Event, Report
from eventledger.web.render import actor_label

# Political kinds that join their actors pairwise (no direction), with the word for the edge.
MUTUAL = {"meeting": "met", "agreement": "agreed", "ceasefire": "ceasefire"}
# The verb of an edge from side 1 to side 2 for the other kinds.
VERBS = {
    "attack": "attacked",
    "riot": "attacked",
    "order": "ordered",
    "threat": "threatened",
    "statement": "spoke of",
    "claim": "claimed",
    "denial": "denied",
    "arrest": "arrested",
    "protest": "protested against",
}
EXAMPLES = 5  # event ids kept per edge


@dataclass
class _Edge:
    source: str
    target: str
    directed: bool
    relations: Counter[str] = field(default_factory=Counter)  # events per relation
    events: dict[str, None] = field(default_factory=dict)  # ordered set of event ids
    seen: set[tuple[str, str]] = field(default_factory=set)  # (event id, relation) counted


@dataclass
class _Graph:
    edges: dict[tuple[str, str, bool], _Edge] = field(default_factory=dict)
    node_events: dict[str, set[str]] = field(default_factory=dict)

    def add(self, source: str, target: str, relation: str, event_id: str, *, directed: bool = True) -> None:
        if source == target:
            return
        if not directed:
            source, target = sorted((source, target))
        edge = self.edges.setdefault((source, target, directed), _Edge(source, target, directed))
        if (event_id, relation) not in edge.seen:
            edge.seen.add((event_id, relation))
            edge.relations[relation] += 1
        edge.events.setdefault(event_id)
        self.touch((source, target), event_id)

    def touch(self, actor_ids: Iterable[str], event_id: str) -> None:
        for actor_id in actor_ids:
            self.node_events.setdefault(actor_id, set()).add(event_id)


def _add_event(graph: _Graph, event: Event, sides: Sides) -> None:
    side1, side2 = sides.side1, sides.side2
    graph.touch((*side1, *side2), event.id)
    if event.kind in MUTUAL:
        everyone = list(dict.fromkeys((*side1, *side2)))
        for i, a in enumerate(everyone):
            for b in everyone[i + 1 :]:
                graph.add(a, b, MUTUAL[event.kind], event.id, directed=False)
        return
    verb = VERBS.get(event.kind, event.kind)
    for a in side1:
        for b in side2:
            graph.add(a, b, verb, event.id)
    if event.kind in VIOLENT_KINDS:
        for claim in event.claims:
            relation = "claimed" if claim.stance == "claimed" else "denied"
            graph.touch((claim.actor_id,), event.id)
            for b in side2:
                graph.add(claim.actor_id, b, relation, event.id)


def actor_network(
    events: Sequence[Event],
    reports: Mapping[str, Report],
    lookup: ActorLookup,
    names: Mapping[str, str],
    *,
    max_nodes: int = 80,
) -> dict[str, Any]:
    """Nodes and edges among the actors of ``events`` (``reports`` by id holds their reports).

    ``names`` gives display names (the KB's, the actors table's); the KB (for the groups that
    stand in for people) and the names the reports use fill in the rest. Only the ``max_nodes`` actors in most events are kept, with the edges between
    them; ``hidden`` says how many were left out.
    """
    graph = _Graph()
    spelled: dict[str, str] = {}
    for event in events:
        sides = event_sides(event, [reports[r] for r in event.report_ids if r in reports], lookup)
        spelled.update({k: v for k, v in (sides.spelled or {}).items() if k not in spelled})
        _add_event(graph, event, sides)
    ranked = sorted(graph.node_events, key=lambda a: (-len(graph.node_events[a]), a))
    kept = set(ranked[:max_nodes])
    nodes = [
        {
            "id": actor_id,
            # a person's group stands in for them on a side: no event names it, the KB does
            "name": names.get(actor_id) or lookup(actor_id).name or spelled.get(actor_id) or actor_label(actor_id),
            "kind": lookup(actor_id).kind,
            "events": len(graph.node_events[actor_id]),
        }
        for actor_id in ranked[:max_nodes]
    ]
    edges = [
        {
            "source": e.source,
            "target": e.target,
            "directed": e.directed,
            "relations": dict(e.relations.most_common()),
            "relation": e.relations.most_common(1)[0][0],
            "events": len(e.events),
            "event_ids": list(e.events)[:EXAMPLES],
        }
        for e in sorted(graph.edges.values(), key=lambda e: (-len(e.events), e.source, e.target))
        if e.source in kept and e.target in kept
    ]
    return {"nodes": nodes, "edges": edges, "hidden": len(ranked) - len(nodes)}
