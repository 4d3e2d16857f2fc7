"""Headless Chromium on a real uvicorn server: an event page shows its corrections' history, a
merged id leads to the surviving event, and a hostile reason stays text. The screenshot is saved
under the test's tmp dir (its path is printed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.test_browser import ARGS, CHROMIUM, chromium_present, free_port  # noqa: F401 (fixture)

from eventledger.models import Edit
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings

pytestmark = [pytest.mark.browser]
HOSTILE = '<img src=x onerror="window.__pwned=1">{{ 7*7 }}'


def edit(action: str, event_id: str, author: str, reason: str, **fields: object) -> Edit:
    return Edit(id=None, action=action, event_id=event_id, author=author, reason=reason, **fields)


@pytest.fixture(scope="module")
def corrected_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn
    from tests.fixtures.sample import sample

    from eventledger.store import open_store
    from eventledger.web import create_app

    db = str(tmp_path_factory.mktemp("history") / "history.db")
    with open_store(db) as store:
        sample().save(store)
        pipeline = Pipeline(store, Settings(db=db))
        pipeline.correct(edit("set", "ev-ied-nasiriyah", "rana", "the hospital confirmed two dead",
                              field="killed", value=2))
        pipeline.correct(edit("set", "ev-ied-nasiriyah", "omar", "the road is in Dhi Qar", field="place",
                              value="Highway 1 south of Nasiriyah"))
        pipeline.correct(edit("merge", "ev-ied-nasiriyah", "omar", HOSTILE, other_id="ev-hostile"))
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(corrected_server: str) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, base_url=corrected_server)
        opened = context.new_page()
        opened.dialogs = []
        opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        yield opened
        context.close()
        chromium.close()


def test_an_event_page_shows_its_history_and_a_merged_id_leads_to_it(page, tmp_path: Path):
    response = page.goto("/events/ev-hostile")  # merged into ev-ied-nasiriyah: redirected
    assert response.status == 200 and page.url.endswith("/events/ev-ied-nasiriyah")
    rows = page.locator("#history table.history tbody tr")
    assert rows.count() == 3
    texts = [rows.nth(i).inner_text() for i in range(3)]
    assert "rana" in texts[0] and "set killed = 2" in texts[0] and "the hospital confirmed two dead" in texts[0]
    assert "set place = Highway 1 south of Nasiriyah" in texts[1]
    assert "merged ev-hostile into ev-ied-nasiriyah" in texts[2] and HOSTILE in texts[2]
    assert all(text.rstrip().endswith("applied") for text in texts)
    assert page.locator("#history img").count() == 0
    assert page.dialogs == [] and page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("article.report").count() == 3  # the merged event's reports side by side
    page.locator("#history").scroll_into_view_if_needed()
    path = tmp_path / "event-history.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    print(f"screenshot: {path}")
