"""The actors table, and views that read names: events with their actors, reports with their outlets.

Revision ID: 0003_actors_and_views
Revises: 0002_covering_indexes

The views are for the people who read the store with other tools (Datasette, sqlite-utils,
pandas; docs/store.md); eventledger's own queries read the tables. A later migration that
rebuilds one of the tables they read (events, event_actors, actors, reports, articles,
event_reports) in batch mode on SQLite must drop these views first and create them again after:
SQLite refuses to rename a table under a view that names it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_actors_and_views"
down_revision = "0002_covering_indexes"
branch_labels = None
depends_on = None

VIEWS = ("events_with_actors", "event_actor_names", "reports_with_outlets")

# One row per event with its actors' names joined by "; " (sorted).
_EVENTS_WITH_ACTORS = """
CREATE VIEW events_with_actors AS
SELECT e.id, e.date, e.month, e.date_precision, e.kind, e.event_type, e.sub_event_type,
       e.country, e.admin1, e.place, e.latitude, e.longitude, e.killed, e.wounded, e.weapon,
       ({names}) AS actors,
       e.n_reports, e.independent_sources, e.story_id, e.summary
FROM events e
"""
_NAMES = {
    # SQLite before 3.44 has no ORDER BY inside an aggregate: order the rows in a subquery
    "sqlite": "SELECT group_concat(name, '; ') FROM (SELECT COALESCE(a.name, ea.actor_id) AS name "
    "FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id ORDER BY 1)",
    "postgresql": "SELECT string_agg(COALESCE(a.name, ea.actor_id), '; ' ORDER BY COALESCE(a.name, ea.actor_id)) "
    "FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id",
}

# One row per (event, actor): the long form for group-bys and facets.
_EVENT_ACTOR_NAMES = """
CREATE VIEW event_actor_names AS
SELECT ea.event_id, ea.actor_id, COALESCE(a.name, ea.actor_id) AS actor_name, a.kind AS actor_kind,
       a.country AS actor_country, e.date, e.month, e.kind AS event_kind, e.sub_event_type, e.admin1,
       e.killed, e.wounded
FROM event_actors ea
JOIN events e ON e.id = ea.event_id
LEFT JOIN actors a ON a.id = ea.actor_id
"""

# One row per report with the outlet, date, title and URL of its article, the event it joined,
# and the outlets it cites (a JSON array).
_REPORTS_WITH_OUTLETS = """
CREATE VIEW reports_with_outlets AS
SELECT r.id, er.event_id, r.article_id, ar.outlet, ar.published, ar.title, ar.url,
       {cites} AS cites,
       r.kind, r.event_type, r.sub_event_type, r.date, r.date_precision, r.country, r.admin1, r.place,
       r.killed, r.wounded, r.weapon
FROM reports r
JOIN articles ar ON ar.id = r.article_id
LEFT JOIN event_reports er ON er.report_id = r.id
"""
_CITES = {"sqlite": "json_extract(r.data, '$.cites')", "postgresql": "CAST(r.data AS json) ->> 'cites'"}


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.Column("aliases", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("inter_code", sa.Integer),
        sa.Column("affiliations", sa.Text),
        sa.Column("wikidata", sa.String(32)),
        sa.Column("origin", sa.String(8), nullable=False),
    )
    op.create_index("ix_actors_name", "actors", ["name"])
    dialect = op.get_bind().dialect.name
    op.execute(_EVENTS_WITH_ACTORS.format(names=_NAMES[dialect]))
    op.execute(_EVENT_ACTOR_NAMES)
    op.execute(_REPORTS_WITH_OUTLETS.format(cites=_CITES[dialect]))


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.drop_index("ix_actors_name", "actors")
    op.drop_table("actors")
