"""Engines that run extraction over many articles: in process, a local process pool, or Dask.

The work is the same pure function everywhere (``extract_batch``); an engine only decides where
batches run. Results come back in input order per batch; a failing article becomes a Failure.

``auto`` (the default) runs in process unless the machine has several cores and the run has at
least ``AUTO_POOL_MIN`` articles; then on a pool of one process per core. The pool's workers are
forked from a fork server that imported and built extraction once (``engine.forkserver``; a
few seconds of CPU), where the platform has one; elsewhere each worker is spawned and builds its
own, which only pays off on a large run.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from multiprocessing.context import BaseContext
from typing import Any

from eventledger.errors import SettingsError
from eventledger.models import Article, ArticleExtraction, Failure
from eventledger.settings import Settings

CHUNK = 32  # articles per task: large enough to amortise shipping, small enough to balance
LOCAL_CHUNK = 64  # in process: one statistical nlp.pipe over the event sentences of 64 articles
AUTO_POOL_MIN = 200  # articles from which ``auto`` extracts on a process pool (when cores > 1)
ENGINES = ("auto", "local", "process", "dask")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


_PREPARED: set[str | None] = set()

# one made-up sentence that takes extraction through its lexicons, rules and classifier
_WARM_UP = "On Monday two rockets hit a base near Baghdad, wounding a soldier, police said; a group claimed it."


def prepare(model: str | None = None) -> None:
    """Build, once per process, what extraction needs (with the garbage collector held), then hide
    it from the collector.

    The knowledge base, the spaCy pipelines and the lexicons are built on first use and live as
    long as the process: hundreds of thousands of objects that every full collection walked
    again for nothing (on 200 bench articles, 0.85 s of 15 s). ``gc.freeze()`` moves them to
    the permanent generation; what extraction allocates later is collected as usual.
    """
    if model in _PREPARED:
        return
    # The collector is held while all this is built: every full collection in between walked the
    # whole heap (the modules, the knowledge base, the pipelines built so far) for almost no
    # garbage, four or five times at 0.1 CPU s each (real pages, one process). Freed by reference
    # counting as ever, only cycles wait, and the build leaves few (a few hundred objects).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _build(model)
    finally:
        if was_enabled:
            gc.enable()
    _PREPARED.add(model)
    gc.freeze()


def _build(model: str | None) -> None:
    """What ``prepare`` builds: extraction's modules, the KB and its town table, the pipelines,
    and one extraction of a made-up sentence (the lexicons and rules built on first use)."""
    # extraction (spaCy) is imported where it runs: a pool's parent process never loads it
    from eventledger.extract import extract_articles
    from eventledger.extract.detection.event_typing import rulebook
    from eventledger.kb import load_kb
    from eventledger.nlp import fast_pipeline, ner_pipeline

    fast_pipeline()
    # the world's town table: read on the first place looked up outside the KB's own lists,
    # which nearly every batch of news makes; read here, it is built before the freeze below
    load_kb().world_towns()
    if model:
        ner_pipeline(model)
    list(extract_articles([Article.create(_WARM_UP)], model=model))
    # the typing rules are compiled on the first report typed, which the warm-up sentence may not reach
    rulebook()


def extract_batch(articles: list[Article], model: str | None = None) -> list[ArticleExtraction | Failure]:
    """Extract a batch; runs wherever the engine sends it (must stay importable and picklable)."""
    prepare(model)  # first: extraction's modules are imported there, with the collector held
    from eventledger.extract import extract_articles  # see prepare: only where extraction runs

    return list(extract_articles(articles, model=model))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run_local(articles: Iterable[Article], model: str | None = None) -> Iterator[ArticleExtraction | Failure]:
    for chunk in _chunks(articles, LOCAL_CHUNK):
        yield from extract_batch(chunk, model)


WATCH_PARENT_EVERY = 0.5  # seconds between a worker's checks that the process that started it lives


def watch_parent(parent: int) -> None:
    """End this process as soon as its parent ``parent`` is gone (killed, even by SIGKILL).

    A process orphaned by its parent's death is adopted by another process, so its parent id
    changes; it then exits at once, without waiting for work that nobody will collect.
    """
    while os.getppid() == parent:
        time.sleep(WATCH_PARENT_EVERY)
    os._exit(1)


WORKER_NICENESS = 10  # extraction is batch work: a server or shell on the same cores goes first
# the environment variable that carries the model to a pool's fork server (eventledger.engine.forkserver)
FORK_SERVER_MODEL = "EVENTLEDGER_FORKSERVER_MODEL"
_FORK_SERVER_PRELOAD = ["eventledger.engine.forkserver"]
_FORK_SERVER_LOCK = threading.Lock()
_FORK_SERVER_POOLS = 0  # pools open on the fork server: the last to end stops it


def _start_worker(model: str | None, parent: int | None) -> None:
    """A pool worker's first steps: watch the parent, lower its CPU priority (``WORKER_NICENESS``;
    measured: a dashboard served while ``ingest`` runs on the same two cores), then build what
    extraction needs.

    ``parent`` is None for a worker forked from the pool's fork server: its parent is that server
    (which ends with the process that started it), its priority is the server's, already lowered,
    and what extraction needs was built there before the fork (``prepare`` returns at once).
    """
    watched = os.getppid() if parent is None else parent
    threading.Thread(target=watch_parent, args=(watched,), name="eventledger-watch-parent", daemon=True).start()
    if parent is not None:
        with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
            os.nice(WORKER_NICENESS)
    prepare(model)


def _fork_server_runs() -> bool:
    """Whether this platform can start pool workers from a fork server (POSIX; not Windows)."""
    return "forkserver" in multiprocessing.get_all_start_methods()


def _start_fork_server(model: str | None) -> None:
    """Start the process pool's fork server now, preparing ``model`` (``eventledger.engine.forkserver``).

    It builds everything once, in the background, while the caller goes on; a worker asked of it
    before that is done waits for it. Pools open at once (two requests to a web server) share it.
    """
    from multiprocessing import forkserver

    global _FORK_SERVER_POOLS
    with _FORK_SERVER_LOCK:
        _FORK_SERVER_POOLS += 1
        forkserver.set_forkserver_preload(_FORK_SERVER_PRELOAD)
        os.environ[FORK_SERVER_MODEL] = model or ""  # the server is started with this environment
        try:
            forkserver.ensure_running()
        finally:
            del os.environ[FORK_SERVER_MODEL]


def _stop_fork_server(at_once: bool = False) -> None:
    """Stop the pool's fork server when no other pool uses it, once its workers are gone
    (``at_once``: terminate it first, when the run ends by an exception; it may still be
    building). It holds the pipelines it built (hundreds of MB), which linking, after extraction,
    should have free. Python offers no public call for this; ``ForkServer._stop`` is the one its
    own tests use."""
    from multiprocessing import forkserver

    global _FORK_SERVER_POOLS
    server = getattr(forkserver, "_forkserver", None)
    with _FORK_SERVER_LOCK:
        _FORK_SERVER_POOLS -= 1
        stop = getattr(server, "_stop", None)
        if _FORK_SERVER_POOLS > 0 or stop is None:
            return
        pid = getattr(server, "_forkserver_pid", None)
        if at_once and pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        stop()


def _new_pool(model: str | None, workers: int | None = None) -> ProcessPoolExecutor:
    # not forked from this process: the caller may hold threads (a progress bar, a web server) and
    # open database connections that a forked child must not inherit. Forked from a fork server
    # that built the pipelines once, where the platform has one; else spawned, each worker
    # building its own as it starts.
    if _fork_server_runs():
        _start_fork_server(model)
        context: BaseContext = multiprocessing.get_context("forkserver")
        parent: int | None = None
    else:
        context = multiprocessing.get_context("spawn")
        parent = os.getpid()
    return ProcessPoolExecutor(
        max_workers=workers or usable_cores(),
        mp_context=context,
        initializer=_start_worker,
        initargs=(model, parent),
    )


@contextmanager
def _pool(model: str | None, workers: int | None = None) -> Iterator[ProcessPoolExecutor]:
    """A process pool for the ``with`` block: shut down in order when the block ends, its workers
    stopped at once when it ends by an exception (an interrupt, SIGTERM, an error): queued work is
    cancelled and running work abandoned, as the caller will not read it. Its fork server, if
    any, is stopped with it."""
    pool = _new_pool(model, workers)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        if _fork_server_runs():
            _stop_fork_server(at_once=True)
        raise
    pool.shutdown(wait=True)
    if _fork_server_runs():
        _stop_fork_server()


def _noop() -> None:
    return None


@contextmanager
def warm_pool(settings: Settings, expected: int | None) -> Iterator[Executor | None]:
    """A process pool started now, when a run of about ``expected`` articles will extract on one.

    Its workers build their pipelines (seconds each) while the caller is still reading and
    storing the input, instead of after; ``run_extraction(..., pool=...)`` then uses it. Yields
    None when the settings' engine for such a run is not the process pool.
    """
    if chosen_engine(settings, expected) != "process":
        yield None
        return
    workers = usable_cores()
    with _pool(settings.spacy_model, workers) as pool:
        # start every worker now, unless they fork from a fork server: that one builds the
        # pipelines now, and a worker asked of it before it is done would hold the caller up
        for _ in range(0 if _fork_server_runs() else workers):
            pool.submit(_noop)
        yield pool


def run_processes(
    articles: Iterable[Article], model: str | None = None, workers: int | None = None, pool: Executor | None = None
) -> Iterator[ArticleExtraction | Failure]:
    with nullcontext(pool) if pool is not None else _pool(model, workers) as executor:
        # bounded look-ahead: never more than a few chunks in flight, so memory stays flat (a
        # warm pool has one worker per usable core, as a pool made here without ``workers`` does)
        ahead = 4 * (workers or usable_cores())
        pending: list[Future[list[ArticleExtraction | Failure]]] = []
        for chunk in _chunks(articles, CHUNK):
            pending.append(executor.submit(extract_batch, chunk, model))
            if len(pending) >= ahead:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def run_dask(
    articles: Iterable[Article], scheduler: str | None, model: str | None = None, chunk: int = CHUNK
) -> Iterator[ArticleExtraction | Failure]:
    """Run on a Dask cluster at ``scheduler`` (tcp://host:port); without one, a local cluster on loopback.

    Results come back in input order (so they are written deterministically), with a bounded
    number of tasks in flight (a few per worker thread), so memory stays flat however many
    articles there are. A worker that dies mid-run loses nothing: the scheduler runs its tasks
    again elsewhere, and only the results that come back here are written, once each.
    """
    from distributed import Client, LocalCluster  # Dask only for runs that ask for it (seconds to import)

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        ahead = 4 * max(1, sum(client.nthreads().values()))
        pending: list[Any] = []
        for batch in _chunks(articles, chunk):
            pending.append(client.submit(extract_batch, batch, model, pure=False))
            if len(pending) >= ahead:
                yield from _dask_result(pending.pop(0))
        for future in pending:
            yield from _dask_result(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(future: Any) -> list[ArticleExtraction | Failure]:
    result: list[ArticleExtraction | Failure] = future.result()
    future.release()
    return result


def chosen_engine(settings: Settings, count: int | None = None) -> str:
    """The engine a run of ``count`` articles (None: unknown) will use under these settings."""
    if settings.engine != "auto":
        return settings.engine
    if count is not None and count >= AUTO_POOL_MIN and usable_cores() > 1:
        return "process"
    return "local"


def run_extraction(
    articles: Iterable[Article], settings: Settings, count: int | None = None, pool: Executor | None = None
) -> Iterator[ArticleExtraction | Failure]:
    """Extract with the engine the settings name: auto (default), local, process, or dask.

    ``count``, the number of articles when the caller knows it, lets ``auto`` choose. ``pool``,
    one started by :func:`warm_pool`, is used whatever the count: its workers are ready.
    """
    model = settings.spacy_model
    if pool is not None:
        return run_processes(articles, model, pool=pool)
    engine = chosen_engine(settings, count)
    if engine == "local":
        return run_local(articles, model)
    if engine == "process":
        return run_processes(articles, model)
    if engine == "dask":
        return run_dask(articles, settings.scheduler, model)
    raise SettingsError(f"unknown engine {settings.engine!r}; use {', '.join(ENGINES)}")
