"""ACLED's layout: its columns and types, its actors, its sources, and reading it back with the
project's own ACLED reader (eventledger.evaluate.gold)."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest

from eventledger.analyze.acled import (
    ACLED_COLUMNS,
    ActorInfo,
    ArticleSources,
    acled_date,
    acled_event_id,
    acled_row,
    acled_sources,
    named_in_country,
)
from eventledger.analyze.export import export_events
from eventledger.evaluate.gold import load_record_gold
from eventledger.models import ActorRole, Article, ArticleExtraction, Citation, Event, Report, Span
from eventledger.store import open_store


@pytest.fixture(scope="module")
def store(export_store):
    return export_store


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


@pytest.mark.parametrize(
    ("name", "home", "country", "expected"),
    [
        # a generic actor the KB names after its own country takes the event's
        ("Protesters (Iraq)", "IQ", "Nigeria", "Protesters (Nigeria)"),
        ("Civilians (Iraq)", "IQ", "Iraq", "Civilians (Iraq)"),
        # a bracket that is no country of the actor's, or no country known: as it is
        ("Military Forces of Iraq (2014-2022)", "IQ", "Syria", "Military Forces of Iraq (2014-2022)"),
        ("Protesters (Iraq)", None, "Chile", "Protesters (Iraq)"),
        ("Protesters (Iraq)", "IQ", None, "Protesters (Iraq)"),
    ],
)
def test_a_generic_actor_is_named_after_the_events_country(name, home, country, expected):
    assert named_in_country(name, ActorInfo(name, 6, "organization", None, home), country) == expected


def test_acled_row_names_generic_actors_in_the_events_country():
    reports = [report([("protesters", "protesters", "perpetrator"), ("police", "police", "target")])]
    event = Event(id="e", kind="riot", report_ids=("r1",), date="2020-10-20", date_precision="day", country="Nigeria")
    info = {"protesters": ActorInfo("Protesters (Iraq)", 6, "organization", None, "IQ"),
            "police": ActorInfo("Police Forces of Nigeria", 1, "state_force", None, "NG")}
    row = acled_row(event, reports, lambda actor_id: info.get(actor_id, ActorInfo()))
    assert (row["actor1"], row["actor2"]) == ("Protesters (Nigeria)", "Police Forces of Nigeria")


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
    from eventledger.analyze.acled import acled_source_scale

    ids = {"Associated Press": "ap", "Shafaq News": "shafaq_news", "Rudaw": "rudaw", "Al Arabiya": "al_arabiya"}
    assert acled_source_scale(outlets, ids.get) == scale


def test_every_kb_outlet_has_a_source_scale():
    from eventledger.analyze.acled import _scales
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


@pytest.mark.parametrize(
    ("event_outlets", "cites", "article_cites", "hosts", "expected"),
    [
        (("Rudaw",), ("Reuters",), {"a": ("AP",)}, {"a": "blog.example"}, "Rudaw"),
        ((), ("Reuters", "AP", "Reuters"), {"a": ("Al Aalem",)}, {}, "Reuters; AP"),
        ((), (), {"a": ("Al Aalem", "Middle East Eye")}, {"a": "blog.example"}, "Al Aalem; Middle East Eye"),
        ((), (), {}, {"a": "blog.example"}, "blog.example"),
        ((), (), {}, {}, "unknown outlet"),
    ],
)
def test_acled_source_is_never_empty(event_outlets, cites, article_cites, hosts, expected):
    event = Event(id="e", kind="attack", report_ids=("r",), outlets=event_outlets)
    report = Report(id="r", article_id="a", kind="attack", cites=cites)
    assert acled_sources(event, [report], ArticleSources(article_cites, hosts)) == expected


def test_an_unsigned_log_entry_takes_the_outlets_its_article_cites(tmp_path):
    """An undated, unsigned blog whose monthly log lists attacks: its reference list is the source."""
    text = "Rockets hit the airport. Sources: Shafaq News, a report of 2 March."
    article = Article.create(text, title="Attack log", url="https://log.example/march")
    report = Report(id="r", article_id=article.id, kind="attack", date="2021-03", date_precision="month",
                    event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    citation = Citation("Shafaq News", Span(text.index("Shafaq"), text.index("Shafaq") + 11))
    with open_store(str(tmp_path / "s.db")) as s:
        s.add_articles([article])
        s.save_extractions([ArticleExtraction(article.id, (report,), citations=(citation,))])
        s.save_events([Event(id="e", kind="attack", report_ids=("r",), date="2021-03", date_precision="month",
                             event_type=report.event_type, sub_event_type=report.sub_event_type, country="Iraq")])
        _, text_out = export(s, "acled")
    row = pd.read_csv(io.StringIO(text_out)).iloc[0]
    assert row["source"] == "Shafaq News" and row["source_scale"] == "National"


def test_every_acled_row_has_a_source_and_notes(store):
    _, text = export(store, "acled")
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert (frame["source"].str.strip() != "").all()
    assert (frame["notes"].str.strip() != "").all()


def test_acled_fatalities_are_zero_when_not_known(store):
    _, text = export(store, "acled")
    row = pd.read_csv(io.StringIO(text)).set_index("location").loc["Baghdad International Airport"]
    assert row["fatalities"] == 0  # ACLED's convention; the csv export leaves it empty


def test_the_acled_export_reads_back_as_the_same_events(store, tmp_path):
    """Round trip through the project's own ACLED reader: one row per codable event, each with the
    event's id, day or month, precision, sub-event type, admin1 and fatalities."""
    _, text = export(store, "acled")
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    gold = load_record_gold(path)
    events = {acled_event_id(e): e for e in store.list_events(limit=None) if e.date and len(e.date) >= 7}
    assert gold.layout == "acled"
    assert {row.id for row in gold.rows} == set(events)
    for row in gold.rows:
        event = events[row.id]
        assert row.date.startswith(event.date[:10])  # a month reads back as its 15th, at month precision
        assert row.date_precision == event.date_precision
        assert row.label == event.sub_event_type
        assert row.admin1 == event.admin1
        assert row.killed == (event.killed_best or 0)
        assert row.text == event.summary


