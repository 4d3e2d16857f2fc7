"""Reading gold files: the YAML article gold and the three record layouts."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from eventledger.errors import GoldError
from eventledger.evaluate.gold import ArticleGold, RecordGold, detect_layout, load_gold

ARTICLE_GOLD = """\
format: eventledger-gold/1
documents:
  - {id: one, file: texts/one.txt, outlet: Example Wire, published: 2021-03-02, cites: [AP]}
  - {id: feed#2, file: texts/feed.xml, published: null}
boilerplate_traps:
  one: ["Read more stories"]
actors:
  - {id: militia_a, kind: armed_group, aliases: ["Militia A", "the A brigades"]}
events:
  - id: blast
    kind: attack
    sub_event_type: Remote explosive/landmine/IED
    date: 2021-03-01
    date_precision: day
    admin1: Babil
    killed: 2
    claimed_by: [militia_a]
    mentioned_in: [one, "feed#2"]
  - {id: talks, kind: meeting, date: 2021-03, date_precision: month, actors: [militia_a], mentioned_in: [one]}
tallies:
  attacks_by_month: {"2021-03": 1}
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_article_gold_is_read_whole(tmp_path):
    gold = load_gold(write(tmp_path / "gold.yaml", ARTICLE_GOLD))
    assert isinstance(gold, ArticleGold)
    one, feed = gold.documents
    assert one.file == (tmp_path / "texts" / "one.txt").resolve()
    assert one.published == dt.date(2021, 3, 2) and one.cites == ("AP",)
    assert feed.entry == "2" and one.entry is None and feed.published is None
    blast, talks = gold.events
    assert blast.date == "2021-03-01"  # YAML's date becomes the gold's string again
    assert blast.family == "Explosions/Remote violence"
    assert blast.claimed_by == ("militia_a",) and blast.killed == 2
    assert talks.date == "2021-03" and talks.actors == ("militia_a",)
    assert gold.boilerplate_traps == {"one": ("Read more stories",)}
    assert gold.tallies == {"attacks_by_month": {"2021-03": 1}}
    assert gold.actors[0].aliases == ("Militia A", "the A brigades")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: other/2\ndocuments: []\n", "not eventledger-gold/1"),
        ("- a list\n", "expected a mapping"),
        ("documents:\n  - {file: a.txt}\n", "has no id"),
        ("documents: [{id: a}]\nevents:\n  - {id: e, mentioned_in: [a]}\n", "has no kind"),
        ("documents: [{id: a}]\nevents:\n  - {id: e, kind: attack, mentioned_in: [b]}\n", "unknown document"),
        ("documents: [{id: a}]\nevents:\n  - {id: e, kind: attack, killed: many, mentioned_in: [a]}\n", "not a number"),
        ("documents: [{id: a, published: someday}]\n", "not a date"),
        ("documents: [{id: a\n", "not valid YAML"),
    ],
)
def test_malformed_article_gold_says_what_is_wrong(tmp_path, text, message):
    with pytest.raises(GoldError, match=message):
        load_gold(write(tmp_path / "gold.yaml", text))


def test_missing_or_unknown_gold_file(tmp_path):
    with pytest.raises(GoldError, match="does not exist"):
        load_gold(tmp_path / "nope.yaml")
    with pytest.raises(GoldError, match="unknown gold format"):
        load_gold(write(tmp_path / "gold.parquet", "x"))


ACLED = """\
event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,admin1,notes,fatalities
XYZ1,9-May-20,2020,1,Battles,Armed clash,North Province,"Two armed groups fought near a market town, leaving 3 dead.",3
XYZ2,01 March 2020,2020,2,Protests,Peaceful protest,Capital,"Teachers marched to demand unpaid wages.",0
XYZ3,01-01-07,2007,3,Riots,Mob violence,Coast,"A crowd beat a suspected thief.",1
XYZ4,02-01-07,2007,1,Riots,Mob violence,Coast,,0
"""

GTD = """\
date,year,state,city,killed,wounded,summary
2013-02-03,2013,Saladin,Tikrit,4.0,7.0,"02/03/2013: A roadside bomb struck a patrol outside a town. Four died."
,2014,Al Anbar,Ramadi,0.0,2.0,"05/06/2014: Gunmen fired on a checkpoint, wounding two."
"""

CASE = "id\tEventSnippet\tSubType\n11\tRebels seized the hill town after a night of fighting.\tNON_STATE_ACTOR_OVERTAKES_TER\n13\tThe two ministers met to talk about trade.\tDIPLO\n"


def test_acled_rows(tmp_path):
    gold = load_gold(write(tmp_path / "acled.csv", ACLED))
    assert isinstance(gold, RecordGold) and gold.layout == "acled"
    assert [r.id for r in gold.rows] == ["XYZ1", "XYZ2", "XYZ3"]  # the row without notes is skipped
    first, second, third = gold.rows
    assert first.published == dt.date(2020, 5, 9) and first.date_precision == "day"
    assert first.label == "Armed clash" and first.killed == 3 and first.admin1 == "North Province"
    assert second.date == "2020-03-01" and second.date_precision == "week"
    assert third.date == "2007-01-01" and third.date_precision == "month"


def test_record_gold_limit_takes_the_first_rows(tmp_path):
    gold = load_gold(write(tmp_path / "acled.csv", ACLED), limit=2)
    assert [r.id for r in gold.rows] == ["XYZ1", "XYZ2"]


def test_gtd_rows_map_provinces_and_read_dates_from_the_summary(tmp_path):
    gold = load_gold(write(tmp_path / "gtd.csv", GTD))
    assert gold.layout == "gtd"
    first, second = gold.rows
    assert first.admin1 == "Sala al-Din" and first.killed == 4 and first.wounded == 7
    assert first.published == dt.date(2013, 2, 3)
    assert second.admin1 == "Al-Anbar" and second.date == "2014-05-06" and second.killed == 0
    assert first.label is None


def test_case_rows_have_labels_and_no_date(tmp_path):
    gold = load_gold(write(tmp_path / "case.tsv", CASE))
    assert gold.layout == "case"
    assert [(r.id, r.label) for r in gold.rows] == [("11", "NON_STATE_ACTOR_OVERTAKES_TER"), ("13", "DIPLO")]
    assert all(r.published is None and r.admin1 is None for r in gold.rows)


def test_bad_acled_date_names_the_row(tmp_path):
    bad = ACLED.replace("9-May-20", "someday")
    with pytest.raises(GoldError, match="row 1"):
        load_gold(write(tmp_path / "acled.csv", bad))


@pytest.mark.parametrize(
    ("columns", "layout"),
    [
        (["notes", "event_date", "admin1"], "acled"),
        (["summary", "state", "killed"], "gtd"),
        (["id", "EventSnippet", "SubType"], "case"),
    ],
)
def test_detect_layout(columns, layout):
    assert detect_layout(columns) == layout


def test_detect_layout_refuses_other_tables():
    with pytest.raises(GoldError, match="record gold needs"):
        detect_layout(["a", "b"])


def test_article_gold_limit_keeps_the_first_documents(tmp_path):
    gold = load_gold(write(tmp_path / "gold.yaml", ARTICLE_GOLD), limit=1)
    assert [d.id for d in gold.documents] == ["one"]
    blast, talks = gold.events
    assert blast.mentioned_in == ("one",) and talks.mentioned_in == ("one",)
    assert gold.tallies == {} and gold.boilerplate_traps == {"one": ("Read more stories",)}
    assert load_gold(tmp_path / "gold.yaml", limit=0).events == ()
