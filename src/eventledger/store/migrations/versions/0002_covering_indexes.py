"""Covering indexes for the overview and tallies, so aggregates over large stores read the index only.

Revision ID: 0002_covering_indexes
Revises: 0001_initial
"""

from alembic import op

revision = "0002_covering_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_events_kind_cover",
        "events",
        ["kind", "month", "sub_event_type", "killed", "wounded", "latitude", "longitude"],
    )
    op.create_index("ix_events_month_cover", "events", ["month", "sub_event_type", "kind", "killed", "wounded"])


def downgrade() -> None:
    op.drop_index("ix_events_month_cover", "events")
    op.drop_index("ix_events_kind_cover", "events")
