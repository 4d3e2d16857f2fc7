"""The main job, and the only module that drives more than one stage.

    pipeline = Pipeline(store, settings, progress=callback)
    summary = pipeline.run(["articles/", "https://example.org/feed.xml"])   # ingest, then process
    summary = pipeline.process_pending()                                     # what is stored, not done

The steps run in one direction, each reading what the store holds and writing back in small
transactions, so a run that is killed at any point leaves the store consistent and running it
again completes the work:

1. **ingest** (``eventledger.ingest``): read the inputs; store new articles, each near-duplicate
   linked to its original (``ingest.neardup`` decides which copy that is); record failures.
2. **extract** (``eventledger.engine`` running ``eventledger.extract``): every stored article
   with no extraction yet; one that fails becomes a recorded failure.
3. **anchor** (``eventledger.link.anchoring`` decides): undated articles that republish a work the
   collection dates are extracted again against that date.
4. **link** (``eventledger.link``): new reports join events (or every event is recomputed), and
   stories are rebuilt; then undated articles whose reports joined events that dated articles
   tell are extracted again against that day and their events recomputed (rare: only when such
   an anchor changes).

The CLI, the web API, ``eventledger eval`` and the benchmarks all run the stages through this class.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass, field
from typing import Any

from eventledger.analyze.actors import sync_actors
from eventledger.engine import AUTO_POOL_MIN, run_extraction, warm_pool
from eventledger.errors import CorrectionError, NotFoundError
from eventledger.ingest import FetchedPage, Fetcher, HttpxFetcher, NearDuplicateIndex, iter_sources, read_inputs
from eventledger.ingest.manifest import SavedPages
from eventledger.kb import load_actors
from eventledger.link import ArticleInfo, Linker, build_stories
from eventledger.link.anchoring import EVENT_ANCHOR, Redating, event_redatings, redated, undated_ids, work_redatings
from eventledger.link.corrections import Corrector, check_edit
from eventledger.link.features import LINKING_EVIDENCE
from eventledger.link.identity import assign_ids
from eventledger.link.stories import stories_of
from eventledger.link.windows import link_windows
from eventledger.models import Article, ArticleExtraction, Edit, Event, Failure, Report, Story
from eventledger.settings import Settings
from eventledger.store import Store

BATCH = 50  # articles per write transaction

# progress(stage, done, total): ``stage`` is "ingest", "load" (the extraction's model loading, before
# the first article is extracted), "extract", "anchor" or "link"; ``done`` counts
# the items of that stage finished so far; ``total`` is None when it is not known in advance
Progress = Callable[[str, int, int | None], None]


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    failures: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)  # the source of each input that could not be read


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

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return dataclasses.asdict(self)


def expected_articles(inputs: Sequence[str], limit: int) -> int:
    """About how many articles the local files among ``inputs`` hold, counted up to ``limit``.

    One per file, or one per 4 kB of a larger file (a JSONL or WARC collection); URLs and
    standard input count nothing, as they can't be sized without reading them.
    """
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


def article_infos(store: Store) -> dict[str, ArticleInfo]:
    """What linking needs to know about each article: outlet, date, original copy, outlets cited."""
    cites = store.cited_outlets()
    # linking needs no article text: don't read it
    return {row["id"]: ArticleInfo(cites=cites.get(row["id"], ()), **row) for row in store.article_metadata()}


class FirstUseFetcher:
    """An HTTP fetcher made when the first URL is fetched: a run over local files (the usual
    ingest) never builds the HTTP client and its TLS context (0.09 CPU s a process)."""

    def __init__(self, make: Callable[[], HttpxFetcher]) -> None:
        self._make = make
        self._fetcher: HttpxFetcher | None = None

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> FetchedPage:
        if self._fetcher is None:
            self._fetcher = self._make()
        return self._fetcher.get(url, headers)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


class Pipeline:
    """Ingest → extract → anchor → link over one store, with one settings object.

    ``progress`` is told each stage's advance; ``fetcher`` replaces the HTTP fetcher built from
    the settings (evaluation runs offline; tests serve pages from memory).
    """

    def __init__(
        self, store: Store, settings: Settings, progress: Progress | None = None, fetcher: Fetcher | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.progress = progress
        self.fetcher = fetcher
        self._stories: list[Story] = []  # the stories of the last linking, written with its events

    # -- the whole job ---------------------------------------------------------------------------

    def run(self, inputs: Sequence[str], *, full_link: bool = False, saved_pages: SavedPages | None = None) -> RunSummary:
        """Ingest the inputs, then extract, anchor and link what is pending.

        ``saved_pages`` gives saved files their address and outlet (``ingest --manifest``).

        When the run is large enough for a process pool, the pool starts first, so that its
        workers build their pipelines while the input is read and stored; it ends when extraction
        does, so that its workers' memory (a spaCy pipeline each) is free for linking.
        """
        expected = len(self.store.pending_extraction()) + (expected_articles(inputs, AUTO_POOL_MIN) if inputs else 0)
        summary = RunSummary()
        with warm_pool(self.settings, expected) as pool:
            summary.ingest = self.ingest(inputs, saved_pages=saved_pages) if inputs else IngestSummary()
            summary.extract = self.extract_pending(pool)
        summary.link = self.link(full=full_link)
        return summary

    def process_pending(self, *, full_link: bool = False) -> RunSummary:
        """Extract every stored article not extracted yet, anchor undated ones, link.

        ``full_link`` recomputes every event; otherwise new reports join the existing events.
        """
        summary = RunSummary()
        with warm_pool(self.settings, len(self.store.pending_extraction())) as pool:
            summary.extract = self.extract_pending(pool)
        summary.link = self.link(full=full_link)
        return summary

    # -- ingest ----------------------------------------------------------------------------------

    def ingest(self, inputs: Sequence[str], *, saved_pages: SavedPages | None = None) -> IngestSummary:
        """Read files, folders, URLs, feeds or ``-`` and store the articles they hold (``saved_pages``:
        the address and outlet of saved files, from a manifest)."""
        fetcher: AbstractContextManager[Any] = nullcontext(self.fetcher) if self.fetcher is not None else self.http_fetcher()
        with fetcher as open_fetcher:
            items = read_inputs(list(inputs), open_fetcher, self.settings.max_bytes, self.settings.max_text_chars,
                                follow_symlinks=self.settings.follow_symlinks, saved_pages=saved_pages)
            return self.add(items)

    def http_fetcher(self) -> closing[FirstUseFetcher]:
        """The HTTP fetcher the settings describe (timeouts, size cap, redirects, address guard),
        made on the first URL fetched and closed when the ``with`` block ends."""
        settings = self.settings
        return closing(
            FirstUseFetcher(
                lambda: HttpxFetcher(
                    timeout=settings.fetch_timeout,
                    max_bytes=settings.max_bytes,
                    max_redirects=settings.fetch_max_redirects,
                    user_agent=settings.user_agent,
                    allow_private_addresses=settings.allow_private_addresses,
                )
            )
        )

    def add(self, items: Iterable[Article | Failure]) -> IngestSummary:
        """Store articles (and failures) read elsewhere: new ones added, each near-duplicate linked
        to its original copy, articles already stored counted and left as they are."""
        started = time.perf_counter()
        store = self.store
        summary = IngestSummary()
        index = self._near_duplicate_index()
        pending: dict[str, Article] = {}
        failures: list[Failure] = []

        def flush() -> None:
            if pending:
                summary.added += store.add_articles(list(pending.values()))
                pending.clear()
            if failures:
                store.add_failures(failures)
                failures.clear()

        def stored(article_id: str) -> Article:
            if article_id in pending:
                flush()  # the original is still in this batch: store it before it is read back
            return store.get_article(article_id)

        seen: set[str] = set()
        for item in items:
            if isinstance(item, Failure):
                summary.failures += 1
                summary.failed.append(item.source)
                failures.append(item)
            else:
                summary.read += 1
                if item.id in seen or store.has_article(item.id):
                    summary.already_stored += 1
                else:
                    seen.add(item.id)
                    placed = index.place(item, stored)
                    if placed.demoted is not None:
                        store.demote_to_duplicate(placed.demoted, item.id)
                    summary.near_duplicates += placed.article.duplicate_of is not None or placed.demoted is not None
                    pending[item.id] = placed.article
            self._tell("ingest", summary.read + summary.failures, None)
            if len(pending) + len(failures) >= BATCH:
                flush()
        flush()
        summary.seconds = time.perf_counter() - started
        return summary

    def _near_duplicate_index(self) -> NearDuplicateIndex:
        index = NearDuplicateIndex(threshold=self.settings.near_duplicate_threshold)
        for article in self.store.iter_articles():
            if article.duplicate_of is None:
                index.add(article.id, article.text)
        return index

    # -- extract and anchor ----------------------------------------------------------------------

    def extract_pending(self, pool: Executor | None = None) -> ExtractSummary:
        """Extract reports from every stored article that has none yet (on ``pool`` when given),
        then extract undated articles again against the dated works they republish."""
        started = time.perf_counter()
        summary = ExtractSummary()
        ids = self.store.pending_extraction()
        if ids:
            self._tell("load", 0, None)  # until the first article is done: the language model loads
        articles = (self.store.get_article(article_id) for article_id in ids)
        for item in self._save_batches(run_extraction(articles, self.settings, count=len(ids), pool=pool)):
            if isinstance(item, Failure):
                summary.failures += 1
            else:
                summary.articles += 1
                summary.reports += len(item.reports)
            self._tell("extract", summary.articles + summary.failures, len(ids))
        summary.anchored = self.anchor(pool)
        summary.seconds = time.perf_counter() - started
        return summary

    def _save_batches(self, results: Iterable[ArticleExtraction | Failure]) -> Iterator[ArticleExtraction | Failure]:
        """Pass results on while saving them ``BATCH`` at a time (and what is left at the end)."""
        done: list[ArticleExtraction] = []
        failures: list[Failure] = []
        for item in results:
            if isinstance(item, Failure):
                failures.append(item)
            else:
                done.append(item)
            yield item
            if len(done) + len(failures) >= BATCH:
                self.store.save_extractions(done)
                self.store.add_failures(failures)
                done, failures = [], []
        self.store.save_extractions(done)
        self.store.add_failures(failures)

    def anchor(self, pool: Executor | None = None) -> int:
        """Date undated articles by the dated works they republish; returns how many were extracted
        again (on ``pool`` when given).

        Re-extracted reports keep their ids but not their dates, so stored events are dropped
        with them: the link step that follows recomputes every event (and a run killed before it
        finds no event to keep stale dates).
        """
        rows = self.store.article_metadata(title=True)
        if not undated_ids(rows):
            return 0
        extractions = {x.article_id: x for x in self.store.iter_extractions()}
        done = self._extract_again(work_redatings(rows, extractions, self.store.get_article), pool)
        if done and self.store.count_events():
            self.store.save_events([], replace_all=True)
        return done

    def _extract_again(self, orders: Sequence[Redating], pool: Executor | None = None) -> int:
        """Extract articles again against their orders' dates (on ``pool`` when given) and save
        the results; returns how many."""
        if not orders:
            return 0
        self._tell("anchor", 0, len(orders))
        by_id = {order.article_id: order for order in orders}
        # read as extraction asks for them: the texts of many articles are not held at once
        articles = (
            dataclasses.replace(article, published=order.date) if order.date else article
            for order in orders
            for article in [self.store.get_article(order.article_id)]
        )
        done = 0
        results = run_extraction(articles, self.settings, count=len(orders), pool=pool)
        redone = (item if isinstance(item, Failure) else redated(item, by_id[item.article_id]) for item in results)
        for item in self._save_batches(redone):
            done += not isinstance(item, Failure)
        return done

    # -- link ------------------------------------------------------------------------------------

    def link(self, *, full: bool = False) -> LinkSummary:
        """Link reports into events: new reports join the events they belong to, or (``full``, or
        when no event is stored) every event is recomputed from every report. Undated articles
        are then dated by the events they joined, and their events recomputed if that moved any.
        Then the hand corrections are applied again (:meth:`apply_edits`). Last, the store's actors
        table names the actors the events hold."""
        summary = self._link_and_date(full)
        if self.apply_edits():
            summary.events, summary.attacks = self.store.count_events(), self.store.stats()["attacks"]
        sync_actors(self.store, load_actors())
        return summary

    # -- hand corrections ------------------------------------------------------------------------

    def apply_edits(self) -> dict[int, str]:
        """Apply every stored correction again (``eventledger.link.corrections``) and record what
        each did; returns the statuses by edit id (empty when there is no edit)."""
        edits = self.store.list_edits()
        if not edits:
            return {}
        corrector = Corrector(self.store.events_source(), lambda: article_infos(self.store))
        statuses = corrector.apply(edits)
        self.store.save_corrections(
            list(corrector.changed.values()), remove=sorted(corrector.removed), retired=corrector.retired,
            statuses=statuses,
        )
        return statuses

    def correct(self, edit: Edit) -> Edit:
        """Check a new correction against the store, keep it, and apply the corrections; returns
        the edit as stored, with its status. Raises CorrectionError (or NotFoundError) when the
        edit names a field, value, event or report that is not right."""
        edit = check_edit(edit)
        target = self.store.resolve_event_id(edit.event_id)
        if target is None:
            raise NotFoundError(f"no event with id {edit.event_id!r}; `eventledger events` lists them")
        event = self.store.get_event(target)
        reports: tuple[str, ...] = event.report_ids
        if edit.action == "merge":
            other = self.store.resolve_event_id(edit.other_id or "")
            if other is None:
                raise NotFoundError(f"no event with id {edit.other_id!r} to merge; `eventledger events` lists them")
            if other == target:
                raise CorrectionError(f"{edit.other_id} and {edit.event_id} are already one event")
            reports += self.store.get_event(other).report_ids  # every report of the merged event
            edit = dataclasses.replace(edit, other_id=other)
        elif edit.action == "split" and edit.other_id not in event.report_ids:
            raise CorrectionError(f"event {target} has no report {edit.other_id!r}; its reports: {', '.join(event.report_ids)}")
        stored = self.store.add_edit(dataclasses.replace(edit, event_id=target, reports=reports))
        status = self.apply_edits().get(stored.id or 0)
        return dataclasses.replace(stored, status=status)

    def _link_and_date(self, full: bool) -> LinkSummary:
        if self._undo_event_anchors():
            full = True
        summary = self._link_all() if full or self.store.count_events() == 0 else self._link_new()
        rows = self.store.article_metadata(title=True)
        if not undated_ids(rows):
            return summary
        extractions = {x.article_id: x for x in self.store.iter_extractions()}
        orders = event_redatings(rows, extractions, self.store.list_reports, lambda: self.store.list_events(limit=None))
        if not self._extract_again(orders):
            return summary
        again = self._link_all()
        again.seconds += summary.seconds
        return again

    def _undo_event_anchors(self) -> bool:
        """When new reports are to be linked, extract the articles dated by their events undated
        again (returns whether any was): their anchored dates would keep them in the events they
        joined before the new reports came, so the order of arrival would decide their date.
        Linking all from scratch then dates them again, as one run over everything would."""
        anchored = [
            article_id for article_id in sorted(undated_ids(self.store.article_metadata()))
            for x in [self.store.get_extraction(article_id)]
            if x is not None and (x.anchor_source or "").startswith(EVENT_ANCHOR)
        ]
        if not anchored:
            return False
        linked = {r for e in self.store.list_events(limit=None) for r in e.report_ids}
        if all(r.id in linked for r in self.store.list_reports(evidence=False)):
            return False
        return self._extract_again([Redating(a, None, None) for a in anchored]) > 0

    def _link_all(self) -> LinkSummary:
        """Every event recomputed from every stored report, read a part at a time
        (``link.windows``: the events of ``link_reports`` over all of them, without holding
        them all), and written with the stories in one transaction at the end.

        Each part's events wait in a temporary file; what their stable ids and the stories are
        decided from is held (each event without its per-report field values, a fifth of it).
        """
        started = time.perf_counter()
        self._tell("link", 0, None)
        infos = article_infos(self.store)
        heads: list[Event] = []
        with tempfile.TemporaryFile(prefix="eventledger-events-") as waiting:

            def keep(events: list[Event]) -> None:
                pickle.dump(events, waiting, protocol=pickle.HIGHEST_PROTOCOL)
                heads.extend(dataclasses.replace(e, fields={}) for e in events)

            _, counted = link_windows(
                self.store.iter_reports(evidence=LINKING_EVIDENCE),
                lambda ids: self.store.reports_by_ids(ids, evidence=LINKING_EVIDENCE),
                infos,
                keep=keep,
            )
            heads.sort(key=lambda e: e.id)  # (as ``link_reports`` gives them: ids depend on the order)
            # the events keep the ids their reports had (eventledger.link.identity)
            identities = assign_ids(heads, self.store.known_event_ids())
            renamed = {head.id: event.id for head, event in zip(heads, identities.events, strict=True)}
            heads.clear()
            self._stories = stories_of(identities.events, counted.article_of, counted.names, infos)
            story_of = {event_id: story.id for story in self._stories for event_id in story.event_ids}
            attacks = sum(1 for e in identities.events if e.kind == "attack")
            count = len(identities.events)
            del identities.events[:], counted

            def batches() -> Iterator[list[Event]]:
                waiting.seek(0)
                while True:
                    try:
                        made: list[Event] = pickle.load(waiting)
                    except EOFError:
                        return
                    yield [
                        dataclasses.replace(e, id=new_id, story_id=story_of.get(new_id))
                        for e in made
                        for new_id in [renamed[e.id]]
                    ]

            reports = self.store.count_reports()
            self.store.replace_linking(batches(), self._stories, retired=identities.retired)
        return LinkSummary(
            reports=reports,
            events=count,
            attacks=attacks,
            stories=len(self._stories),
            seconds=time.perf_counter() - started,
        )

    def _link_new(self) -> LinkSummary:
        started = time.perf_counter()
        self._tell("link", 0, None)
        reports = self.store.list_reports(evidence=LINKING_EVIDENCE)
        events = self.store.list_events(limit=None)
        linked = {report_id for event in events for report_id in event.report_ids}
        if not linked <= {r.id for r in reports}:  # reports withdrawn (an article became a copy): recompute
            return self._link_all()
        new = [r for r in reports if r.id not in linked]
        if new:
            infos = article_infos(self.store)
            linker = Linker(events, [r for r in reports if r.id in linked], infos, known_ids=self.store.known_event_ids())
            changed, removed = linker.add(new, infos)
            before = {e.id: e for e in linker.events()}
            storied = {e.id: e for e in self._with_stories(list(before.values()), reports, infos)}
            # the events linking changed, and those whose story changed (as the stories rebuild says)
            touched = {e.id for e in changed} | {i for i, e in storied.items() if e.story_id != before[i].story_id}
            self.store.save_linking(
                [storied[i] for i in sorted(touched) if i in storied], self._stories, remove=removed, retired=linker.retired
            )
        return LinkSummary(
            reports=len(new),
            events=self.store.count_events(),
            attacks=self.store.stats()["attacks"],
            stories=len(self.store.list_stories()),
            seconds=time.perf_counter() - started,
        )

    def _with_stories(self, events: Sequence[Event], reports: Sequence[Report], infos: dict[str, ArticleInfo]) -> list[Event]:
        """The events with the story each belongs to; the stories are kept for the write."""
        stories = build_stories(events, reports, infos)
        story_of = {event_id: story.id for story in stories for event_id in story.event_ids}
        self._stories = stories
        return [e if e.story_id == story_of.get(e.id) else dataclasses.replace(e, story_id=story_of.get(e.id)) for e in events]

    def _tell(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)
