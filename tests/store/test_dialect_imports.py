"""Writing to an existing SQLite store never imports the PostgreSQL dialect (about 0.03 s of a start;
creating a store still does: its migrations import every dialect's DDL)."""

from __future__ import annotations

import subprocess
import sys

from eventledger.store import open_store

SCRIPT = """
import sys
from eventledger.models import Article
from eventledger.store import open_store

with open_store(sys.argv[1]) as store:
    store.add_articles([Article.create("Two rockets hit a base near Baghdad on Monday.")])
print("sqlalchemy.dialects.postgresql" in sys.modules)
"""


def test_writing_to_a_sqlite_store_leaves_the_postgresql_dialect_unimported(tmp_path):
    path = str(tmp_path / "store.db")
    with open_store(path):
        pass  # created and migrated here
    done = subprocess.run([sys.executable, "-c", SCRIPT, path], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
