"""The two sides of an event: who did it (or started it) and to whom, from its reports' actor roles.

ACLED's layout puts the perpetrator or initiator in ``actor1`` and the target or other side in
``actor2``; ``eventledger compare`` asks who carried out each attack. Both read the sides here.

Reports name actors with roles (perpetrator, claimed_by, target, denied_by, participant,
speaker), and one report's reading can be wrong (a target read as the perpetrator, a spokesman
as the attacker), so the sides are decided over all the reports of the event:

- **Violent events** (attacks, riots): side 1 is the actors named as perpetrator or claimant in
  more reports than as target; side 2 the actors named as target, and the actor the event's
  target text names ("the US embassy"). An actor that denied the event is on neither side. People
  are never side 1 (reports name officials and spokesmen beside attacks far more often than
  attackers by name); a person who is a target stands in the ACLED layout for their group (their
  first affiliation in the KB). Civilians (ACLED inter 7) are never side 1, outlets and
  announcers (``data/acled_actors.yaml``) never a side.
- **Political events** (orders, ceasefires, meetings, statements, ...): side 1 begins with the
  actor most reports name (speakers, participants, perpetrators), people standing for their
  groups; the actors of its country join it, those of other countries and the named targets
  make side 2.

Within a side, actors come most-named first, then actors the KB knows before names it does not
(an unknown name is more often a misread place or title), then in order of first mention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pycountry

from eventledger.analyze.actors import UNKNOWN_PREFIX, ActorInfo, ActorLookup, never_sides
from eventledger.models import VIOLENT_KINDS, Event, Report

SIDE1_ROLES = ("perpetrator", "claimed_by")
CIVILIANS = 7  # ACLED inter code
NEVER_A_SIDE_KINDS = ("outlet",)


@dataclass(frozen=True)
class Sides:
    """Actor ids of each side, most reported first; ``spelled``: the name reports use most for each id."""

    side1: tuple[str, ...] = ()
    side2: tuple[str, ...] = ()
    spelled: dict[str, str] | None = None

    def name(self, actor_id: str, lookup: ActorLookup) -> str:
        """The KB's name of an id, else the reports' name, else the id's own words."""
        known = lookup(actor_id).name
        if known:
            return known
        if self.spelled and actor_id in self.spelled:
            return self.spelled[actor_id]
        return actor_id.removeprefix(UNKNOWN_PREFIX).replace("_", " ")


@dataclass
class _Votes:
    """How many reports name each actor in each role."""

    side1: Counter[str]
    target: Counter[str]
    other: Counter[str]
    denied: set[str]
    first: dict[str, int]
    spellings: dict[str, Counter[str]]


def _votes(event: Event, reports: Sequence[Report], match_actor: Callable[[str], str | None] | None) -> _Votes:
    votes = _Votes(Counter(), Counter(), Counter(), set(), {}, {})
    for report in reports:
        side1: set[str] = set(report.claimed_by)
        target: set[str] = set()
        other: set[str] = set()
        for role in report.actors:
            votes.first.setdefault(role.actor_id, len(votes.first))
            if role.name:
                votes.spellings.setdefault(role.actor_id, Counter())[role.name] += 1
            if role.role in SIDE1_ROLES:
                side1.add(role.actor_id)
            elif role.role == "target":
                target.add(role.actor_id)
            elif role.role == "denied_by":
                votes.denied.add(role.actor_id)
            else:
                other.add(role.actor_id)
        for actor_id in report.claimed_by:
            votes.first.setdefault(actor_id, len(votes.first))
        votes.side1.update(side1)  # once per report, however often it names the actor
        votes.target.update(target)
        votes.other.update(other)
        votes.denied.update(report.denied_by)
    votes.denied.update(c.actor_id for c in event.claims if c.stance == "denied")
    if event.target and match_actor is not None:
        named = match_actor(event.target)
        if named is not None:
            votes.target[named] += 1
            votes.first.setdefault(named, len(votes.first))
    return votes


def _ranked(counts: Counter[str], first: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda i: (-counts[i], i.startswith(UNKNOWN_PREFIX), first.get(i, len(first)), i))


def _stand_in(actor_id: str, info: ActorInfo) -> str:
    """The id that stands for an actor on a side: a person's group when the KB gives one."""
    return info.group if info.kind == "person" and info.group else actor_id


def _alpha2(country: str | None) -> str | None:
    if not country:
        return None
    try:
        code: str = pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return None
    return code


def _political_sides(
    event: Event, votes: _Votes, lookup: ActorLookup, usable: Callable[[str], bool]
) -> tuple[list[str], list[str]]:
    """Side 1 of a political event: the most named actor (people counted as their groups; among
    equals, an actor of the event's country first) and the actors of its country; side 2 the others
    and the targets."""
    named: Counter[str] = Counter()
    first: dict[str, int] = {}
    for actor_id, n in (votes.side1 + votes.other).items():
        if usable(actor_id):
            stand_in = _stand_in(actor_id, lookup(actor_id))
            named[stand_in] += n
            first[stand_in] = min(first.get(stand_in, len(votes.first)), votes.first.get(actor_id, len(votes.first)))
    home = _alpha2(event.country)
    ranked = sorted(
        named,
        key=lambda i: (-named[i], lookup(i).country != home, i.startswith(UNKNOWN_PREFIX), first[i], i),
    )
    if not ranked:
        return [], [i for i in _ranked(votes.target, votes.first) if usable(i)]
    country = lookup(ranked[0]).country
    side1 = [i for i in ranked if not country or lookup(i).country in (country, None)]
    side2 = [i for i in ranked if i not in side1]
    side2 += [i for i in _ranked(votes.target, votes.first) if usable(i)]
    return side1, side2


def event_sides(
    event: Event,
    reports: Sequence[Report],
    lookup: ActorLookup,
    match_actor: Callable[[str], str | None] | None = None,
) -> Sides:
    """The sides of ``event`` from its ``reports`` (see the module's rules).

    ``lookup`` tells an id's kind, inter code and group; ``match_actor`` (a name to a KB id, or
    None) reads the event's target text.
    """
    votes = _votes(event, reports, match_actor)
    spelled = {i: max(c, key=lambda n: (c[n], n)) for i, c in votes.spellings.items()}
    excluded = never_sides() | votes.denied

    def usable(actor_id: str) -> bool:
        return actor_id not in excluded and lookup(actor_id).kind not in NEVER_A_SIDE_KINDS

    if event.kind in VIOLENT_KINDS:
        side1 = [
            i
            for i in _ranked(votes.side1, votes.first)
            if usable(i)
            and votes.side1[i] > votes.target[i]
            and lookup(i).kind != "person"
            and lookup(i).inter_code != CIVILIANS
        ]
        side2 = _ranked(Counter({i: n for i, n in votes.target.items() if usable(i)}), votes.first)
        side2 += [i for i in _ranked(votes.side1, votes.first) if usable(i) and lookup(i).inter_code == CIVILIANS]
    else:
        side1, side2 = _political_sides(event, votes, lookup, usable)
    side1 = list(dict.fromkeys(_stand_in(i, lookup(i)) for i in side1))
    side2 = [i for i in dict.fromkeys(_stand_in(i, lookup(i)) for i in side2) if i not in side1]
    return Sides(tuple(side1), tuple(side2), spelled)
