"""Covering indexes for the overview, the tallies and the map layer, so aggregates over large stores read the index only.

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
    # the map layer groups located events of one kind by coordinates: read in index order
    op.create_index(
        "ix_events_map",
        "events",
        ["kind", "latitude", "longitude", "killed", "wounded", "place", "admin1", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_events_map", "events")
    op.drop_index("ix_events_month_cover", "events")
    op.drop_index("ix_events_kind_cover", "events")
