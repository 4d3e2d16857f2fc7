"""The dashboard's feeds page and /api/v1/feeds: the state ``eventledger watch`` keeps, shown
(escaped) for each feed."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from eventledger.store import FeedState, open_store
from eventledger.web.app import create_app

HOSTILE = '<script>alert("feed")</script>'


def test_the_feeds_page_and_api_show_each_feeds_state_escaped(tmp_path):
    db = str(tmp_path / "feeds.db")
    checked = dt.datetime(2026, 3, 2, 9, 30)
    with open_store(db) as store:
        store.save_feed_state(FeedState(url="https://wire.example/rss", status="ok", articles=12, polls=3,
                                        last_checked=checked, last_success=checked,
                                        next_due=checked + dt.timedelta(minutes=15)))
        store.save_feed_state(FeedState(url="https://down.example/atom", status="error", errors=3, polls=3,
                                        last_error=f"HTTP 500 {HOSTILE}", last_checked=checked,
                                        next_due=checked + dt.timedelta(hours=1)))
    with TestClient(create_app(db)) as client:
        page = client.get("/feeds")
        api = client.get("/api/v1/feeds").json()
    assert page.status_code == 200
    html = page.text
    assert "https://wire.example/rss" in html and "2026-03-02 09:45" in html
    assert "HTTP 500 &lt;script&gt;" in html and HOSTILE not in html
    assert 'href="/feeds"' in html  # in the navigation
    by_url = {row["url"]: row for row in api["items"]}
    assert api["total"] == 2
    assert by_url["https://wire.example/rss"]["articles"] == 12
    assert by_url["https://down.example/atom"]["errors"] == 3


def test_the_feeds_page_says_how_to_start_when_there_are_none(tmp_path):
    db = str(tmp_path / "empty.db")
    open_store(db).close()
    with TestClient(create_app(db)) as client:
        assert "eventledger watch FEEDS_FILE" in client.get("/feeds").text
