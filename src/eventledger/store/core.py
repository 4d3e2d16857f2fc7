"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

Every public write is one transaction. Article ids are content hashes and inserts ignore rows
that are already there, so re-ingesting is a no-op and a run killed at any point can simply be
run again. Schema changes are Alembic migrations, applied when the store is opened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from eventledger.errors import NotFoundError, StoreError
from eventledger.models import Article, ArticleExtraction, Event, Failure, Report, Story
from eventledger.settings import database_url
from eventledger.store import places, schema, tallies
from eventledger.store.actors import ActorTable
from eventledger.store.aggregates import Aggregates, EventFilter, articles_where, decode_rows, event_order
from eventledger.store.edits import EditTable, write_identities, write_statuses
from eventledger.store.feeds import FeedTable

MIGRATIONS = Path(__file__).with_name("migrations")
EXTRACTION_VERSION = "1"
EVENTS_WRITE_LOCK = 0x6576656E7473  # PostgreSQL advisory lock held by each write of events ("events")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _connect_args(url: str) -> dict[str, Any]:
    return {"timeout": 30} if url.startswith("sqlite") else {"connect_timeout": 10}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store(Aggregates, ActorTable, FeedTable, EditTable):
    """One database. Open with :func:`open_store`. Its dashboard reads are :class:`Aggregates`',
    its actors table's reads and writes :class:`ActorTable`'s, its feeds table's :class:`FeedTable`'s,
    stable ids and hand corrections :class:`EditTable`'s."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- plumbing -----------------------------------------------------------------------------

    def _insert(self, table: sa.Table) -> Any:
        return schema.upsert_insert(self.dialect, table)

    def _insert_ignore(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        statement = self._insert(table).on_conflict_do_nothing()
        # executemany does not report per-row counts portably: count what is new first
        keys = [r["id"] for r in rows]
        existing = set(conn.execute(sa.select(table.c.id).where(table.c.id.in_(keys))).scalars())
        conn.execute(statement, rows)
        return len({k for k in keys if k not in existing})

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------------------

    @staticmethod
    def _article_row(article: Article) -> dict[str, Any]:
        return {
            "id": article.id,
            "url": article.url,
            "outlet": article.outlet,
            "title": article.title,
            "published": article.published,
            "lang": article.lang,
            "source": article.source,
            "format": article.format,
            "duplicate_of": article.duplicate_of,
            "fetched_at": article.fetched_at,
            "ingested_at": _now(),
            "text": article.text,
        }

    @staticmethod
    def _article(row: Any) -> Article:
        return Article(
            id=row.id,
            text=row.text,
            title=row.title,
            url=row.url,
            outlet=row.outlet,
            published=row.published,
            lang=row.lang or "en",
            source=row.source,
            format=row.format,
            duplicate_of=row.duplicate_of,
            fetched_at=row.fetched_at,
        )

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Store articles in one transaction; those already stored are left alone. Returns how many were new."""
        rows = [self._article_row(a) for a in articles]
        with self.engine.begin() as conn:
            return self._insert_ignore(conn, schema.articles, rows)

    def add_article(self, article: Article) -> bool:
        return self.add_articles([article]) == 1

    def demote_to_duplicate(self, article_id: str, original_id: str) -> None:
        """Make a stored article (and its own copies) a copy of ``original_id``, dropping what was
        extracted from it, in one transaction; linking then drops its reports from their events."""
        a = schema.articles
        with self.engine.begin() as conn:
            conn.execute(
                a.update()
                .where(sa.or_(a.c.id == article_id, a.c.duplicate_of == article_id))
                .values(duplicate_of=original_id)
            )
            conn.execute(schema.reports.delete().where(schema.reports.c.article_id == article_id))
            conn.execute(schema.extractions.delete().where(schema.extractions.c.article_id == article_id))

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            query = sa.select(schema.articles.c.id).where(schema.articles.c.id == article_id)
            return conn.execute(query).first() is not None

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.articles).where(schema.articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}; `eventledger articles` lists them")
        return self._article(row)

    def list_articles(
        self,
        *,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        text: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Article]:
        t = schema.articles
        query = sa.select(t).where(*articles_where(outlet, since, until, text))
        query = query.order_by(t.c.published.desc().nulls_last(), t.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [self._article(row) for row in conn.execute(query)]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every article, streamed in id order (bounded memory)."""
        last = ""
        t = schema.articles
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(sa.select(t).where(t.c.id > last).order_by(t.c.id).limit(batch)).all()
            if not rows:
                return
            yield from (self._article(r) for r in rows)
            last = rows[-1].id

    def article_metadata(self, *, title: bool = False) -> list[dict[str, Any]]:
        """id, outlet, published and duplicate_of (and ``title``) of every article, without the texts."""
        a = schema.articles
        columns = [a.c.id, a.c.outlet, a.c.published, a.c.duplicate_of] + ([a.c.title] if title else [])
        query = sa.select(*columns).order_by(a.c.id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- failures -----------------------------------------------------------------------------

    def add_failures(self, failures: Iterable[Failure]) -> int:
        """Record failures; one already recorded (same source, stage and reason) is not recorded
        again, so that a re-run that meets the same input fails no louder. Returns how many were new."""
        t = schema.failures
        rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        for f in failures:
            rows.setdefault((f.source, f.stage, f.reason), {"source": f.source, "stage": f.stage, "reason": f.reason,
                                                            "at": f.at or _now()})
        if not rows:
            return 0
        with self.engine.begin() as conn:
            sources = sorted({source for source, _, _ in rows})
            for start in range(0, len(sources), 500):
                query = sa.select(t.c.source, t.c.stage, t.c.reason).where(t.c.source.in_(sources[start:start + 500]))
                for known in conn.execute(query):
                    rows.pop((known.source, known.stage, known.reason), None)
            if rows:
                conn.execute(t.insert(), list(rows.values()))
        return len(rows)

    def list_failures(self, *, stage: str | None = None, limit: int | None = 100, offset: int = 0) -> list[Failure]:
        t = schema.failures
        query = sa.select(t).order_by(t.c.id.desc()).offset(offset)
        if stage:
            query = query.where(t.c.stage == stage)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [Failure(source=r.source, reason=r.reason, stage=r.stage, at=r.at) for r in conn.execute(query)]

    def count_failures(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.failures)).scalar_one()

    # -- extractions and reports --------------------------------------------------------------

    @staticmethod
    def _report_row(report: Report) -> dict[str, Any]:
        return {
            "id": report.id,
            "article_id": report.article_id,
            "idx": report.index,
            "kind": report.kind,
            "event_type": report.event_type,
            "sub_event_type": report.sub_event_type,
            "date": report.date,
            "date_precision": report.date_precision,
            "country": report.country,
            "admin1": report.admin1,
            "place": report.place,
            "killed": report.killed,
            "wounded": report.wounded,
            "weapon": report.weapon,
            "data": report.to_json(),
        }

    def save_extractions(self, extractions: Sequence[ArticleExtraction]) -> None:
        """Replace what was extracted from these articles, all in one transaction."""
        if not extractions:
            return
        ids = [x.article_id for x in extractions]
        with self.engine.begin() as conn:
            conn.execute(schema.reports.delete().where(schema.reports.c.article_id.in_(ids)))
            conn.execute(schema.extractions.delete().where(schema.extractions.c.article_id.in_(ids)))
            conn.execute(
                schema.extractions.insert(),
                [
                    {
                        "article_id": x.article_id,
                        "extracted_at": _now(),
                        "version": EXTRACTION_VERSION,
                        # reports have rows of their own: not serialised here (half the cost of the write)
                        "data": json.dumps(dataclasses.replace(x, reports=()).as_dict(), ensure_ascii=False),
                    }
                    for x in extractions
                ],
            )
            rows = [self._report_row(r) for x in extractions for r in x.reports]
            if rows:
                conn.execute(schema.reports.insert(), rows)

    def get_extraction(self, article_id: str) -> ArticleExtraction | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(schema.extractions.c.data).where(schema.extractions.c.article_id == article_id)
            ).first()
        if row is None:
            return None
        data = json.loads(row.data)
        data["reports"] = [r.as_dict() for r in self.list_reports(article_id=article_id)]
        return ArticleExtraction.from_dict(data)

    def iter_extractions(self) -> Iterator[ArticleExtraction]:
        """Every stored extraction without its reports (citations, mentions, totals)."""
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(schema.extractions.c.data).order_by(schema.extractions.c.article_id)):
                yield ArticleExtraction.from_dict(json.loads(row.data))

    def cited_outlets(self, article_ids: Sequence[str] | None = None) -> dict[str, tuple[str, ...]]:
        """The outlets each extracted article cites (of ``article_ids``, or of every article), in
        order of first citation, by article id.

        Read from the stored JSON without building the extraction's models (its mentions are
        most of it): linking asks this of every article.
        """
        cited: dict[str, tuple[str, ...]] = {}
        x = schema.extractions
        query = sa.select(x.c.article_id, x.c.data).order_by(x.c.article_id)
        if article_ids is not None:
            query = query.where(x.c.article_id.in_(list(dict.fromkeys(article_ids))))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                citations = json.loads(row.data).get("citations") or ()
                cited[row.article_id] = tuple(dict.fromkeys(c["outlet"] for c in citations if c.get("outlet")))
        return cited

    def pending_extraction(self, limit: int | None = None) -> list[str]:
        """Ids of articles not yet extracted (near-duplicates are not extracted again)."""
        a, x = schema.articles, schema.extractions
        query = (
            sa.select(a.c.id)
            .outerjoin(x, x.c.article_id == a.c.id)
            .where(x.c.article_id.is_(None), a.c.duplicate_of.is_(None))
            .order_by(a.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def list_reports(
        self, *, article_id: str | None = None, ids: Sequence[str] | None = None, kind: str | None = None,
        evidence: bool | Collection[str] = True,
    ) -> list[Report]:
        """Reports in article order; ``evidence=False`` leaves each report's ``evidence`` (the spans
        of every field: most of the decoding time, and of the memory) empty, for callers that read
        values only; a collection of field names keeps the evidence of those fields only."""
        t = schema.reports
        query = sa.select(t.c.data).order_by(t.c.article_id, t.c.idx)
        if article_id:
            query = query.where(t.c.article_id == article_id)
        if ids is not None:
            query = query.where(t.c.id.in_(list(ids)))
        if kind:
            query = query.where(t.c.kind == kind)
        with self.engine.connect() as conn:
            rows = conn.execute(query).scalars()
            if isinstance(evidence, bool):
                return decode_rows(Report, rows, () if evidence else ("evidence",))
            return decode_rows(Report, rows, evidence_of=frozenset(evidence))

    def iter_reports(self, *, evidence: Collection[str] = (), batch: int = 2000) -> Iterator[Report]:
        """Every report, a batch of rows at a time (by id), with the evidence of the fields
        ``evidence`` names only: for a pass over a store's reports that holds none of them."""
        t = schema.reports
        last: str | None = None
        while True:
            query = sa.select(t.c.id, t.c.data).order_by(t.c.id).limit(batch)
            if last is not None:
                query = query.where(t.c.id > last)
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            last = rows[-1][0]
            yield from decode_rows(Report, (row[1] for row in rows), evidence_of=frozenset(evidence))

    def reports_by_ids(self, ids: Sequence[str], *, evidence: Collection[str] = ()) -> list[Report]:
        """The reports of ``ids`` (in no given order), with the evidence of the fields ``evidence``
        names only; read a few hundred ids to a query (databases cap a query's parameters)."""
        t = schema.reports
        found: list[Report] = []
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                rows = conn.execute(sa.select(t.c.data).where(t.c.id.in_(list(ids[start : start + 500])))).scalars()
                found += decode_rows(Report, rows, evidence_of=frozenset(evidence))
        return found

    def count_reports(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.reports)).scalar_one()

    # -- events and stories -------------------------------------------------------------------

    @staticmethod
    def _event_row(event: Event) -> dict[str, Any]:
        month = event.date[:7] if event.date and len(event.date) >= 7 else None
        return {
            "id": event.id,
            "kind": event.kind,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "date": event.date,
            "month": month,
            "date_precision": event.date_precision,
            "country": event.country,
            "admin1": event.admin1,
            "place": event.place,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "killed": event.killed_best,
            "wounded": event.wounded_best,
            "weapon": event.weapon,
            "n_reports": len(event.report_ids),
            "independent_sources": event.independent_sources,
            "story_id": event.story_id,
            "summary": event.summary,
            "data": event.to_json(),
        }

    def save_events(
        self,
        events: Sequence[Event],
        *,
        remove: Sequence[str] = (),
        replace_all: bool = False,
        retired: Mapping[str, str] | None = None,
    ) -> None:
        """Upsert events and drop removed ones, in one transaction (``replace_all`` drops every other
        event); ``retired`` maps ids that merges retired to the ids of the events now holding their reports."""
        with self.engine.begin() as conn:
            self._write_events(conn, events, remove, replace_all)
            write_identities(conn, events, retired or {})

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Replace every story, in one transaction."""
        with self.engine.begin() as conn:
            self._write_stories(conn, stories)

    def save_linking(
        self,
        events: Sequence[Event],
        stories: Sequence[Story],
        *,
        remove: Sequence[str] = (),
        replace_all: bool = False,
        retired: Mapping[str, str] | None = None,
    ) -> None:
        """What one linking run decided, in one transaction: the events (as :meth:`save_events`)
        and every story, so that a run killed midway leaves the events and stories of before."""
        with self.engine.begin() as conn:
            self._write_events(conn, events, remove, replace_all)
            write_identities(conn, events, retired or {})
            self._write_stories(conn, stories)

    def replace_linking(self, batches: Iterable[Sequence[Event]], stories: Sequence[Story], *, retired: Mapping[str, str]) -> None:
        """Every event replaced by those of ``batches`` (written a batch at a time, so that they are
        never all held), the summary tables recomputed from them, and every story replaced: in
        one transaction, so that a run killed midway leaves the events and stories of before."""
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":  # (one writer of events at a time: ``_write_events``)
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_WRITE_LOCK})
            for table in (schema.event_reports, schema.event_actors, schema.events):
                conn.execute(table.delete())
            for events in batches:
                self._write_event_tables(conn, events, (), replace_all=False)
                write_identities(conn, events, {})
            write_identities(conn, [], retired)
            tallies.rebuild_tallies(conn)
            places.rebuild_places(conn)
            self._write_stories(conn, stories)

    def save_corrections(
        self, events: Sequence[Event], *, remove: Sequence[str], retired: Mapping[str, str], statuses: Mapping[int, str]
    ) -> None:
        """What re-applying the hand corrections decided, in one transaction: the events, the ids
        retired by merges, the stories' lists of events, and each edit's status."""
        with self.engine.begin() as conn:
            self._write_events(conn, events, remove, False)
            write_identities(conn, events, retired)
            write_statuses(conn, statuses)
            if remove or events:
                self._write_stories(conn, _stories_after(self._read_stories(conn), events, set(remove)))

    @staticmethod
    def _read_stories(conn: Connection) -> list[Story]:
        return [Story.from_dict(json.loads(d)) for d in conn.execute(sa.select(schema.stories.c.data)).scalars()]

    def _write_events(self, conn: Connection, events: Sequence[Event], remove: Sequence[str], replace_all: bool) -> None:
        """Replace events, their link rows and the summary tables' counts of them."""
        # One writer of events at a time, from before the counts to subtract are read until they
        # are: a concurrent writer could otherwise replace those rows in between. PostgreSQL: an
        # advisory lock. SQLite: its write lock, which the first write takes (pysqlite begins the
        # transaction there, not at a SELECT), so the report links go first (no count reads them).
        if self.dialect == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_WRITE_LOCK})
        gone = list(dict.fromkeys([*remove, *(e.id for e in events)]))
        removed: tallies.Contributions = ({}, (Counter(), Counter()))
        removed_places: places.PlaceCounts = {}
        if not replace_all and gone:
            reports = schema.event_reports
            for start in range(0, len(gone), 500):
                conn.execute(reports.delete().where(reports.c.event_id.in_(gone[start : start + 500])))
            removed = tallies.stored_contributions(conn, gone)
            removed_places = places.stored_place_contributions(conn, gone)
        rows, actors = self._write_event_tables(conn, events, gone, replace_all)
        if replace_all:  # the tables count exactly these events now
            for table in (schema.event_tallies, schema.actor_tallies, schema.actor_pair_tallies, schema.place_tallies):
                conn.execute(table.delete())
        links = tallies.actor_contributions((a["event_id"], a["actor_id"]) for a in actors)
        tallies.update_tallies(conn, removed, (tallies.contributions_of_rows(rows), links))
        places.update_places(conn, removed_places, places.place_contributions(rows))

    def _write_event_tables(
        self, conn: Connection, events: Sequence[Event], gone: Sequence[str], replace_all: bool
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The events table and its link tables alone (every event, or those of ``gone``, dropped;
        ``events`` inserted); returns the events rows and event_actors rows written."""
        for table in (schema.event_reports, schema.event_actors, schema.events):
            column = table.c.event_id if table is not schema.events else table.c.id
            if replace_all:
                conn.execute(table.delete())
            else:
                for start in range(0, len(gone), 500):
                    conn.execute(table.delete().where(column.in_(gone[start : start + 500])))
        rows = [self._event_row(e) for e in events]
        actors = [{"event_id": e.id, "actor_id": a} for e in events for a in dict.fromkeys(e.actors)]
        if events:
            conn.execute(schema.events.insert(), rows)
            links = [{"event_id": e.id, "report_id": r} for e in events for r in e.report_ids]
            if links:
                conn.execute(schema.event_reports.insert(), links)
            if actors:
                conn.execute(schema.event_actors.insert(), actors)
        return rows, actors

    @staticmethod
    def _write_stories(conn: Connection, stories: Sequence[Story]) -> None:
        conn.execute(schema.stories.delete())
        if stories:
            conn.execute(
                schema.stories.insert(),
                [
                    {
                        "id": s.id,
                        "label": s.label,
                        "n_articles": len(s.article_ids),
                        "n_events": len(s.event_ids),
                        "data": s.to_json(),
                    }
                    for s in stories
                ],
            )

    def list_events(
        self, filters: EventFilter | None = None, *, sort: str = "-date", limit: int | None = 100, offset: int = 0,
        field_values: bool = True,
    ) -> list[Event]:
        """Events by ``filters`` in ``sort`` order; ``field_values=False`` leaves each event's
        ``fields`` (every report's value of every field) empty, for callers that show none."""
        query = self.event_query(filters).order_by(event_order(sort), schema.events.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return decode_rows(Event, conn.execute(query).scalars(), () if field_values else ("fields",))

    def count_events(self, filters: EventFilter | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(self.event_query(filters).subquery())
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def get_event(self, event_id: str) -> Event:
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(schema.events.c.data).where(schema.events.c.id == event_id)).scalar()
        if data is None:
            raise NotFoundError(f"no event with id {event_id!r}; `eventledger events` lists them")
        return Event.from_dict(json.loads(data))

    def event_of_report(self, report_id: str) -> str | None:
        with self.engine.connect() as conn:
            t = schema.event_reports
            return conn.execute(sa.select(t.c.event_id).where(t.c.report_id == report_id)).scalar()

    def list_stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.stories.c.data).order_by(schema.stories.c.n_events.desc()))
            return [Story.from_dict(json.loads(d)) for d in rows.scalars()]

    def get_story(self, story_id: str) -> Story:
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(schema.stories.c.data).where(schema.stories.c.id == story_id)).scalar()
        if data is None:
            raise NotFoundError(f"no story with id {story_id!r}; `eventledger stories` lists them")
        return Story.from_dict(json.loads(data))

    # -- overview -----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            def count(table: sa.Table, *where: Any) -> int:
                return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()

            a = schema.articles
            return {
                "articles": count(a),
                "duplicates": count(a, a.c.duplicate_of.is_not(None)),
                "outlets": conn.execute(sa.select(sa.func.count(sa.distinct(a.c.outlet)))).scalar_one(),
                "extracted": count(schema.extractions),
                "reports": count(schema.reports),
                "events": self.count_events_indexed(None),  # from the summary table
                "attacks": self.count_events_indexed(EventFilter(kind="attack")),
                "stories": count(schema.stories),
                "failures": count(schema.failures),
            }


