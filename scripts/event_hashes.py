"""Run corpora through the pipeline and print a hash of every event's JSON: the check that a change
which should not move behaviour did not.

    python scripts/event_hashes.py                      # every corpus below that is present
    python scripts/event_hashes.py --only seeds examples
    python scripts/event_hashes.py --keep /tmp/hashes   # keep each run's store and events JSON

Each corpus is run by ``eventledger eval GOLD --db STORE`` (the same command a user runs), then its
events are read back with ``eventledger events --json``; the hash is the SHA-1 of that JSON with the
events in id order. Only the command line is used, so the script gives comparable figures across
refactors of the code behind it. Compare two commits by running it at each and diffing the output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"

CORPORA = {
    "seeds": SHARED / "seeds" / "gold.yaml",
    "examples": ROOT / "examples" / "gold.yaml",
    "acled_global": SHARED / "dev" / "acled_2020-05_global_no_iraq.csv",
    "acled_afghanistan": SHARED / "dev" / "acled_afghanistan_2020.csv",
    "acled_kenya": SHARED / "dev" / "acled_kenya_1997-2019.csv",
    "gtd_iraq": SHARED / "dev" / "gtd_iraq_2012-2014.csv",
    "case_odd": SHARED / "dev" / "case2021_task2_odd_ids.tsv",
    "realnews_conflict": SHARED / "dev" / "realnews" / "conflict" / "gold.yaml",
    "realnews_protest_politics": SHARED / "dev" / "realnews" / "protest_politics" / "gold.yaml",
    "realnews_negatives": SHARED / "dev" / "realnews" / "negatives" / "gold.yaml",
}


def eventledger() -> list[str]:
    here = Path(sys.executable).with_name("eventledger")
    return [str(here)] if here.exists() else [sys.executable, "-m", "eventledger"]


def run_corpus(gold: Path, folder: Path) -> dict[str, object]:
    db = folder / "store.db"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([*eventledger(), "eval", str(gold), "--db", str(db), "--json"], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    listed = subprocess.run(
        [*eventledger(), "events", "--db", str(db), "--json", "--limit", "100000000"],
        check=True, capture_output=True, text=True,
    ).stdout
    events = sorted(json.loads(listed)["events"], key=lambda e: e["id"])
    canonical = json.dumps(events, sort_keys=True, ensure_ascii=False)
    (folder / "events.json").write_text(canonical, encoding="utf-8")
    reports = sum(len(e["reports"]) for e in events)
    return {
        "events": len(events),
        "reports": reports,
        "sha1": hashlib.sha1(canonical.encode("utf-8")).hexdigest(),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=sorted(CORPORA), help="only these corpora")
    parser.add_argument("--keep", type=Path, help="keep each corpus's store and events.json under this folder")
    args = parser.parse_args()
    names = args.only or list(CORPORA)
    with tempfile.TemporaryDirectory(prefix="eventledger-hashes-") as scratch:
        base = args.keep or Path(scratch)
        for name in names:
            gold = CORPORA[name]
            if not gold.exists():
                print(f"{name:28} absent ({gold})", flush=True)
                continue
            folder = base / name
            folder.mkdir(parents=True, exist_ok=True)
            result = run_corpus(gold, folder)
            print(
                f"{name:28} {result['events']:>6} events {result['reports']:>6} reports  sha1 {result['sha1']}"
                f"  ({result['seconds']} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
