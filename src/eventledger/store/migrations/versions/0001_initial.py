"""Initial schema: articles, failures, extractions, reports, events, stories.

Revision ID: 0001_initial
Revises:
"""

from alembic import op

from eventledger.store import schema

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision creates the tables exactly as schema.py declares them; later revisions
    # change them with explicit op.* calls so that existing stores migrate in place.
    schema.metadata.create_all(op.get_bind())


def downgrade() -> None:
    schema.metadata.drop_all(op.get_bind())
