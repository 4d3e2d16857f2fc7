"""Initial schema: articles, failures, extractions, reports, events, stories.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

from eventledger.store import schema

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision creates its tables as schema.py declares them; later revisions change
    # them, or add tables, with explicit op.* calls so that existing stores migrate in place.
    schema.metadata.create_all(op.get_bind(), tables=_initial_tables())


def downgrade() -> None:
    schema.metadata.drop_all(op.get_bind(), tables=_initial_tables())


def _initial_tables() -> list[sa.Table]:
    return [schema.metadata.tables[name] for name in schema.INITIAL_TABLES]