def test_a_month_dated_event_reads_back_as_the_month():
    event = Event(id="e", kind="attack", report_ids=(), date="2020-10", date_precision="month", country="Iraq",
                  event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    row = acled_row(event, [], lambda _id: ActorInfo())
    assert (row["event_date"], row["time_precision"]) == ("15 October 2020", 3)
    assert row["notes"] == "Remote explosive/landmine/IED in Iraq (2020-10)"  # no summary: a description


KB = {
    "kh": ActorInfo("Kataib Hezbollah", 3, "armed_group", None, "IQ"),
    "embassy": ActorInfo("US Embassy in Baghdad", 8, "organization", None, "US"),
    "pompeo": ActorInfo("Mike Pompeo", 0, "person", "us_government", "US"),
    "us_government": ActorInfo("Government of the United States", 8, "government", None, "US"),
    "soleimani": ActorInfo("Qasem Soleimani", 8, "person", "quds_force", "IR"),
    "quds_force": ActorInfo("Quds Force", 8, "organization", None, "IR"),
}


def kb_lookup(actor_id):
    return KB.get(actor_id, ActorInfo())


def attack(*reports, target=None):
    return Event(id="e", kind="attack", report_ids=tuple(r.id for r in reports), date="2020-12-20",
                 date_precision="day", country="Iraq", target=target)


def test_a_target_misread_as_perpetrator_is_actor2_not_actor1():
    """20 Dec 2020: one report reads the embassy as the attacker, another as the target, the event's
    target text names it; the launch neighbourhood is an unknown name read as a target."""
    reports = [report([("embassy", "US Embassy in Baghdad", "perpetrator"), ("kh", "Kataib Hezbollah", "denied_by")]),
               report([("embassy", "US Embassy in Baghdad", "target")], "r2"),
               report([("unk:amin", "Al-Amin", "target")], "r3")]
    row = acled_row(attack(*reports, target="US embassy"), reports, kb_lookup,
                    match_actor=lambda name: "embassy" if "embassy" in name.lower() else None)
    assert row["actor1"] == "Unidentified Armed Group (Iraq)"  # Kataib Hezbollah denied it
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"]) == ("US Embassy in Baghdad", "Al-Amin", 8)


def test_an_official_named_beside_a_rocket_attack_is_not_its_perpetrator():
    reports = [report([("pompeo", "Pompeo", "perpetrator")])]
    row = acled_row(attack(*reports), reports, kb_lookup)
    assert row["actor1"] == "Unidentified Armed Group (Iraq)" and row["assoc_actor_1"] == ""


def test_a_person_who_is_the_target_stands_for_their_group():
    reports = [report([("us", "US forces", "perpetrator"), ("soleimani", "Soleimani", "target")])]
    row = acled_row(attack(*reports), reports, kb_lookup)
    assert (row["actor1"], row["actor2"], row["inter2"]) == ("US forces", "Quds Force", 8)


def test_a_political_event_has_its_initiator_in_actor1_and_the_other_country_in_actor2():
    reports = [Report(id="r1", article_id="a", kind="ceasefire", actors=(
        ActorRole("kh", "Kataib Hezbollah", "participant"), ActorRole("pompeo", "Pompeo", "participant"))),
        Report(id="r2", article_id="b", kind="ceasefire", actors=(ActorRole("kh", "Kataib Hezbollah", "speaker"),))]
    event = Event(id="e", kind="ceasefire", report_ids=("r1", "r2"), date="2020-10-11", date_precision="day",
                  country="Iraq")
    row = acled_row(event, reports, kb_lookup)
    assert (row["actor1"], row["inter1"]) == ("Kataib Hezbollah", 3)
    assert (row["actor2"], row["inter2"]) == ("Government of the United States", 8)
    assert row["sub_event_type"] == "Agreement"
