"""ACLED's event types and sub-event types, CASE 2021 task 2's labels and the weapon names.

The one place these categories are spelt is ``data/taxonomy.yaml``; extraction, linking, analysis
and evaluation ask this module instead of listing them again::

    sub_event_types()                    # ACLED's 25, in the codebook's order
    event_type_of("Air/drone strike")    # "Explosions/Remote violence"
    case_label_of("Air/drone strike")    # "AIR_STRIKE"
    weapon_sub_event_type("mortar")      # "Shelling/artillery/missile attack"

Names are matched exactly (ACLED's spelling); callers that compare loosely fold first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from eventledger.datafiles import load_yaml


@dataclass(frozen=True)
class SubEventType:
    """One ACLED sub-event type and what the taxonomy says of it."""

    name: str
    event_type: str
    case: str  # its CASE 2021 task 2 code
    kind: str | None  # the eventledger kind of such an event
    family: str | None  # the family linking compares (None: the sub-event type is its own)


@dataclass(frozen=True)
class Taxonomy:
    """The parsed taxonomy file (read-only: build it with :func:`load_taxonomy`)."""

    event_types: dict[str, str | None]  # event type -> its kind, codebook order
    sub_event_types: dict[str, SubEventType]  # codebook order
    outside_acled: dict[str, str | None]  # CASE label -> kind
    case_label_by_kind: dict[str, str]
    other_sub_event_type: str
    weapons: dict[str, str | None]  # weapon -> sub-event type, in order of precedence
    weapon_aliases: dict[str, str]


def _sub_event_types(raw: dict[str, Any]) -> dict[str, SubEventType]:
    subs: dict[str, SubEventType] = {}
    for event_type, spec in raw.items():
        for name, entry in spec["sub_event_types"].items():
            kind = entry.get("kind", spec.get("kind"))
            subs[str(name)] = SubEventType(str(name), str(event_type), str(entry["case"]), kind, spec.get("family"))
    return subs


@cache
def load_taxonomy() -> Taxonomy:
    """The taxonomy of ``eventledger/data/taxonomy.yaml``, read once per process."""
    raw = load_yaml("eventledger", "taxonomy.yaml")
    return Taxonomy(
        event_types={str(name): spec.get("kind") for name, spec in raw["event_types"].items()},
        sub_event_types=_sub_event_types(raw["event_types"]),
        outside_acled={str(label): kind for label, kind in raw["case_labels_outside_acled"].items()},
        case_label_by_kind={str(kind): str(label) for kind, label in raw["case_label_by_kind"].items()},
        other_sub_event_type=str(raw["other_sub_event_type"]),
        weapons={str(name): sub for name, sub in raw["weapons"].items()},
        weapon_aliases={str(alias): str(name) for alias, name in raw["weapon_aliases"].items()},
    )


# --- ACLED -------------------------------------------------------------------------------------


def event_types() -> tuple[str, ...]:
    """ACLED's six event types, in the codebook's order."""
    return tuple(load_taxonomy().event_types)


def event_types_of_kind(kind: str) -> tuple[str, ...]:
    """The event types whose events are all of one kind ("attack": Battles, Explosions/Remote
    violence, Violence against civilians)."""
    return tuple(name for name, own in load_taxonomy().event_types.items() if own == kind)


def sub_event_types() -> tuple[str, ...]:
    """ACLED's 25 sub-event types, in the codebook's order."""
    return tuple(load_taxonomy().sub_event_types)


def sub_event_type(name: str) -> SubEventType | None:
    """What the taxonomy says of an ACLED sub-event type, None for a name it does not know."""
    return load_taxonomy().sub_event_types.get(name)


def event_type_of(sub_event_type_name: str) -> str:
    """The event type of an ACLED sub-event type ("Grenade" -> "Explosions/Remote violence")."""
    return load_taxonomy().sub_event_types[sub_event_type_name].event_type


def acled_types(sub_event_type_name: str) -> tuple[str, str]:
    """(event type, sub-event type) of an ACLED sub-event type."""
    return event_type_of(sub_event_type_name), sub_event_type_name


def kind_of_sub_event_type(sub_event_type_name: str) -> str | None:
    """The eventledger kind of an event of this ACLED sub-event type (None when unknown)."""
    known = sub_event_type(sub_event_type_name)
    return known.kind if known is not None else None


def family_of(sub_event_type_name: str) -> str | None:
    """The family linking compares (None when the sub-event type is a family of its own or unknown)."""
    known = sub_event_type(sub_event_type_name)
    return known.family if known is not None else None


# --- CASE 2021 task 2 --------------------------------------------------------------------------


def case_labels_outside_acled() -> tuple[str, ...]:
    """CASE's five labels that are no ACLED sub-event type."""
    return tuple(load_taxonomy().outside_acled)


def case_labels() -> tuple[str, ...]:
    """CASE's 30 labels: ACLED's sub-event types in the codebook's order, then the five others."""
    taxonomy = load_taxonomy()
    return tuple(sub.case for sub in taxonomy.sub_event_types.values()) + tuple(taxonomy.outside_acled)


def case_label_of(sub_event_type_name: str) -> str:
    """The CASE code of an ACLED sub-event type ("Air/drone strike" -> "AIR_STRIKE")."""
    return load_taxonomy().sub_event_types[sub_event_type_name].case


@cache
def _sub_event_type_by_case() -> dict[str, str]:
    return {sub.case: sub.name for sub in load_taxonomy().sub_event_types.values()}


def sub_event_type_of_case(case_label: str) -> str | None:
    """The ACLED sub-event type a CASE code names, None for the five non-ACLED labels."""
    return _sub_event_type_by_case().get(case_label)


def kind_of_case_label(case_label: str) -> str | None:
    """The eventledger kind of an event with this CASE label (None: not one eventledger reports)."""
    taxonomy = load_taxonomy()
    sub = sub_event_type_of_case(case_label)
    if sub is not None:
        return taxonomy.sub_event_types[sub].kind
    return taxonomy.outside_acled.get(case_label)


def case_label_of_kind(kind: str) -> str | None:
    """The CASE label of a report without an ACLED sub-event type, by its kind (None if none)."""
    return load_taxonomy().case_label_by_kind.get(kind)


def acled_types_of_kind(kind: str) -> tuple[str, str]:
    """ACLED's (event type, sub-event type) for an event known only by its kind.

    A kind whose CASE label is an ACLED sub-event type (an arrest, a ceasefire) is that
    sub-event type; any other is a strategic development of the "Other" sub-event type.
    """
    label = case_label_of_kind(kind)
    sub = sub_event_type_of_case(label) if label is not None else None
    return acled_types(sub if sub is not None else load_taxonomy().other_sub_event_type)


# --- weapons ----------------------------------------------------------------------------------


def weapon_names() -> tuple[str, ...]:
    """The weapon names, from the most telling to the least (the first of several wins)."""
    return tuple(load_taxonomy().weapons)


def weapon_name(spelling: str) -> str | None:
    """The weapon name a spelling stands for ("Car bomb", "car_bomb" -> "vehicle_bomb"), or None."""
    folded = spelling.strip().lower().replace(" ", "_").replace("-", "_")
    taxonomy = load_taxonomy()
    if folded in taxonomy.weapons:
        return folded
    return taxonomy.weapon_aliases.get(folded)


def weapon_sub_event_type(weapon: str) -> str | None:
    """The ACLED sub-event type a weapon name alone gives, None when it leaves the type to the text."""
    return load_taxonomy().weapons.get(weapon)
