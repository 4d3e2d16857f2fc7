"""Keeping feeds coming in: ``eventledger watch FEEDS_FILE --every 15m``.

Each round polls the feeds that are due, with a conditional GET (the ``ETag`` and
``Last-Modified`` of the last answer go back as ``If-None-Match`` and ``If-Modified-Since``, so an
unchanged feed costs one 304), reads the entries whose pages are not stored yet, stores them
through :meth:`Pipeline.add` and, when anything new came in, extracts and links it
(:meth:`Pipeline.process_pending`). A feed that fails waits longer before its next poll: the
interval doubles with each error in a row, up to :data:`MAX_BACKOFF`. What a poll learns (the
validators, the errors in a row, when the next poll is due) is kept in the store's feeds table,
so a watcher that is stopped and started again neither re-fetches what it has nor forgets a
feed's backoff. ``eventledger feeds`` and the dashboard's feeds page show the table.

A feeds file lists one URL per line (RSS, Atom, or a page to follow); blank lines and lines that
start with ``#`` are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventledger.errors import EventledgerError, FetchError, IngestError
from eventledger.ingest import FetchedPage, check_url, read_bytes
from eventledger.ingest.fetch import ConditionalFetcher
from eventledger.models import Article, Failure
from eventledger.pipeline import Pipeline, RunSummary
from eventledger.store import FeedState

MAX_BACKOFF = 24 * 3600.0  # seconds: a feed that keeps failing is still tried once a day
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$", re.IGNORECASE)
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class WatchError(EventledgerError):
    """A feeds file or an interval that cannot be used."""


def parse_interval(text: str) -> float:
    """Seconds in an interval written ``90s``, ``15m``, ``1.5h`` or ``1d``."""
    match = _INTERVAL.match(text)
    if not match:
        raise WatchError(f"interval {text!r} not understood: write a number and a unit, e.g. 90s, 15m, 2h, 1d")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds < 1:
        raise WatchError(f"interval {text!r} is shorter than a second")
    return seconds


def read_feed_list(path: Path) -> list[str]:
    """The URLs of a feeds file, in order, each once; ``WatchError`` naming every bad line."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise WatchError(f"cannot read the feeds file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise WatchError(f"the feeds file {path} is not UTF-8 text") from None
    urls: list[str] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            url = check_url(line)
        except FetchError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if url not in urls:
            urls.append(url)
    if problems:
        raise WatchError(f"{path}: " + "; ".join(problems))
    if not urls:
        raise WatchError(f"{path} lists no feed (one URL per line; # starts a comment)")
    return urls


@dataclass
class FeedPoll:
    """What one poll of one feed did."""

    url: str
    status: str  # ok | not_modified | error
    added: int = 0  # new articles stored
    failures: int = 0  # entries (or linked pages) that could not be read
    error: str | None = None
    etag: str = ""  # the validators the answer carried
    last_modified: str = ""


@dataclass
class RoundSummary:
    """One round: the feeds polled (those not yet due are skipped) and the processing after."""

    polls: list[FeedPoll] = field(default_factory=list)
    skipped: int = 0
    processed: RunSummary | None = None

    @property
    def added(self) -> int:
        return sum(p.added for p in self.polls)


