"""Summary tables kept on write: event_tallies (events per combination of their tally columns),
actor_tallies (events per actor) and actor_pair_tallies (events two actors share), filled from
the events already stored.

Revision ID: 0006_summary_tables
Revises: 0005_stable_ids_and_edits

Every later write of events updates them in its own transaction (eventledger.store.tallies).
"""

import sqlalchemy as sa
from alembic import op

from eventledger.store.tallies import rebuild_tallies

revision = "0006_summary_tables"
down_revision = "0005_stable_ids_and_edits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_tallies",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("month", sa.String(7)),
        sa.Column("year", sa.String(4)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("country", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("weapon", sa.Text),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("killed", sa.Integer, nullable=False),
        sa.Column("wounded", sa.Integer, nullable=False),
        sa.Column("located", sa.Integer, nullable=False),
    )
    op.create_table(
        "actor_tallies",
        sa.Column("actor_id", sa.String(128), primary_key=True),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.create_index("ix_actor_tallies_events", "actor_tallies", ["events"])
    op.create_table(
        "actor_pair_tallies",
        sa.Column("actor_id", sa.String(128), primary_key=True),
        sa.Column("other_id", sa.String(128), primary_key=True),
        sa.Column("events", sa.Integer, nullable=False),
    )
    rebuild_tallies(op.get_bind())


def downgrade() -> None:
    op.drop_table("actor_pair_tallies")
    op.drop_index("ix_actor_tallies_events", "actor_tallies")
    op.drop_table("actor_tallies")
    op.drop_table("event_tallies")
