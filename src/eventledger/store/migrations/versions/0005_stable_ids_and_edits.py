"""Stable event ids and hand corrections: event_aliases, report_event_ids, edits.

Revision ID: 0005_stable_ids_and_edits
Revises: 0004_feeds

``report_event_ids`` starts from the events already stored, so that the first linking run after
the upgrade keeps their ids.
"""


import sqlalchemy as sa
from alembic import op

revision = "0005_stable_ids_and_edits"
down_revision = "0004_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_aliases",
        sa.Column("id", sa.String(48), primary_key=True),
        sa.Column("current_id", sa.String(48), nullable=False),
        sa.Column("retired_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_event_aliases_current", "event_aliases", ["current_id"])
    op.create_table(
        "report_event_ids",
        sa.Column("report_id", sa.String(48), primary_key=True),
        sa.Column("event_id", sa.String(48), nullable=False),
    )
    op.execute("INSERT INTO report_event_ids (report_id, event_id) SELECT report_id, event_id FROM event_reports")
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(48), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("value", sa.Text),
        sa.Column("other_id", sa.String(48)),
        sa.Column("reports", sa.Text),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("status", sa.Text),
        sa.Column("applied_at", sa.DateTime),
    )
    op.create_index("ix_edits_event", "edits", ["event_id"])
    op.create_index("ix_edits_other", "edits", ["other_id"])


def downgrade() -> None:
    op.drop_index("ix_edits_other", "edits")
    op.drop_index("ix_edits_event", "edits")
    op.drop_table("edits")
    op.drop_table("report_event_ids")
    op.drop_index("ix_event_aliases_current", "event_aliases")
    op.drop_table("event_aliases")
