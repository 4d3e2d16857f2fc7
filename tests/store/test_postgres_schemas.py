"""The PostgreSQL test fixture leaves nothing behind on the server it is given."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from tests.conftest import POSTGRES, postgres_schema

from eventledger.settings import database_url
from eventledger.store import EventFilter, open_store


@pytest.mark.postgres
def test_a_tests_schema_and_its_tables_are_dropped_when_the_test_ends() -> None:
    with postgres_schema() as url:
        schema = url.rsplit("%3D", 1)[1]
        with open_store(url) as store:  # the migrations create the store's tables in the schema
            assert store.count_events_indexed(EventFilter()) == 0
    engine = sa.create_engine(database_url(POSTGRES or ""))
    with engine.connect() as conn:
        left = conn.execute(sa.text("SELECT count(*) FROM information_schema.schemata WHERE schema_name = :s"), {"s": schema}).scalar()
    engine.dispose()
    assert left == 0
