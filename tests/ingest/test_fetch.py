"""Fetching over real HTTP on 127.0.0.1: pages, feeds, refused schemes, timeouts, size caps."""

from __future__ import annotations

import gzip
import time

import pytest

from eventledger.errors import FetchError, TooLargeError
from eventledger.ingest import HttpxFetcher, MockFetcher, check_url, read_inputs, read_source
from eventledger.ingest.fetch import address_refused
from eventledger.ingest.sources import Source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, ROCKET_BODY, html_page, paragraphs


@pytest.fixture
def fetcher():
    with HttpxFetcher(timeout=1.0, max_bytes=200_000, max_redirects=3, allow_private_addresses=True) as real:
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
    with HttpxFetcher(timeout=0.5, allow_private_addresses=True) as quick:
        started = time.perf_counter()
        [failure] = list(read_source(server.url("/stall"), fetcher=quick))
        assert "timed out" in failure.reason
        assert time.perf_counter() - started < 2.5


def test_trickling_server_hits_the_overall_deadline(server) -> None:
    with HttpxFetcher(timeout=0.6, allow_private_addresses=True) as quick:
        started = time.perf_counter()
        with pytest.raises(FetchError, match="timed out"):
            quick.get(server.url("/trickle"))
        assert time.perf_counter() - started < 2.5


def test_declared_oversize_body_is_refused(server) -> None:
    url = server.route("/big", b"x" * 5000)
    with HttpxFetcher(max_bytes=1000, allow_private_addresses=True) as small, pytest.raises(TooLargeError):
        small.get(url)


def test_undeclared_oversize_body_is_cut_off(server) -> None:
    body = gzip.compress(b"<p>" + b"a " * 500_000 + b"</p>")
    url = server.route("/bomb", body, headers={"Content-Encoding": "gzip"})
    with HttpxFetcher(max_bytes=100_000, allow_private_addresses=True) as small, pytest.raises(TooLargeError):
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


# -- addresses that are not public are refused by default ------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
        ("172.16.5.4", "private"), ("fd12::1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
        ("100.100.100.200", "metadata"), ("192.0.0.192", "metadata"), ("0.0.0.0", "this machine"),
        ("::ffff:127.0.0.1", "loopback"), ("2002:7f00:1::1", "loopback"), ("64:ff9b::a00:1", "private"),
        ("224.0.0.1", "not a public"), ("100.64.0.1", "not a public"),
    ],
)
def test_addresses_that_are_not_public_are_refused(address: str, kind: str) -> None:
    assert kind in (address_refused(address) or "")


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refused(address) is None


@pytest.fixture
def guarded():
    with HttpxFetcher(timeout=1.0, max_redirects=3) as default:
        yield default


def test_loopback_is_refused_by_default_and_never_contacted(server, guarded) -> None:
    url = server.route("/internal/admin", html_page("Internal", ROCKET_BODY))
    server.handler.seen = []
    [failure] = list(read_source(url, fetcher=guarded))
    assert isinstance(failure, Failure)
    assert "refused" in failure.reason and "loopback" in failure.reason and "allow_private_addresses" in failure.reason
    assert server.handler.seen == []


def test_a_host_name_is_checked_after_resolution(server, guarded) -> None:
    url = server.route("/by-name", html_page("Internal", ROCKET_BODY)).replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match="localhost resolves to .* loopback"):
        guarded.get(url)


def test_a_redirect_to_a_private_address_is_refused(server, guarded, monkeypatch) -> None:
    # The first hop is public (a stand-in: this one address is let through), the redirect is not.
    import eventledger.ingest.fetch as fetch

    server.route("/secret", html_page("Internal", ROCKET_BODY))
    server.route("/hop", b"", status=302, headers={"Location": f"http://127.0.0.2:{server.port}/secret"})
    checked = fetch.address_refused
    monkeypatch.setattr(fetch, "address_refused", lambda a: None if a == "127.0.0.1" else checked(a))
    server.handler.seen = []
    with pytest.raises(FetchError, match=r"127\.0\.0\.2:\d+/secret: refused: 127\.0\.0\.2 is a loopback address"):
        guarded.get(server.url("/hop"))
    assert server.handler.seen == ["/hop"]


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch) -> None:
    # DNS rebinding: the name is public when the request is checked and loopback when connecting.
    import socket

    import eventledger.ingest.fetch as fetch

    real = socket.getaddrinfo
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", server.port))]])

    def rebinding(host, port, *args, **kwargs):
        if host == "news.example":
            return next(answers, None) or real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", rebinding)
    server.handler.seen = []
    with HttpxFetcher(timeout=1.0) as default, pytest.raises(FetchError, match="resolves to 127.0.0.1, which is a loopback"):
        default.get(f"http://news.example:{server.port}/rebound")
    assert server.handler.seen == []


def test_a_feed_item_linking_to_loopback_is_not_fetched(tmp_path, server, guarded) -> None:
    link = server.route("/private/page", html_page("Internal", ROCKET_BODY))
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Inside</title><link>{link}</link><description>{CONVOY_BODY[0]}</description></item>"
        "</channel></rss>"
    )
    server.handler.seen = []
    results = list(read_inputs([str(feed)], guarded))
    assert server.handler.seen == []
    [article] = [r for r in results if isinstance(r, Article)]
    assert article.text == CONVOY_BODY[0]  # the feed's own summary, not the internal page
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert "loopback" in failure.reason


def test_pipeline_refuses_private_addresses_unless_the_setting_allows_them(tmp_path, server) -> None:
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    url = server.route("/allowed", html_page("Rockets near the airbase", ROCKET_BODY))
    for allowed, added in ((False, 0), (True, 1)):
        with open_store(str(tmp_path / f"{allowed}.db")) as store:
            settings = Settings(db=str(tmp_path / f"{allowed}.db"), allow_private_addresses=allowed)
            assert Pipeline(store, settings).ingest([url]).added == added
