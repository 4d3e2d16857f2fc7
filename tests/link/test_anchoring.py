"""Dating an undated article from the dated work it republishes (eventledger.link.anchoring)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.link.anchoring import DatedWork, best_anchor, event_anchor, headline_words, match_score, month_only
from eventledger.models import ArticleExtraction, Event, Report, Span
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store

# An aggregator's copy of a wire story: no date anywhere in it.
UNDATED = """Tehran tells Iraqi militias to halt rocket fire on US bases until Trump leaves

Gulf Digest - Al-Monitor reported that Iran sent Quds Force chief Esmail Qaani to Baghdad last week to tell the armed factions to hold their fire.

On Tuesday a volley of Katyusha rockets struck the Green Zone in Baghdad, wounding two guards, Iraqi security sources said.

Qaani met the leaders of Kataib Hezbollah on Wednesday evening in Baghdad, two commanders told Al-Monitor.
"""

# A dated blog post whose reference list names the original.
BLOG = """Monday, December 14, 2020

Notes on the militia truce

The factions have kept their truce only in name, and Tehran has tried twice to rein them in.

Sources

Hamdi, Layla, “Tehran tells Iraq militias: halt rocket fire on US bases until Trump leaves,” Al-Monitor, 11/24/20
"""


def test_headline_words_fold_plurals_and_drop_stopwords() -> None:
    assert headline_words("Iraqi factions told to stop attacks") == headline_words("Iraq faction tells: stop the attack")


@pytest.mark.parametrize(
    ("title", "cited", "expected"),
    [
        ("Tehran tells Iraqi militias to halt rocket fire on US bases until Trump leaves", {"al_monitor"}, dt.date(2020, 11, 24)),
        # near-identical headline: no citation needed
        ("Tehran tells Iraq militias to halt rocket fire on US bases until Trump leaves", set(), dt.date(2020, 11, 24)),
        # a loose match needs the article to cite the work's outlet
        ("Iran asks Iraqi militias to halt rocket fire until Trump leaves office", set(), None),
        ("Iran asks Iraqi militias to halt rocket fire until Trump leaves office", {"al_monitor"}, dt.date(2020, 11, 24)),
        # another story on the same theme shares too few words
        ("Rockets hit US base in Anbar as militias defy Tehran", {"al_monitor"}, None),
        (None, {"al_monitor"}, None),
    ],
)
def test_best_anchor(title: str | None, cited: set[str], expected: dt.date | None) -> None:
    works = [
        DatedWork("Tehran tells Iraq militias: halt rocket fire on US bases until Trump leaves", dt.date(2020, 11, 24), "al_monitor", "blog: Al-Monitor"),
        DatedWork("Convoy struck in southern Iraq", dt.date(2020, 12, 3), "reuters", "blog: Reuters"),
    ]
    anchor = best_anchor(title, cited, works)
    assert (anchor.date if anchor else None) == expected


def test_match_score_needs_five_shared_words() -> None:
    assert match_score("Rockets hit Baghdad airport base", "Rockets hit Baghdad airport base again") == 0.0
    assert match_score("Militias halt rocket fire on US bases", "Militias halt rocket fire on US bases") == 1.0


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _reports(db: str) -> dict[str, list[tuple[str, str | None, str]]]:
    with open_store(db) as store:
        out = {}
        for row in store.article_metadata():
            extraction = store.get_extraction(row["id"])
            assert extraction is not None
            out[row["id"]] = (
                extraction.anchor_date,
                sorted((r.kind, r.date, r.date_precision) for r in extraction.reports),
            )
        return out


def test_an_undated_copy_takes_the_date_of_the_work_it_republishes(tmp_path: Path) -> None:
    undated = _write(tmp_path, "copy.txt", UNDATED)
    blog = _write(tmp_path, "blog.txt", BLOG)
    db = str(tmp_path / "one.db")
    with open_store(db) as store:
        summary = Pipeline(store, Settings(db=db)).run([undated])
        assert summary.extract.anchored == 0  # nothing dates it yet: its dates stay unknown
        copy_id = store.article_metadata()[0]["id"]
        assert all(r.date is None for r in store.list_reports(article_id=copy_id))
        summary = Pipeline(store, Settings(db=db)).run([blog])
        assert summary.extract.anchored == 1
        extraction = store.get_extraction(copy_id)
        assert extraction.anchor_date == dt.date(2020, 11, 24)
        assert "Al-Monitor" in extraction.anchor_source
        dates = {(r.kind, r.date) for r in store.list_reports(article_id=copy_id)}
        assert ("attack", "2020-11-17") in dates  # Tuesday of the week before the 24th
        assert ("meeting", "2020-11-18") in dates
        # the article itself still says nothing of its date
        assert store.get_article(copy_id).published is None
        again = Pipeline(store, Settings(db=db)).run([])
        assert again.extract.anchored == 0  # an anchor already right is not extracted again

    # the other order, in one go: the same reports
    other = str(tmp_path / "other.db")
    with open_store(other) as store:
        Pipeline(store, Settings(db=other)).run([blog, undated])
    assert _reports(db) == _reports(other)


def _events(db: str) -> set[tuple[str, frozenset[str]]]:
    with open_store(db) as store:
        return {(e.kind, frozenset(e.report_ids)) for e in store.list_events(limit=None)}


def test_anchoring_relinks_and_the_order_of_arrival_does_not_matter(tmp_path: Path) -> None:
    undated = _write(tmp_path, "copy.txt", UNDATED)
    blog = _write(tmp_path, "blog.txt", BLOG)
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    with open_store(first) as store:
        Pipeline(store, Settings(db=first)).run([undated])
        Pipeline(store, Settings(db=first)).run([blog])
        events = store.list_events(limit=None)
        attack = next(e for e in events if e.kind == "attack")
        assert (attack.date, attack.date_precision) == ("2020-11-17", "day")  # the event sees the new date
    with open_store(second) as store:
        Pipeline(store, Settings(db=second)).run([blog, undated])
    assert _events(first) == _events(second)


# A dated wire report of an attack, and an undated rewrite that nothing in the collection cites.
DATED_ATTACK = """Friday, November 20, 2020