class _StoredUrls:
    """``url in stored``: whether the store holds an article fetched from ``url`` (asked per entry)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.store = pipeline.store

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.store.has_article_url(url)


class Watcher:
    """Polls feeds into one pipeline's store. ``clock`` gives the time (UTC, naive) — tests move it."""

    def __init__(
        self,
        pipeline: Pipeline,
        fetcher: ConditionalFetcher,
        every: float,
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.every = every
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None))

    # -- one round -------------------------------------------------------------------------------

    def poll_round(self, urls: Sequence[str]) -> RoundSummary:
        """Poll every due feed of ``urls``, then extract and link what came in."""
        summary = RoundSummary()
        states = self.pipeline.store.feed_states()
        now = self.clock()  # one reading per round: feeds polled together come due together
        for url in urls:
            state = states.get(url, FeedState(url=url))
            if state.next_due is not None and state.next_due > now:
                summary.skipped += 1
                continue
            summary.polls.append(self.poll_feed(state, now))
        if summary.added or self.pipeline.store.pending_extraction(limit=1):
            summary.processed = self.pipeline.process_pending()
        return summary

    def poll_feed(self, state: FeedState, now: dt.datetime | None = None) -> FeedPoll:
        """Poll one feed (whatever its due time), store its new entries and its new state; the
        next poll is due ``every`` seconds (more after errors) after ``now`` (default: the clock)."""
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            page = self.fetcher.get(state.url, headers=headers)
            poll = self._read(state.url, page)
        except IngestError as exc:
            poll = FeedPoll(url=state.url, status="error", error=str(exc))
        self.pipeline.store.save_feed_state(self._next_state(state, poll, now or self.clock()))
        return poll

    def _read(self, url: str, page: FetchedPage) -> FeedPoll:
        if page.not_modified:
            return FeedPoll(url=url, status="not_modified", etag=page.etag, last_modified=page.last_modified)
        settings = self.pipeline.settings
        items = list(_read_page(page, self.fetcher, settings.max_bytes, settings.max_text_chars, _StoredUrls(self.pipeline)))
        own = [i for i in items if isinstance(i, Failure) and i.source in (url, page.final_url)]
        articles = [i for i in items if isinstance(i, Article)]
        if own and not articles:  # the feed itself could not be read: garbage, not a feed, empty
            return FeedPoll(url=url, status="error", error="; ".join(f.reason for f in own)[:500])
        added = self.pipeline.add(items)
        return FeedPoll(url=url, status="ok", added=added.added, failures=added.failures, etag=page.etag,
                        last_modified=page.last_modified)

    def _next_state(self, state: FeedState, poll: FeedPoll, now: dt.datetime) -> FeedState:
        if poll.status == "error":
            errors = state.errors + 1
            wait = min(self.every * 2 ** (errors - 1), max(MAX_BACKOFF, self.every))
            return replace(state, status="error", last_error=poll.error, errors=errors, polls=state.polls + 1,
                           last_checked=now, next_due=now + dt.timedelta(seconds=wait))
        return replace(
            state,
            status=poll.status,
            # a 304 may leave the validators out: keep the ones that earned it
            etag=poll.etag or state.etag,
            last_modified=poll.last_modified or state.last_modified,
            last_error=None,
            errors=0,
            polls=state.polls + 1,
            articles=state.articles + poll.added,
            last_checked=now,
            last_success=now,
            next_due=now + dt.timedelta(seconds=self.every),
        )

    # -- the loop --------------------------------------------------------------------------------

    def run(
        self,
        urls: Sequence[str],
        *,
        rounds: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        report: Callable[[RoundSummary], None] | None = None,
    ) -> int:
        """Poll round after round (``rounds`` of them, or until interrupted); the rounds run."""
        done = 0
        while rounds is None or done < rounds:
            summary = self.poll_round(urls)
            done += 1
            if report is not None:
                report(summary)
            if rounds is not None and done >= rounds:
                break
            sleep(self._seconds_to_next(urls))
        return done

    def _seconds_to_next(self, urls: Sequence[str]) -> float:
        states = self.pipeline.store.feed_states()
        now = self.clock()
        due = [states[u].next_due for u in urls if u in states and states[u].next_due is not None]
        if len(due) < len(urls):
            return 0.0
        soonest = min(d for d in due if d is not None)
        return max(0.0, min((soonest - now).total_seconds(), self.every))


def _read_page(
    page: FetchedPage, fetcher: ConditionalFetcher, max_bytes: int, max_text_chars: int, stored: _StoredUrls
) -> Iterator[Article | Failure]:
    url = page.final_url or page.url
    try:
        yield from read_bytes(page.body, source=url, fetcher=fetcher, max_bytes=max_bytes, max_text_chars=max_text_chars,
                              name=url, content_type=page.content_type, encoding=page.encoding, url=url,
                              skip_urls=stored)
    except IngestError as exc:
        yield Failure(source=url, reason=str(exc), stage="ingest")
