"""docs/datasette-metadata.yaml describes tables, views and columns a migrated store has."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
import yaml

from eventledger.store import open_store

METADATA = Path(__file__).resolve().parents[2] / "docs" / "datasette-metadata.yaml"


def test_every_described_table_view_and_column_exists(tmp_path):
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    tables = metadata["databases"]["eventledger"]["tables"]
    with open_store(str(tmp_path / "eventledger.db")) as store:
        inspector = sa.inspect(store.engine)
        names = set(inspector.get_table_names()) | set(inspector.get_view_names())
        assert set(tables) <= names
        assert names - set(tables) == {"alembic_version"}  # every table and view is described
        for name, described in tables.items():
            columns = {c["name"] for c in inspector.get_columns(name)}
            assert set(described.get("columns", {})) <= columns, name
            for key in ("facets", ):
                assert set(described.get(key, [])) <= columns, (name, key)
            for key in ("label_column", "sort_desc", "sort"):
                assert described.get(key) in columns | {None}, (name, key)
            assert described["description"], name
