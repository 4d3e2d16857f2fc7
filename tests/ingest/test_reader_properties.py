"""Properties of every reader over generated documents: a document of each format (plain text,
HTML, JSON, JSON lines, CSV, RSS, Atom, WARC), cut short at any byte and followed by junk bytes,
never raises: it yields only articles and failures with a one-line reason."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventledger.ingest import read_source
from eventledger.ingest.sources import Source
from eventledger.models import Article, Failure

WORDS = ["police", "said", "gunmen", "attacked", "a", "checkpoint", "near", "the", "river", "town", "on", "Monday",
         "two", "officers", "were", "wounded", "officials", "told", "reporters", "later", "convoy", "market", "in",
         "bomb", "exploded", "killing", "three", "people", "residents", "protesters", "gathered", "square"]

sentence = st.lists(st.sampled_from(WORDS), min_size=8, max_size=18).map(lambda ws: " ".join(ws).capitalize() + ".")
bodies = st.lists(sentence, min_size=3, max_size=8)
titles = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(lambda ws: " ".join(ws).title())


def as_text(title: str, body: list[str]) -> bytes:
    return (f"{title}\n\n" + "\n\n".join(body) + "\n").encode()


def as_html(title: str, body: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{escape(s)}</p>" for s in body)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def as_json(title: str, body: list[str]) -> bytes:
    return json.dumps({"title": title, "text": "\n\n".join(body)}).encode()


def as_jsonl(title: str, body: list[str]) -> bytes:
    return (json.dumps({"title": title, "text": "\n\n".join(body)}) + "\n").encode()


def as_csv(title: str, body: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text"])
    writer.writerow([title, "\n\n".join(body)])
    return out.getvalue().encode()


def as_rss(title: str, body: list[str]) -> bytes:
    text = escape("<p>" + "</p><p>".join(body) + "</p>")
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>'
            f"<item><title>{escape(title)}</title><description>{text}</description></item></channel></rss>").encode()


def as_atom(title: str, body: list[str]) -> bytes:
    text = escape("<p>" + "</p><p>".join(body) + "</p>")
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
            f'<entry><title>{escape(title)}</title><content type="html">{text}</content></entry></feed>').encode()


def as_warc(title: str, body: list[str]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    page = as_html(title, body)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(page),
                                                  http_headers=headers))
    return out.getvalue()


FORMATS: dict[str, tuple[str, Callable[[str, list[str]], bytes]]] = {
    "text": ("a.txt", as_text), "html": ("a.html", as_html), "json": ("a.json", as_json),
    "jsonl": ("a.jsonl", as_jsonl), "csv": ("a.csv", as_csv), "rss": ("a.xml", as_rss),
    "atom": ("a.atom", as_atom), "warc": ("a.warc", as_warc),
}


def read(name: str, data: bytes) -> list[Article | Failure]:
    return list(read_source(Source(location=name, kind="bytes", data=data), fetcher=None, max_bytes=1_000_000))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(FORMATS)), title=titles, body=bodies, cut=st.floats(0, 1), junk=st.binary(max_size=40))
def test_each_reader_given_a_damaged_document_yields_only_articles_and_one_line_failures(
    kind: str, title: str, body: list[str], cut: float, junk: bytes
) -> None:
    name, write = FORMATS[kind]
    data = write(title, body)
    for result in read(name, data[: int(len(data) * cut)] + junk):
        assert isinstance(result, (Article, Failure))
        if isinstance(result, Failure):
            assert result.reason and "\n" not in result.reason
        else:
            assert result.text.strip() and result.id
