"""The store on both backends: idempotent writes, one transaction each, filters, migrations."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from eventledger.errors import NotFoundError, StoreError
from eventledger.models import (
    ActorRole,
    Article,
    ArticleExtraction,
    Citation,
    Event,
    Failure,
    FieldValue,
    Report,
    Span,
    Story,
)
from eventledger.store import EventFilter, open_store


def make_article(n: int, outlet: str = "Rudaw", published: dt.date | None = dt.date(2020, 12, 1)) -> Article:
    text = f"Story number {n}: a roadside bomb struck a supply convoy near Samawah on the main highway."
    return Article.create(text, title=f"Convoy attack {n}", outlet=outlet, published=published, format="text")


def make_report(article: Article, index: int, **fields: object) -> Report:
    base: dict[str, object] = {
        "id": f"{article.id}-{index}",
        "article_id": article.id,
        "index": index,
        "kind": "attack",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "date": "2020-12-03",
        "date_precision": "day",
        "country": "Iraq",
        "admin1": "Muthanna",
        "weapon": "ied",
        "killed": 0,
        "text": "a roadside bomb struck a supply convoy",
        "evidence": {"weapon": (Span(13, 25, "roadside bomb"),)},
        "actors": (ActorRole("islamic_state", "Islamic State", "perpetrator", Span(0, 5, "IS")),),
    }
    base.update(fields)
    return Report(**base)  # type: ignore[arg-type]


def make_event(event_id: str, reports: list[Report], **fields: object) -> Event:
    base: dict[str, object] = {
        "id": event_id,
        "kind": reports[0].kind,
        "report_ids": tuple(r.id for r in reports),
        "date": reports[0].date,
        "date_precision": reports[0].date_precision,
        "admin1": reports[0].admin1,
        "sub_event_type": reports[0].sub_event_type,
        "actors": ("islamic_state",),
        "killed_best": 0,
        "summary": "IED against a convoy in Muthanna",
        "fields": {"killed": tuple(FieldValue(r.id, 0) for r in reports)},
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def test_adding_the_same_articles_twice_is_a_no_op(any_store):
    articles = [make_article(n) for n in range(5)]
    assert any_store.add_articles(articles) == 5
    assert any_store.add_articles(articles) == 0
    assert any_store.add_articles(articles[:2] + [make_article(9)]) == 1
    assert any_store.count_articles() == 6


def test_article_round_trips_every_field(any_store):
    article = Article.create(
        "Text with Arabic: بغداد and quotes “like this”.",
        title="A title",
        url="https://example.org/a",
        outlet="Shafaq News",
        published=dt.date(2020, 10, 22),
        source="/tmp/a.html",
        format="html",
        fetched_at=dt.datetime(2020, 10, 22, 18, 9),
    )
    any_store.add_article(article)
    assert any_store.get_article(article.id) == article


def test_unknown_article_is_a_clear_not_found(any_store):
    with pytest.raises(NotFoundError, match="no article with id 'nope'"):
        any_store.get_article("nope")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"outlet": "rudaw"}, {0, 1}),
        ({"outlet": "AP"}, {2}),
        ({"since": dt.date(2020, 12, 2)}, {1}),
        ({"until": dt.date(2020, 12, 1)}, {0}),  # undated articles match no date filter
        ({"text": "story number 1"}, {1}),
    ],
)
def test_list_articles_filters(any_store, kwargs, expected):
    articles = [
        make_article(0),
        make_article(1, published=dt.date(2020, 12, 5)),
        make_article(2, outlet="AP", published=None),
    ]
    any_store.add_articles(articles)
    found = {a.id for a in any_store.list_articles(**kwargs)}
    assert found == {articles[i].id for i in expected}


def test_failures_are_recorded_with_their_reason(any_store):
    any_store.add_failures([Failure("bad.bin", "binary file: not text"), Failure("x.html", "empty", stage="extract")])
    assert any_store.count_failures() == 2
    assert [f.reason for f in any_store.list_failures(stage="ingest")] == ["binary file: not text"]


def test_a_failure_recorded_again_adds_no_row(any_store):
    any_store.add_failures([Failure("big.txt", "extraction failed: too long", stage="extract")])
    again = [Failure("big.txt", "extraction failed: too long", stage="extract")] * 2
    assert any_store.add_failures(again) == 0
    assert any_store.add_failures([Failure("big.txt", "another reason", stage="extract")]) == 1
    assert any_store.count_failures() == 2


def test_saving_an_extraction_replaces_the_previous_one(any_store):
    article = make_article(1)
    any_store.add_article(article)
    assert any_store.pending_extraction() == [article.id]
    first = ArticleExtraction(article.id, reports=(make_report(article, 0), make_report(article, 1)))
    any_store.save_extractions([first])
    assert any_store.pending_extraction() == []
    assert any_store.count_reports() == 2
    citation = Citation("Associated Press", Span(0, 2, "AP"), speaker="officials")
    second = ArticleExtraction(article.id, reports=(make_report(article, 0, killed=3),), citations=(citation,))
    any_store.save_extractions([second])
    stored = any_store.get_extraction(article.id)
    assert stored == second
    assert [r.killed for r in any_store.list_reports()] == [3]


def test_near_duplicates_are_not_pending_extraction(any_store):
    original = make_article(1)
    copy = Article.create(original.text + " Republished.", outlet="Copy", duplicate_of=original.id)
    any_store.add_articles([original, copy])
    assert any_store.pending_extraction() == [original.id]


def test_events_round_trip_and_filter(any_store):
    a, b = make_article(1), make_article(2, outlet="AP")
    any_store.add_articles([a, b])
    ra, rb = make_report(a, 0), make_report(b, 0, admin1="Dhi Qar", date="2020-11-17")
    any_store.save_extractions([ArticleExtraction(a.id, (ra,)), ArticleExtraction(b.id, (rb,))])
    e1 = make_event("ev1", [ra], independent_sources=1)
    e2 = make_event("ev2", [rb], admin1="Dhi Qar", date="2020-11-17", actors=("kataib_hezbollah",), killed_best=4)
    any_store.save_events([e1, e2])
    assert any_store.get_event("ev1") == e1
    assert any_store.count_events() == 2
    assert [e.id for e in any_store.list_events(EventFilter(admin1="dhi qar"))] == ["ev2"]
    assert [e.id for e in any_store.list_events(EventFilter(month="2020-12"))] == ["ev1"]
    assert [e.id for e in any_store.list_events(EventFilter(actor="kataib_hezbollah"))] == ["ev2"]
    assert [e.id for e in any_store.list_events(EventFilter(until="2020-11-30"))] == ["ev2"]
    assert [e.id for e in any_store.list_events(sort="-killed")] == ["ev2", "ev1"]
    assert any_store.event_of_report(rb.id) == "ev2"


def test_lists_can_leave_out_evidence_and_per_report_values_and_keep_the_rest(any_store):
    import dataclasses

    article = make_article(1)
    any_store.add_article(article)
    report = make_report(article, 0, killed=2)
    any_store.save_extractions([ArticleExtraction(article.id, (report,))])
    event = make_event("ev1", [report])
    any_store.save_events([event])
    assert any_store.list_reports() == [report]
    assert any_store.list_reports(evidence=False) == [dataclasses.replace(report, evidence={})]
    assert any_store.list_events() == [event]
    assert any_store.list_events(field_values=False) == [dataclasses.replace(event, fields={})]


def test_month_precision_event_is_inside_its_month_for_until(any_store):
    article = make_article(1)
    any_store.add_article(article)
    report = make_report(article, 0, date="2020-12", date_precision="month")
    any_store.save_events([make_event("ev", [report], date="2020-12", date_precision="month")])
    assert any_store.count_events(EventFilter(until="2020-12-31")) == 1
    assert any_store.count_events(EventFilter(until="2020-11-30")) == 0


def test_saving_events_removes_merged_ones_in_one_transaction(any_store):
    article = make_article(1)
    any_store.add_article(article)
    r0, r1 = make_report(article, 0), make_report(article, 1)
    any_store.save_events([make_event("a", [r0]), make_event("b", [r1])])
    any_store.save_events([make_event("c", [r0, r1])], remove=["a", "b"])
    assert [e.id for e in any_store.list_events()] == ["c"]
    any_store.save_events([make_event("d", [r0])], replace_all=True)
    assert [e.id for e in any_store.list_events()] == ["d"]
    assert any_store.event_of_report(r1.id) is None


def test_stories_are_replaced_whole(any_store):
    any_store.save_stories([Story("s1", "Qaani in Baghdad", ("a",), ("e",)), Story("s2", "Convoys", (), ())])
    any_store.save_stories([Story("s3", "Truce", ("b",), ("f", "g"))])
    assert [s.id for s in any_store.list_stories()] == ["s3"]
    assert any_store.get_story("s3").label == "Truce"


def test_unknown_sort_is_refused(any_store):
    with pytest.raises(StoreError, match="cannot sort events by"):
        any_store.list_events(sort="title")


def test_migrations_are_recorded_and_reopening_is_safe(db_url):
    with open_store(db_url) as first:
        first.add_article(make_article(1))
    with open_store(db_url) as second:
        assert second.count_articles() == 1
        with second.engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == _head_revision()


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from eventledger.store.core import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    (head,) = ScriptDirectory.from_config(config).get_heads()  # one head: the migrations form a line
    newest = max((MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")).stem
    assert head == newest  # the highest-numbered file is the head
    return str(head)


def test_the_newest_migration_is_read_from_the_scripts_as_alembic_reads_it():
    from eventledger.store.core import head_revision

    assert head_revision() == _head_revision()


def test_reopening_a_store_at_the_newest_migration_does_not_load_alembic(tmp_path):
    import subprocess
    import sys

    db = str(tmp_path / "reopened.db")
    open_store(db).close()
    check = (
        "import sys\n"
        "from eventledger.store import open_store\n"
        f"open_store({db!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_store_with_an_older_migration_recorded_is_migrated(tmp_path):
    db = str(tmp_path / "older.db")
    open_store(db).close()
    with open_store(db, migrate=False) as opened, opened.engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_events_place"))  # undo the newest migration by hand
        conn.execute(sa.text("DROP TABLE place_tallies"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0007_event_list_indexes'"))
    with open_store(db) as migrated, migrated.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
    assert version == _head_revision()
    assert "ix_events_place" in names


def test_sqlite_store_uses_wal(tmp_path):
    with open_store(str(tmp_path / "wal.db")) as opened, opened.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"


@pytest.mark.parametrize(
    "url",
    ["mysql+nosuchdriver://x/y", "postgresql://nobody:nothing@127.0.0.1:1/none"],
)
def test_unusable_database_is_one_clear_error(url):
    with pytest.raises(StoreError, match="cannot (use|open) database"):
        open_store(url)


def test_a_failed_write_leaves_nothing_half_written(any_store):
    article = make_article(1)
    any_store.add_article(article)
    good = make_report(article, 0)
    clash = make_report(article, 1, id=good.id)  # same primary key: the insert fails
    with pytest.raises(sa.exc.IntegrityError):
        any_store.save_extractions([ArticleExtraction(article.id, (good, clash))])
    assert any_store.count_reports() == 0
    assert any_store.pending_extraction() == [article.id]


def test_events_without_reports_can_be_saved(any_store):
    any_store.save_events([Event(id="lonely", kind="statement", report_ids=())])
    assert any_store.get_event("lonely").report_ids == ()


def test_a_store_at_the_first_revision_migrates_in_place(db_url):
    from alembic import command
    from alembic.config import Config

    from eventledger.store.core import MIGRATIONS

    with open_store(db_url, migrate=False) as bare:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with bare.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001_initial")
        bare.add_article(make_article(1))
    with open_store(db_url) as migrated:
        assert migrated.count_articles() == 1
        names = {ix["name"] for ix in sa.inspect(migrated.engine).get_indexes("events")}
    assert {"ix_events_kind_cover", "ix_events_month_cover", "ix_events_map"} <= names


def test_demoting_an_article_to_a_copy_drops_its_extraction_and_moves_its_copies(any_store):
    first, second, third = make_article(1), make_article(2), make_article(3)
    third = Article.create(third.text, title=third.title, duplicate_of=first.id)
    any_store.add_articles([first, second, third])
    any_store.save_extractions([ArticleExtraction(first.id, (make_report(first, 0),))])
    any_store.demote_to_duplicate(first.id, second.id)
    stored = {a.id: a.duplicate_of for a in any_store.list_articles()}
    assert stored == {first.id: second.id, second.id: None, third.id: second.id}
    assert any_store.count_reports() == 0 and any_store.get_extraction(first.id) is None


def test_a_linking_write_that_fails_midway_leaves_events_and_stories_as_they_were(tmp_path, monkeypatch) -> None:
    from eventledger.models import Event, Story
    from eventledger.store import Store, open_store

    db = str(tmp_path / "link.db")
    with open_store(db) as store:
        store.save_linking([Event(id="ev-old", kind="attack", report_ids=("r1",))],
                           [Story(id="st-old", label="old", event_ids=("ev-old",), article_ids=("a1",))])

        def broken(conn, stories):  # the stories' half of the write fails after the events' half ran
            raise RuntimeError("disk full")

        monkeypatch.setattr(Store, "_write_stories", staticmethod(broken))
        with pytest.raises(RuntimeError):
            store.save_linking([Event(id="ev-new", kind="attack", report_ids=("r2",))], [], replace_all=True)
        assert [e.id for e in store.list_events(limit=None)] == ["ev-old"]
        assert [s.id for s in store.list_stories()] == ["st-old"]
