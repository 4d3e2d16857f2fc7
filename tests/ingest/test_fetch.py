"""Fetching over real HTTP on 127.0.0.1: pages, feeds, refused schemes, timeouts, size caps."""

from __future__ import annotations

import gzip
import time

import pytest

from eventledger.errors import FetchError, TooLargeError
from eventledger.ingest import HttpxFetcher, MockFetcher, check_url, read_inputs, read_source
from eventledger.ingest.sources import Source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, ROCKET_BODY, html_page, paragraphs


@pytest.fixture
def fetcher():
    with HttpxFetcher(timeout=1.0, max_bytes=200_000, max_redirects=3) as real:
        yield real


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/a.txt", "data:text/html,<p>x</p>", "example.org/a",
     "http://", "mailto:desk@example.org"],
)
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)
    [failure] = list(read_source(Source(location=url, kind="url"), fetcher=MockFetcher()))
    assert isinstance(failure, Failure)


def test_html_page_is_fetched_and_read(server, fetcher) -> None:
    url = server.route("/news/rockets", html_page("Rockets near the airbase", ROCKET_BODY))
    [article] = list(read_source(url, fetcher=fetcher))
    assert isinstance(article, Article)
    assert article.url == url and article.source == url
    assert article.title == "Rockets near the airbase"
    assert article.fetched_at is not None
    assert article.text.startswith("Four rockets")


def test_plain_text_url_uses_the_text_reader(server, fetcher) -> None:
    url = server.route("/story.txt", "Convoy hit\n\n" + paragraphs(CONVOY_BODY), content_type="text/plain; charset=utf-8")
    [article] = list(read_source(url, fetcher=fetcher))
    assert article.format == "text" and article.title == "Convoy hit" and article.url == url


def test_declared_legacy_charset_is_used(server, fetcher) -> None:
    arabic = "سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين ولم تسجل اي اصابات بين الجنود."
    url = server.route("/ar.txt", arabic.encode("cp1256"), content_type="text/plain; charset=windows-1256")
    [article] = list(read_source(url, fetcher=fetcher))
    assert article.text == arabic


def test_redirect_is_followed(server, fetcher) -> None:
    target = server.route("/final", html_page("Convoy struck", CONVOY_BODY))
    url = server.route("/moved", b"", status=301, headers={"Location": "/final"})
    [article] = list(read_source(url, fetcher=fetcher))
    assert article.url == target


def test_redirect_loop_is_bounded(server, fetcher) -> None:
    server.route("/loop-a", b"", status=302, headers={"Location": "/loop-b"})
    url = server.route("/loop-b", b"", status=302, headers={"Location": "/loop-a"})
    [failure] = list(read_source(url, fetcher=fetcher))
    assert "too many redirects" in failure.reason


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_redirect_to_another_scheme_is_refused(server, fetcher, target: str) -> None:
    url = server.route(f"/to-{target.split(':')[0]}", b"", status=302, headers={"Location": target})
    [failure] = list(read_source(url, fetcher=fetcher))
    assert isinstance(failure, Failure) and url in failure.reason and "scheme is refused" in failure.reason


def test_http_error_is_a_failure(server, fetcher) -> None:
    [failure] = list(read_source(server.url("/nothing-here"), fetcher=fetcher))
    assert isinstance(failure, Failure) and "HTTP 404" in failure.reason


def test_unreachable_url_fails_fast(closed_port: int, fetcher) -> None:
    started = time.perf_counter()
    [failure] = list(read_source(f"http://127.0.0.1:{closed_port}/x", fetcher=fetcher))
    assert "cannot connect" in failure.reason
    assert time.perf_counter() - started < 2


def test_stalling_server_times_out(server) -> None:
    server.handler.stall_seconds = 3.0
    with HttpxFetcher(timeout=0.5) as quick:
        started = time.perf_counter()
        [failure] = list(read_source(server.url("/stall"), fetcher=quick))
        assert "timed out" in failure.reason
        assert time.perf_counter() - started < 2.5


def test_trickling_server_hits_the_overall_deadline(server) -> None:
    with HttpxFetcher(timeout=0.6) as quick:
        started = time.perf_counter()
        with pytest.raises(FetchError, match="timed out"):
            quick.get(server.url("/trickle"))
        assert time.perf_counter() - started < 2.5


def test_declared_oversize_body_is_refused(server) -> None:
    url = server.route("/big", b"x" * 5000)
    with HttpxFetcher(max_bytes=1000) as small, pytest.raises(TooLargeError):
        small.get(url)


def test_undeclared_oversize_body_is_cut_off(server) -> None:
    body = gzip.compress(b"<p>" + b"a " * 500_000 + b"</p>")
    url = server.route("/bomb", body, headers={"Content-Encoding": "gzip"})
    with HttpxFetcher(max_bytes=100_000) as small, pytest.raises(TooLargeError):
        small.get(url)


def test_polite_user_agent_is_sent(server) -> None:
    seen: list[str] = []

    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, text="ok")

    with HttpxFetcher(user_agent="eventledger-test/1.0 (+contact)", transport=httpx.MockTransport(handler)) as mocked:
        page = mocked.get("https://news.example.org/a")
    assert seen == ["eventledger-test/1.0 (+contact)"] and page.body == b"ok"


def test_url_list_file_expands_to_each_url(tmp_path, server, fetcher, closed_port) -> None:
    first = server.route("/list/1", html_page("Rockets near the airbase", ROCKET_BODY))
    second = server.route("/list/2", html_page("Convoy struck", CONVOY_BODY))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's links\n{first}\n\n{second}\njavascript:void(0)\nhttp://127.0.0.1:{closed_port}/gone\n")
    results = list(read_inputs([str(listing)], fetcher))
    assert [r.url for r in results if isinstance(r, Article)] == [first, second]
    reasons = [r.reason for r in results if isinstance(r, Failure)]
    assert len(reasons) == 2 and "scheme 'javascript' refused" in reasons[0] and "cannot connect" in reasons[1]


def test_mock_fetcher_records_requests_and_raises_for_unknown_urls() -> None:
    mock = MockFetcher({"https://a.example/x": html_page("Convoy struck", CONVOY_BODY), "https://a.example/boom": FetchError("boom")})
    assert mock.get("https://a.example/x").status == 200
    with pytest.raises(FetchError, match="boom"):
        mock.get("https://a.example/boom")
    with pytest.raises(FetchError, match="cannot connect"):
        mock.get("https://a.example/missing")
    assert mock.requested == ["https://a.example/x", "https://a.example/boom", "https://a.example/missing"]
