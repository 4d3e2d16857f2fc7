"""A run killed with SIGKILL at a random point leaves the store consistent; a re-run completes it."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventledger.store import open_store

N = 2000
PLACES = ["Samawah", "Nasiriyah", "Diwaniya", "Hillah", "Basra", "Baghdad", "Kirkuk", "Tikrit", "Baquba", "Erbil"]
WEAPONS = ["a roadside bomb", "two Katyusha rockets", "a mortar round", "an explosive drone", "gunfire"]
TARGETS = ["a supply convoy", "a checkpoint", "an army patrol", "a logistics base", "a liquor shop"]


def write_corpus(folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for n in range(N):
        place, weapon, target = rng.choice(PLACES), rng.choice(WEAPONS), rng.choice(TARGETS)
        words = " ".join(rng.choice(["local", "officials", "said", "police", "sources", "later", "added"]) for _ in range(40))
        (folder / f"a{n:04d}.txt").write_text(
            f"Report {n} from {place}\n\n"
            f"{place} ({rng.choice(['Rudaw', 'Shafaq News', 'INA'])}) — {weapon.capitalize()} hit {target} "
            f"near {place} on day {n % 28 + 1}, security sources said in dispatch number {n}. {words}.\n",
            encoding="utf-8",
        )


def count(db_url: str) -> tuple[int, int]:
    with open_store(db_url) as store, store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT count(*), count(DISTINCT id) FROM articles")).one()
        return rows[0], rows[1]


def ingest(db_url: str, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "eventledger", "ingest", str(folder), "--no-process", "--db", db_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(db_url, tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    open_store(db_url).close()  # migrate first, so the poll below sees the tables
    target = random.Random().randint(50, N - 200)  # a random point in the run
    process = ingest(db_url, folder)
    deadline = time.monotonic() + 240
    while count(db_url)[0] < target:
        assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read().decode()}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_at_kill = count(db_url)[0]
    assert 0 < stored_at_kill < N, "the kill should land mid-run"

    rerun = ingest(db_url, folder)
    _, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors.decode()
    total, distinct = count(db_url)
    assert total == N
    assert distinct == N
