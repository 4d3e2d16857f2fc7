"""Fixtures of the web tests: a store holding the hand-made sample, and in-process API clients."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # starlette's note that its test transport will move to httpx2; nothing for us to change
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from tests.fixtures.sample import Sample, sample

from eventledger.store import open_store
from eventledger.web import create_app

TOKEN = "test-token-8c1f"


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def make_client():
    """``make_client(db, **create_app_options)``: a TestClient context on a new app."""

    def make(db: str, raise_server_exceptions: bool = True, **options) -> TestClient:
        return TestClient(create_app(db, **options), raise_server_exceptions=raise_server_exceptions)

    return make


@pytest.fixture(scope="session")
def sample_data() -> Sample:
    return sample()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, sample_data: Sample) -> str:
    """A SQLite store with the sample saved once per session; tests that write use ``fresh_db``."""
    path = tmp_path_factory.mktemp("web") / "sample.db"
    store = open_store(str(path))
    sample_data.save(store)
    store.close()
    return str(path)


@pytest.fixture
def fresh_db(tmp_path: Path, sample_data: Sample) -> str:
    path = tmp_path / "fresh.db"
    store = open_store(str(path))
    sample_data.save(store)
    store.close()
    return str(path)


@pytest.fixture(scope="session")
def client(sample_db: str) -> Iterator[TestClient]:
    """Reads against the sample store (a token is configured, but reads do not need it)."""
    with TestClient(create_app(sample_db, api_token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def writer(fresh_db: str) -> Iterator[TestClient]:
    """A client on a store of its own with writes enabled and the pipeline left out."""
    with TestClient(create_app(fresh_db, api_token=TOKEN, process_writes=False)) as test_client:
        yield test_client
