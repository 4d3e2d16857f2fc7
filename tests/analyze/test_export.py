"""Exports: CSV, JSON, GeoJSON and ACLED's layout, read back the way their users read them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pandas as pd
import pytest
from tests.fixtures.sample import sample
from tests.fixtures.synthetic import synthetic_events

from eventledger.analyze.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    ActorInfo,
    acled_date,
    acled_event_id,
    acled_row,
    export_events,
)
from eventledger.errors import SettingsError
from eventledger.models import ActorRole, Event, Report
from eventledger.store import EventFilter, open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("export") / "export.db"))
    sample().save(s)
    # an undated event and a year-only one: kept by CSV/JSON, not codable for ACLED
    s.save_events([
        Event(id="ev-undated", kind="statement", report_ids=("r-undated",), summary="A statement with no date."),
        Event(id="ev-year", kind="attack", report_ids=("r-year",), date="2020", date_precision="year", country="Iraq"),
    ])
    yield s
    s.close()


def export(store, fmt, filters=None):
    out = io.StringIO()
    n = export_events(store, fmt, out, filters)
    return n, out.getvalue()


def test_acled_export_loads_in_pandas_with_acled_columns_and_types(store):
    n, text = export(store, "acled")
    frame = pd.read_csv(io.StringIO(text))
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert len(frame) == n == 4
    for column in ("fatalities", "year", "time_precision", "inter1", "inter2", "interaction", "geo_precision"):
        assert pd.api.types.is_integer_dtype(frame[column]), column
    assert pd.api.types.is_float_dtype(frame["latitude"]) and pd.api.types.is_float_dtype(frame["longitude"])
    dates = pd.to_datetime(frame["event_date"], format="%d %B %Y")
    assert list(dates.dt.year) == list(frame["year"])
    row = frame.set_index("location").loc["Nasiriyah"]
    assert row["event_date"] == "03 March 2021"
    assert row["fatalities"] == 1
    assert row["actor1"] == "Ashab al-Kahf"
    assert row["country"] == "Iraq" and row["region"] == "Middle East"
    assert row["source"] == "Shafaq News; Al-Monitor"
    assert row["latitude"] == pytest.approx(31.0439)


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        ("2020-03-10", "day", ("2020-03-10", 1)),
        ("2020-03-10", "week", ("2020-03-10", 2)),
        ("2020-03-10", "month", ("2020-03-10", 3)),
        ("2020-03", "month", ("2020-03-15", 3)),
        ("2020-03", "day", ("2020-03-15", 3)),
        ("2020", "year", None),
        (None, "unknown", None),
        ("2020-02-30", "day", None),
        ("2020-13", "month", None),
    ],
)
def test_acled_date_and_time_precision(date, precision, expected):
    result = acled_date(date, precision)
    assert (None if result is None else (result[0].isoformat(), result[1])) == expected


def report(actors, rid="r1"):
    return Report(id=rid, article_id="a", kind="attack", actors=tuple(ActorRole(i, n, role) for i, n, role in actors))


@pytest.mark.parametrize(
    ("reports", "codes", "expected"),
    [
        ([], {}, ("Unidentified Armed Group (Iraq)", "", 3, 0, 30)),
        ([report([("g", "Group G", "perpetrator"), ("s", "Iraqi police", "target")])], {"g": 3, "s": 1},
         ("Group G", "Iraqi police", 3, 1, 13)),
        ([report([("g", "Group G", "claimed_by"), ("h", "Group H", "perpetrator")]),
          report([("h", "Group H", "perpetrator")], "r2")], {"g": 3, "h": 2},
         ("Group H", "", 2, 0, 20)),
        ([report([("s", "US forces", "target")])], {"s": 8}, ("Unidentified Armed Group (Iraq)", "US forces", 3, 8, 38)),
    ],
)
def test_acled_actors_and_interaction(reports, codes, expected):
    event = Event(id="e", kind="attack", report_ids=tuple(r.id for r in reports), date="2020-01-05",
                  date_precision="day", country="Iraq")
    row = acled_row(event, reports, lambda actor_id: ActorInfo(None, codes.get(actor_id, 0)))
    assert (row["actor1"], row["actor2"], row["inter1"], row["inter2"], row["interaction"]) == expected


def test_acled_associated_actors():
    reports = [report([("g", "Group G", "perpetrator"), ("h", "Group H", "perpetrator")]),
               report([("g", "Group G", "perpetrator")], "r2")]
    event = Event(id="e", kind="attack", report_ids=("r1", "r2"), date="2020-01-05", date_precision="day")
    row = acled_row(event, reports, lambda _: ActorInfo())
    assert (row["actor1"], row["assoc_actor_1"]) == ("Group G", "Group H")


def test_acled_prefers_the_knowledge_base_name():
    reports = [report([("g", "the G brigades", "perpetrator")]), report([("g", "G Brigades", "perpetrator")], "r2"),
               report([("g", "G Brigades", "perpetrator")], "r3")]
    event = Event(id="e", kind="attack", report_ids=("r1", "r2", "r3"), date="2020-01-05", date_precision="day")
    assert acled_row(event, reports, lambda _: ActorInfo())["actor1"] == "G Brigades"
    known = acled_row(event, reports, lambda i: ActorInfo("Brigades of G", 3) if i == "g" else ActorInfo())
    assert (known["actor1"], known["inter1"], known["interaction"]) == ("Brigades of G", 3, 30)


def test_acled_event_ids_are_stable_and_distinct():
    a = Event(id="x1", kind="attack", report_ids=(), country="Iraq")
    b = dataclasses.replace(a, id="x2")
    assert acled_event_id(a) == acled_event_id(dataclasses.replace(a, summary="changed"))
    assert acled_event_id(a) != acled_event_id(b)
    assert acled_event_id(a).startswith("IRQ") and acled_event_id(a)[3:].isdigit()


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


def test_geojson_export_is_a_feature_collection_of_located_events(store):
    n, text = export(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert n == len(collection["features"]) == 4
    feature = {f["id"]: f for f in collection["features"]}["ev-protest-tahrir"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.3938, 33.3386]}
    assert feature["properties"]["admin1"] == "Baghdad"
    assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())


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


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("ceasefire", ("Strategic developments", "Agreement")),
        ("arrest", ("Strategic developments", "Arrests")),
        ("meeting", ("Strategic developments", "Other")),
        ("threat", ("Strategic developments", "Other")),
    ],
)
def test_acled_types_political_kinds_as_strategic_developments(kind, expected):
    event = Event(id="ev", kind=kind, report_ids=("r",), date="2020-10-11", date_precision="day", country="Iraq")
    row = acled_row(event, [], lambda _id: ActorInfo(name="", inter_code=0))
    assert (row["event_type"], row["sub_event_type"]) == expected


def test_acled_source_falls_back_to_the_outlets_the_reports_cite():
    event = Event(id="ev", kind="attack", report_ids=("r",), date="2020-12", date_precision="month", country="Iraq",
                  event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    report = Report(id="r", article_id="a", kind="attack", cites=("Al Aalem", "Middle East Eye", "Al Aalem"))
    row = acled_row(event, [report], lambda _id: ActorInfo(name="", inter_code=0))
    assert row["source"] == "Al Aalem; Middle East Eye"


@pytest.mark.parametrize(
    ("outlets", "scale"),
    [
        (["Associated Press"], "International"),
        (["Shafaq News", "Associated Press"], "National-International"),  # ACLED's order, not the sources'
        (["Rudaw", "Al Arabiya", "Rudaw"], "Subnational-Regional"),
        (["Some Local Blog"], "Other"),  # an outlet the knowledge base does not know
        ([], ""),
    ],
)
def test_acled_source_scale_joins_the_outlets_scales(outlets, scale):
    from eventledger.analyze.export import acled_source_scale

    ids = {"Associated Press": "ap", "Shafaq News": "shafaq_news", "Rudaw": "rudaw", "Al Arabiya": "al_arabiya"}
    assert acled_source_scale(outlets, ids.get) == scale


def test_every_kb_outlet_has_a_source_scale():
    from eventledger.analyze.export import _scales
    from eventledger.kb import load_kb

    scales, order = _scales()
    outlets = {a.id for a in load_kb().actors.values() if a.kind == "outlet"}
    assert outlets <= set(scales), sorted(outlets - set(scales))
    assert set(scales.values()) <= set(order)


def test_acled_export_stops_on_a_broken_knowledge_base_before_writing(store, broken_kb):
    from eventledger.errors import KnowledgeBaseError

    out = io.StringIO()
    with pytest.raises(KnowledgeBaseError, match=broken_kb):
        export_events(store, "acled", out)
    assert out.getvalue() == ""  # no header, and no rows with inter codes of 0 and outlets "Other"


@pytest.mark.parametrize("format", ["csv", "json", "geojson"])
def test_exports_that_need_no_actors_do_not_load_the_knowledge_base(store, broken_kb, format):
    assert export_events(store, format, io.StringIO()) > 0
