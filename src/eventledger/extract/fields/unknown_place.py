"""A place the gazetteer does not know, placed by the unit the text says holds it.

"Gunmen raided Xville village in Borno state", "the hamlet of Xville in Kadirpur district",
"in Xville, a town in Borno": the knowledge base knows Borno, not Xville. The report's place is
Xville (the name the text gives), its admin1 that of the holding unit, its precision the holding
unit's (2 under a town or a district, 3 under a first-level division). The holding unit is a
place the gazetteer knows, or a second-level division of the report's country that ISO 3166-2
lists ("in Xville province" in Burkina Faso: a province of the Est region). A settlement named
in the event's sentences when the report is placed only at a division or a country ("jets
bombed Xville village", the region named elsewhere), at a known town the text names as the unit
around it ("in Kathua district", "Beni territory") or at one read outside the sentences telling
the event, is its place too. Patterns: ``data/unknown_place.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.entities import get_kb
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.lexicon import compile_patterns
from eventledger.kb.normalize import normalize_name
from eventledger.kb.places import second_level_divisions
from eventledger.models import Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo


@dataclass(frozen=True)
class _Data:
    settlements: tuple[re.Pattern[str], ...]
    division: re.Pattern[str]
    division_word_after: re.Pattern[str]
    unit_word_after: re.Pattern[str]
    holder_gap: re.Pattern[str]
    not_names: frozenset[str]
    precision_by_holder: dict[str, int]
    reference_before: re.Pattern[str]


@cache
def _data() -> _Data:
    data = load_yaml("eventledger.extract.fields", "unknown_place.yaml")
    return _Data(
        settlements=tuple(compile_patterns(data["settlements"]).values()),
        division=re.compile(data["division"]),
        division_word_after=re.compile(data["division_word_after"]),
        unit_word_after=re.compile(data["unit_word_after"]),
        holder_gap=re.compile(data["holder_gap"]),
        not_names=frozenset(str(word).casefold() for word in data["not_names"]),
        precision_by_holder={str(k): int(v) for k, v in data["precision_by_holder"].items()},
        # the places' own words for a name given only as a reference point ("25 miles north of X")
        reference_before=re.compile(load_yaml("eventledger.extract.fields", "place.yaml")["patterns"]["reference_before"]),
    )


@dataclass(frozen=True)
class Holder:
    """The unit that holds a place: its admin1, the precision it gives, where it is named."""

    admin1: str
    precision: int
    start: int
    end: int


@dataclass(frozen=True)
class UnknownPlace:
    """An unknown place a sentence names (absolute offsets) and the unit it says holds it."""

    name: str
    start: int
    end: int
    holder: Holder | None
    settlement: bool = True  # False for a division ("Xville district")


def _unknown(name: str, country: str) -> bool:
    """Whether the gazetteer does not know ``name`` in ``country``."""
    if any(word.casefold() in _data().not_names for word in name.split()):
        return False
    return get_kb().match_place(name, country=country, exact=True) is None


def _division(country: str, name: str) -> str | None:
    """The admin1 holding a second-level division of ``country`` called ``name``, if ISO lists one."""
    return second_level_divisions().get((country, normalize_name(name)))


def _owned(match: re.Match[str], group: str) -> tuple[str, int]:
    """A division's name without the owner before it ("Burkina Faso's Soum": "Soum"), and where it starts."""
    name, start = match.group(group), match.start(group)
    owner = list(re.finditer(r"['’]s\s+", name))
    return (name[owner[-1].end():], start + owner[-1].end()) if owner else (name, start)


def _holder(info: SentenceInfo, after: int, country: str) -> Holder | None:
    """The unit named after a place (from sentence offset ``after``) as the one holding it."""
    data, sentence = _data(), info.sentence
    for mention in info.places:
        start = mention.start - sentence.start
        if start >= after and data.holder_gap.match(sentence.text[after:start]):
            place = mention.place
            # "in the Sagaing region": the division, though the gazetteer knows its town first
            kind = "admin1" if data.division_word_after.match(sentence.text[mention.end - sentence.start:]) else place.kind
            precision = data.precision_by_holder.get(kind)
            if place.country == country and place.admin1 and precision is not None:
                return Holder(place.admin1, precision, mention.start, mention.end)
    for found in data.division.finditer(sentence.text, after):
        group = "name" if found.group("name") else "after"
        if not data.holder_gap.match(sentence.text[after:found.start()]):
            break
        name, start = _owned(found, group)
        admin1 = _division(country, name)
        if admin1 is not None:
            return Holder(admin1, data.precision_by_holder["admin2"], sentence.start + start, sentence.start + found.end(group))
    return None


