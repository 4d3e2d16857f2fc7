"""The dashboard under load while the store is being written: errors, latency, shedding.

    python bench/load.py                          # 50 req/s, then 100 req/s, 60 s each
    python bench/load.py --rate 50 --seconds 20   # one shorter phase
    python bench/load.py --server-env EVENTLEDGER_MAX_IN_FLIGHT=8 EVENTLEDGER_PAGE_CACHE_SECONDS=0
    python bench/load.py --workers 1                # one server process (plain `serve` runs 2)

Each phase serves a copy of the same store (``--base`` generated articles, ingested, extracted
and linked beforehand) with ``eventledger serve`` on 127.0.0.1, and at the moment the load starts
runs ``eventledger ingest`` of ``--articles`` new generated articles into that same store (their
extraction takes both cores of a 2-vCPU machine for most of the minute). The load is open-loop:
requests leave at the given rate whatever the server does, in turn ``/``, ``/events``,
``/api/v1/events`` and an event page (a different event each time), each on its own connection,
with a 30 s timeout. An event id retired by a merge during the ingest answers 301 to the event
that took it over; that redirect is followed, as a browser would, and the request counts by its
final answer (its latency includes both), the number of redirects followed printed apart. It prints, per phase, what was sent and served, the 503s the server shed,
every other error, and p50/p95/max of the served requests' latency (overall and per page), then
how long the ingest took. The articles are those of ``bench/throughput.py``'s generator
(sentences of the project's own examples, recombined).

Bounded: the requests are rate x seconds in number, at most ``--max-outstanding`` at once, the
ingest is stopped after ``--ingest-timeout`` seconds, and only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import generate  # noqa: E402  (bench/throughput.py: the article generator)

HOST = "127.0.0.1"  # loopback only, always
TIMEOUT = 30.0
PAGES = ("/", "/events", "/api/v1/events", "event")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 2


@dataclass
class Outcome:
    sent: int = 0
    served: int = 0
    shed: int = 0
    redirected: int = 0  # requests answered by a redirect first (an event id retired by a merge), then followed
    errors: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    late_start: float = 0.0  # how far behind schedule the last request left (the client's own lag)

    def served_latencies(self) -> list[float]:
        return [x for values in self.latencies.values() for x in values]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def eventledger(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventledger", *args]


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def build_base(folder: Path, db: Path, count: int) -> None:
    corpus = folder / "base"
    corpus.mkdir()
    generate(corpus, count, seed=7)
    started = time.perf_counter()
    subprocess.run(eventledger("ingest", str(corpus), "--db", str(db)), env=environment({}), check=True,
                   stdout=subprocess.DEVNULL)
    print(f"base store: {count} articles ingested, extracted and linked in {time.perf_counter() - started:.0f} s", flush=True)


def wait_until_up(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/stats", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def event_ids(port: int) -> list[str]:
    with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/events?limit=500", timeout=30) as response:
        return [e["id"] for e in json.load(response)["items"]]


async def request(port: int, path: str) -> tuple[int, str | None]:
    """The status of a GET of ``path`` and, for a redirect, where it points."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    if not data.startswith(b"HTTP/1.1 "):
        raise ConnectionError("no HTTP response")
    status = int(data[9:12])
    location = None
    if status in REDIRECTS:
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        location = next((line.split(":", 1)[1].strip() for line in head.split("\r\n")[1:]
                         if line.lower().startswith("location:")), None)
    return status, location


async def fetch(port: int, path: str) -> tuple[int, int]:
    """The final status of a GET of ``path`` as a browser sees it (a redirect to a path on the same
    server is followed, at most ``MAX_REDIRECTS`` times), and how many redirects it took."""
    hops = 0
    status, location = await request(port, path)
    while status in REDIRECTS and location and location.startswith("/") and hops < MAX_REDIRECTS:
        hops += 1
        status, location = await request(port, location)
    return status, hops


async def one(port: int, kind: str, path: str, outcome: Outcome, slots: asyncio.Semaphore) -> None:
    started = time.perf_counter()
    try:
        status, hops = await asyncio.wait_for(fetch(port, path), TIMEOUT)
    except TimeoutError:
        outcome.errors["timeout"] += 1
        return
    except OSError as exc:
        outcome.errors[type(exc).__name__] += 1
        return
    finally:
        slots.release()
    outcome.redirected += 1 if hops else 0
    if 200 <= status < 300:
        outcome.served += 1
        outcome.latencies[kind].append(time.perf_counter() - started)
    elif status == 503:
        outcome.shed += 1
    else:
        outcome.errors[f"HTTP {status}"] += 1


