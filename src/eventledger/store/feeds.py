"""The store's feeds table: what ``eventledger watch`` remembers of each feed between polls and
across restarts (the validators of a conditional GET, errors in a row, when the next poll is due).

Which feeds to poll and when is decided above (``eventledger.watch``); the store only keeps the
rows, and answers whether a page's URL is already stored so a poll fetches only new entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from eventledger.store import schema


@dataclass(frozen=True)
class FeedState:
    """One feed as the last poll left it (``status`` "new" before the first poll)."""

    url: str
    status: str = "new"  # new | ok | not_modified | error
    etag: str | None = None
    last_modified: str | None = None
    last_error: str | None = None
    errors: int = 0  # consecutive failed polls
    polls: int = 0
    articles: int = 0  # new articles stored from this feed, in all
    last_checked: dt.datetime | None = None
    last_success: dt.datetime | None = None
    next_due: dt.datetime | None = None


class FeedTable:
    """The feeds table's reads and writes (mixed into :class:`~eventledger.store.core.Store`)."""

    engine: Engine
    dialect: str

    def feed_states(self) -> dict[str, FeedState]:
        """Every feed the store remembers, by URL."""
        t = schema.feeds
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.url)).mappings().all()
        return {row["url"]: FeedState(**dict(row)) for row in rows}

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or replace the row of ``state.url``."""
        t = schema.feeds
        insert = schema.upsert_insert(self.dialect, t)
        row = asdict(state)
        columns = {name: insert.excluded[name] for name in row if name != "url"}
        with self.engine.begin() as conn:
            conn.execute(insert.on_conflict_do_update(index_elements=[t.c.url], set_=columns), [row])

    def has_article_url(self, url: str) -> bool:
        """Whether an article fetched from ``url`` is stored."""
        t = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(sa.select(t.c.id).where(t.c.url == url).limit(1)).first() is not None
