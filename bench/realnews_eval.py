"""The real-news figures in one table: `eventledger eval` on each realnews gold folder.

    python bench/realnews_eval.py                 # conflict, protest_politics, negatives
    python bench/realnews_eval.py --json          # the figures as one JSON document
    python bench/realnews_eval.py --details conflict   # also what was missed, spurious, wrong

Reads ../shared/eval/dev/realnews (real pages with hand-made gold; see its README): development
data, never copied into the project. Each folder is run in a fresh temporary store.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "eval" / "dev" / "realnews"
FOLDERS = ("conflict", "protest_politics", "negatives")
FIELDS = ("sub_event_type", "date", "admin1", "place", "killed", "wounded", "weapon", "actors")


def figures(result: dict[str, Any]) -> dict[str, Any]:
    events = result["events"]
    out: dict[str, Any] = {f"events.{k}.f1": v["f1"] for k, v in events.items()}
    out["events.all.precision"] = events["all"]["precision"]
    out["events.all.recall"] = events["all"]["recall"]
    out |= {f"fields.{k}": result.get("fields", {}).get(k) for k in FIELDS}
    out["linking.pairwise.f1"] = result["linking"]["pairwise"]["f1"]
    out["linking.bcubed_f1"] = result["linking"]["bcubed_f1"]
    out["boilerplate_leaks"] = result["boilerplate_leaks"]
    out["system_reports"] = result["counts"]["system_reports"]
    out["gold_mentions"] = result["counts"]["gold_mentions"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--details", nargs="*", default=[], choices=FOLDERS, help="print details of these folders")
    parser.add_argument("--only", nargs="*", choices=FOLDERS, help="only these folders")
    args = parser.parse_args()
    if not REALNEWS.is_dir():
        raise SystemExit(f"{REALNEWS} is not there: nothing to measure")
    sys.path.insert(0, str(ROOT / "src"))
    from eventledger.evaluate import evaluate

    table: dict[str, dict[str, Any]] = {}
    for folder in args.only or FOLDERS:
        result = evaluate(str(REALNEWS / folder / "gold.yaml"), details=folder in args.details)
        table[folder] = figures(result)
        if folder in args.details:
            print(json.dumps({folder: result["details"]}, indent=1, ensure_ascii=False))
    if args.json:
        print(json.dumps(table, indent=2))
        return
    names = list(next(iter(table.values())))
    print(f"{'figure':28}" + "".join(f"{f:>18}" for f in table))
    for name in names:
        cells = []
        for folder in table:
            value = table[folder][name]
            cells.append(f"{'-' if value is None else (f'{value:.3f}' if isinstance(value, float) else value):>18}")
        print(f"{name:28}" + "".join(cells))


if __name__ == "__main__":
    main()
