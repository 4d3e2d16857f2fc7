"""``evaluate``: put a gold's documents through the pipeline, then score what the store holds."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventledger.errors import FetchError
from eventledger.evaluate.adapters import Adapters, system_adapters
from eventledger.evaluate.articles import score_article_gold
from eventledger.evaluate.gold import ArticleGold, RecordGold, load_gold
from eventledger.evaluate.records import row_article, score_record_gold
from eventledger.ingest import FetchedPage, SavedPages, read_manifest
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import Store
from eventledger.store import open_store as default_open_store


class OfflineFetcher:
    """A fetcher that fetches nothing: a gold is its files, so a run must not depend on the network.

    The feed reader, for one, follows each entry's link to read the full page; offline it falls
    back to the entry's own text, the same on every machine.
    """

    def get(self, url: str) -> FetchedPage:
        raise FetchError(f"{url}: not fetched (evaluation reads only the gold's own files)")


# A table of the gold's saved pages (file, url, outlet), beside the gold file: what whoever saved
# the pages knows of them, given to ingest as a user gives it (``ingest --manifest``).
MANIFEST_NAMES = ("manifest.tsv", "manifest.csv")


def gold_manifest(gold_path: str | Path, manifest: str | None = None) -> SavedPages | None:
    """The saved pages of a gold's documents: ``manifest`` when given, else a manifest beside the gold.

    Only each file's address and outlet are read (``eventledger.ingest.manifest``): a date column,
    however it is named, is never handed to the pipeline.
    """
    if manifest:
        return read_manifest(manifest)
    for name in MANIFEST_NAMES:
        candidate = Path(gold_path).parent / name
        if candidate.is_file():
            return read_manifest(candidate)
    return None


def run_article_gold(store: Store, gold: ArticleGold, settings: Settings, saved_pages: SavedPages | None = None) -> None:
    """Ingest the files an article gold lists (offline), then extract, anchor and link every event anew."""
    inputs = [str(p) for p in dict.fromkeys(d.file for d in gold.documents if d.file is not None)]
    Pipeline(store, settings, fetcher=OfflineFetcher()).run(inputs, full_link=True, saved_pages=saved_pages)


def run_record_gold(store: Store, gold: RecordGold, settings: Settings) -> None:
    """Store one article per row (built here: no per-row reading of files), then extract, anchor, link."""
    pipeline = Pipeline(store, settings)
    pipeline.add({a.id: a for a in (row_article(row, gold) for row in gold.rows)}.values())
    pipeline.process_pending(full_link=True)


def evaluate(
    gold_path: str,
    *,
    db: str | None = None,
    settings: Settings | None = None,
    limit: int | None = None,
    adapters: Adapters | None = None,
    run_pipeline: bool = True,
    open_store: Callable[[str], Any] | None = None,
    details: bool = False,
    manifest: str | None = None,
) -> dict[str, Any]:
    """Score the system against a gold file; returns the JSON object of shared FORMAT.md.

    ``db`` is the store to run in (a fresh temporary SQLite file when None); ``limit`` takes
    the first N rows of a CSV/TSV gold or the first N documents of a YAML gold.
    ``run_pipeline=False`` scores a store that already holds a run (give ``db``). ``adapters`` replaces the KB, typer and tally the scoring consults
    (tests); ``open_store`` replaces the store factory. Keys that do not apply are absent; the
    extra keys ``counts``, ``seconds`` and ``notes`` say what was scored, how long it took and
    what could not be scored; ``details=True`` adds ``details``: what was missed or got wrong.
    ``manifest`` (file, url, outlet) tells ingest where an article gold's saved pages came from;
    without it a ``manifest.tsv`` or ``manifest.csv`` beside the gold file is read when there.
    """
    open_store = open_store or default_open_store
    settings = settings or Settings()
    adapters = adapters or system_adapters()
    gold = load_gold(gold_path, limit=limit, match_place=adapters.match_place)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventledger-eval-") as scratch:
        target = db or str(Path(scratch) / "eval.db")
        store = open_store(target)
        try:
            if run_pipeline:
                if isinstance(gold, ArticleGold):
                    run_article_gold(store, gold, settings, gold_manifest(gold_path, manifest))
                else:
                    run_record_gold(store, gold, settings)
            ran = time.perf_counter()
            if isinstance(gold, ArticleGold):
                result = score_article_gold(gold, store, adapters, details=details)
            else:
                result = score_record_gold(gold, store, adapters, details=details)
        finally:
            store.close()
    finished = time.perf_counter()
    result["gold"] = str(gold_path)
    result["seconds"] = {"pipeline": round(ran - started, 2), "scoring": round(finished - ran, 2)}
    return result
