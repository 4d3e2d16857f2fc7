"""Corrections over the API (with the app's token) and in the pages, on SQLite and PostgreSQL:
edits survive `link --full`, merged ids redirect, a dismissed event's page shows its history."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.store.test_edits import two_events
from tests.web.conftest import TOKEN

from eventledger.models import Event
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store
from eventledger.web import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = "<script>window.__pwned=1</script>{{ 7*7 }}"


@pytest.fixture
def served(db_url: str) -> Iterator[tuple[TestClient, str, Event, Event]]:
    with open_store(db_url) as store:
        first, other = two_events(store)
    with TestClient(create_app(db_url, api_token=TOKEN)) as client:
        yield client, db_url, first, other


def relink(db: str, *, full: bool) -> None:
    with open_store(db) as store:
        Pipeline(store, Settings(db=db)).link(full=full)


def test_an_edit_needs_the_token_and_stores_nothing_without_it(served):
    client, _, first, _ = served
    body = {"action": "set", "field": "killed", "value": 4, "reason": "morgue count"}
    assert client.post(f"/api/v1/events/{first.id}/edits", json=body).status_code == 401
    assert client.post(f"/api/v1/events/{first.id}/edits", json=body, headers={"Authorization": "Bearer no"}).status_code == 401
    assert client.get("/api/v1/edits").json()["total"] == 0


def test_a_field_set_through_the_api_survives_link_full(served):
    client, db, first, _ = served
    body = {"action": "set", "field": "killed", "value": 4, "reason": "morgue count", "author": "rana"}
    response = client.post(f"/api/v1/events/{first.id}/edits", json=body, headers=AUTH)
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["author"]) == ("applied", "rana")
    assert client.get(f"/api/v1/events/{first.id}").json()["event"]["killed_best"] == 4
    relink(db, full=True)
    assert client.get(f"/api/v1/events/{first.id}").json()["event"]["killed_best"] == 4
    [item] = client.get(f"/api/v1/events/{first.id}/history").json()["items"]
    assert (item["field"], item["value"], item["reason"], item["status"]) == ("killed", 4, "morgue count", "applied")


def test_a_merged_id_redirects_in_the_api_and_the_pages_after_relinking(served):
    client, db, first, other = served
    body = {"action": "merge", "other_id": other.id, "reason": "one attack, two dates"}
    assert client.post(f"/api/v1/events/{first.id}/edits", json=body, headers=AUTH).status_code == 201
    relink(db, full=True)
    for path in (f"/api/v1/events/{other.id}", f"/events/{other.id}"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 301 and response.headers["location"].endswith(f"/events/{first.id}")
    event = client.get(f"/api/v1/events/{other.id}").json()["event"]
    assert event["id"] == first.id and set(other.report_ids) <= set(event["report_ids"])
    page = client.get(f"/events/{first.id}").text
    assert "History" in page and "one attack, two dates" in page


def test_a_dismissed_event_page_is_gone_and_shows_its_history_escaped(served):
    client, db, _, other = served
    body = {"action": "dismiss", "reason": HOSTILE}
    assert client.post(f"/api/v1/events/{other.id}/edits", json=body, headers=AUTH).status_code == 201
    relink(db, full=False)
    assert client.get(f"/api/v1/events/{other.id}").status_code == 404
    page = client.get(f"/events/{other.id}")
    assert page.status_code == 410 and "marked not an event" in page.text
    assert "<script>window.__pwned" not in page.text and "&lt;script&gt;" in page.text
    assert client.get(f"/api/v1/events/{other.id}/history").json()["items"][0]["action"] == "dismiss"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"action": "set", "field": "colour", "value": "red", "reason": "x"}, 422, "cannot be set"),
        ({"action": "set", "field": "date", "value": "soon", "reason": "x"}, 422, "is not a date"),
        ({"action": "paint", "reason": "x"}, 422, "action"),
        ({"action": "dismiss", "reason": ""}, 422, "reason"),
        ({"action": "split", "other_id": "nosuch", "reason": "x"}, 422, "has no report"),
    ],
)
def test_a_wrong_edit_is_one_error_and_nothing_is_stored(served, body, status, words):
    client, _, first, _ = served
    response = client.post(f"/api/v1/events/{first.id}/edits", json=body, headers=AUTH)
    assert response.status_code == status and words in response.json()["error"]["message"]
    assert client.get("/api/v1/edits").json()["total"] == 0


def test_an_edit_on_an_unknown_event_is_not_found(served):
    client, _, _, _ = served
    response = client.post("/api/v1/events/ev_nope/edits", json={"action": "dismiss", "reason": "x"}, headers=AUTH)
    assert response.status_code == 404
