"""A hostile article (script tags, event handlers, a javascript: URL, template syntax in its text,
title, outlet, actor, place and story) is stored, and every page shows it as inert text."""

from __future__ import annotations

import re

import pytest
from tests.fixtures.sample import HOSTILE, HOSTILE_URL

RAW = ["<script>window", "<img src=x", "onerror=\"window"]


def hostile_article_id(client) -> str:
    found = client.get("/api/v1/articles?text=drone+attack+on+a+base").json()["items"]
    assert len(found) == 1
    return found[0]["id"]


def hostile_pages(client) -> list[str]:
    actor = [a["actor_id"] for a in client.get("/api/v1/actors").json()["items"] if a["actor_id"].startswith("unk:")]
    from urllib.parse import quote

    return [
        "/",
        "/events",
        "/events?text=drone",
        "/events/ev-hostile",
        "/stories",
        "/stories/story-hostile",
        "/actors",
        "/actors/" + quote(actor[0], safe=""),
        "/articles",
        f"/articles/{hostile_article_id(client)}",
        "/failures",
    ]


def test_the_hostile_input_is_stored_verbatim(client):
    article = client.get(f"/api/v1/articles/{hostile_article_id(client)}").json()["article"]
    assert HOSTILE in article["text"] and HOSTILE in article["title"] and HOSTILE in article["outlet"]
    assert article["url"] == HOSTILE_URL


def test_every_page_escapes_the_hostile_article(client):
    for path in hostile_pages(client):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.text
        for raw in RAW:
            assert raw not in html, (path, raw)
        assert "&lt;script&gt;" in html or "%3Cscript%3E" in html, path
        # template syntax from the article stays literal, never evaluated
        assert "{{ 7*7 }}" in html, path
        assert not re.search(r"(Drone attack|Outlet|Story|Erbil) 49", html), path
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE), path


def test_hostile_url_is_not_a_link_on_the_article_page(client):
    html = client.get(f"/articles/{hostile_article_id(client)}").text
    assert "javascript:window.__pwned=3;alert(3)" in html  # shown as text
    assert 'rel="noopener noreferrer nofollow"' not in html  # no "original" link was made


def test_highlighted_hostile_text_is_escaped_inside_marks(client):
    html = client.get(f"/articles/{hostile_article_id(client)}").text
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", html, re.DOTALL)
    assert any("&lt;script&gt;" in m for m in marked)
    assert not any("<script" in m or "<img" in m for m in marked)


@pytest.mark.parametrize("path", ["/", "/events/ev-hostile", "/failures"])
def test_pages_forbid_inline_scripts(client, path):
    policy = client.get(path).headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "object-src 'none'" in policy


def test_posted_hostile_article_is_escaped_too(writer, auth):
    body = {"text": "Posted text " + HOSTILE, "title": HOSTILE, "outlet": HOSTILE, "url": HOSTILE_URL}
    created = writer.post("/api/v1/articles", json=body, headers=auth).json()
    html = writer.get(f"/articles/{created['ids'][0]}").text
    for raw in RAW:
        assert raw not in html
    assert "{{ 7*7 }}" in html and "Posted text" in html
    assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE)