async def load(port: int, rate: float, seconds: float, events: list[str], max_outstanding: int) -> Outcome:
    """Send ``rate`` requests a second for ``seconds``, on schedule whatever the answers."""
    outcome = Outcome()
    slots = asyncio.Semaphore(max_outstanding)
    tasks = []
    start = time.perf_counter()
    total = int(rate * seconds)
    for n in range(total):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        outcome.late_start = max(outcome.late_start, time.perf_counter() - due)
        kind = PAGES[n % len(PAGES)]
        path = f"/events/{events[(n // len(PAGES)) % len(events)]}" if kind == "event" else kind
        if slots.locked():
            outcome.errors["client: too many outstanding"] += 1
            continue
        await slots.acquire()
        outcome.sent += 1
        tasks.append(asyncio.create_task(one(port, kind, path, outcome, slots)))
    await asyncio.gather(*tasks)
    return outcome


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(rate: float, seconds: float, outcome: Outcome, ingest: str) -> None:
    served = outcome.served_latencies()
    errors = sum(outcome.errors.values())
    print(f"\n== {rate:g} req/s for {seconds:g} s, while ingesting ==")
    print(
        f"sent {outcome.sent}, served {outcome.served} ({outcome.served / seconds:.1f}/s; {outcome.redirected} after a "
        f"redirect, followed), shed 503 {outcome.shed}, "
        f"errors {errors}{' ' + dict(outcome.errors).__repr__() if errors else ''}"
    )
    print(
        f"served latency: p50 {percentile(served, 0.5) * 1000:.0f} ms, p95 {percentile(served, 0.95) * 1000:.0f} ms, "
        f"max {max(served, default=float('nan')) * 1000:.0f} ms (client lag at most {outcome.late_start * 1000:.0f} ms)"
    )
    for kind in PAGES:
        values = outcome.latencies.get(kind, [])
        name = "/events/{id}" if kind == "event" else kind
        print(f"  {name:16} served {len(values):5}  p50 {percentile(values, 0.5) * 1000:6.0f} ms  "
              f"p95 {percentile(values, 0.95) * 1000:6.0f} ms")
    print(f"ingest: {ingest}")
    print(f"machine load average at the end of the phase: {'/'.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)")


def phase(args: argparse.Namespace, folder: Path, base: Path, corpus: Path, rate: float, server_env: dict[str, str]) -> None:
    db = folder / f"load-{rate:g}.db"
    shutil.copy(base, db)
    port = free_port()
    workers = ["--workers", str(args.workers)] if args.workers else []  # none: serve's own default
    server = subprocess.Popen(eventledger("serve", "--db", str(db), "--host", HOST, "--port", str(port), *workers),
                              env=environment(server_env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ingest: subprocess.Popen[bytes] | None = None
    try:
        wait_until_up(port, server)
        events = event_ids(port)
        if not events:
            raise SystemExit("the base store holds no events")
        for path in ("/", "/events", "/api/v1/events", f"/events/{events[0]}"):  # first requests load the KB
            urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=60).close()
        ingest_started = time.perf_counter()
        ingest = subprocess.Popen(eventledger("ingest", str(corpus), "--db", str(db)), env=environment({}),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        outcome = asyncio.run(load(port, rate, args.seconds, events, args.max_outstanding))
        during = "still running when the load ended" if ingest.poll() is None else "done during the load"
        try:
            ingest.wait(timeout=args.ingest_timeout)
            took = f"{len(list(corpus.iterdir()))} articles in {time.perf_counter() - ingest_started:.0f} s ({during})"
            if ingest.returncode:
                took += f", exit {ingest.returncode}: {ingest.stderr.read().decode()[-300:] if ingest.stderr else ''}"
        except subprocess.TimeoutExpired:
            took = (f"stopped {args.ingest_timeout:g} s after the load ended, "
                    f"{time.perf_counter() - ingest_started:.0f} s after it started (still writing throughout the load)")
        report(rate, args.seconds, outcome, took)
    finally:
        for process in (ingest, server):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, nargs="+", default=[50, 100], help="requests per second, one phase each")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--articles", type=int, default=500, help="articles ingested during each phase")
    parser.add_argument("--base", type=int, default=200, help="articles in the store before the load")
    parser.add_argument("--max-outstanding", type=int, default=3000, help="requests in flight on the client side")
    parser.add_argument("--ingest-timeout", type=float, default=600)
    parser.add_argument("--workers", type=int, help="server processes (serve --workers; default: serve's own)")
    parser.add_argument("--server-env", nargs="*", default=[], metavar="NAME=VALUE", help="settings of the server")
    parser.add_argument("--keep", help="build in (and keep) this folder instead of a temporary one")
    args = parser.parse_args()
    server_env = dict(item.split("=", 1) for item in args.server_env)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="eventledger-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        base = folder / "base.db"
        if not base.exists():
            build_base(folder, base, args.base)
        corpus = folder / "new"
        if not corpus.exists():
            corpus.mkdir()
            generate(corpus, args.articles, seed=13)
        print(f"server: {args.workers or 'the default number of'} process(es), settings {server_env or 'defaults'}; {os.cpu_count()} CPUs; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        for rate in args.rate:
            phase(args, folder, base, corpus, rate, server_env)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
