"""Report building: which fields each kind of report has, their evidence, ids and confidence."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.fields.draft import Fields
from eventledger.extract.report import make_report, report_id
from eventledger.models import Article, Span

PUBLISHED = dt.date(2021, 3, 10)


def _reports(text: str) -> list:
    return list(extract_article(Article(id="a1", text=text, published=PUBLISHED)).reports)


def test_report_ids_are_stable_and_depend_on_kind_and_place() -> None:
    assert report_id("a1", "attack", 0, 10) == report_id("a1", "attack", 0, 10)
    assert report_id("a1", "attack", 0, 10) != report_id("a1", "meeting", 0, 10)
    assert report_id("a1", "attack", 0, 10) != report_id("a1", "attack", 0, 11)
    assert report_id("a1", "attack", 3, 10).startswith("a1-003-")


def test_every_field_of_an_attack_has_evidence_in_the_text() -> None:
    text = "Islamic State fighters attacked a checkpoint in Kirkuk on Monday with rockets, killing two soldiers."
    (report,) = _reports(text)
    assert report.kind == "attack"
    for name, spans in report.evidence.items():
        assert spans, name
        for span in spans:
            assert text[span.start:span.end] == span.text, name
    assert {"kind", "weapon", "target", "event_type", "date", "country", "killed", "actors"} <= set(report.evidence)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Gunmen attacked a checkpoint in Kirkuk on Monday. Ismail Qaani travelled to Baghdad on Tuesday and met faction leaders.", ["attack", "meeting"]),
        ("March 2021\nMar 2 – IED vs convoy – Diwaniya\nMar 5 – Rockets vs base – Balad", ["attack", "attack"]),
        ("The council met to discuss the budget.", []),
    ],
)
def test_reports_come_in_text_order(text: str, kinds: list[str]) -> None:
    reports = _reports(text)
    assert [r.kind for r in reports] == kinds
    assert [r.index for r in reports] == list(range(len(kinds)))


def test_a_log_line_is_a_segment_of_its_own() -> None:
    reports = _reports("March 2021\nMar 2 – IED vs convoy – Diwaniya\nMar 5 – Rockets vs base – Balad")
    assert [(r.segment, r.date) for r in reports] == [("log:1", "2021-03-02"), ("log:2", "2021-03-05")]


@pytest.mark.parametrize(
    ("values", "confidence"),
    [
        ({"kind": "attack"}, 0.4),
        ({"kind": "attack", "event_type": "Battles", "country": "Iraq", "weapon": "rocket", "date": "2021-03-01", "killed": 1}, 1.0),
        ({"kind": "meeting", "country": "Iraq"}, 0.7),
    ],
)
def test_confidence_grows_with_what_the_report_states(values: dict, confidence: float) -> None:
    fields = Fields()
    for name, value in values.items():
        fields.set(name, value, [])
    report = make_report(Article(id="a1", text="x" * 20), fields, 0, [Span(0, 5, "xxxxx")])
    assert report.confidence == confidence


def test_fields_ignore_empty_values_and_repeated_evidence() -> None:
    fields = Fields()
    span = Span(0, 3, "abc")
    fields.set("weapon", None, [span])
    fields.set("speakers", (), [span])
    fields.set("target", "base", [span, span])
    assert fields.values == {"target": "base"}
    assert fields.evidence == {"target": [span]}


def test_an_agreement_between_states_named_as_countries_is_reported() -> None:
    text = "Egypt and Jordan agreed on Monday to reopen the crossing at Aqaba to trucks."
    kinds = [r.kind for r in _reports(text)]
    assert "agreement" in kinds


def test_a_generic_actor_is_named_after_the_reports_country() -> None:
    text = "Nigerian police said a group of gunmen launched an attack on a village in Zamfara state on Tuesday, killing nine villagers."
    (report,) = [r for r in extract_article(Article.create(text, published=dt.date(2021, 6, 9))).reports if r.kind == "attack"]
    names = {a.actor_id: a.name for a in report.actors}
    assert names.get("unidentified_armed_group") == "Unidentified Armed Group (Nigeria)"


def test_a_generic_actor_of_a_report_placed_in_no_country_is_named_after_the_articles_country() -> None:
    text = (
        "Separatist fighters killed five soldiers in a raid on an army post at Bafut in Cameroon on Monday, "
        "the government said.\n\n"
        "On Saturday, in the north of the country, separatist gunmen killed two soldiers and a civilian in an ambush on a convoy."
    )
    reports = [r for r in extract_article(Article.create(text, published=dt.date(2021, 6, 9))).reports if r.kind == "attack"]
    names = {a.name for r in reports for a in r.actors if r.country is None}
    assert names, reports
    assert all(not name.endswith("(Iraq)") for name in names), names


def test_a_generic_actor_of_a_report_in_no_known_country_is_named_bare() -> None:
    text = "Three civilians were killed when a drone struck their village on Tuesday, a relative said."
    reports = extract_article(Article.create(text, published=dt.date(2022, 5, 4))).reports
    assert [(r.country, [(a.actor_id, a.name) for a in r.actors]) for r in reports] == [(None, [("civilians", "Civilians")])]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Students on Sunday stormed the President's House in Colombo, and police fired tear gas.", "Sri Lanka"),
        (
            "Government troops repelled a rebel raid in the English-speaking region of Northwest on Sunday, "
            "killing five fighters, the army in Yaounde said.",
            "Cameroon",
        ),
    ],
)
def test_a_building_or_a_compass_region_puts_no_event_abroad(text: str, country: str) -> None:
    reports = _reports(text)
    assert reports and {r.country for r in reports} == {country}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Militants attacked an army checkpoint in Sinai on Monday, killing one soldier.", "Egypt"),
        ("Gunmen on camels raided a village in Darfur on Friday, killing twelve farmers, aid workers said.", "Sudan"),
        ("Raiders burned a market in the Kivu region on Sunday, killing six traders.", "Democratic Republic of Congo"),
    ],
)
def test_an_attack_in_a_region_halved_by_one_countrys_divisions_is_in_that_country(text: str, country: str) -> None:
    (report,) = _reports(text)
    assert (report.country, report.admin1) == (country, None)


def test_a_division_of_a_halved_region_is_still_that_division() -> None:
    (report,) = _reports("Gunmen raided a village in North Darfur state on Friday, killing twelve farmers.")
    assert (report.country, report.admin1) == ("Sudan", "North Darfur")
