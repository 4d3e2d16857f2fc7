"""Record-gold scoring: the primary report of each row's article against the row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.evaluate.adapters import Adapters
from eventledger.evaluate.gold import GoldRow, RecordGold
from eventledger.evaluate.records import predicted_label, primary_report, row_article, row_fields, score_rows
from eventledger.models import Report


def report(**fields):
    base = {"id": "r", "article_id": "a", "kind": "attack"}
    return Report(**{**base, **fields})


@pytest.mark.parametrize(
    ("reports", "chosen"),
    [
        ([], None),
        ([report(id="old", historical=True, sub_event_type="Attack"), report(id="new", index=1)], "new"),
        ([report(id="untyped", index=0), report(id="typed", index=1, sub_event_type="Grenade")], "typed"),
        (
            [
                report(id="low", confidence=0.4, sub_event_type="Attack"),
                report(id="high", index=1, confidence=0.9, sub_event_type="Attack"),
            ],
            "high",
        ),
        ([report(id="first", sub_event_type="Attack"), report(id="second", index=1, sub_event_type="Attack")], "first"),
        ([report(id="talk", kind="meeting"), report(id="bomb", index=1)], "talk"),  # untyped attack loses to a meeting
    ],
)
def test_primary_report(reports, chosen):
    found = primary_report(reports)
    assert (found.id if found else None) == chosen


def typer(text):
    return "NATURAL_DISASTER" if "flood" in text else "OTHER"


@pytest.mark.parametrize(
    ("layout", "primary", "text", "label", "fell_back"),
    [
        ("acled", report(sub_event_type="armed clash"), "", "Armed clash", False),
        ("acled", report(kind="arrest"), "", "Arrests", False),  # its kind names the type
        ("acled", None, "a flood", "NONE", True),  # the typer's label is not an ACLED type
        ("case", report(sub_event_type="Suicide bomb"), "", "SUIC_BOMB", False),
        ("case", report(kind="meeting"), "", "DIPLO", False),
        ("case", report(kind="attack", text="after the flood"), "", "NATURAL_DISASTER", False),  # typer over the report
        ("case", None, "a flood came", "NATURAL_DISASTER", True),
    ],
)
def test_predicted_label(layout, primary, text, label, fell_back):
    assert predicted_label(layout, primary, text, Adapters(case_label=typer)) == (label, fell_back)


def test_case_snippet_is_typed_as_a_whole():
    # The report came from the sentence about the blast; the snippet goes on to say it was a gas leak.
    primary = report(sub_event_type="Remote explosive/landmine/IED", text="A blast tore through a flat.")
    snippet = "A blast tore through a flat. Firefighters said a flood of gas from a broken pipe caused it."
    assert predicted_label("case", primary, snippet, Adapters(case_label=typer)) == ("NATURAL_DISASTER", False)
    # ACLED rows keep the report's sub-event type: the typer is asked only when the report has none.
    assert predicted_label("acled", primary, snippet, Adapters(case_label=typer)) == (
        "Remote explosive/landmine/IED",
        False,
    )


def test_predicted_label_without_a_typer_is_none_label():
    assert predicted_label("case", None, "anything", Adapters()) == ("NONE", False)


GTD_ROW = GoldRow(
    id="1",
    text="t",
    published=dt.date(2013, 5, 1),
    date="2013-05-01",
    date_precision="day",
    admin1="Salah al-Din",
    killed=3,
    wounded=0,
)


@pytest.mark.parametrize(
    ("primary", "marks"),
    [
        (
            report(admin1="Saladin", killed=3, date="2013-05-01", date_precision="day"),
            {"admin1": 1.0, "killed": 1.0, "wounded": 1.0, "date": 1.0},
        ),  # no wounded reported = 0
        (
            report(admin1="Diyala", killed=2, killed_high=5, wounded=1, date="2013-04-30", date_precision="day"),
            {"admin1": 0.0, "killed": 1.0, "wounded": 0.0, "date": 0.0},
        ),  # 3 lies in the range 2-5
        (None, {"admin1": 0.0, "killed": 0.0, "wounded": 1.0, "date": 0.0}),
    ],
)
def test_row_fields(primary, marks):
    assert row_fields(GTD_ROW, primary, ("admin1", "killed", "wounded", "date")) == marks


def test_row_fields_only_what_the_layout_codes():
    assert row_fields(GTD_ROW, None, ()) == {}
    assert set(row_fields(GTD_ROW, None, ("admin1", "killed", "date"))) == {"admin1", "killed", "date"}


def test_score_rows_classification_and_fields():
    rows = (
        GoldRow(
            id="1",
            text="first text",
            label="Armed clash",
            date="2020-05-09",
            date_precision="day",
            admin1="North",
            killed=2,
        ),
        GoldRow(
            id="2",
            text="second text",
            label="Peaceful protest",
            date="2020-05-09",
            date_precision="day",
            admin1="South",
            killed=0,
        ),
        GoldRow(
            id="3",
            text="third text",
            label="Armed clash",
            date="2020-05-08",
            date_precision="day",
            admin1="North",
            killed=1,
        ),
    )
    gold = RecordGold(path=Path("g.csv"), layout="acled", rows=rows)
    ids = [row_article(r, gold).id for r in rows]
    reports = {
        ids[0]: [
            report(
                article_id=ids[0],
                sub_event_type="Armed clash",
                admin1="North",
                killed=2,
                date="2020-05-09",
                date_precision="day",
            )
        ],
        ids[1]: [report(article_id=ids[1], kind="protest", sub_event_type="Peaceful protest", admin1="East")],
    }
    result = score_rows(gold, reports, Adapters())
    assert result["classification"]["accuracy"] == pytest.approx(2 / 3)
    assert result["classification"]["n"] == 3
    assert result["fields"] == {
        "admin1": pytest.approx(1 / 3),
        "killed": pytest.approx(2 / 3),
        "date": pytest.approx(1 / 3),
    }
    assert result["counts"] == {"rows": 3, "rows_with_report": 2, "typer_fallbacks": 0, "failures": 0}


def test_rows_with_the_same_text_share_one_article():
    gold = RecordGold(path=Path("g.csv"), layout="case", rows=())
    a = row_article(GoldRow(id="1", text="Same words."), gold)
    b = row_article(GoldRow(id="2", text="Same words."), gold)
    assert a.id == b.id and a.source.endswith("#1")


def test_row_article_is_published_on_the_row_date():
    gold = RecordGold(path=Path("g.csv"), layout="acled", rows=())
    article = row_article(GoldRow(id="7", text="Words.", published=dt.date(2020, 5, 1)), gold)
    assert article.published == dt.date(2020, 5, 1) and article.format == "csv"


def test_score_rows_details_name_confusions_and_wrong_rows():
    rows = (
        GoldRow(id="1", text="one", label="Armed clash", admin1="North"),
        GoldRow(id="2", text="two", label="Armed clash", admin1="North"),
        GoldRow(id="3", text="three", label="Attack", admin1="South"),
    )
    gold = RecordGold(path=Path("g.csv"), layout="acled", rows=rows)
    ids = [row_article(r, gold).id for r in rows]
    reports = {i: [report(article_id=i, sub_event_type="Attack", admin1="North")] for i in ids}
    details = score_rows(gold, reports, Adapters(), details=True)["details"]
    assert details["confusions"] == [{"gold": "Armed clash", "system": "Attack", "rows": 2}]
    assert details["wrong_rows"] == {"admin1": ["3"]}
