"""The places summary of the map layer: place_tallies (located events per place and per the
map's filters, with their casualties and smallest event id), filled from the events already
stored, and an index of the events' coordinates that renews a row's example id after deletes.

Revision ID: 0008_place_tallies
Revises: 0007_event_list_indexes

Every later write of events updates it in its own transaction (eventledger.store.places).
"""

import sqlalchemy as sa
from alembic import op

from eventledger.store.places import rebuild_places

revision = "0008_place_tallies"
down_revision = "0007_event_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "place_tallies",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("country", sa.Text),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("killed", sa.Integer, nullable=False),
        sa.Column("wounded", sa.Integer, nullable=False),
        sa.Column("example_id", sa.String(48)),
    )
    op.create_index("ix_events_place", "events", ["latitude", "longitude"])
    rebuild_places(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_events_place", "events")
    op.drop_table("place_tallies")
