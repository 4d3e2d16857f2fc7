"""The crash suite: runs killed with SIGKILL at seeded random points of ingest, extract and link
lose nothing, duplicate nothing, leave no process behind, and a re-run ends with the events of an
uninterrupted run. 20 trials on SQLite, 5 on PostgreSQL (when one is configured), on a corpus
small enough that the whole suite takes a few minutes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import postgres_schema
from tests.engine.test_process_lifetime import _alive, _descendants

from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Samawah", "Nasiriyah", "Diwaniya", "Hillah", "Basra", "Kirkuk", "Tikrit", "Baquba"]
OUTLETS = ["Rudaw", "Shafaq News", "INA"]
ARTICLES = 36  # 12 incidents, each told by the three outlets in their own words
SQLITE_TRIALS = 20
POSTGRES_TRIALS = 5
STAGES = ("ingest", "extract", "link")


def write_corpus(folder: Path) -> None:
    """Three differently worded reports of each of 12 incidents, written here (no outside text)."""
    folder.mkdir()
    for n in range(ARTICLES // 3):
        place = PLACES[n % len(PLACES)]
        day = n + 1
        texts = [
            f"A roadside bomb hit a supply convoy near {place} on {day} March 2021, killing {n % 3 + 1} drivers, "
            "police sources said.",
            f"An explosive device struck a convoy on the highway outside {place} on {day} March 2021. "
            f"Officials said {n % 3 + 1} people were killed in the blast.",
            f"Security sources in {place} said a bomb exploded as trucks passed on {day} March 2021, "
            f"leaving {n % 3 + 1} dead.",
        ]
        for k, text in enumerate(texts):
            (folder / f"i{n:02d}-{k}.txt").write_text(f"Convoy attack near {place}\n\n{OUTLETS[k]} - {text}\n",
                                                     encoding="utf-8")


def eventledger(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventledger", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}


def run(*args: str) -> None:
    done = subprocess.run(eventledger(*args), env=environment(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]


@dataclass(frozen=True)
class Outcome:
    articles: int
    distinct_articles: int
    reports: int
    distinct_reports: int
    events: frozenset[tuple[frozenset[str], str | None, str | None, str | None, int | None]]


def outcome(db: str) -> Outcome:
    with open_store(db) as store:
        with store.engine.connect() as conn:
            articles = conn.execute(sa.text("SELECT count(*), count(DISTINCT id) FROM articles")).one()
            reports = conn.execute(sa.text("SELECT count(*), count(DISTINCT id) FROM reports")).one()
        events = frozenset(
            (frozenset(e.report_ids), str(e.date) if e.date else None, e.event_type, e.place, e.killed_best)
            for e in store.list_events(limit=None)
        )
    return Outcome(articles[0], articles[1], reports[0], reports[1], events)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, float]:
    """The uninterrupted run's outcome, and how long it took."""
    db = str(tmp_path_factory.mktemp("reference") / "reference.db")
    started = time.monotonic()
    run("ingest", str(corpus), "--db", db)
    took = time.monotonic() - started
    expected = outcome(db)
    assert expected.articles == ARTICLES and expected.reports >= ARTICLES
    assert 1 < len(expected.events) < expected.reports  # reports are merged into events
    return expected, took


def stage_command(db: str, corpus: Path, stage: str, engine: str) -> list[str]:
    return {
        "ingest": eventledger("ingest", str(corpus), "--db", db, "--engine", engine),
        "extract": eventledger("extract", "--db", db, "--engine", engine),
        "link": eventledger("link", "--full", "--db", db),
    }[stage]


@pytest.fixture(scope="module")
def stage_seconds(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """How long each stage's command takes uninterrupted (from the store it starts from): a kill
    comes at a share of the killed command's own run, so that most kills land while it runs."""
    folder = tmp_path_factory.mktemp("stage-times")
    seconds = {}
    for stage in STAGES:
        db = f"sqlite:///{folder / f'{stage}.db'}"
        prepare(db, corpus, stage)
        started = time.monotonic()
        done = subprocess.run(stage_command(db, corpus, stage, "local"), env=environment(), capture_output=True, timeout=600)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        seconds[stage] = time.monotonic() - started
    return seconds


def _kill_at_random(command: list[str], delay: float) -> tuple[bool, set[int]]:
    """Start ``command``, SIGKILL it after ``delay`` seconds; returns whether it was still running
    and every process of the run seen up to the kill."""
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and process.poll() is None:
        seen |= _descendants(process.pid)
        time.sleep(0.05)
    running = process.poll() is None
    seen |= _descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return running, seen


def _left_after(pids: set[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.1)
    return [pid for pid in pids if _alive(pid)]


def trials(count: int, seed: int) -> Iterator[tuple[int, str, str, float]]:
    """``count`` trials: (number, stage, engine, when the kill comes as a share of an uninterrupted run)."""
    rng = random.Random(seed)
    for n in range(count):
        yield n, STAGES[n % len(STAGES)], rng.choice(["local", "local", "process"]), rng.uniform(0.3, 1.0)


def prepare(db: str, corpus: Path, stage: str) -> None:
    """The store a stage starts from: empty (ingest), ingested (extract), extracted and linked (link)."""
    with open_store(db) as store:
        pipeline = Pipeline(store, Settings(db=db))
        if stage == "extract":
            pipeline.ingest([str(corpus)])
        elif stage == "link":
            pipeline.run([str(corpus)])


def crash_trial(db: str, corpus: Path, expected: Outcome, took: float, stage: str, engine: str, share: float) -> bool:
    """One trial: the stage's command killed at ``share`` of ``took`` (its uninterrupted run's
    seconds), then the whole job run again in this process; returns whether the kill landed while
    the command ran."""
    prepare(db, corpus, stage)
    running, processes = _kill_at_random(stage_command(db, corpus, stage, engine), share * took)
    assert _left_after(processes, 5.0) == [], f"a process of the killed {stage} outlived it by 5 s"
    with open_store(db) as store:
        Pipeline(store, Settings(db=db)).run([str(corpus)])  # the job again: it finishes what was left
    got = outcome(db)
    assert got.articles == got.distinct_articles == ARTICLES, "articles lost or duplicated"
    assert got.reports == got.distinct_reports == expected.reports, "reports lost or duplicated"
    assert got.events == expected.events
    return running


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_twenty_sigkills_on_sqlite_lose_nothing_and_end_as_an_uninterrupted_run(corpus, reference, stage_seconds, tmp_path):
    expected, _ = reference
    landed = 0
    for n, stage, engine, share in trials(SQLITE_TRIALS, seed=13):
        landed += crash_trial(f"sqlite:///{tmp_path / f'trial{n}.db'}", corpus, expected, stage_seconds[stage], stage, engine,
                              share)
    assert landed >= SQLITE_TRIALS // 2, "most kills should land mid-run"


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_five_sigkills_on_postgresql_lose_nothing_and_end_as_an_uninterrupted_run(corpus, reference, stage_seconds):
    expected, _ = reference
    for _n, stage, engine, share in trials(POSTGRES_TRIALS, seed=29):
        with postgres_schema() as url:
            crash_trial(url, corpus, expected, stage_seconds[stage], stage, engine, share)
