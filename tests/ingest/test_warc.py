"""WARC archives (plain and gzipped): each HTML response record becomes an article."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventledger.ingest import read_source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, html_page


def _warc(records: list[tuple[str, str, bytes, str]], gzip: bool) -> bytes:
    """WARC bytes from (uri, status line, body, content type) response records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, status, body, content_type in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    writer.write_record(writer.create_warc_record("urn:meta", "metadata", payload=io.BytesIO(b"crawl notes"),
                                                  warc_content_type="text/plain"))
    return buffer.getvalue()


PAGES = [
    ("https://a.example/rockets", "200 OK", html_page("Rockets near the airbase", ROCKET_BODY).encode(), "text/html; charset=utf-8"),
    ("https://a.example/style.css", "200 OK", b"body { color: red }", "text/css"),
    ("https://a.example/missing", "404 Not Found", b"<html><body>gone</body></html>", "text/html"),
    ("https://a.example/empty", "200 OK", b"<html><body><nav>Home</nav></body></html>", "text/html"),
    ("https://a.example/convoy", "200 OK", html_page("Convoy struck", CONVOY_BODY).encode("cp1256"), "text/html; charset=windows-1256"),
]


@pytest.mark.parametrize(("gzip", "name"), [(False, "crawl.warc"), (True, "crawl.warc.gz"), (True, "crawl.bin")])
def test_warc_yields_an_article_per_html_response(tmp_path: Path, gzip: bool, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(_warc(PAGES, gzip))
    results = list(read_source(str(path), fetcher=None))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [a.url for a in articles] == ["https://a.example/rockets", "https://a.example/convoy"]
    assert [a.title for a in articles] == ["Rockets near the airbase", "Convoy struck"]
    assert all(a.format == "warc" and a.source.startswith(str(path) + "#") for a in articles)
    assert len(failures) == 2
    assert "HTTP status 404" in failures[0].reason and failures[0].source.endswith("#https://a.example/missing")
    assert "no article text" in failures[1].reason


def test_warc_gz_bomb_stops_at_max_bytes(tmp_path: Path) -> None:
    huge = b"<html><body><p>" + b"a " * 3_000_000 + b"</p></body></html>"
    records = [("https://a.example/first", "200 OK", html_page("Market reopens", MARKET_BODY).encode(), "text/html"),
               ("https://a.example/huge", "200 OK", huge, "text/html")]
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_warc(records, gzip=True))
    assert path.stat().st_size < 200_000
    results = list(read_source(str(path), fetcher=None, max_bytes=1_000_000))
    assert isinstance(results[0], Article) and results[0].url == "https://a.example/first"
    assert isinstance(results[-1], Failure) and "over the limit" in results[-1].reason


def test_warc_without_pages_fails(tmp_path: Path) -> None:
    path = tmp_path / "styles.warc"
    path.write_bytes(_warc([("https://a.example/s.css", "200 OK", b"p{}", "text/css")], gzip=False))
    [failure] = list(read_source(str(path), fetcher=None))
    assert "no HTML response records" in failure.reason


def test_truncated_warc_record_is_a_failure_and_earlier_records_are_kept(tmp_path: Path) -> None:
    data = _warc(PAGES[:1] + PAGES[4:], gzip=False)
    second = data.index(b"WARC/1", 10)  # where the second record starts
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: second + 900])  # the second record stops inside its HTML
    results = list(read_source(str(path), fetcher=None))
    assert isinstance(results[0], Article) and results[0].url == "https://a.example/rockets"
    assert isinstance(results[1], Failure) and "truncated or corrupt" in results[1].reason
    assert results[1].source.endswith("#https://a.example/convoy")
