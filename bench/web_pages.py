"""Time the dashboard's pages and the API over a store of synthetic events.

    python bench/web_pages.py [--events 100000] [--repeat 20] [--db PATH_OR_URL] [--only WORD]

Builds a store of N synthetic events (``tests/fixtures/synthetic.py``; bulk insert through
``Store.save_events`` in chunks), then requests each page in process (the ASGI app through
Starlette's test client: no network, so the figure is server time plus rendering) and prints
p50 and p95 milliseconds per page. Target: p95 <= 100 ms per page at 1M events.

``--db`` takes a SQLite file or a SQLAlchemy URL, so the same run times PostgreSQL::

    createdb bench1m   # a database of your own, dropped afterwards
    python bench/web_pages.py --events 1000000 --db postgresql+psycopg://USER:PASSWORD@127.0.0.1:5432/bench1m

A store that already holds N events is reused as it is (build once, time many times).

The store is exactly what the migrations make (covering indexes included: docs/web.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # this checkout's package, and its tests' fixtures

from tests.fixtures.synthetic import ACTORS, synthetic_events  # noqa: E402

from eventledger.store import open_store  # noqa: E402
from eventledger.web import create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PAGES = {
    "overview": "/",
    "events list (filtered)": "/events?admin1=Baghdad&kind=attack&since=2020-01-01&sort=-killed",
    "events list (text search)": "/events?text=drone",
    "events list (page 40)": "/events?page=40",
    "event page": "/events/syn-0050000",
    "actor page": "/actors/actor:group_7",
    "api events (filtered, 100)": "/api/v1/events?admin1=Basra&limit=100",
    "api events (500)": "/api/v1/events?limit=500",
    "api tallies month x sub-type": "/api/v1/tallies?by=month,sub_event_type",
    "api map layer": "/api/v1/map?kind=attack",
    "timeline page (filtered)": "/timeline?admin1=Baghdad&kind=attack",
    "timeline page (all: 1,000 newest)": "/timeline",
    "timeline page (attacks: a common kind)": "/timeline?kind=attack",
    "events list (attacks: a common kind)": "/events?kind=attack",
    "network page (1,000 newest)": "/network",
    "api actor-names": "/api/v1/actor-names?q=group",
}


def build(db: str, n: int, chunk: int = 5000) -> float:
    store = open_store(db)
    started = time.perf_counter()
    batch = []
    for event in synthetic_events(n):
        batch.append(event)
        if len(batch) == chunk:
            store.save_events(batch)
            batch = []
    if batch:
        store.save_events(batch)
    store.close()
    return time.perf_counter() - started


def name_actors(db: str) -> None:
    """Give the synthetic actors rows in the actors table, as a linking run does for the names its
    reports use (``analyze.actors.sync_actors``): without them every page that names actors reads
    reports for each one, which a linked store never does (and these events have no reports)."""
    store = open_store(db)
    if not store.count_actor_rows():
        store.save_actors([
            {"id": a, "name": a.split(":")[1].replace("_", " ").title(), "kind": "armed_group", "aliases": "[]",
             "country": "IQ", "inter_code": None, "affiliations": "[]", "wikidata": None, "origin": "reports"}
            for a in ACTORS
        ])
    store.close()


def percentile(times: list[float], q: int) -> float:
    """The ``q``-th percentile of ``times`` (linear interpolation between the closest ranks)."""
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] if len(times) > 1 else times[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", help="reuse (or create) this SQLite file or database URL instead of a temporary file")
    parser.add_argument("--only", help="time only the pages whose name contains this")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="eventledger-bench-")) / "bench.db")
    store = open_store(db)
    have = store.count_events()
    store.close()
    if have != args.events:
        if have:
            print(f"{db} holds {have} events, not {args.events}; use another --db", file=sys.stderr)
            return 2
        print(f"building {args.events:,} events in {db} ...", flush=True)
        print(f"  inserted in {build(db, args.events):.1f} s")
    name_actors(db)
    if args.events <= 50_000:
        PAGES["event page"] = "/events/syn-0000010"
    slow = []
    with TestClient(create_app(db)) as client:
        print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8}  status")
        for name, path in PAGES.items():
            if args.only and args.only not in name:
                continue
            client.get(path)  # warm the SQLite page cache and the template cache
            times, status = [], None
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                status = response.status_code
            p50, p95 = percentile(times, 50), percentile(times, 95)
            print(f"{name:34} {p50:8.1f} {p95:8.1f}  {status}", flush=True)
            if p95 > 100 or status != 200:
                slow.append(name)
    print("every page's p95 <= 100 ms" if not slow else f"p95 over 100 ms or failing: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
