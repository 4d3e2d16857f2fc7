"""The server-rendered pages: content, filters, pagination, evidence highlighting, errors."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest

PAGES = [
    ("/", "Attacks per month"),
    ("/events", "Export these"),
    ("/events/ev-rocket-bgw", "Reports side by side"),
    ("/events/ev-ied-nasiriyah", "Citation chain"),
    ("/stories", "Attacks on supply convoys"),
    ("/stories/story-airport", "Rocket fire at Baghdad airport"),
    ("/actors", "Kataib Hezbollah"),
    ("/actors/actor:us_forces", "Appears with"),
    ("/articles", "Convoy hit by roadside bomb near Nasiriyah"),
    ("/failures", "feeds/broken.xml"),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_renders(client, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert '<nav>' in response.text and 'href="/events"' in response.text


def test_overview_shows_counts_chart_map_and_latest(client):
    html = client.get("/").text
    assert re.search(r'<span class="value">4</span><span class="label">events</span>', html)
    assert re.search(r'<span class="value">2</span><span class="label">ingest failures</span>', html)
    assert html.count('<svg class="chart"') == 1
    # three attack months, each one bar: the protest is not an attack
    chart = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<rect x=") - chart.count('width="12" height="12"') == 3
    assert 'id="map"' in html and 'data-points="/api/v1/map?kind=attack"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert 'href="/events/ev-hostile"' in html  # the latest event first


def test_static_assets_are_served_locally(client):
    for path in ("/static/style.css", "/static/map.js", "/static/vendor/leaflet/leaflet.js",
                 "/static/geo/world-110m.geojson", "/static/geo/region-50m.geojson",
                 "/static/vendor/swagger-ui/swagger-ui-bundle.js"):
        assert client.get(path).status_code == 200, path
    iraq = [f for f in client.get("/static/geo/region-50m.geojson").json()["features"] if f["properties"]["name"] == "Iraq"]
    assert len(iraq) == 1
    assert "cdn" not in client.get("/docs").text.lower()


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("admin1=Dhi+Qar", ["Nasiriyah"], ["Tahrir Square"]),
        ("kind=protest", ["Tahrir Square"], ["Nasiriyah"]),
        ("event_type=Protests", ["Tahrir Square"], ["Nasiriyah"]),
        ("since=2020-01-01&until=2020-12-31", ["Baghdad International Airport"], ["Nasiriyah", "Tahrir"]),
        ("text=elections", ["Tahrir Square"], ["Nasiriyah"]),
        ("actor=actor%3Aashab_al_kahf", ["Nasiriyah"], ["Tahrir Square"]),
        ("sub_event_type=&kind=&admin1=", ["Nasiriyah", "Tahrir Square"], []),
    ],
)
def test_events_page_filters(client, query, present, absent):
    html = client.get(f"/events?{query}").text
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html.split("<table", 1)[-1]


def test_events_page_suggests_actors_by_name(client):
    html = client.get("/events").text
    datalist = html.split('<datalist id="actor-names">', 1)[1].split("</datalist>", 1)[0]
    values = re.findall(r'<option value="([^"]*)" label="(\d+) events?"', datalist)
    assert ("Ashab al-Kahf", "1") in values and ("Kataib Hezbollah", "1") in values
    assert not any(value.startswith(("actor:", "unk:")) for value, _ in values)  # names, not ids
    assert "&lt;script&gt;" in datalist and "<script" not in datalist


def test_events_page_export_links_keep_the_filter(client):
    html = client.get("/events?admin1=Baghdad&kind=attack").text
    links = re.findall(r'href="/api/v1/exports/events\?([^"]+)"', html)
    assert len(links) == 4
    for fmt, link in zip(("csv", "json", "geojson", "acled"), links, strict=True):
        assert dict(parse_qsl(link.replace("&amp;", "&"))) == {"admin1": "Baghdad", "kind": "attack", "format": fmt}


def test_events_page_sorting(client):
    html = client.get("/events?sort=date").text
    body = html.split("<tbody>", 1)[1]
    assert body.index("2019-11-15") < body.index("2020-03-10") < body.index("2021-03-03")


def test_events_pagination_links(tmp_path, make_client):
    from tests.fixtures.synthetic import synthetic_events

    from eventledger.store import open_store

    db = str(tmp_path / "many.db")
    open_store(db).save_events(list(synthetic_events(120)))
    with make_client(db) as c:
        first = c.get("/events?kind=attack").text
        total = int(re.search(r"page 1 of (\d+) · ([\d,]+) in all", first).group(2))
        assert 'rel="next"' in first and 'rel="prev"' not in first
        assert "page=2" in first and "kind=attack" in first
        last_page = -(-total // 50)
        assert last_page >= 2
        last = c.get(f"/events?kind=attack&page={last_page}").text
        assert 'rel="prev"' in last and 'rel="next"' not in last
        assert last.split("<tbody>", 1)[1].count("<tr>") == total - 50 * (last_page - 1)


def test_events_list_counts_its_matches_up_to_a_cap_and_says_so(tmp_path, make_client, monkeypatch):
    from tests.fixtures.synthetic import synthetic_events

    from eventledger.store import EventFilter, open_store
    from eventledger.web import pages

    db = str(tmp_path / "capped.db")
    events = list(synthetic_events(120))
    store = open_store(db)
    store.save_events(events)
    drones = sum("drone" in (e.summary or "").lower() for e in events)
    assert drones > 12
    assert store.count_events_capped(EventFilter(text="drone"), 12) == (12, False)
    assert store.count_events_capped(EventFilter(text="drone"), drones) == (drones, True)
    # the summary tables answer filters on their columns exactly, however many match
    assert store.count_events_capped(EventFilter(kind="attack"), 5) == (sum(e.kind == "attack" for e in events), True)
    store.close()
    monkeypatch.setattr(pages, "COUNT_CAP", 12)
    with make_client(db) as c:
        first = c.get("/events?text=drone").text
        assert "page 1 of 1+ · 12+ in all" in first and 'rel="next"' in first
        assert "Export these 12+ events" in first
        second = c.get("/events?text=drone&page=2").text
        assert "page 2 of 2+ · 12+ in all" in second and 'rel="prev"' in second
        exact = c.get("/events?kind=attack").text
        assert "+ in all" not in exact


def test_event_page_highlights_evidence_in_each_report(client):
    html = client.get("/events/ev-rocket-bgw").text
    assert '<mark class="hl-wounded" title="wounded: wounding two contractors">wounding two contractors</mark>' in html
    assert '<mark class="hl-wounded" title="wounded: four people were wounded">four people were wounded</mark>' in html
    assert html.count('class="card report"') == 2
    assert "Rudaw" in html and "The National" in html


def test_event_page_shows_conflicts_claims_and_the_citation_chain(client):
    html = client.get("/events/ev-ied-nasiriyah").text
    assert "reports disagree on killed, date" in html
    assert html.count('class="fv agree"') == 1 and html.count('class="fv disagree"') == 3
    assert '<span class="badge ok">claimed</span>' in html
    graph = html.split('<svg class="graph"', 1)[1].split("</svg>", 1)[0]
    for node in ("AP", "police sources", "Shafaq News", "Al-Monitor"):
        assert f">{node}</text>" in graph
    assert graph.count('class="edge"') == 4  # two sources → two outlets → one event


def test_event_page_shows_denials(client):
    html = client.get("/events/ev-rocket-bgw").text
    assert html.count('<span class="badge warn">denied</span>') == 2


def test_article_page_marks_spans_and_links_events(client):
    articles = client.get("/api/v1/articles?text=Nasiriyah+on+3+March").json()["items"]
    html = client.get(f"/articles/{articles[0]['id']}").text
    assert '<mark class="hl-killed" title="killed: killing one driver">killing one driver</mark>' in html
    assert 'title="actor: actor:ashab_al_kahf"' in html
    assert 'href="/events/ev-ied-nasiriyah"' in html
    assert 'href="https://shafaq.example/convoy"' in html


def test_actor_page_lists_events_and_partners(client):
    html = client.get("/actors/actor:kataib_hezbollah").text
    assert "<h1>Kataib Hezbollah</h1>" in html
    assert 'href="/events/ev-rocket-bgw"' in html
    assert 'href="/actors/actor%3Aus_forces"' in html


def test_story_page_lists_articles_and_events(client):
    html = client.get("/stories/story-convoys").text
    assert html.count('href="/articles/') == 2
    assert 'href="/events/ev-ied-nasiriyah"' in html


@pytest.mark.parametrize(
    ("path", "status"),
    [("/events/nope", 404), ("/stories/nope", 404), ("/articles/nope", 404), ("/actors/actor:nobody", 404),
     ("/nowhere", 404), ("/events?since=yesterday", 422), ("/events?page=0", 422), ("/events?sort=colour", 422)],
)
def test_page_errors_render_html(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{status} —" in response.text


def test_actor_page_shows_the_knowledge_base_entry(tmp_path, make_client):
    kb_module = pytest.importorskip("eventledger.kb")
    if not hasattr(kb_module, "load_kb"):
        pytest.skip("the knowledge base has no load_kb yet")
    actors = kb_module.load_kb().actors
    actor = next(a for a in actors.values() if a.aliases and a.affiliations and a.affiliations[0] in actors)
    from eventledger.models import Event
    from eventledger.store import open_store

    db = str(tmp_path / "kb.db")
    with open_store(db) as store:
        store.save_events([Event(id="ev-kb", kind="attack", report_ids=("r-kb",), date="2020-05-05", actors=(actor.id,))])
    with make_client(db) as c:
        html = c.get(f"/actors/{actor.id}").text
        api = c.get(f"/api/v1/actors/{actor.id}").json()
    from markupsafe import escape

    assert f"<h1>{escape(actor.name)}</h1>" in html
    assert str(escape(actor.aliases[-1])) in html
    assert f'href="/actors/{actor.affiliations[0]}"' in html
    assert api["knowledge_base"]["id"] == actor.id and api["name"] == actor.name


@pytest.mark.parametrize(
    ("tile_url", "allowed"),
    [
        ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_tile_url_adds_a_basemap_and_allows_its_host(sample_db, make_client, tile_url, allowed):
    with make_client(sample_db, tile_url=tile_url) as c:
        response = c.get("/")
    assert f'data-tiles="{tile_url}"' in response.text
    images = response.headers["content-security-policy"].split("img-src", 1)[1].split(";")[0]
    assert allowed in images.split()


def test_without_tile_url_the_map_loads_only_local_images(client):
    response = client.get("/")
    assert 'data-tiles=""' in response.text
    assert "img-src 'self' data:;" in response.headers["content-security-policy"]


def test_a_ceasefire_page_shows_the_attacks_before_and_after_it(tmp_path, make_client):
    from eventledger.models import Event
    from eventledger.store import open_store

    def attack(event_id: str, date: str) -> Event:
        return Event(id=event_id, kind="attack", report_ids=(f"r-{event_id}",), date=date, date_precision="day")

    db = str(tmp_path / "compare.db")
    with open_store(db) as store:
        store.save_events([
            Event(id="ev-truce", kind="ceasefire", report_ids=("r-truce",), date="2021-03-10", date_precision="day",
                  actors=("kataib_hezbollah", "qaani")),
            Event(id="ev-talks", kind="meeting", report_ids=("r-talks",), date="2021-03", date_precision="month",
                  actors=("unk:<b>bold</b> group",)),
            attack("ev-feb", "2021-02-15"), attack("ev-apr-1", "2021-04-12"), attack("ev-apr-2", "2021-04-20"),
        ])
    with make_client(db) as c:
        truce_page = c.get("/events/ev-truce").text
        html = c.get("/events/ev-truce/compare").text
        attack_page = c.get("/events/ev-feb").text
        attack_compare = c.get("/events/ev-feb/compare")
        talks = c.get("/events/ev-talks/compare").text
    # the event page links to the comparison, counted on its own page only when asked for
    assert 'href="/events/ev-truce/compare"' in truce_page and 'id="before-after"' not in truce_page
    assert attack_compare.status_code == 404 and "before-after" not in attack_page
    section = html.split('id="before-after"', 1)[1].split("</section>", 1)[0]
    rows = {m[0]: m[1] for m in re.findall(r'<th scope="row">(\d{4}-\d\d)[^<]*</th>(?:<td>\d+</td>){3}\s*<td>(\d+)', section)}
    assert rows == {"2020-12": "0", "2021-01": "0", "2021-02": "1", "2021-03": "0", "2021-04": "2", "2021-05": "0",
                    "2021-06": "0"}
    assert 'href="/events/ev-apr-2"' in section and "Kataib Hezbollah" in section and "Qaani" not in section
    assert "<b>bold</b>" not in talks and "by them”: by <a href=\"/actors/unk%3A%3Cb%3Ebold" in talks
    assert "before: 1 · this month: 0 · after: 2" in section
    assert 'id="before-after"' not in attack_page


def test_reports_from_articles_without_an_outlet_are_sources_of_their_own(tmp_path, make_client):
    from eventledger.link import ArticleInfo, merge_reports
    from eventledger.models import Article, ArticleExtraction, Report
    from eventledger.store import open_store

    db = str(tmp_path / "no-outlet.db")
    ids = ("a1111111aaaa", "a2222222bbbb", "a3333333cccc")
    articles = [Article(id=i, text=f"Rockets struck the base on Monday ({n}).", title=f"Base hit ({n})")
                for n, i in enumerate(ids)]
    reports = [Report(id=f"r-{i}", article_id=i, kind="attack", date="2021-02-15", date_precision="day",
                      place="Balad Air Base", text="Rockets struck the base on Monday.") for i in ids]
    event = merge_reports(reports, {i: ArticleInfo(id=i) for i in ids})
    assert event.independent_sources == 3
    with open_store(db) as store:
        store.add_articles(articles)
        store.save_extractions([ArticleExtraction(article_id=r.article_id, reports=(r,)) for r in reports])
        store.save_events([event])
    with make_client(db) as c:
        html = c.get(f"/events/{event.id}").text
    assert "3 independent sources" in html
    graph = html.split('aria-label="citation chain"', 1)[1].split("</svg>", 1)[0]
    assert graph.count('class="node node-outlet"') == 3


def test_a_generic_actor_is_named_after_the_events_country_on_its_pages(tmp_path, make_client):
    from eventledger.models import Event
    from eventledger.store import open_store

    db = str(tmp_path / "generic.db")
    with open_store(db) as store:
        store.save_events([Event(id="ev-mm", kind="attack", report_ids=("r1",), date="2023-06-27", country="Myanmar",
                                 admin1="Sagaing", actors=("tatmadaw", "civilians"))])
    with make_client(db) as c:
        event_page, events_page, actor_page = (c.get(p).text for p in ("/events/ev-mm", "/events", "/actors/civilians"))
    for html in (event_page, events_page):
        assert "Civilians (Myanmar)" in html and "Civilians (Iraq)" not in html
    assert "<h1>Civilians</h1>" in actor_page  # across events, no one country
