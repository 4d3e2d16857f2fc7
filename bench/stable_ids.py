"""What stable event ids cost a full re-link: assign_ids over N synthetic events, and the store's
memory of report -> event id written and read back (SQLite in a temp dir).

    python bench/stable_ids.py                 # 100,000 events of 3 reports
    python bench/stable_ids.py --events 20000

Prints seconds for assigning ids (every event keeps its id; then 10% of events merged pairwise),
for writing the memory with the events and for reading it back. Writes only in a temp dir.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from eventledger.link.identity import assign_ids, fresh_id
    from eventledger.models import Event
    from eventledger.store import open_store
    from eventledger.store.edits import write_identities

    events = [
        Event(id=fresh_id(f"r{n:07d}-0", ()), kind="attack", report_ids=tuple(f"r{n:07d}-{k}" for k in range(3)))
        for n in range(args.events)
    ]
    previous = {r: e.id for e in events for r in e.report_ids}
    started = time.perf_counter()
    kept = assign_ids(events, previous)
    print(f"assign_ids, {len(events):,} events, none changed: {time.perf_counter() - started:.2f} s; "
          f"ids kept: {sum(a.id == b.id for a, b in zip(events, kept.events, strict=True)):,}")
    merged_count = len(events) // 10
    merged = [
        dataclasses.replace(events[i], report_ids=events[i].report_ids + events[i + 1].report_ids)
        for i in range(0, 2 * merged_count, 2)
    ] + events[2 * merged_count :]
    started = time.perf_counter()
    result = assign_ids(merged, previous)
    print(f"assign_ids, {merged_count:,} pairs merged: {time.perf_counter() - started:.2f} s; "
          f"retired: {len(result.retired):,}")
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "bench.db")) as store:
        started = time.perf_counter()
        store.save_events(events, replace_all=True)
        print(f"save_events with the id memory ({len(previous):,} reports): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        with store.engine.begin() as conn:
            write_identities(conn, events, {})
        print(f"of which the id memory alone (written again): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        memory = store.known_event_ids()
        print(f"known_event_ids: {len(memory):,} rows in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
