"""``eventledger watch``: feeds polled from a real HTTP server on 127.0.0.1 that changes between
polls, answers conditional GETs, fails, stalls and serves garbage; the store keeps what each poll
learnt across restarts."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store
from eventledger.watch import MAX_BACKOFF, Watcher, WatchError, parse_interval, read_feed_list

PAGES = {
    "/news/checkpoint": (
        "Checkpoint attacked near Kirkuk",
        "KIRKUK, Iraq — Gunmen opened fire on an army checkpoint south of Kirkuk on Monday night, "
        "killing two soldiers and wounding three others, a local police officer said. "
        "No group said it was behind the attack, the officer added.",
    ),
    "/news/market": (
        "Bomb explodes in Tuz Khurmatu market",
        "TUZ KHURMATU, Iraq — A roadside bomb exploded near a crowded vegetable market in Tuz Khurmatu "
        "on Wednesday, wounding four civilians, the town's mayor told reporters. "
        "Security forces closed the roads around the market after the blast.",
    ),
}


def page_html(path: str) -> bytes:
    title, text = PAGES[path]
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>".encode()


def rss(server: FeedServer, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{PAGES[p][0]}</title><link>{server.url(p)}</link><description>{PAGES[p][0]}</description></item>"
        for p in paths
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'.encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    feeds: dict[str, tuple[str, bytes]]  # path -> (etag, body); each test's server has its own
    requests: list[tuple[str, str]]  # (path, If-None-Match sent)
    answered_304: list[str]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("If-None-Match", "")))
        if self.path == "/broken":
            self._send(500, b"internal error")
        elif self.path == "/slow":
            time.sleep(2.5)  # longer than the tests' fetch timeout
            self._send(200, b"too late")
        elif self.path == "/garbage":
            self._send(200, bytes(range(256)) * 20, "application/rss+xml")
        elif self.path in self.feeds:
            etag, body = self.feeds[self.path]
            if self.headers.get("If-None-Match") == etag:
                self.answered_304.append(self.path)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
            else:
                self._send(200, body, "application/rss+xml", etag)
        elif self.path in PAGES:
            self._send(200, page_html(self.path), "text/html; charset=utf-8")
        else:
            self._send(404, b"not found")

    def _send(self, status: int, body: bytes, content_type: str = "text/plain", etag: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class FeedServer:
    def __init__(self) -> None:
        self.handler = type("Handler", (_Handler,), {"feeds": {}, "requests": [], "answered_304": []})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def publish(self, path: str, paths: list[str], etag: str) -> str:
        self.handler.feeds[path] = (f'"{etag}"', rss(self, paths))
        return self.url(path)

    def fetched(self, path: str) -> int:
        return sum(1 for p, _ in self.handler.requests if p == path)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    local = FeedServer()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 5, 8, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


EVERY = 900.0


def watcher(db: str, clock: Clock) -> Iterator[Watcher]:
    settings = Settings(db=db, allow_private_addresses=True, fetch_timeout=1.0, engine="local")
    with open_store(db) as store:
        pipeline = Pipeline(store, settings)
        with pipeline.http_fetcher() as fetcher:
            yield Watcher(pipeline, fetcher, EVERY, clock=clock)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_feed_brings_its_entries_in_and_they_are_extracted_and_linked(server, clock, tmp_path):
    feed = server.publish("/feed.xml", ["/news/checkpoint"], "v1")
    for watch in watcher(str(tmp_path / "w.db"), clock):
        summary = watch.poll_round([feed])
        [poll] = summary.polls
        assert (poll.status, poll.added) == ("ok", 1)
        assert summary.processed is not None and summary.processed.link.events >= 1
        events = watch.pipeline.store.list_events()
        assert any(e.kind == "attack" and e.killed_low == 2 for e in events)
        assert watch.pipeline.store.feed_states()[feed].articles == 1


def test_an_unchanged_feed_costs_a_304_and_a_changed_one_only_its_new_entries(server, clock, tmp_path):
    feed = server.publish("/feed.xml", ["/news/checkpoint"], "v1")
    for watch in watcher(str(tmp_path / "w.db"), clock):
        watch.poll_round([feed])
        clock.advance(EVERY)
        [poll] = watch.poll_round([feed]).polls
        assert poll.status == "not_modified"
        assert server.handler.answered_304 == ["/feed.xml"]

        server.publish("/feed.xml", ["/news/market", "/news/checkpoint"], "v2")
        clock.advance(EVERY)
        [poll] = watch.poll_round([feed]).polls
        assert (poll.status, poll.added) == ("ok", 1)
    assert server.fetched("/news/checkpoint") == 1  # the stored entry's page is never fetched again
    assert server.fetched("/news/market") == 1


def test_a_feed_not_due_is_not_polled(server, clock, tmp_path):
    feed = server.publish("/feed.xml", ["/news/checkpoint"], "v1")
    for watch in watcher(str(tmp_path / "w.db"), clock):
        watch.poll_round([feed])
        clock.advance(EVERY / 2)
        summary = watch.poll_round([feed])
        assert (summary.polls, summary.skipped) == ([], 1)
    assert server.fetched("/feed.xml") == 1


def test_failing_feeds_back_off_while_the_others_go_on(server, clock, tmp_path):
    good = server.publish("/feed.xml", ["/news/checkpoint"], "v1")
    bad = [server.url(p) for p in ("/broken", "/slow", "/garbage", "/missing")]
    for watch in watcher(str(tmp_path / "w.db"), clock):
        summary = watch.poll_round([good, *bad])
        by_url = {p.url: p for p in summary.polls}
        assert by_url[good].status == "ok" and by_url[good].added == 1
        assert {u: by_url[u].status for u in bad} == dict.fromkeys(bad, "error")
        assert "HTTP 500" in (by_url[bad[0]].error or "")
        assert "timed out" in (by_url[bad[1]].error or "")
        assert "HTTP 404" in (by_url[bad[3]].error or "")
        states = watch.pipeline.store.feed_states()
        assert all(states[u].errors == 1 and states[u].next_due == clock.now + dt.timedelta(seconds=EVERY) for u in bad)

        clock.advance(EVERY)  # all due again: the failing ones fail a second time, and wait twice as long
        watch.poll_round([good, *bad])
        states = watch.pipeline.store.feed_states()
        assert all(states[u].errors == 2 and states[u].next_due == clock.now + dt.timedelta(seconds=2 * EVERY) for u in bad)

        clock.advance(EVERY)  # only the good feed is due
        summary = watch.poll_round([good, *bad])
        assert [p.url for p in summary.polls] == [good] and summary.skipped == len(bad)


def test_the_backoff_never_exceeds_a_day(server, clock, tmp_path):
    bad = server.url("/broken")
    for watch in watcher(str(tmp_path / "w.db"), clock):
        for _ in range(12):
            watch.poll_round([bad])
            clock.now = watch.pipeline.store.feed_states()[bad].next_due or clock.now
        state = watch.pipeline.store.feed_states()[bad]
        assert state.errors == 12
        assert state.next_due is not None and state.last_checked is not None
        assert (state.next_due - state.last_checked).total_seconds() == MAX_BACKOFF


def test_a_restarted_watcher_sends_the_validators_it_stored_and_keeps_the_backoff(server, clock, tmp_path):
    db = str(tmp_path / "w.db")
    feed = server.publish("/feed.xml", ["/news/checkpoint"], "v1")
    bad = server.url("/broken")
    for watch in watcher(db, clock):
        watch.poll_round([feed, bad])
    clock.advance(EVERY)
    clock.advance(1)
    for watch in watcher(db, clock):  # a new process: everything it knows comes from the store
        summary = watch.poll_round([feed, bad])
        assert [(p.url, p.status) for p in summary.polls] == [(feed, "not_modified"), (bad, "error")]
        assert watch.pipeline.store.feed_states()[bad].errors == 2
    assert server.handler.requests[-2] == ("/feed.xml", '"v1"')
    assert server.fetched("/news/checkpoint") == 1


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("1.5h", 5400), ("1d", 86400), (" 2H ", 7200)])
def test_intervals_are_read_with_their_unit(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["15", "m", "-5m", "0.1s", "soon", ""])
def test_an_interval_without_a_unit_or_too_short_is_refused(text):
    with pytest.raises(WatchError, match="interval"):
        parse_interval(text)


def test_a_feeds_file_skips_comments_and_repeats_and_names_each_bad_line(tmp_path):
    good = tmp_path / "feeds.txt"
    good.write_text("# wires\nhttps://example.org/rss\n\nhttps://example.org/rss\nhttp://example.net/atom.xml\n")
    assert read_feed_list(good) == ["https://example.org/rss", "http://example.net/atom.xml"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://example.org/rss\nfile:///etc/passwd\nnot a url\n")
    with pytest.raises(WatchError, match="line 2: .*scheme 'file' refused.*line 3"):
        read_feed_list(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n")
    with pytest.raises(WatchError, match="lists no feed"):
        read_feed_list(empty)
    with pytest.raises(WatchError, match="cannot read the feeds file"):
        read_feed_list(tmp_path / "absent.txt")


def test_the_cli_watches_for_some_rounds_and_feeds_shows_each_feed(server, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_ALLOW_PRIVATE_ADDRESSES", "1")
    monkeypatch.setenv("EVENTLEDGER_FETCH_TIMEOUT", "1")
    monkeypatch.setenv("EVENTLEDGER_ENGINE", "local")
    feed = server.publish("/feed.xml", ["/news/checkpoint", "/news/market"], "v1")
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text(f"{feed}\n{server.url('/broken')}\n")
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(feeds_file), "--every", "1s", "--rounds", "2", "--db", db])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "polled" in line]
    assert len(lines) == 2
    assert "2 feeds polled, 1 error; 2 new articles" in lines[0]
    assert "1 unchanged, 1 error; 0 new articles" in lines[1]
    assert "HTTP 500" in result.stderr

    shown = runner.invoke(app, ["feeds", "--db", db, "--json"])
    rows = {row["url"]: row for row in json.loads(shown.stdout)["feeds"]}
    assert rows[feed]["status"] == "not_modified" and rows[feed]["articles"] == 2
    assert rows[server.url("/broken")]["errors"] == 2


def test_the_cli_refuses_a_bad_interval_with_one_line(tmp_path):
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text("https://example.org/rss\n")
    result = CliRunner().invoke(app, ["watch", str(feeds_file), "--every", "soon", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "interval 'soon' not understood" in result.stderr
    assert not Path(tmp_path / "x.db").exists()
