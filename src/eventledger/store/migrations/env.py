"""Alembic environment: runs on the connection eventledger hands it (see store/core.py)."""

from alembic import context

from eventledger.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
