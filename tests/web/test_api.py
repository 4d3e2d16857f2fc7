"""The REST API in process: every endpoint, filters, pagination limits, the error shape, auth."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventledger.store import open_store

EVENT_IDS = {"ev-rocket-bgw", "ev-ied-nasiriyah", "ev-protest-tahrir", "ev-hostile"}


def error_of(response) -> dict:
    """The error body, checking it has the one shape every error uses."""
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert set(body["error"]) <= {"code", "message", "details"}
    return body["error"]


@pytest.mark.parametrize(
    ("path", "total"),
    [
        ("/api/v1/events", 4),
        ("/api/v1/reports", 6),
        ("/api/v1/articles", 6),
        ("/api/v1/actors", 4),
        ("/api/v1/stories", 3),
        ("/api/v1/failures", 2),
    ],
)
def test_list_endpoints_answer_a_page_with_the_total(client, path, total):
    response = client.get(path)
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == total
    assert len(page["items"]) == total
    assert (page["limit"], page["offset"]) == (50, 0)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("admin1=Baghdad", {"ev-rocket-bgw", "ev-protest-tahrir"}),
        ("admin1=baghdad", {"ev-rocket-bgw", "ev-protest-tahrir"}),
        ("kind=protest", {"ev-protest-tahrir"}),
        ("kind=attack", {"ev-rocket-bgw", "ev-ied-nasiriyah", "ev-hostile"}),
        ("sub_event_type=Remote+explosive%2Flandmine%2FIED", {"ev-ied-nasiriyah"}),
        ("since=2021-01-01", {"ev-ied-nasiriyah", "ev-hostile"}),
        ("until=2020-12-31", {"ev-rocket-bgw", "ev-protest-tahrir"}),
        ("since=2020-01-01&until=2021-03-31", {"ev-rocket-bgw", "ev-ied-nasiriyah"}),
        ("month=2020-03", {"ev-rocket-bgw"}),
        ("actor=actor%3Akataib_hezbollah", {"ev-rocket-bgw"}),
        ("actor=actor%3Aus_forces", {"ev-rocket-bgw", "ev-ied-nasiriyah"}),
        ("text=convoy", {"ev-ied-nasiriyah"}),
        ("story_id=story-convoys", {"ev-ied-nasiriyah"}),
        ("country=Iraq&kind=attack&admin1=Erbil", {"ev-hostile"}),
        ("admin1=Basra", set()),
    ],
)
def test_event_filters_select_the_matching_events(client, query, expected):
    page = client.get(f"/api/v1/events?{query}").json()
    assert {e["id"] for e in page["items"]} == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize(
    ("sort", "first"),
    [("-date", "ev-hostile"), ("date", "ev-protest-tahrir"), ("-killed", "ev-hostile"), ("-n_reports", "ev-ied-nasiriyah")],
)
def test_events_sort(client, sort, first):
    assert client.get(f"/api/v1/events?sort={sort}").json()["items"][0]["id"] == first


def test_pagination_walks_every_event_once(client):
    seen = []
    for offset in range(0, 5):
        page = client.get(f"/api/v1/events?sort=date&limit=1&offset={offset}").json()
        seen += [e["id"] for e in page["items"]]
        assert page["total"] == 4
    assert seen == ["ev-protest-tahrir", "ev-rocket-bgw", "ev-ied-nasiriyah", "ev-hostile"]


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=501", "limit=-3", "limit=ten", "offset=-1", "sort=bogus", "since=March", "month=2020-3",
     "until=2020-03-10T00", "text=" + "x" * 201],
)
def test_invalid_parameters_answer_422_in_the_error_shape(client, query):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["details"] and error["details"][0]["where"].startswith("query.")


def test_limit_of_500_is_accepted(client):
    assert client.get("/api/v1/events?limit=500").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/api/v1/events/nope", "/api/v1/articles/0000000000000000", "/api/v1/stories/nope", "/api/v1/actors/actor:nobody",
     "/api/v1/no-such-endpoint"],
)
def test_unknown_ids_answer_404_in_the_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("delete", "/api/v1/events", "GET"), ("put", "/api/v1/articles", "GET, POST"), ("options", "/api/v1/articles", "GET, POST")],
)
def test_method_not_allowed_uses_the_error_shape_and_lists_every_method(client, method, path, allow):
    response = client.request(method.upper(), path)
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert response.headers["allow"] == allow


def test_server_errors_use_the_error_shape(sample_db, monkeypatch, make_client):
    from eventledger.store import Store

    def broken(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "stats", broken)
    with make_client(sample_db, raise_server_exceptions=False) as c:
        response = c.get("/api/v1/stats")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal"
    assert "disk on fire" not in error["message"]  # internals stay in the log


def test_event_detail_includes_its_reports(client):
    body = client.get("/api/v1/events/ev-rocket-bgw").json()
    assert body["event"]["conflicts"] == ["wounded"]
    assert {r["id"] for r in body["reports"]} == set(body["event"]["report_ids"])
    assert all(r["evidence"] for r in body["reports"])


def test_reports_filter_by_event_and_article(client):
    by_event = client.get("/api/v1/reports?event_id=ev-ied-nasiriyah").json()
    assert by_event["total"] == 2
    article_id = by_event["items"][0]["article_id"]
    by_article = client.get(f"/api/v1/reports?article_id={article_id}").json()
    assert [r["article_id"] for r in by_article["items"]] == [article_id]
    assert client.get("/api/v1/reports?kind=protest").json()["total"] == 1


def test_article_detail_has_text_and_extraction_and_list_has_no_text(client):
    listed = client.get("/api/v1/articles?outlet=rudaw").json()
    assert listed["total"] == 2
    assert all("text" not in a and a["chars"] > 0 for a in listed["items"])
    detail = client.get(f"/api/v1/articles/{listed['items'][0]['id']}").json()
    assert detail["article"]["text"]
    assert detail["extraction"]["reports"]
    assert detail["events"]


def test_actors_list_names_and_actor_detail_counts_partners(client):
    actors = {a["actor_id"]: a for a in client.get("/api/v1/actors").json()["items"]}
    assert actors["actor:us_forces"]["events"] == 2
    assert actors["actor:kataib_hezbollah"]["name"] == "Kataib Hezbollah"
    detail = client.get("/api/v1/actors/actor:us_forces").json()
    assert detail["events"] == 2
    assert {p["actor_id"] for p in detail["co_actors"]} == {"actor:kataib_hezbollah", "actor:ashab_al_kahf"}


def test_story_detail(client):
    story = client.get("/api/v1/stories/story-convoys").json()
    assert story["event_ids"] == ["ev-ied-nasiriyah"]
    assert len(story["article_ids"]) == 2


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("by=month", [("2019-11", 1), ("2020-03", 1), ("2021-03", 1), ("2021-04", 1)]),
        ("by=admin1", [("Baghdad", 2), ("Dhi Qar", 1), ("Erbil", 1)]),
        ("by=kind&kind=attack", [("attack", 3)]),
        ("by=year", [("2019", 1), ("2020", 1), ("2021", 2)]),
        ("by=admin1,admin1", [("Baghdad", 2), ("Dhi Qar", 1), ("Erbil", 1)]),
    ],
)
def test_tallies_count_events(client, query, rows):
    body = client.get(f"/api/v1/tallies?{query}").json()
    key = body["by"][0]
    assert [(r[key], r["count"]) for r in body["rows"]] == rows


def test_tallies_by_two_keys_sum_casualties(client):
    body = client.get("/api/v1/tallies?by=month,sub_event_type&kind=attack").json()
    assert body["by"] == ["month", "sub_event_type"]
    assert sum(r["killed"] for r in body["rows"]) == 3
    assert sum(r["wounded"] for r in body["rows"]) == 3


@pytest.mark.parametrize("by", ["", "colour", "month,colour", "data"])
def test_tallies_refuse_unknown_keys(client, by):
    response = client.get(f"/api/v1/tallies?by={by}")
    assert response.status_code == 422
    error_of(response)


def test_map_layer_groups_located_events(client):
    layer = client.get("/api/v1/map?kind=attack").json()
    assert layer["type"] == "FeatureCollection"
    assert len(layer["features"]) == 3
    killed = {f["properties"]["example_id"]: f["properties"]["killed"] for f in layer["features"]}
    assert killed == {"ev-rocket-bgw": 0, "ev-ied-nasiriyah": 1, "ev-hostile": 2}


@pytest.mark.parametrize(
    ("fmt", "media", "count"),
    [("csv", "text/csv", 2), ("acled", "text/csv", 2), ("json", "application/json", 2), ("geojson", "application/geo+json", 2)],
)
def test_exports_follow_the_filters(client, fmt, media, count):
    response = client.get(f"/api/v1/exports/events?format={fmt}&admin1=Baghdad")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("csv", "acled"):
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == count
    elif fmt == "json":
        assert {e["admin1"] for e in response.json()} == {"Baghdad"} and len(response.json()) == count
    else:
        assert len(response.json()["features"]) == count


def test_export_refuses_unknown_format(client):
    response = client.get("/api/v1/exports/events?format=xlsx")
    assert response.status_code == 422
    error_of(response)


def test_openapi_lists_every_endpoint(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/reports", "/api/v1/articles",
                 "/api/v1/articles/{article_id}", "/api/v1/actors", "/api/v1/stories", "/api/v1/tallies",
                 "/api/v1/failures", "/api/v1/exports/events"):
        assert path in paths
    assert client.get("/docs").status_code == 200


# -- writes -----------------------------------------------------------------------------------

ARTICLE = {
    "text": "Two mortar rounds fell inside a police compound in Samarra on Monday, an officer said.",
    "title": "Mortar rounds hit Samarra compound",
    "outlet": "Test Wire",
    "url": "https://example.test/samarra",
    "published": "2020-06-02",
}


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
        ({"Authorization": "Basic TOKEN"}, 401, "unauthorized"),
        ({"Authorization": "Bearer TOKENx"}, 401, "unauthorized"),
    ],
)
def test_writes_need_the_token(writer, headers, status, code, token):
    headers = {k: v.replace("TOKEN", token) for k, v in headers.items()}
    response = writer.post("/api/v1/articles", json=ARTICLE, headers=headers)
    assert response.status_code == status
    assert error_of(response)["code"] == code
    assert writer.get("/api/v1/articles").json()["total"] == 6


def test_writes_are_refused_when_no_token_is_configured(fresh_db, make_client):
    with make_client(fresh_db, api_token=None) as c:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
            response = c.post("/api/v1/articles", json=ARTICLE, headers=headers)
            assert response.status_code == 403
            assert error_of(response)["code"] == "forbidden"
        assert c.get("/api/v1/articles").json()["total"] == 6


def test_post_stores_one_article_and_is_idempotent(writer, fresh_db, auth):
    first = writer.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert first.status_code == 201
    assert first.json()["added"] == 1
    again = writer.post("/api/v1/articles", json=ARTICLE, headers=auth).json()
    assert again["added"] == 0 and again["ids"] == first.json()["ids"]
    stored = open_store(fresh_db).get_article(first.json()["ids"][0])
    assert stored.outlet == "Test Wire" and str(stored.published) == "2020-06-02"


def test_post_accepts_a_list(writer, auth):
    items = [dict(ARTICLE, text=ARTICLE["text"] + f" Update {i}.") for i in range(3)]
    body = writer.post("/api/v1/articles", json=items, headers=auth).json()
    assert body["received"] == 3 and body["added"] == 3
    assert writer.get("/api/v1/articles?outlet=Test+Wire").json()["total"] == 3


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"title": "no text"}, {"text": "x", "published": "yesterday"}, [{"text": 5}], "just a string"],
)
def test_post_rejects_malformed_bodies(writer, body, auth):
    response = writer.post("/api/v1/articles", content=json.dumps(body), headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422
    error_of(response)


def test_responses_carry_security_headers(client):
    response = client.get("/api/v1/events")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.slow
def test_post_runs_ingest_extract_and_link(fresh_db, make_client, auth):
    article = {
        "text": "Three rockets hit the Green Zone in Baghdad on Sunday night, wounding two Iraqi soldiers, "
        "the security media cell said. No group claimed the attack.",
        "title": "Rockets land in the Green Zone",
        "outlet": "Test Wire",
        "published": "2020-01-27",
    }
    with make_client(fresh_db, api_token="t0k") as c:
        body = c.post("/api/v1/articles", json=article, headers={"Authorization": "Bearer t0k"}).json()
        assert body["added"] == 1 and body["processed"] is True, body
        detail = c.get(f"/api/v1/articles/{body['ids'][0]}").json()
        assert detail["extraction"]["reports"], "extraction ran on the posted article"
        assert detail["events"], "linking put its report into an event"
        event = c.get(f"/api/v1/events/{detail['events'][0]}").json()["event"]
        assert event["admin1"] == "Baghdad"
        page = c.get(f"/articles/{body['ids'][0]}").text
        assert "<mark " in page


@pytest.mark.parametrize("path", ["/api/v1/actors", "/api/v1/actors/qaani", "/"])
def test_a_broken_knowledge_base_answers_503_in_the_error_shape(client, broken_kb, path):
    response = client.get(path)
    assert response.status_code == 503
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == "unavailable"
        assert broken_kb in response.json()["error"]["message"]
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>503 —" in response.text and broken_kb in response.text


def test_reads_that_need_no_actors_work_without_the_knowledge_base(client, broken_kb):
    assert client.get("/api/v1/events").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/articles"])
@pytest.mark.parametrize(("text", "found"), [("%", 0), ("%%", 0), ("a%e", 0), ("_ocket", 0), ("_", 1)])
def test_text_filters_match_percent_and_underscore_literally(client, path, text, found):
    # only the hostile sample article (and its event) holds an underscore ("window.__pwned")
    assert client.get(path, params={"text": text}).json()["total"] == found
    assert client.get(path).json()["total"] > 1


def test_text_filter_finds_a_literal_percent_sign(writer, auth):
    body = dict(ARTICLE, text="Turnout fell to 40% in the Anbar vote, the commission said on Tuesday evening.")
    assert writer.post("/api/v1/articles", json=body, headers=auth).status_code == 201
    assert writer.get("/api/v1/articles", params={"text": "40%"}).json()["total"] == 1
    assert writer.get("/api/v1/articles", params={"text": "4_%"}).json()["total"] == 0


@pytest.mark.parametrize("query", ["", "?kind=protest", "?kind=attack", "?admin1=Baghdad", "?text=convoy", "?kind=nothing"])
def test_actors_total_counts_the_filtered_actors(client, query):
    page = client.get(f"/api/v1/actors{query}").json()
    assert page["total"] == len(page["items"])  # the sample has fewer actors than a page
    everyone = client.get("/api/v1/actors").json()["total"]
    assert page["total"] <= everyone
