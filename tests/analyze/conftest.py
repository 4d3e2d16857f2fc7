"""The export tests' store: the hand-made sample, an undated event and a year-only one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.fixtures.sample import sample

from eventledger.models import Event
from eventledger.store import Store, open_store


@pytest.fixture(scope="module")
def export_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = open_store(str(tmp_path_factory.mktemp("export") / "export.db"))
    sample().save(s)
    # an undated event and a year-only one: kept by CSV/JSON, not codable for ACLED
    s.save_events([
        Event(id="ev-undated", kind="statement", report_ids=("r-undated",), summary="A statement with no date."),
        Event(id="ev-year", kind="attack", report_ids=("r-year",), date="2020", date_precision="year", country="Iraq"),
    ])
    yield s
    s.close()
