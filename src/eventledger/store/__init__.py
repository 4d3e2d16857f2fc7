"""Storage: SQLite by default, PostgreSQL when given a postgresql:// URL."""

from eventledger.store.aggregates import TALLY_COLUMNS, EventFilter
from eventledger.store.core import Store, open_store, upgrade
from eventledger.store.feeds import FeedState

__all__ = ["TALLY_COLUMNS", "EventFilter", "FeedState", "Store", "open_store", "upgrade"]
