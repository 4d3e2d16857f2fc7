"""Indexes for pages of the events list over large stores: newest first, by governorate, and
the summaries that a text filter reads.

Revision ID: 0007_event_list_indexes
Revises: 0006_summary_tables

A page of events is chosen by ids first (``Aggregates._page_query``); these indexes hold every
column that step reads for the default order (date descending, then id) and for a governorate
filter with kind, dates and the killed order, so it reads no row it does not show. PostgreSQL
sorts NULLs first in a descending index unless told otherwise; the list puts undated events last.
A text filter (``lower(summary)`` contains the words) cannot use an index to find its matches,
but counting them (up to the list's cap) scans the summaries' index instead of the rows, whose
JSON is twenty times larger.
"""

from alembic import op

revision = "0007_event_list_indexes"
down_revision = "0006_summary_tables"
branch_labels = None
depends_on = None

NULLS_LAST = {"postgresql": " NULLS LAST", "sqlite": ""}  # SQLite's descending order puts NULLs last


def upgrade() -> None:
    nulls = NULLS_LAST[op.get_bind().dialect.name]
    op.execute(f"CREATE INDEX ix_events_date_desc ON events (date DESC{nulls}, id)")
    op.execute(f"CREATE INDEX ix_events_admin1_date ON events (admin1, date DESC{nulls}, id, kind, killed)")
    op.create_index("ix_events_summary", "events", ["summary", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_summary", "events")
    op.drop_index("ix_events_admin1_date", "events")
    op.drop_index("ix_events_date_desc", "events")
