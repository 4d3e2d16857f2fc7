"""The main job: ingest → extract → link, over one store.

Each step reads what the store holds and writes back in small transactions, so a run that is
killed at any point leaves the store consistent and running it again completes the work:
ingest skips articles already stored (content-hash ids), extract picks up articles that have no
extraction yet, and linking recomputes events from the stored reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

from eventledger.models import Article, ArticleExtraction, Failure
from eventledger.settings import Settings
from eventledger.store import Store

BATCH = 50  # articles per write transaction

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    failures: int = 0
    seconds: float = 0.0


@dataclass
class ExtractSummary:
    articles: int = 0
    reports: int = 0
    failures: int = 0
    anchored: int = 0  # undated articles extracted again against a date the collection gives them
    seconds: float = 0.0


@dataclass
class LinkSummary:
    reports: int = 0
    events: int = 0
    attacks: int = 0
    stories: int = 0
    seconds: float = 0.0


@dataclass
class RunSummary:
    ingest: IngestSummary = field(default_factory=IngestSummary)
    extract: ExtractSummary = field(default_factory=ExtractSummary)
    link: LinkSummary = field(default_factory=LinkSummary)

    def as_dict(self) -> dict[str, dict[str, float]]:
        return dataclasses.asdict(self)


def _near_duplicate_index(store: Store, settings: Settings):  # type: ignore[no-untyped-def]
    from eventledger.ingest import NearDuplicateIndex

    index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
    for article in store.iter_articles():
        if article.duplicate_of is None:
            index.add(article.id, article.text)
    return index


def precedence(article: Article) -> tuple[dt.date, str]:
    """Which of two near-duplicate copies is the original: the earlier published, then the smaller id."""
    return (article.published or dt.date.max, article.id)


def store_articles(
    store: Store, items: Iterable[Article | Failure], settings: Settings, progress: Progress | None = None
) -> IngestSummary:
    """Write what the readers yield: new articles (near-duplicates linked to their first copy) and failures."""
    started = time.perf_counter()
    summary = IngestSummary()
    index = _near_duplicate_index(store, settings)
    pending: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def flush() -> None:
        if pending:
            summary.added += store.add_articles(pending)
            pending.clear()
        if failures:
            store.add_failures(failures)
            failures.clear()

    for item in items:
        if isinstance(item, Failure):
            summary.failures += 1
            failures.append(item)
        else:
            summary.read += 1
            if item.id in seen or store.has_article(item.id):
                summary.already_stored += 1
            else:
                seen.add(item.id)
                original = index.find(item.text)
                if original is not None and original != item.id:
                    if any(p.id == original for p in pending):
                        flush()
                    first = store.get_article(original)
                    summary.near_duplicates += 1
                    if precedence(item) < precedence(first):
                        # the newcomer is the earlier copy: it becomes the original, whatever the
                        # order of ingest, so that the same articles always give the same events
                        store.demote_to_duplicate(first.id, item.id)
                        index.remove(first.id)
                        index.add(item.id, item.text)
                    else:
                        item = dataclasses.replace(item, duplicate_of=original)
                else:
                    index.add(item.id, item.text)
                pending.append(item)
        if progress:
            progress(1)
        if len(pending) + len(failures) >= BATCH:
            flush()
    flush()
    summary.seconds = time.perf_counter() - started
    return summary


def ingest_inputs(
    store: Store, inputs: Sequence[str], settings: Settings, progress: Progress | None = None, fetcher=None  # type: ignore[no-untyped-def]
) -> IngestSummary:
    """Read files, folders, URLs, feeds or ``-`` and store the articles they hold."""
    from eventledger.ingest import HttpxFetcher
    from eventledger.ingest import ingest_inputs as read_inputs

    owned = fetcher is None
    if fetcher is None:
        fetcher = HttpxFetcher(
            timeout=settings.fetch_timeout,
            max_bytes=settings.max_bytes,
            max_redirects=settings.fetch_max_redirects,
            user_agent=settings.user_agent,
        )
    try:
        items = read_inputs(list(inputs), fetcher, settings.max_bytes, settings.max_text_chars)
        return store_articles(store, items, settings, progress)
    finally:
        if owned:
            fetcher.close()


def extract_pending(
    store: Store, settings: Settings, progress: Progress | None = None, pool: Executor | None = None
) -> ExtractSummary:
    """Extract reports from every stored article that has none yet (on ``pool`` when given)."""
    from eventledger.anchoring import anchor_undated
    from eventledger.engine import run_extraction

    started = time.perf_counter()
    summary = ExtractSummary()
    ids = store.pending_extraction()
    done: list[ArticleExtraction] = []
    failures: list[Failure] = []

    def flush() -> None:
        store.save_extractions(done)
        store.add_failures(failures)
        done.clear()
        failures.clear()

    articles = (store.get_article(article_id) for article_id in ids)
    for item in run_extraction(articles, settings, count=len(ids), pool=pool):
        if isinstance(item, Failure):
            summary.failures += 1
            failures.append(item)
        else:
            summary.articles += 1
            summary.reports += len(item.reports)
            done.append(item)
        if progress:
            progress(1)
        if len(done) + len(failures) >= BATCH:
            flush()
    flush()
    summary.anchored = anchor_undated(store, settings)
    summary.seconds = time.perf_counter() - started
    return summary


def article_infos(store: Store) -> dict:  # type: ignore[type-arg]
    """What linking needs to know about each article: outlet, date, original copy, outlets cited."""
    from eventledger.link import ArticleInfo

    cites = store.cited_outlets()
    infos = {}
    for row in store.article_metadata():  # linking needs no article text: don't read it
        infos[row["id"]] = ArticleInfo(cites=cites.get(row["id"], ()), **row)
    return infos


def _save_stories(store: Store, events: Sequence, reports: Sequence, infos: dict) -> tuple[list, int]:  # type: ignore[type-arg]
    """Rebuild story clusters; return the events whose story changed (to be saved) and the story count."""
    from eventledger.link import build_stories

    stories = build_stories(events, reports, infos)
    story_of = {event_id: story.id for story in stories for event_id in story.event_ids}
    store.save_stories(stories)
    changed = [dataclasses.replace(e, story_id=story_of.get(e.id)) for e in events if e.story_id != story_of.get(e.id)]
    return changed, len(stories)


def _anchored_again(store: Store, settings: Settings | None, summary: LinkSummary) -> LinkSummary:
    """After linking: date undated articles by the dated events they joined, and link their new reports.

    The anchor comes only from other articles' reports, so a second round finds nothing new.
    Re-extracted reports keep their ids but not their dates, so the events are recomputed
    (rare: only when an undated article's anchor changes).
    """
    from eventledger.anchoring import anchor_by_events

    if not anchor_by_events(store, settings or Settings.load()):
        return summary
    again = _link_all(store)
    again.seconds += summary.seconds
    return again


def link_all(store: Store, settings: Settings | None = None) -> LinkSummary:
    """Recompute every event and story from the stored reports (deterministic, order-independent)."""
    return _anchored_again(store, settings, _link_all(store))


def link_new(store: Store, settings: Settings | None = None) -> LinkSummary:
    """Link the reports that belong to no event yet into the existing events, incrementally.

    Only the neighbourhood of the new reports (same kinds, nearby dates) is re-clustered; events
    elsewhere are left as they are. Reports left unlinked by an interrupted run are picked up too.
    Undated articles are then dated by the events they joined (eventledger.anchoring).
    """
    return _anchored_again(store, settings, _link_new(store))


def _link_all(store: Store) -> LinkSummary:
    from eventledger.link import link_reports

    started = time.perf_counter()
    reports = store.list_reports()
    infos = article_infos(store)
    events = link_reports(reports, infos)
    restoried, stories = _save_stories(store, events, reports, infos)
    by_id = {e.id: e for e in events} | {e.id: e for e in restoried}
    store.save_events(list(by_id.values()), replace_all=True)
    return LinkSummary(
        reports=len(reports),
        events=len(by_id),
        attacks=sum(1 for e in by_id.values() if e.kind == "attack"),
        stories=stories,
        seconds=time.perf_counter() - started,
    )


def _link_new(store: Store) -> LinkSummary:
    from eventledger.link import Linker

    if store.count_events() == 0:
        return _link_all(store)
    started = time.perf_counter()
    reports = store.list_reports()
    events = store.list_events(limit=None)
    linked = {report_id for event in events for report_id in event.report_ids}
    if not linked <= {r.id for r in reports}:  # reports withdrawn (an article became a copy): recompute
        return _link_all(store)
    new = [r for r in reports if r.id not in linked]
    infos = article_infos(store)
    if new:
        linker = Linker(events, [r for r in reports if r.id in linked], infos)
        changed, removed = linker.add(new, infos)
        store.save_events(changed, remove=removed)
        events = linker.events()
        restoried, _ = _save_stories(store, events, reports, infos)
        store.save_events(restoried)
    return LinkSummary(
        reports=len(new),
        events=store.count_events(),
        attacks=store.stats()["attacks"],
        stories=len(store.list_stories()),
        seconds=time.perf_counter() - started,
    )


def expected_articles(inputs: Sequence[str], limit: int) -> int:
    """About how many articles the local files among ``inputs`` hold, counted up to ``limit``.

    One per file, or one per 4 kB of a larger file (a JSONL or WARC collection); URLs and
    standard input count nothing, as they can't be sized without reading them.
    """
    from eventledger.ingest.sources import iter_sources

    total = 0
    for source in iter_sources([i for i in inputs if i != "-"], expand_url_lists=False):
        if source.kind != "file" or source.error:
            continue
        try:
            total += max(1, os.path.getsize(source.location) // 4000)
        except OSError:
            continue
        if total >= limit:
            return limit
    return total


def run(store: Store, inputs: Sequence[str], settings: Settings, progress: Progress | None = None) -> RunSummary:
    """Ingest the inputs, extract what is pending, link everything.

    When the run is large enough for a process pool, the pool starts first, so that its
    workers build their pipelines while the input is read and stored.
    """
    from eventledger.engine import AUTO_POOL_MIN, warm_pool

    summary = RunSummary()
    expected = len(store.pending_extraction()) + (expected_articles(inputs, AUTO_POOL_MIN) if inputs else 0)
    with warm_pool(settings, expected) as pool:
        if inputs:
            summary.ingest = ingest_inputs(store, inputs, settings, progress)
        summary.extract = extract_pending(store, settings, progress, pool=pool)
    summary.link = link_new(store, settings)
    return summary
