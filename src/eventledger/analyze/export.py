"""Exports of the event dataset: CSV, JSON, GeoJSON (for QGIS) and ACLED's column layout.

``export_events(store, format, out, filters)`` streams the selected events page by page (bounded
memory) and returns the number of rows (features, records) written.

ACLED layout notes:

* ``event_date`` uses ACLED's export-tool format ``05 January 2020`` (``%d %B %Y``); ``time_precision`` is 1 for a
  day, 2 for a week and 3 for a month. An event dated only to the month is placed on the 15th
  (the middle of the month, as ACLED does); events with no date or only a year cannot be coded
  and are left out.
* ``actor1`` is the most reported perpetrator, ``actor2`` the most reported target; other
  perpetrators and targets go to ``assoc_actor_1``/``assoc_actor_2``. An attack with no named
  perpetrator gets ACLED's "Unidentified Armed Group (<country>)".
* Actor names are the knowledge base's canonical names when it knows the actor, else the name
  the reports use most. ``inter1``/``inter2`` are ACLED inter codes from the knowledge base (0
  when it does not know the actor or gives no code); ``interaction`` is the two codes as one
  number, lower first. A knowledge base that cannot be loaded stops the export with a
  ``KnowledgeBaseError`` rather than writing codes of 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TextIO

import pycountry

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.errors import SettingsError
from eventledger.kb import ActorRegistry, load_actors
from eventledger.models import VIOLENT_KINDS, Event, Report
from eventledger.store import EventFilter, Store

FORMATS = ("csv", "json", "geojson", "acled")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)

CSV_COLUMNS = (
    "id",
    "kind",
    "event_type",
    "sub_event_type",
    "date",
    "date_precision",
    "country",
    "admin1",
    "admin2",
    "place",
    "latitude",
    "longitude",
    "geo_precision",
    "actors",
    "weapon",
    "target",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
    "claimed_by",
    "denied_by",
    "independent_sources",
    "n_reports",
    "outlets",
    "conflicts",
    "story_id",
    "summary",
)

# ACLED's regions for the countries this project covers and their neighbours (a Python table
# rather than a data file: it is ACLED's fixed list, not a tunable).
ACLED_REGIONS = {
    "Iraq": "Middle East",
    "Iran": "Middle East",
    "Syria": "Middle East",
    "Turkey": "Middle East",
    "Saudi Arabia": "Middle East",
    "Jordan": "Middle East",
    "Kuwait": "Middle East",
    "Lebanon": "Middle East",
    "Israel": "Middle East",
    "Palestine": "Middle East",
    "Yemen": "Middle East",
    "Bahrain": "Middle East",
    "Qatar": "Middle East",
    "United Arab Emirates": "Middle East",
    "Oman": "Middle East",
    "Afghanistan": "Caucasus and Central Asia",
    "United States": "North America",
}

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
PAGE = 1000

Writer = Callable[[Store, TextIO, EventFilter | None], int]


def iter_events(store: Store, filters: EventFilter | None = None, page: int = PAGE) -> Iterator[Event]:
    """Every selected event, oldest first, read ``page`` at a time."""
    offset = 0
    while True:
        batch = store.list_events(filters, sort="date", limit=page, offset=offset)
        yield from batch
        if len(batch) < page:
            return
        offset += page


def _joined(values: Any) -> str:
    """Distinct non-empty values in order, joined with ``; ``."""
    return "; ".join(dict.fromkeys(str(v) for v in values if v))


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat CSV row (lists joined with ``; ``)."""
    row = {name: getattr(event, name, None) for name in CSV_COLUMNS if hasattr(event, name)}
    row.update(
        actors=_joined(event.actors),
        claimed_by=_joined(c.actor_id for c in event.claims if c.stance == "claimed"),
        denied_by=_joined(c.actor_id for c in event.claims if c.stance == "denied"),
        n_reports=len(event.report_ids),
        outlets=_joined(event.outlets),
        conflicts=_joined(event.conflicts),
    )
    return {name: "" if row.get(name) is None else row[name] for name in CSV_COLUMNS}


