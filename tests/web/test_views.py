"""The timeline, network and actor-name endpoints and pages, in process, over the views sample."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.fixtures.sample import HOSTILE
from tests.fixtures.views_sample import views_sample

from eventledger.store import EventFilter, open_store
from eventledger.web import create_app
from eventledger.web.views import resolve_actor

RAW = ["<script>window", "<img src=x", 'onerror="window']


@pytest.fixture(scope="module")
def views_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("views") / "views.db")
    store = open_store(path)
    views_sample().save(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def views(views_db) -> Iterator[TestClient]:
    with TestClient(create_app(views_db)) as client:
        yield client


def assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html
    assert "&lt;script&gt;" in html


def test_timeline_api_leaves_the_misread_year_off_the_axis(views):
    data = views.get("/api/v1/timeline").json()
    assert data["domain"]["start"] == "2019-11-15" and data["domain"]["end"] == "2021-04-30"
    assert [o["id"] for o in data["outliers"]] == ["ev-misdated"]
    assert len(data["items"]) == 7 and (data["shown"], data["total"]) == (8, 8)


def test_timeline_api_takes_the_events_filters(views):
    data = views.get("/api/v1/timeline?story_id=story-convoys").json()
    assert {i["id"] for i in data["items"]} | {o["id"] for o in data["outliers"]} == {"ev-ied-nasiriyah", "ev-taji", "ev-misdated"}
    assert views.get("/api/v1/timeline?since=2021-03-01").json()["total"] == 2
    assert views.get("/api/v1/timeline?since=March").status_code == 422


def test_timeline_page_lists_the_outlier_as_an_escaped_link(views):
    html = views.get("/timeline").text
    assert 'id="timeline" data-src="/api/v1/timeline"' in html
    box = html.split('class="outliers"', 1)[1].split("</div>", 1)[0]
    assert '<a href="/events/ev-misdated">1921-06-03</a>' in box
    assert "&#34;Camp Taji&#34;" in box  # quotes from the summary, escaped
    assert_escaped(box)
    assert '<script src="/static/vendor/d3/d3.min.js"></script>' in html


def test_story_page_has_its_timeline(views):
    html = views.get("/stories/story-convoys").text
    assert 'data-src="/api/v1/timeline?story_id=story-convoys"' in html
    assert '<a href="/network?story_id=story-convoys">' in html
    assert "1 event outside the axis" in html


def test_network_api_gives_named_nodes_and_weighted_edges(views):
    data = views.get("/api/v1/network").json()
    names = {n["id"]: n["name"] for n in data["nodes"]}
    assert names["us_forces"] == "United States Armed Forces" and names["ashab_al_kahf"] == "Ashab al-Kahf"
    kahf = next(e for e in data["edges"] if (e["source"], e["target"]) == ("ashab_al_kahf", "us_forces"))
    assert kahf["events"] == 2 and kahf["relations"] == {"attacked": 2, "claimed": 1}
    assert (data["shown"], data["total"]) == (8, 8)
    assert views.get("/api/v1/network?max_nodes=1").status_code == 422


def test_network_page_shows_names_and_escapes_the_hostile_actor(views):
    html = views.get("/network").text
    table = html.split('<table class="data relations">', 1)[1].split("</table>", 1)[0]
    assert ">United States Armed Forces</a>" in table and ">Kataib Hezbollah</a>" in table
    assert "kataib_hezbollah</a>" not in table  # names, not ids
    assert "met" in table and "(each other)" in table
    assert_escaped(table)
    assert '<a href="/actors/' + quote("unk:" + HOSTILE, safe="") + '">' in table
    assert "{{ 7*7 }}" in table and not re.search(r"\b49\b", table)


def test_network_of_a_filter_keeps_only_its_events(views):
    data = views.get("/api/v1/network?kind=meeting").json()
    assert {(e["source"], e["target"]) for e in data["edges"]} >= {("iraq_government", "us_government")}
    assert all(e["relation"] == "met" for e in data["edges"])


def test_actor_names_complete_from_names_and_aliases(views):
    items = views.get("/api/v1/actor-names?q=hezbollah brig").json()["items"]
    assert items[0]["id"] == "kataib_hezbollah" and items[0]["name"] == "Kataib Hezbollah"  # an alias matched
    ranked = views.get("/api/v1/actor-names?q=kahf").json()["items"]
    assert ranked[0] == {**ranked[0], "id": "ashab_al_kahf", "events": 2}
    assert views.get("/api/v1/actor-names?q=").status_code == 422
    assert views.get("/api/v1/actor-names?q=%25").json()["items"] == []  # a LIKE wildcard is a character


def test_actor_names_find_the_hostile_name_as_data(views):
    items = views.get("/api/v1/actor-names?q=" + quote("<script>")).json()["items"]
    assert [i["name"] for i in items] == [HOSTILE]


def test_the_events_filter_takes_an_actor_name(views):
    def rows(html: str) -> set[str]:
        return set(re.findall(r'<a href="/events/([^"]+)">', html.split("<tbody>", 1)[1]))

    by_name = views.get("/events?actor=united+states+armed+forces").text
    assert rows(by_name) == rows(views.get("/events?actor=us_forces").text) == {"ev-taji", "ev-misdated"}
    by_alias = views.get("/events?actor=Hezbollah+Brigades").text  # an alias only the KB gives
    assert rows(by_alias) == {"ev-taji"}
    # the field shows the name, and the export links carry the id
    assert 'name="actor" value="Kataib Hezbollah"' in by_alias
    assert "actor=kataib_hezbollah" in by_alias.split('class="exports"', 1)[1]
    assert 'data-complete="/api/v1/actor-names"' in by_name


def test_resolve_actor_keeps_ids_and_unknown_names(views_db):
    store = open_store(views_db)
    try:
        assert resolve_actor(store, EventFilter(actor="us_forces")).actor == "us_forces"
        assert resolve_actor(store, EventFilter(actor="United States Armed Forces")).actor == "us_forces"
        assert resolve_actor(store, EventFilter(actor="Ashab al-Kahf")).actor == "ashab_al_kahf"  # KB id beats the sample's
        assert resolve_actor(store, EventFilter(actor="nobody at all")).actor == "nobody at all"
        # the sample's "actor:kataib_hezbollah" and the KB's id carry the name, one event each
        assert resolve_actor(store, EventFilter(actor="kataib hezbollah")).actor == "kataib_hezbollah"
    finally:
        store.close()


def test_actor_names_fall_back_to_the_knowledge_base_when_the_table_is_empty(sample_db, client):
    items = client.get("/api/v1/actor-names?q=Kataib Hezbollah").json()["items"]
    assert [i["id"] for i in items] == ["kataib_hezbollah"] and items[0]["events"] == 0


@pytest.mark.parametrize("path", ["/timeline", "/network", "/timeline?actor=" + quote(HOSTILE), "/network?text=" + quote(HOSTILE)])
def test_new_pages_escape_hostile_filters_and_names(views, path):
    response = views.get(path)
    assert response.status_code == 200
    for raw in RAW:
        assert raw not in response.text


def test_views_on_each_backend(db_url, make_client):
    with open_store(db_url) as store:
        views_sample().save(store)
    with make_client(db_url) as c:
        assert [o["id"] for o in c.get("/api/v1/timeline").json()["outliers"]] == ["ev-misdated"]
        edges = c.get("/api/v1/network").json()["edges"]
        assert ("kataib_hezbollah", "us_forces") in {(e["source"], e["target"]) for e in edges}
        items = c.get("/api/v1/actor-names?q=HEZBOLLAH brig").json()["items"]
        assert items[0]["id"] == "kataib_hezbollah"
        underscored = c.get("/api/v1/actor-names?q=_").json()["items"]  # "_" is a character, not LIKE's wildcard
        assert [i["name"] for i in underscored] == [HOSTILE]  # "__pwned"
        html = c.get("/events?actor=Hezbollah+Brigades").text
        assert set(re.findall(r'<a href="/events/([^"]+)">', html.split("<tbody>", 1)[1])) == {"ev-taji"}


def test_timeline_data_in_the_page_is_inert_json(views):
    import html as html_lib
    import json

    page = views.get("/timeline").text
    attribute = re.search(r"data-timeline='([^']*)'", page).group(1)
    assert "<script" not in attribute and "<img" not in attribute  # tojson escapes < and >
    data = json.loads(html_lib.unescape(attribute))
    assert len(data["items"]) == 7 and data["domain"]["start"] == "2019-11-15"
    assert any(i["label"].startswith("Drone attack <script>") for i in data["items"])  # intact once parsed


def test_overview_chart_leaves_the_misread_year_off_its_axis(views):
    page = views.get("/").text
    chart = page.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert "1921" not in chart and ">2020-03<" in chart
    assert "1 event outside the axis, dated far from the rest: 1921-06 (1)" in page
