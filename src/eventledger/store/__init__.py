"""Storage: SQLite by default, PostgreSQL when given a postgresql:// URL."""

from eventledger.store.core import EventFilter, Store, open_store, upgrade

__all__ = ["EventFilter", "Store", "open_store", "upgrade"]