def write_csv(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in iter_events(store, filters):
        writer.writerow(event_row(event))
        n += 1
    return n


def write_json(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    """A JSON array of events in the models' ``as_dict`` shape, one per line."""
    n = 0
    out.write("[")
    for event in iter_events(store, filters):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(event.as_dict(), ensure_ascii=False, sort_keys=True))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def event_feature(event: Event) -> dict[str, Any] | None:
    """A GeoJSON Point feature with flat properties (QGIS reads nested values as strings), or None if unlocated."""
    if event.latitude is None or event.longitude is None:
        return None
    properties = event_row(event)
    del properties["latitude"], properties["longitude"]
    properties = {k: (None if v == "" else v) for k, v in properties.items()}
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
        "properties": properties,
    }


def write_geojson(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    """A FeatureCollection of the located events (unlocated ones have no geometry and are left out)."""
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in iter_events(store, filters):
        feature = event_feature(event)
        if feature is None:
            continue
        out.write(",\n" if n else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


# -- ACLED ------------------------------------------------------------------------------------


def acled_date(date: str | None, precision: str) -> tuple[dt.date, int] | None:
    """The day ACLED records and its time_precision, or None when the date cannot be coded."""
    if not date or len(date) < 7:
        return None
    try:
        if len(date) >= 10:
            day = dt.date.fromisoformat(date[:10])
        else:
            day = dt.date.fromisoformat(date[:7] + "-15")
    except ValueError:
        return None
    if len(date) < 10:
        return day, 3
    return day, TIME_PRECISION.get(precision, 1)


def acled_event_id(event: Event) -> str:
    """ISO alpha-3 of the country followed by a number that is stable for the event id."""
    iso3 = "XXX"
    if event.country:
        try:
            iso3 = pycountry.countries.lookup(event.country).alpha_3
        except LookupError:
            pass
    return f"{iso3}{zlib.crc32(event.id.encode('utf-8')):010d}"


@dataclass(frozen=True)
class ActorInfo:
    """What the ACLED layout needs of an actor: its canonical name (None: use the reports') and inter code."""

    name: str | None = None
    inter_code: int = 0


def actor_info_of(actors: ActorRegistry) -> Callable[[str], ActorInfo]:
    """Name and inter code of an actor id from the KB's actor registry (an unknown id: neither)."""

    def info(actor_id: str) -> ActorInfo:
        actor = actors.actors.get(actor_id)
        if actor is None:
            return ActorInfo()
        return ActorInfo(actor.name, actor.inter_code or 0)

    return info


def outlet_id_of(actors: ActorRegistry) -> Callable[[str], str | None]:
    """An outlet name's knowledge-base id (aliases and spellings folded), or None."""

    @lru_cache(maxsize=4096)
    def outlet_id(name: str) -> str | None:
        found = actors.outlet(name)
        return found.id if found is not None else None

    return outlet_id


def _ranked(names: Counter[str]) -> list[str]:
    return [name for name, _ in sorted(names.items(), key=lambda item: (-item[1], item[0]))]


def acled_types(event: Event) -> tuple[str, str]:
    """ACLED's event type and sub-event type: the event's own, or its political kind's."""
    if event.event_type and event.sub_event_type:
        return event.event_type, event.sub_event_type
    return taxonomy.acled_types_of_kind(event.kind)


def source_outlets(event: Event, reports: list[Report]) -> list[str]:
    """The outlets that published the reports; when none is known (an undated, unsigned blog
    post), the outlets those reports cite."""
    names = list(event.outlets) or [c for r in reports for c in r.cites]
    return list(dict.fromkeys(n for n in names if n))


def acled_sources(event: Event, reports: list[Report]) -> str:
    """ACLED's `source`: see :func:`source_outlets`."""
    return "; ".join(source_outlets(event, reports))


@lru_cache(maxsize=1)
def _scales() -> tuple[dict[str, str], tuple[str, ...]]:
    data = load_yaml("eventledger.analyze", "source_scale.yaml")
    return dict(data["scales"]), tuple(data["order"])


def acled_source_scale(outlets: Iterable[str], outlet_id: Callable[[str], str | None]) -> str:
    """ACLED's `source_scale` of an event: its outlets' scales, in ACLED's order, joined by "-".

    ``outlet_id`` resolves an outlet name to its knowledge-base id; an outlet it does not know
    counts as Other. No outlet at all: empty.
    """
    scales, order = _scales()
    found = {scales.get(outlet_id(name) or "", "Other") for name in outlets if name}
    return "-".join(s for s in order if s in found)


def acled_row(
    event: Event,
    reports: list[Report],
    actor_info: Callable[[str], ActorInfo],
    outlet_id: Callable[[str], str | None] = lambda _name: None,
) -> dict[str, Any] | None:
    """One event in ACLED's layout, or None when its date cannot be coded."""
    when = acled_date(event.date, event.date_precision)
    if when is None:
        return None
    day, precision = when
    perpetrators: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}  # actor id -> the names reports give it
    for report in reports:
        for role in report.actors:
            spelled.setdefault(role.actor_id, Counter())[role.name] += 1
            if role.role in ("perpetrator", "claimed_by"):
                perpetrators[role.actor_id] += 1
            elif role.role == "target":
                targets[role.actor_id] += 1

    def name(actor_id: str) -> str:
        return actor_info(actor_id).name or _ranked(spelled[actor_id])[0]

    side1 = _ranked(perpetrators)
    side2 = [t for t in _ranked(targets) if t not in perpetrators]
    actor1 = name(side1[0]) if side1 else ""
    inter1 = actor_info(side1[0]).inter_code if side1 else 0
    if not actor1 and event.kind in VIOLENT_KINDS:
        actor1, inter1 = f"Unidentified Armed Group ({event.country or 'International'})", 3
    actor2 = name(side2[0]) if side2 else ""
    inter2 = actor_info(side2[0]).inter_code if side2 else 0
    low, high = sorted((inter1, inter2))
    interaction = low * 10 + high if low else high * 10
    return {
        "event_id_cnty": acled_event_id(event),
        "event_date": f"{day:%d %B %Y}",
        "year": day.year,
        "time_precision": precision,
        "event_type": acled_types(event)[0],
        "sub_event_type": acled_types(event)[1],
        "actor1": actor1,
        "assoc_actor_1": "; ".join(name(a) for a in side1[1:]),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(name(a) for a in side2[1:]),
        "inter2": inter2,
        "interaction": interaction,
        "region": ACLED_REGIONS.get(event.country or "", ""),
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.place or event.admin2 or event.admin1 or event.country or "",
        "latitude": "" if event.latitude is None else f"{event.latitude:.4f}",
        "longitude": "" if event.longitude is None else f"{event.longitude:.4f}",
        "geo_precision": event.geo_precision or 3,
        "source": acled_sources(event, reports),
        "source_scale": acled_source_scale(source_outlets(event, reports), outlet_id),
        "notes": event.summary,
        "fatalities": event.killed_best or 0,
    }


def write_acled(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    """ACLED's CSV layout; reads each page's reports in one query for the actor columns."""
    registry = load_actors()  # a broken KB raises KnowledgeBaseError before anything is written
    actor_info, outlet_id = actor_info_of(registry), outlet_id_of(registry)
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    batch: list[Event] = []

    def flush() -> None:
        nonlocal n
        report_ids = [r for e in batch for r in e.report_ids]
        reports = {r.id: r for r in store.list_reports(ids=report_ids)} if report_ids else {}
        for event in batch:
            row = acled_row(event, [reports[r] for r in event.report_ids if r in reports], actor_info, outlet_id)
            if row is not None:
                writer.writerow(row)
                n += 1
        batch.clear()

    for event in iter_events(store, filters):
        batch.append(event)
        if len(batch) >= 500:
            flush()
    flush()
    return n


WRITERS: dict[str, Writer] = {"csv": write_csv, "json": write_json, "geojson": write_geojson, "acled": write_acled}

MEDIA_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "acled": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "geojson": ("application/geo+json", "geojson"),
}


def export_events(store: Store, format: str, out: TextIO, filters: EventFilter | None = None) -> int:
    """Write the events ``filters`` selects to ``out`` in ``format``; returns the rows written."""
    try:
        writer = WRITERS[format]
    except KeyError:
        raise SettingsError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}") from None
    return writer(store, out, filters)
