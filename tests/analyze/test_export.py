"""Exports: CSV, JSON and GeoJSON, read back the way their users read them; what each one says it left out."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from tests.fixtures.synthetic import synthetic_events

from eventledger.analyze.export import CSV_COLUMNS, ExportSummary, export_events, write_export
from eventledger.errors import SettingsError
from eventledger.models import Event
from eventledger.store import EventFilter, open_store


@pytest.fixture(scope="module")
def store(export_store):
    return export_store


def export(store, fmt, filters=None):
    out = io.StringIO()
    n = export_events(store, fmt, out, filters)
    return n, out.getvalue()


def test_csv_export_has_every_event_and_flat_columns(store):
    n, text = export(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 6
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert by_id["ev-rocket-bgw"]["actors"] == "actor:kataib_hezbollah; actor:us_forces"
    assert by_id["ev-rocket-bgw"]["denied_by"] == "actor:kataib_hezbollah"
    assert by_id["ev-rocket-bgw"]["n_reports"] == "2"
    assert by_id["ev-ied-nasiriyah"]["conflicts"] == "killed; date"
    assert by_id["ev-undated"]["date"] == ""


def test_json_export_round_trips_to_events(store):
    n, text = export(store, "json")
    events = [Event.from_dict(d) for d in json.loads(text)]
    assert n == len(events) == 6
    assert {e.id: e for e in events}["ev-ied-nasiriyah"] == store.get_event("ev-ied-nasiriyah")


def test_geojson_export_holds_every_event_and_unlocated_ones_without_geometry(store):
    n, text = export(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert n == len(collection["features"]) == 6
    features = {f["id"]: f for f in collection["features"]}
    feature = features["ev-protest-tahrir"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.3938, 33.3386]}
    assert feature["properties"]["admin1"] == "Baghdad"
    assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())
    assert features["ev-undated"]["geometry"] is None  # RFC 7946's unlocated feature
    assert features["ev-undated"]["type"] == "Feature" and features["ev-undated"]["properties"]["kind"] == "statement"


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "acled"])
def test_exports_apply_filters(store, fmt):
    n, _ = export(store, fmt, EventFilter(admin1="Dhi Qar"))
    assert n == 1


@pytest.mark.parametrize("fmt", ["json", "geojson"])
def test_empty_exports_are_valid(store, fmt):
    n, text = export(store, fmt, EventFilter(admin1="Nowhere"))
    assert n == 0
    json.loads(text)


def test_unknown_format_is_refused(store):
    with pytest.raises(SettingsError, match="unknown export format"):
        export(store, "xlsx")


def test_export_pages_through_large_stores(tmp_path):
    big = open_store(str(tmp_path / "big.db"))
    big.save_events(list(synthetic_events(2500)))
    n, text = export(big, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    ids = [r["id"] for r in rows]
    assert n == len(ids) == len(set(ids)) == 2500  # no page read twice or skipped
    keys = [(r["date"], r["id"]) for r in rows]
    assert keys == sorted(keys)  # oldest first, across page boundaries


@pytest.mark.parametrize("format", ["csv", "json", "geojson"])
def test_exports_that_need_no_actors_do_not_load_the_knowledge_base(store, broken_kb, format):
    assert export_events(store, format, io.StringIO()) > 0



def test_unknown_counts_are_empty_in_csv_and_null_in_json_never_zero(store):
    _, text = export(store, "csv")
    frame = pd.read_csv(io.StringIO(text))
    rocket = frame.set_index("id").loc["ev-rocket-bgw"]
    assert pd.isna(rocket["killed_best"])  # no report gives a number of dead
    assert rocket["wounded_best"] == 3
    _, text = export(store, "json")
    record = {e["id"]: e for e in json.loads(text)}["ev-rocket-bgw"]
    assert record["killed_best"] is None and record["killed_low"] is None


@pytest.mark.parametrize(
    ("fmt", "rows", "undated", "unlocated", "left_out"),
    [
        ("csv", 6, 1, 2, 0),
        ("json", 6, 1, 2, 0),
        ("geojson", 6, 1, 2, 0),
        ("acled", 4, 0, 0, 2),
    ],
)
def test_every_format_says_what_it_left_out_or_left_empty(store, fmt, rows, undated, unlocated, left_out):
    summary = write_export(store, fmt, io.StringIO())
    assert (summary.rows, summary.undated, summary.unlocated, summary.left_out) == (rows, undated, unlocated, left_out)
    assert summary.rows + summary.left_out == 6  # no event disappears without being counted
    warnings = " ".join(summary.warnings())
    if left_out:
        assert f"{left_out} of 6 events left out" in warnings
    if unlocated:
        assert f"{unlocated} of {rows} events have no coordinates" in warnings


def test_a_summary_with_nothing_to_say_has_no_warnings():
    assert ExportSummary("csv", rows=3).warnings() == []
    assert ExportSummary("acled", rows=2, fatalities_unknown=1).warnings() == [
        "1 of 2 rows give no number of dead: fatalities is 0 there, ACLED's convention "
        "(the csv and json formats leave it empty)"
    ]


def test_an_undated_event_is_counted_by_its_precision_too(tmp_path):
    with open_store(str(tmp_path / "s.db")) as s:
        s.save_events([Event(id="e", kind="attack", report_ids=(), date="2020", date_precision="unknown")])
        assert write_export(s, "csv", io.StringIO()).undated == 1
