"""Exports of the event dataset: CSV, JSON, GeoJSON (for QGIS) and ACLED's column layout.

``write_export(store, format, out, filters)`` streams the selected events page by page (bounded
memory) and returns an :class:`ExportSummary`: rows written, and what a reader should know about
them (events without a date or coordinates, events the format cannot hold, fatalities written as
0 for "not known"). ``export_events`` returns only the number of rows.

No event is dropped without a word:

* csv and json hold every selected event; an unknown date, place or count is an empty cell (csv)
  or ``null`` (json), never 0.
* geojson holds every selected event too: an event without coordinates is a feature with
  ``"geometry": null`` (RFC 7946's "unlocated" feature; QGIS and GeoPandas read it as a row
  without a shape), and the summary counts them.
* acled cannot hold an event with no date (or only a year): such events are left out and the
  summary counts them (see :mod:`eventledger.analyze.acled` for the layout's conventions).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from eventledger.analyze.acled import (
    ACLED_COLUMNS,
    ArticleSources,
    acled_row,
    actor_id_of,
    actor_info_of,
    outlet_id_of,
)
from eventledger.errors import SettingsError
from eventledger.kb import load_actors
from eventledger.models import Event
from eventledger.store import EventFilter, Store

FORMATS = ("csv", "json", "geojson", "acled")

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

PAGE = 1000
ACLED_BATCH = 500  # events whose reports are read in one query


@dataclass
class ExportSummary:
    """What one export wrote."""

    format: str
    rows: int = 0  # rows, records or features written
    undated: int = 0  # written without a date (csv, json, geojson)
    unlocated: int = 0  # written without coordinates
    left_out: int = 0  # not written: acled cannot code an event with no day or month
    fatalities_unknown: int = 0  # acled rows whose fatalities 0 means "not known"

    def warnings(self) -> list[str]:
        """One line for each thing a reader of the file should know."""
        lines = []
        if self.left_out:
            lines.append(
                f"{self.left_out} of {self.rows + self.left_out} events left out: ACLED's layout needs a day "
                "or a month and they have none (the csv and json formats keep them with an empty date)"
            )
        if self.undated:
            lines.append(f"{self.undated} of {self.rows} events have no date (written with an empty date)")
        if self.unlocated:
            where = "a null geometry" if self.format == "geojson" else "empty coordinates"
            lines.append(f"{self.unlocated} of {self.rows} events have no coordinates (written with {where})")
        if self.fatalities_unknown:
            lines.append(
                f"{self.fatalities_unknown} of {self.rows} rows give no number of dead: fatalities is 0 there, "
                "ACLED's convention (the csv and json formats leave it empty)"
            )
        return lines

    def count(self, event: Event) -> None:
        self.rows += 1
        self.undated += not event.date or event.date_precision == "unknown"
        self.unlocated += event.latitude is None or event.longitude is None


Writer = Callable[[Store, TextIO, EventFilter | None], ExportSummary]


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
    """One event as a flat CSV row (lists joined with ``; ``; an unknown value is empty, never 0)."""
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


def write_csv(store: Store, out: TextIO, filters: EventFilter | None = None) -> ExportSummary:
    summary = ExportSummary("csv")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in iter_events(store, filters):
        writer.writerow(event_row(event))
        summary.count(event)
    return summary


def write_json(store: Store, out: TextIO, filters: EventFilter | None = None) -> ExportSummary:
    """A JSON array of events in the models' ``as_dict`` shape, one per line."""
    summary = ExportSummary("json")
    out.write("[")
    for event in iter_events(store, filters):
        out.write(",\n" if summary.rows else "\n")
        out.write(json.dumps(event.as_dict(), ensure_ascii=False, sort_keys=True))
        summary.count(event)
    out.write("\n]\n" if summary.rows else "]\n")
    return summary


def event_feature(event: Event) -> dict[str, Any]:
    """A GeoJSON Point feature with flat properties (QGIS reads nested values as strings); an
    event without coordinates has ``"geometry": null``."""
    properties = event_row(event)
    del properties["latitude"], properties["longitude"]
    properties = {k: (None if v == "" else v) for k, v in properties.items()}
    located = event.latitude is not None and event.longitude is not None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]} if located else None,
        "properties": properties,
    }


def write_geojson(store: Store, out: TextIO, filters: EventFilter | None = None) -> ExportSummary:
    """A FeatureCollection of every selected event (unlocated ones with a null geometry)."""
    summary = ExportSummary("geojson")
    out.write('{"type": "FeatureCollection", "features": [')
    for event in iter_events(store, filters):
        out.write(",\n" if summary.rows else "\n")
        out.write(json.dumps(event_feature(event), ensure_ascii=False))
        summary.count(event)
    out.write("\n]}\n")
    return summary


def write_acled(store: Store, out: TextIO, filters: EventFilter | None = None) -> ExportSummary:
    """ACLED's CSV layout; reads each batch's reports and articles in a few queries."""
    registry = load_actors()  # a broken KB raises KnowledgeBaseError before anything is written
    actor_info, outlet_id, match_actor = actor_info_of(registry), outlet_id_of(registry), actor_id_of(registry)
    summary = ExportSummary("acled")
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    batch: list[Event] = []

    def flush() -> None:
        report_ids = [r for e in batch for r in e.report_ids]
        reports = {r.id: r for r in store.list_reports(ids=report_ids)} if report_ids else {}
        articles = ArticleSources.read(store, [r.article_id for r in reports.values()])
        for event in batch:
            its_reports = [reports[r] for r in event.report_ids if r in reports]
            row = acled_row(event, its_reports, actor_info, outlet_id, match_actor=match_actor, articles=articles)
            if row is None:
                summary.left_out += 1
                continue
            writer.writerow(row)
            summary.count(event)
            summary.fatalities_unknown += event.killed_best is None
        batch.clear()

    for event in iter_events(store, filters):
        batch.append(event)
        if len(batch) >= ACLED_BATCH:
            flush()
    flush()
    return summary


WRITERS: dict[str, Writer] = {"csv": write_csv, "json": write_json, "geojson": write_geojson, "acled": write_acled}

MEDIA_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "acled": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "geojson": ("application/geo+json", "geojson"),
}


def write_export(store: Store, format: str, out: TextIO, filters: EventFilter | None = None) -> ExportSummary:
    """Write the events ``filters`` selects to ``out`` in ``format``; says what was written."""
    try:
        writer = WRITERS[format]
    except KeyError:
        raise SettingsError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}") from None
    return writer(store, out, filters)


def export_events(store: Store, format: str, out: TextIO, filters: EventFilter | None = None) -> int:
    """Write the events ``filters`` selects to ``out`` in ``format``; returns the rows written."""
    return write_export(store, format, out, filters).rows
