"""Headless Chromium against a real uvicorn server over the views sample: the timeline draws,
zooms and links to events, the actor network draws names and links to actors, the actor field
completes names. Each test saves a screenshot under its tmp dir; nothing hostile runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.fixtures.sample import HOSTILE
from tests.web.test_browser import ARGS, CHROMIUM, assert_inert, chromium_present, free_port  # noqa: F401

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import uvicorn
    from tests.fixtures.views_sample import views_sample

    from eventledger.store import open_store
    from eventledger.web import create_app

    db = str(tmp_path_factory.mktemp("browser-views") / "views.db")
    store = open_store(db)
    views_sample().save(store)
    store.close()
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def centre_x(page, event_id: str) -> float:
    return float(page.get_attribute(f"a.tl-event[data-id='{event_id}'] circle", "cx"))


def test_timeline_draws_every_dated_event_zooms_and_links(page, tmp_path):
    page.goto("/timeline")
    page.wait_for_selector("#timeline[data-loaded]", timeout=10_000)
    assert page.get_attribute("#timeline", "data-error") is None
    assert page.get_attribute("#timeline", "data-loaded") == "7"
    assert page.locator("a.tl-event").count() == 7
    assert page.locator("a.tl-event[href='/events/ev-misdated']").count() == 0  # listed, not on the axis
    outliers = page.locator(".outliers")
    assert "1921-06-03" in outliers.inner_text() and '"Camp Taji" <script>' in outliers.inner_text()
    # the axis spans 2019-2021, not 1921-2021: the first and last events sit at its two ends
    width = float(page.locator("svg.timeline-svg").get_attribute("width"))
    assert centre_x(page, "ev-protest-tahrir") < 0.15 * width
    assert centre_x(page, "ev-hostile") > 0.85 * width
    assert shot(page, tmp_path, "timeline").stat().st_size > 10_000

    before = centre_x(page, "ev-ied-nasiriyah") - centre_x(page, "ev-taji")
    page.click("button[data-zoom=in]")
    page.wait_for_selector("#timeline[data-zoom='2.00']")
    after = centre_x(page, "ev-ied-nasiriyah") - centre_x(page, "ev-taji")
    assert after == pytest.approx(2 * before, rel=0.01)
    shot(page, tmp_path, "timeline-zoomed")

    page.click("button[data-zoom=reset]")
    page.wait_for_selector("#timeline[data-zoom='1.00']")
    page.locator("a.tl-event[href='/events/ev-taji'] circle").click()
    page.wait_for_url("**/events/ev-taji")
    assert_inert(page)
    assert page.errors == []


def test_story_timeline_leaves_the_misdated_event_beside_the_axis(page, tmp_path):
    page.goto("/stories/story-convoys")
    page.wait_for_selector("#timeline[data-loaded]", timeout=10_000)
    assert page.get_attribute("#timeline", "data-loaded") == "2"
    assert "1 event outside the axis" in page.locator(".outliers").inner_text()
    assert_inert(page)
    assert page.errors == []
    shot(page, tmp_path, "story-timeline")


def test_network_draws_actors_by_name_and_links_them(page, tmp_path):
    page.goto("/network")
    page.wait_for_selector("#network[data-loaded]", timeout=10_000)
    assert page.get_attribute("#network", "data-error") is None
    nodes = int(page.get_attribute("#network", "data-loaded"))
    assert nodes >= 7 and page.locator("a.net-node").count() == nodes
    assert page.locator("line.net-edge").count() == int(page.get_attribute("#network", "data-edges")) >= 4
    labels = page.locator("a.net-node text").all_text_contents()
    assert {"United States Armed Forces", "Kataib Hezbollah", "Ashab al-Kahf", "Government of the United States"} <= set(labels)
    assert not any(label.startswith(("unk:", "kataib_")) for label in labels)  # names, not ids
    assert any(label.startswith("<script>") for label in labels)  # the hostile name, as text
    assert page.locator("line.net-edge.rel-attacked").count() >= 2 and page.locator("line.net-edge.rel-met").count() >= 1
    assert_inert(page)
    assert shot(page, tmp_path, "network").stat().st_size > 10_000
    page.locator("a.net-node[href='/actors/kataib_hezbollah'] circle").click()
    page.wait_for_url("**/actors/kataib_hezbollah")
    assert page.errors == []


def test_actor_field_completes_names_and_filters_by_name(page, tmp_path):
    page.goto("/events")
    field = page.locator("input[name=actor]")
    field.press_sequentially("hezbollah brig", delay=20)
    page.wait_for_selector("ul.suggest li", timeout=5_000)
    first = page.locator("ul.suggest li").first
    assert first.get_attribute("data-id") == "kataib_hezbollah"  # found by an alias ...
    assert first.inner_text().startswith("Kataib Hezbollah")  # ... shown by its name
    shot(page, tmp_path, "actor-completion-suggestions")
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Kataib Hezbollah" and page.locator("ul.suggest").is_hidden()
    page.click("button[type=submit]")
    page.wait_for_url("**/events?*actor=Kataib+Hezbollah*")
    assert page.locator("table.events tbody tr").count() == 1
    assert "Taji" in page.locator("table.events tbody tr").first.inner_text()
    assert field.input_value() == "Kataib Hezbollah"
    shot(page, tmp_path, "actor-completion-filtered")

    field.fill("")
    field.press_sequentially("<scri", delay=20)
    page.locator("ul.suggest li[data-id^='unk:']").first.wait_for(timeout=5_000)
    assert page.locator("ul.suggest li span").first.inner_text() == HOSTILE  # as text
    assert page.locator("ul.suggest img, ul.suggest script").count() == 0
    shot(page, tmp_path, "actor-completion-hostile")
    page.locator("ul.suggest li").first.click()
    assert field.input_value() == HOSTILE
    assert_inert(page)
    assert page.errors == []
