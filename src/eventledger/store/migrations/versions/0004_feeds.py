"""The feeds table of ``eventledger watch``, and an index on article URLs (a poll asks, for each
entry of a feed, whether its page is already stored).

Revision ID: 0004_feeds
Revises: 0003_actors_and_views
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_feeds"
down_revision = "0003_actors_and_views"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_error", sa.Text),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("polls", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("last_checked", sa.DateTime),
        sa.Column("last_success", sa.DateTime),
        sa.Column("next_due", sa.DateTime),
    )
    op.create_index("ix_articles_url", "articles", ["url"])


def downgrade() -> None:
    op.drop_index("ix_articles_url", "articles")
    op.drop_table("feeds")