def unknown_places(info: SentenceInfo, country: str) -> list[UnknownPlace]:
    """The unknown settlements and the divisions below the first level a sentence names, each
    with the unit that holds it (a division ISO lists holds itself; an unknown one has none)."""
    data, sentence = _data(), info.sentence
    found: list[UnknownPlace] = []
    for pattern in data.settlements:
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
            if any(p.start <= start < p.end for p in found) or any(p.start <= start < p.end for p in info.places) \
                    or not _unknown(match.group("name"), country):
                continue  # a name the gazetteer placed is the place's own business
            if data.reference_before.search(sentence.text[max(0, match.start("name") - 60):match.start("name")]):
                continue  # "north of Xville, a town where troops have a base": where it is not
            found.append(UnknownPlace(match.group("name"), start, end, _holder(info, match.end(), country)))
    for match in data.division.finditer(sentence.text):
        group = "name" if match.group("name") else "after"
        name, offset = _owned(match, group)
        start, end = sentence.start + offset, sentence.start + match.end(group)
        if any(p.start <= start < p.end for p in found):
            continue
        admin1 = _division(country, name)
        if admin1 is not None:
            precision = data.precision_by_holder["admin2"]
            found.append(UnknownPlace(name, start, end, Holder(admin1, precision, start, end)))
        elif not any(p.start <= start < p.end for p in info.places) and _unknown(name, country):
            found.append(UnknownPlace(name, start, end, None, settlement=False))  # "in Xville district": its admin1 is told elsewhere
    return sorted(found, key=lambda p: p.start)


def _placed_at_a_unit(fields: Fields, text: str) -> bool:
    """Whether the report has no place, or one whose name the text gives to the unit around the
    town of that name ("an army vehicle in Kathua district", "in Beni territory"): placed only
    at a division, which a settlement its sentences name is more precise than."""
    spans = fields.evidence.get("place") if fields.values.get("place") is not None else None
    return not spans or any(_data().unit_word_after.match(text[span.end:span.end + 30]) for span in spans)


def _placed_elsewhere(fields: Fields, happened: list[SentenceInfo]) -> bool:
    """Whether the report's place was read outside the sentences telling the event happened
    ("Residents in Beni have called for security" after "farmers were attacked in Xville
    village"): a settlement those sentences name is where it happened."""
    spans = fields.evidence.get("place", [])
    return bool(spans) and not any(i.sentence.start <= s.start < i.sentence.end for s in spans for i in happened)


def set_unknown_place(fields: Fields, infos: list[SentenceInfo], text: str, happened: list[SentenceInfo] | None = None) -> None:
    """Put a report at the unknown place its sentences name (see the module docstring);
    ``happened``: those of ``infos`` that tell the event happened."""
    country = fields.values.get("country")
    if not isinstance(country, str):
        return
    admin1 = fields.values.get("admin1")
    coarse = _placed_at_a_unit(fields, text)
    told = happened or []
    # the sentences telling it, by identity (a SentenceInfo compares field by field)
    told_ids = {id(info) for info in told} if _placed_elsewhere(fields, told) else set()
    # a name no unit is said to hold: a settlement before a district the gazetteer does not know
    # ("the chief of the Xville district said the attack was in Yburg, a village where ...")
    unheld: list[UnknownPlace] = []
    for info in infos:
        for unknown in unknown_places(info, country):
            coarse = coarse or id(info) in told_ids
            holder = unknown.holder
            if holder is not None and (admin1 is None or holder.admin1 == admin1) and not unheld:
                fields.set("admin1", holder.admin1, [span_of(text, holder.start, holder.end)])
                _put(fields, unknown.name, span_of(text, unknown.start, unknown.end), holder.precision)
                return
            if holder is None and (admin1 is not None or fields.values.get("place") is None) and coarse:
                unheld.append(unknown)
    chosen = next((u for u in unheld if u.settlement), unheld[0] if unheld else None)
    if chosen is not None:
        # near the town or in the unit the report was placed at: ACLED's precision 2 keeps that
        # town's coordinates
        precision = None if fields.values.get("place") is None else _data().precision_by_holder["city"]
        _put(fields, chosen.name, span_of(text, chosen.start, chosen.end), precision)


def _put(fields: Fields, name: str, span: Span, precision: int | None) -> None:
    """Make ``name`` the report's place, its evidence ``span`` alone (not the known town it replaces)."""
    fields.evidence.pop("place", None)
    fields.set("place", name, [span])
    if precision is not None:
        fields.set("geo_precision", precision, [span])
