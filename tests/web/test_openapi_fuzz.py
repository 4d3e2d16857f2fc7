"""Schemathesis over the OpenAPI spec, in process: no 5xx, responses conform to the schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from tests.fixtures.sample import sample

from eventledger.store import open_store
from eventledger.web import create_app


def _app():
    # schemathesis collects its cases at import time, so the app (and its store) exist by then
    db = str(Path(tempfile.mkdtemp(prefix="eventledger-fuzz-")) / "fuzz.db")
    store = open_store(db)
    sample().save(store)
    store.close()
    # a token is configured so that writes are reachable; the fuzzer does not know it (401s)
    return create_app(db, api_token="fuzz-token", process_writes=False)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
