"""A run's worker processes never outlive it: killed (SIGKILL) or stopped (SIGTERM), nothing stays behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SENTENCES = [
    "Two rockets struck a military base near Kirkuk on Tuesday, wounding a soldier, police said.",
    "A roadside bomb hit a patrol near Tikrit in Salahuddin province, killing two policemen.",
    "Gunmen opened fire on a checkpoint in western Anbar, officials said on Wednesday.",
]


def _descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_pooled_ingest(tmp_path: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    folder = tmp_path / "in"
    folder.mkdir()
    towns = ["Kirkuk", "Tikrit", "Samarra", "Baiji", "Hit", "Rutba", "Tuz Khurmatu", "Khanaqin", "Balad", "Dujail"]
    for n in range(600):  # (each its own story, not a near-duplicate of another: every one is extracted)
        words = " ".join(f"note{n}w{k}" for k in range(30))
        town = towns[n % len(towns)]
        text = f"Report {n}\n\n" + " ".join(SENTENCES).replace("Kirkuk", town) * 2 + f" {words}.\n"
        (folder / f"a{n:03d}.txt").write_text(text)
    command = [sys.executable, "-m", "eventledger", "ingest", str(folder), "--db", str(tmp_path / "s.db"),
               "--engine", "process"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120  # (the workers, or their server, build extraction first, at a low priority)
    while time.monotonic() < deadline and len(_pool_processes(process.pid)) < 2:  # workers (or a server and its worker) are up
        time.sleep(0.2)
    assert len(_pool_processes(process.pid)) >= 2, "the pooled run started no worker processes"
    time.sleep(1.0)
    return process, _descendants(process.pid)


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def _pool_processes(pid: int) -> set[int]:
    """The pool's processes below ``pid`` that have started to work: spawned workers, or the fork
    server's workers (forked when the first task comes) with the server itself."""
    below = _descendants(pid)
    spawned = {child for child in below if b"spawn_main" in _command(child)}
    forked = {child for child in below if b"multiprocessing.forkserver" in _command(_parent(child))}
    return spawned | forked | {_parent(child) for child in forked}


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if _alive(pid)}
        if not left:
            return set()
        time.sleep(0.2)
    return {pid for pid in pids if _alive(pid)}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir() or os.cpu_count() == 1, reason="reads /proc; needs a process pool")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    process, workers = _start_pooled_ingest(tmp_path)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _gone_within(workers, 5.0) == set()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir() or os.cpu_count() == 1, reason="reads /proc; needs a process pool")
def test_sigterm_stops_the_pool_and_exits_cleanly(tmp_path: Path) -> None:
    process, workers = _start_pooled_ingest(tmp_path)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 143
    assert _gone_within(workers, 5.0) == set()


def _niceness(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir() or os.cpu_count() == 1, reason="reads /proc; needs a process pool")
def test_pool_workers_run_at_a_lower_priority_than_their_parent(tmp_path: Path) -> None:
    process, workers = _start_pooled_ingest(tmp_path)
    try:
        parent = _niceness(process.pid)
        pool = {pid: _niceness(pid) for pid in _pool_processes(process.pid) if _alive(pid)}
        assert len(pool) >= 2
        assert all(nice >= min(parent + 10, 19) for nice in pool.values())
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        _gone_within(workers, 5.0)