Rockets strike Baghdad's Green Zone

BAGHDAD - A volley of Katyusha rockets struck Baghdad's Green Zone near the US embassy on Tuesday, killing a child and wounding five civilians, Iraqi security officials said.
"""

UNDATED_REWRITE = """Militias urged to hold fire after Green Zone barrage

A barrage of Katyusha rockets hit the Green Zone in Baghdad near the US embassy, killing a child and wounding five civilians.

Quds Force commander Esmail Qaani met the leaders of Kataib Hezbollah in Baghdad last week, two politicians said.

Kataib Hezbollah said the truce the factions declared in October was still in force.
"""


def test_an_undated_article_is_dated_by_the_dated_event_it_reports(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    files = [_write(tmp_path, "wire.txt", DATED_ATTACK), _write(tmp_path, "rewrite.txt", UNDATED_REWRITE)]
    with open_store(db) as store:
        Pipeline(store, Settings(db=db)).run(files)
        rewrite = next(r["id"] for r in store.article_metadata() if r["published"] is None)
        extraction = store.get_extraction(rewrite)
        assert extraction.anchor_date == dt.date(2020, 11, 17)
        assert extraction.anchor_source.startswith("event ")
        # relative dates resolve against the anchor but keep only their month: the anchor is
        # a lower bound on when the rewrite appeared, not its date
        dates = {r.kind: (r.date, r.date_precision) for r in extraction.reports}
        assert dates["meeting"] == ("2020-11", "month")
        assert dates["ceasefire"] == ("2020-10", "month")
        attack = next(e for e in store.list_events(limit=None) if e.kind == "attack")
        assert len(attack.report_ids) == 2 and (attack.date, attack.date_precision) == ("2020-11-17", "day")
        again = Pipeline(store, Settings(db=db)).run([])
        assert again.extract.anchored == 0 and store.get_extraction(rewrite).anchor_date == dt.date(2020, 11, 17)


def test_an_articles_own_reference_list_does_not_date_it() -> None:
    works = [DatedWork("Tehran tells Iraq militias: halt rocket fire on US bases until Trump leaves", dt.date(2020, 11, 24), "al_monitor", "a1: Al-Monitor")]
    title = "Tehran tells Iraqi militias to halt rocket fire on US bases until Trump leaves"
    assert best_anchor(title, {"al_monitor"}, works, exclude="a1:") is None
    assert best_anchor(title, {"al_monitor"}, works, exclude="a2:").date == dt.date(2020, 11, 24)


def test_the_index_only_offers_works_sharing_enough_words() -> None:
    from eventledger.link.anchoring import WorkIndex

    works = [
        DatedWork("Tehran tells Iraq militias: halt rocket fire on US bases until Trump leaves", dt.date(2020, 11, 24), None, "x"),
        DatedWork("Convoy struck in southern Iraq", dt.date(2020, 12, 3), None, "y"),
    ]
    index = WorkIndex(works)
    assert [w.source for w in index.candidates("Iran tells Iraqi militias to halt rocket fire until Trump leaves office")] == ["x"]
    assert index.candidates("Convoy struck") == []


def test_an_event_anchor_keeps_a_day_that_is_the_anchors_own() -> None:
    def dated(report_id: str, day: str, evidence: str) -> Report:
        return Report(id=report_id, article_id="u", kind="attack", date=day, date_precision="day",
                      evidence={"date": (Span(0, len(evidence), evidence),)})

    extraction = ArticleExtraction(
        article_id="u", reports=(dated("r0", "2021-03-08", "Monday"), dated("r1", "2021-03-02", "last week"))
    )
    # the anchor is the Monday the dated articles give the shared event: "on Monday" is that day;
    # "last week" counted back from it is a guess and keeps its month only
    kept = month_only(extraction, dt.date(2021, 3, 8))
    assert [(r.date, r.date_precision) for r in kept.reports] == [("2021-03-08", "day"), ("2021-03", "month")]
    assert [(r.date, r.date_precision) for r in month_only(extraction).reports] == [("2021-03", "month"), ("2021-03", "month")]


@pytest.mark.parametrize(
    ("day", "told", "kept"),
    [
        ("2021-03-05", "Friday", True),  # the Friday before the Monday anchor, whenever that week it appeared
        ("2021-03-06", "on Saturday evening", True),
        ("2021-03-02", "Tuesday", False),  # six days back: the Tuesday after the anchor if it appeared then
        ("2021-03-05", "Friday, 5", True),  # a day the text names keeps its day anyway
    ],
)
def test_an_event_anchor_keeps_the_weekdays_of_the_days_before_it(day: str, told: str, kept: bool) -> None:
    report = Report(id="r", article_id="u", kind="attack", date=day, date_precision="day",
                    evidence={"date": (Span(0, len(told), told),)})
    (out,) = month_only(ArticleExtraction(article_id="u", reports=(report,)), dt.date(2021, 3, 8)).reports
    assert (out.date, out.date_precision) == ((day, "day") if kept else (day[:7], "month"))


@pytest.mark.parametrize(
    ("told", "anchored"),
    [
        ("A car bomb killed two officers at the police headquarters on Monday.", True),  # 2021-03-08 is a Monday
        ("A car bomb killed two officers at the police headquarters on Wednesday.", False),
        ("A car bomb killed two officers at the police headquarters.", True),  # no weekday: nothing against it
    ],
)
def test_an_event_told_on_another_weekday_does_not_date_an_article(told: str, anchored: bool) -> None:
    reports = {
        "u0": Report(id="u0", article_id="u", kind="attack", text=told),
        "u1": Report(id="u1", article_id="u", kind="attack", text="A bomber drove his car into the entrance and blew it up."),
        "d0": Report(id="d0", article_id="d", kind="attack", date="2021-03-08", date_precision="day", text="A bomb hit the gate."),
    }
    event = Event(id="e", kind="attack", report_ids=("u1", "d0"))
    found = event_anchor("u", [event], reports, {"d"})
    assert (found is not None and found[0] == dt.date(2021, 3, 8)) is anchored


def test_a_day_to_come_in_a_political_report_does_not_veto_the_anchor() -> None:
    # "agreed to resign on Wednesday" beside a riot of Monday: the riot's day is what is checked
    reports = {
        "u0": Report(id="u0", article_id="u", kind="statement", text="The president has agreed to resign on Wednesday."),
        "u1": Report(id="u1", article_id="u", kind="riot", text="Protesters stormed the president's residence."),
        "d0": Report(id="d0", article_id="d", kind="riot", date="2021-03-08", date_precision="day", text="Crowds stormed the house."),
    }
    event = Event(id="e", kind="riot", report_ids=("u1", "d0"))
    found = event_anchor("u", [event], reports, {"d"})
    assert found is not None and found[0] == dt.date(2021, 3, 8)
