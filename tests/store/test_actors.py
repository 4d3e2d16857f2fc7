"""The actors table and the views of migration 0003, on both backends: stores migrate in place,
the views read names (ids until the table has a row), the table's writes are upserts."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from tests.store.test_store import make_article, make_event, make_report

from eventledger.models import ActorRole, ArticleExtraction, Citation, Span
from eventledger.store import open_store
from eventledger.store.core import MIGRATIONS

VIEWS = {"events_with_actors", "event_actor_names", "reports_with_outlets"}


def migrate(store, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def actor_row(actor_id: str, name: str, origin: str = "kb", **fields: object) -> dict[str, object]:
    row: dict[str, object] = {"id": actor_id, "name": name, "kind": None, "aliases": "[]", "country": None,
                              "inter_code": None, "affiliations": "[]", "wikidata": None, "origin": origin}
    row.update(fields)
    return row


def fill(store) -> None:
    """One article (citing AP), one report naming two actors, one event."""
    article = make_article(1)
    report = make_report(article, 0, actors=(
        ActorRole("islamic_state", "Islamic State", "perpetrator"),
        ActorRole("unk:abu_ali_basri", "Abu Ali al-Basri", "target"),
    ), cites=("AP",))
    store.add_articles([article])
    store.save_extractions([ArticleExtraction(article.id, (report,), citations=(Citation("AP", Span(0, 2, "AP")),))])
    event = make_event("ev1", [report], actors=("islamic_state", "unk:abu_ali_basri"))
    # the event tables alone: save_events also writes the id tables of migration 0005 and the
    # summary tables of 0006, which a store at an earlier revision does not have yet
    with store.engine.begin() as conn:
        store._write_event_tables(conn, [event], [event.id], False)


def rows(store, view: str) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(f"SELECT * FROM {view} ORDER BY 1, 2"))]


def test_a_store_at_revision_0002_migrates_in_place_to_the_actors_table_and_views(db_url):
    with open_store(db_url, migrate=False) as bare:
        migrate(bare, "0002_covering_indexes")
        fill(bare)
    with open_store(db_url) as store:
        inspector = sa.inspect(store.engine)
        assert "actors" in inspector.get_table_names()
        assert VIEWS <= set(inspector.get_view_names())
        # no actor rows yet: the views show the ids in place of names
        assert rows(store, "events_with_actors")[0]["actors"] == "islamic_state; unk:abu_ali_basri"
        store.save_actors([actor_row("islamic_state", "Islamic State", kind="armed_group", country="IQ")])
        store.save_actors([actor_row("unk:abu_ali_basri", "Abu Ali al-Basri", "reports")])
        assert rows(store, "events_with_actors")[0]["actors"] == "Abu Ali al-Basri; Islamic State"
        named = rows(store, "event_actor_names")
        assert [(r["actor_id"], r["actor_name"], r["actor_kind"]) for r in named] == [
            ("islamic_state", "Islamic State", "armed_group"),
            ("unk:abu_ali_basri", "Abu Ali al-Basri", None),
        ]
        report = rows(store, "reports_with_outlets")[0]
        assert (report["event_id"], report["outlet"], json.loads(report["cites"])) == ("ev1", "Rudaw", ["AP"])
        assert report["killed"] == 0 and report["kind"] == "attack"


def test_the_migration_goes_down_and_up_again(db_url):
    with open_store(db_url) as store:
        fill(store)
        store.save_actors([actor_row("islamic_state", "Islamic State")])
        migrate(store, "0002_covering_indexes", down=True)
        inspector = sa.inspect(store.engine)
        assert "actors" not in inspector.get_table_names() and not VIEWS & set(inspector.get_view_names())
        assert store.count_events() == 1  # the tables of before are untouched
        migrate(store, "head")
        assert VIEWS <= set(sa.inspect(store.engine).get_view_names())


def test_saving_actors_updates_rows_and_drops_names_no_event_holds(any_store):
    fill(any_store)
    any_store.save_actors([actor_row("islamic_state", "IS"), actor_row("unk:gone", "Gone", "reports"),
                           actor_row("unk:abu_ali_basri", "Abu Ali", "reports")])
    any_store.save_actors([actor_row("islamic_state", "Islamic State", kind="armed_group")], drop_unused_origin="reports")
    names = any_store.stored_actor_names(["islamic_state", "unk:gone", "unk:abu_ali_basri", "nobody"])
    assert names == {"islamic_state": "Islamic State", "unk:abu_ali_basri": "Abu Ali"}
    assert any_store.count_actor_rows() == 2 and any_store.count_actor_rows("kb") == 1


def test_ids_without_a_row_and_the_names_reports_give_them(any_store):
    fill(any_store)
    assert any_store.actor_ids_without_row() == ["islamic_state", "unk:abu_ali_basri"]
    any_store.save_actors([actor_row("islamic_state", "Islamic State")])
    assert any_store.actor_ids_without_row() == ["unk:abu_ali_basri"]
    assert any_store.names_in_reports(["unk:abu_ali_basri"]) == [("unk:abu_ali_basri", "Abu Ali al-Basri")]
    assert any_store.names_in_reports([]) == []


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_the_views_read_in_pandas_on_sqlite(tmp_path, view):
    pd = pytest.importorskip("pandas")
    with open_store(str(tmp_path / "s.db")) as store:
        fill(store)
        frame = pd.read_sql(f"SELECT * FROM {view}", store.engine)
    assert len(frame) == (2 if view == "event_actor_names" else 1)
