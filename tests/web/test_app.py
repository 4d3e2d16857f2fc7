"""The server's processes: ``serve --workers N`` serves on one port, and its worker processes
end with the supervisor, however it ends."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.engine.test_process_lifetime import _alive, _descendants


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _serve_with_two_workers(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2] / "src"),
                                                         os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "eventledger", "serve", "--db", db, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )


def test_serve_with_two_workers_answers_and_its_workers_die_with_a_killed_supervisor(fresh_db: str) -> None:
    port = _free_port()
    server = _serve_with_two_workers(fresh_db, port)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not _answers(port):
            assert server.poll() is None, "the server exited"
            time.sleep(0.3)
        assert _answers(port)
        workers = _descendants(server.pid)
        assert len(workers) >= 2
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        time.sleep(5)
        assert [pid for pid in workers if _alive(pid)] == []
        assert not _answers(port)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _spawned_workers(pid: int) -> list[int]:
    """The server processes below ``pid`` (uvicorn spawns them; its resource tracker is not one)."""
    found = []
    for child in _descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(child)
    return found


def test_workers_die_with_a_supervisor_killed_while_they_are_still_starting(fresh_db: str) -> None:
    """The race CI met: a supervisor killed before a worker has built its app. The worker's watch
    then starts under its new parent, and it must still see that its supervisor is gone."""
    port = _free_port()
    server = _serve_with_two_workers(fresh_db, port)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_spawned_workers(server.pid)) < 2:
            assert server.poll() is None, "the server exited"
            time.sleep(0.02)
        workers = _descendants(server.pid)
        assert len(_spawned_workers(server.pid)) == 2
        assert not _answers(port), "the workers were meant to be killed before they serve"
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.3)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for pid in workers | _descendants(server.pid):  # no orphan left behind if the test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
