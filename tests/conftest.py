"""Shared fixtures: stores on SQLite and PostgreSQL, and a fixture corpus built by code.

PostgreSQL tests run when EVENTLEDGER_TEST_POSTGRES names a server (``.ci/run`` starts one);
each test gets its own schema there, dropped when the test ends. With EVENTLEDGER_REQUIRE_POSTGRES=1 (CI) a missing server
fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventledger.kb import load_actors, load_kb
from eventledger.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POSTGRES = os.environ.get("EVENTLEDGER_TEST_POSTGRES")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL of a fresh schema of the test server, dropped again when the block ends (thousands of
    test runs otherwise leave thousands of schemas behind: a server that then takes minutes to
    start). A drop that cannot take its locks within a few seconds (a connection a test left in a
    transaction) is given up and left for the server's owner, never waited on."""
    if not POSTGRES:
        if os.environ.get("EVENTLEDGER_REQUIRE_POSTGRES") == "1":
            pytest.fail("EVENTLEDGER_TEST_POSTGRES is not set but EVENTLEDGER_REQUIRE_POSTGRES=1")
        pytest.skip("no PostgreSQL server: set EVENTLEDGER_TEST_POSTGRES (see .ci/postgres.sh)")
    import sqlalchemy as sa

    from eventledger.settings import database_url

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(database_url(POSTGRES))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        separator = "&" if "?" in POSTGRES else "?"
        yield f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"
    finally:
        try:
            with engine.begin() as conn:
                conn.execute(sa.text("SET LOCAL lock_timeout = '5s'"))
                conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        except sa.exc.DBAPIError:
            pass  # still in use: left behind rather than hang the run
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, then a PostgreSQL schema (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in a temporary directory."""
    with open_store(str(tmp_path / "store.db")) as opened:
        yield opened


@pytest.fixture
def any_store(db_url: str) -> Iterator[Store]:
    """A fresh store on each backend (SQLite, PostgreSQL)."""
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; tests that need it skip on a clone without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture
def broken_kb(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The knowledge base's data files missing for one test (both KB caches emptied around it);
    yields words the resulting error must contain."""

    def missing(package: str, name: str) -> object:
        raise FileNotFoundError(2, "No such file or directory", name)

    load_actors.cache_clear()
    load_kb.cache_clear()
    monkeypatch.setattr("eventledger.kb.files.load_yaml", missing)
    yield "kb/data/actors.yaml cannot be read"
    monkeypatch.undo()
    load_actors.cache_clear()
    load_kb.cache_clear()
