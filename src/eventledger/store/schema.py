"""The tables, as SQLAlchemy Core metadata.

Plain tables with plain columns, so that Datasette or sqlite-utils read a SQLite store as-is.
Each row also keeps the whole record as JSON (``data``) so that a model round-trips exactly;
the other columns are the ones queries filter, sort and group on. See docs/store.md.

Migration 0001 creates the tables of :data:`INITIAL_TABLES` from this metadata; a table added
later is created by its own migration (``actors``: 0003), which also creates the views.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def upsert_insert(dialect: str, table: Table) -> Any:
    """An INSERT into ``table`` that takes ``on_conflict_do_update``, in ``dialect``'s form.

    Each dialect's module is imported here, on first use: importing PostgreSQL's costs about
    0.03 s of CPU, which a run on SQLite paid at every start for nothing."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),  # content hash of title + text
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Date),
    Column("lang", String(16)),
    Column("source", Text),
    Column("format", String(16)),
    Column("duplicate_of", String(32)),
    Column("fetched_at", DateTime),
    Column("ingested_at", DateTime, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_published", "published"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

extractions = Table(
    "extractions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("extracted_at", DateTime, nullable=False),
    Column("version", String(32), nullable=False),
    Column("data", Text, nullable=False),  # ArticleExtraction without its reports, as JSON
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(48), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("country", Text),
    Column("admin1", Text),
    Column("place", Text),
    Column("killed", Integer),
    Column("wounded", Integer),
    Column("weapon", Text),
    Column("data", Text, nullable=False),  # the Report as JSON
    Index("ix_reports_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(48), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("date", String(10)),
    Column("month", String(7)),  # YYYY-MM when known, for tallies
    Column("date_precision", String(8)),
    Column("country", Text),
    Column("admin1", Text),
    Column("place", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("killed", Integer),  # best estimate
    Column("wounded", Integer),
    Column("weapon", Text),
    Column("n_reports", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("story_id", String(48)),
    Column("summary", Text),
    Column("data", Text, nullable=False),  # the Event as JSON
    Index("ix_events_month_kind", "month", "kind"),
    Index("ix_events_date", "date"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_sub_event_type", "sub_event_type"),
)

event_reports = Table(
    "event_reports",
    metadata,
    Column("event_id", String(48), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("report_id", String(48), primary_key=True),
    Index("ix_event_reports_report", "report_id"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(48), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(128), primary_key=True),
    Index("ix_event_actors_actor", "actor_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(48), primary_key=True),
    Column("label", Text, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# Every actor the store names: the knowledge base's, and the names events hold that it does not
# know ("unk:..." ids), written by eventledger.analyze.actors.sync_actors after each linking run
# so that the views (and Datasette, sqlite-utils and pandas users) read names. Migration 0003.
actors = Table(
    "actors",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32)),  # person | armed_group | state_force | party | outlet | organization | government
    Column("aliases", Text),  # JSON array of the names it goes by
    Column("country", String(8)),  # ISO alpha-2
    Column("inter_code", Integer),  # ACLED inter code
    Column("affiliations", Text),  # JSON array of actor ids
    Column("wikidata", String(32)),
    Column("origin", String(8), nullable=False),  # kb: the knowledge base; reports: a name only reports give
    Index("ix_actors_name", "name"),
)

# The feeds ``eventledger watch`` polls, one row each: the validators of the last answer (for a
# conditional GET), how the last poll went, and when the next one is due (later after errors).
# Migration 0004_feeds.
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("status", String(16), nullable=False),  # new | ok | not_modified | error
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_error", Text),
    Column("errors", Integer, nullable=False),  # consecutive failed polls
    Column("polls", Integer, nullable=False),
    Column("articles", Integer, nullable=False),  # new articles stored from it, in all
    Column("last_checked", DateTime),
    Column("last_success", DateTime),
    Column("next_due", DateTime),
)

# The tables migration 0001 creates (the later ones have migrations of their own).
INITIAL_TABLES = ("articles", "failures", "extractions", "reports", "events", "event_reports", "event_actors", "stories")

# Stable event ids (migration 0005). An id retired when its event merged into another points at
# the event that holds most of its reports now: pages and the API redirect it there.
event_aliases = Table(
    "event_aliases",
    metadata,
    Column("id", String(48), primary_key=True),  # the retired id
    Column("current_id", String(48), nullable=False),
    Column("retired_at", DateTime, nullable=False),
    Index("ix_event_aliases_current", "current_id"),
)

# The id of the event each report was last written in (never dropped with the events): linking
# gives recomputed events the ids their reports had, even after every event was dropped.
report_event_ids = Table(
    "report_event_ids",
    metadata,
    Column("report_id", String(48), primary_key=True),
    Column("event_id", String(48), nullable=False),
)

# Hand corrections of events (migration 0005), re-applied after every linking run in id order.
# action: set (field := value) | merge (other_id's event into event_id's) | split (report other_id
# off its event) | dismiss (not an event). ``reports`` keeps the event's report ids when the edit
# was made (merge: both events'), so that it still finds them after ids moved.
edits = Table(
    "edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),
    Column("event_id", String(48), nullable=False),
    Column("field", String(32)),
    Column("value", Text),  # JSON
    Column("other_id", String(48)),
    Column("reports", Text),  # JSON array of report ids
    Column("author", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("status", Text),  # what the last application did: applied, or why it could not be
    Column("applied_at", DateTime),
    Index("ix_edits_event", "event_id"),
    Index("ix_edits_other", "other_id"),
)

# Summary tables kept on write (migration 0006; eventledger.store.tallies): the events counted per
# combination of their tally columns, and per actor, updated in the transaction that writes the
# events, so that the overview, tallies, filter choices and totals never group a million rows.
event_tallies = Table(
    "event_tallies",
    metadata,
    Column("key", Text, primary_key=True),  # the dimensions below as a JSON array
    Column("month", String(7)),
    Column("year", String(4)),
    Column("kind", String(16), nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("country", Text),
    Column("admin1", Text),
    Column("weapon", Text),
    Column("date_precision", String(8)),
    Column("events", Integer, nullable=False),
    Column("killed", Integer, nullable=False),  # sums; a missing count adds 0
    Column("wounded", Integer, nullable=False),
    Column("located", Integer, nullable=False),  # events with coordinates
)

# Located events per place and per the map's filters (migration 0008; eventledger.store.places).
place_tallies = Table(
    "place_tallies",
    metadata,
    Column("key", Text, primary_key=True),  # the dimensions below as a JSON array
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("place", Text),
    Column("admin1", Text),
    Column("kind", String(16), nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("country", Text),
    Column("events", Integer, nullable=False),
    Column("killed", Integer, nullable=False),  # sums; a missing count adds 0
    Column("wounded", Integer, nullable=False),
    Column("example_id", String(48)),  # the smallest event id of the row's events
)

actor_tallies = Table(
    "actor_tallies",
    metadata,
    Column("actor_id", String(128), primary_key=True),
    Column("events", Integer, nullable=False),
    Index("ix_actor_tallies_events", "events"),
)

actor_pair_tallies = Table(
    "actor_pair_tallies",
    metadata,
    Column("actor_id", String(128), primary_key=True),
    Column("other_id", String(128), primary_key=True),  # an actor sharing events with it (both orders stored)
    Column("events", Integer, nullable=False),
)
