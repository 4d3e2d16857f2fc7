"""Every page and list endpoint on each store backend (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import csv
import io

from tests.fixtures.sample import sample

from eventledger.store import open_store

PATHS = [
    "/", "/events?admin1=baghdad&sort=-killed", "/events/ev-ied-nasiriyah", "/stories/story-convoys",
    "/actors", "/actors/actor:us_forces", "/articles?outlet=Rudaw", "/failures",
    "/api/v1/events?since=2020&until=2021-03", "/api/v1/reports?event_id=ev-rocket-bgw", "/api/v1/actors?kind=attack",
    "/api/v1/tallies?by=year,admin1&kind=attack", "/api/v1/map", "/api/v1/stories", "/api/v1/failures?stage=ingest",
]


def test_pages_and_api_on_each_backend(db_url, make_client):
    with open_store(db_url) as store:
        sample().save(store)
    with make_client(db_url) as c:
        for path in PATHS:
            assert c.get(path).status_code == 200, path
        events = c.get("/api/v1/events?admin1=BAGHDAD").json()
        assert {e["id"] for e in events["items"]} == {"ev-rocket-bgw", "ev-protest-tahrir"}
        rows = c.get("/api/v1/tallies?by=month&kind=attack").json()["rows"]
        assert [(r["month"], r["count"], r["killed"]) for r in rows] == [("2020-03", 1, 0), ("2021-03", 1, 1), ("2021-04", 1, 2)]
        acled = list(csv.DictReader(io.StringIO(c.get("/api/v1/exports/events?format=acled").text)))
        assert len(acled) == 4