def _stories_after(stories: Sequence[Story], events: Sequence[Event], removed: set[str]) -> list[Story]:
    """The stories without the events ``removed`` (a story left with none is dropped), with each
    event of ``events`` in its story."""
    added: dict[str, list[str]] = {}
    for event in events:
        if event.story_id:
            added.setdefault(event.story_id, []).append(event.id)
    result = []
    for story in stories:
        ids = [i for i in story.event_ids if i not in removed]
        ids += [i for i in added.get(story.id, []) if i not in ids]
        if story.event_ids and not ids:
            continue  # every event of the story was merged away or dismissed: no story left
        result.append(story if tuple(ids) == story.event_ids else dataclasses.replace(story, event_ids=tuple(ids)))
    return result


def open_store(db: str = "eventledger.db", *, migrate: bool = True) -> Store:
    """Open (and create or migrate) the store at ``db``: a SQLAlchemy URL or a SQLite file path."""
    url = database_url(db)
    try:
        engine = sa.create_engine(url, connect_args=_connect_args(url), future=True)
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            upgrade(engine)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"cannot use database {db!r}: {exc}") from exc
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open database {db!r}: {reason}") from exc
    except ModuleNotFoundError as exc:
        raise StoreError(f"cannot use database {db!r}: driver missing ({exc.name}); install it") from exc
    return Store(engine)


def upgrade(engine: Engine) -> None:
    """Apply pending migrations (recorded in ``alembic_version``).

    A store already at the newest migration is told by one read of ``alembic_version``: Alembic
    (a quarter of a second to import, more to read its scripts) is loaded only when there is
    something to migrate, which for most opens (every command after the first) there is not."""
    if _at_head(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:\"([^\"]*)\"|'([^']*)'|None)\s*$", re.M)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest migration's revision id, read from the scripts' ``revision =`` and
    ``down_revision =`` lines (the one revision no other script follows); None when the scripts
    do not form one line of migrations, so that Alembic itself decides."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        values: dict[str, str | None] = {}
        for match in _REVISION_LINE.finditer(script.read_text(encoding="utf-8")):
            values.setdefault(match.group(1), match.group(2) or match.group(3))
        if not values.get("revision") or "down_revision" not in values:
            return None  # a script written another way (a merge of branches, a tuple)
        revisions.add(str(values["revision"]))
        if values["down_revision"]:
            followed.add(str(values["down_revision"]))
    heads = revisions - followed
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether the store records exactly the newest migration as applied."""
    head = head_revision()
    if head is None:
        return False
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return False
        versions = list(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())
    return versions == [head]
