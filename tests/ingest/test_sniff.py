"""The format of an input is decided by its content; name and content type only break ties."""

from __future__ import annotations

import json

import pytest

from eventledger.ingest import sniff

from .corpus import ROCKET_BODY, html_page, paragraphs

TEXT = paragraphs(ROCKET_BODY)


@pytest.mark.parametrize(
    ("content", "name", "content_type", "expected"),
    [
        (TEXT, "a.txt", "", "text"),
        (TEXT, "a.html", "", "text"),
        (TEXT, "", "text/plain", "text"),
        (html_page("T", ROCKET_BODY), "a.txt", "", "html"),
        (html_page("T", ROCKET_BODY), "", "", "html"),
        ("<p>" + ROCKET_BODY[0] + "</p><p>" + ROCKET_BODY[1] + "</p><div>x</div>", "fragment", "", "html"),
        (TEXT, "page", "text/html; charset=utf-8", "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "news.html", "", "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "", "", "feed"),
        (TEXT, "", "application/rss+xml", "feed"),
        (json.dumps({"text": TEXT}), "a.txt", "", "json"),
        (json.dumps([{"text": TEXT}]), "", "", "json"),
        (json.dumps({"text": "a"}) + "\n" + json.dumps({"text": "b"}), "a.json", "", "jsonl"),
        (json.dumps({"text": "a"}), "a.jsonl", "", "jsonl"),
        ("id,text\n1,hello there\n", "a.csv", "", "csv"),
        ("id,notes,date\n1,hello there,2020-01-01\n", "export", "", "csv"),
        ("id\tEventSnippet\tlabel\n1\thello\tATTACK\n", "x.tsv", "", "csv"),
        ("place,killed\nBasra,2\n", "a.csv", "", "text"),
        ("https://a.example/1\nhttps://a.example/2\n", "list.txt", "", "urls"),
        ("Read this: https://a.example/1\n", "list.txt", "", "text"),
        ("[Updated] " + TEXT, "", "", "text"),
        ("{Editor's note} " + TEXT, "", "", "text"),
        ("Summary, notes, and text of the speech follow below.\n" + TEXT, "", "", "text"),
        ("Text, photos and video\n" + TEXT, "", "", "text"),
        ("[]", "", "", "json"),
        ('[\n  {"text": "x"}\n]', "", "", "json"),
    ],
)
def test_sniff(content: str, name: str, content_type: str, expected: str) -> None:
    assert sniff(content, name, content_type) == expected
