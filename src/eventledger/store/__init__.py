"""Storage: SQLite by default, PostgreSQL when given a postgresql:// URL."""

from eventledger.store.aggregates import TALLY_COLUMNS, EventFilter
from eventledger.store.core import Store, open_store, upgrade

__all__ = ["TALLY_COLUMNS", "EventFilter", "Store", "open_store", "upgrade"]
