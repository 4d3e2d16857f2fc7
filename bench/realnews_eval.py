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


# what the gate holds: event detection, linking and end-to-end fields as floors (the fields over
# matched pairs are printed but not pinned: they can fall when detection finds harder events), the
# leaked furniture and, on the negatives pages, every report (an invented event) as ceilings
PINNED_FLOORS = ("events.", "linking.", "fields_end_to_end.")
PINNED_CEILINGS = {"conflict": ("boilerplate_leaks",), "protest_politics": ("boilerplate_leaks",),
                   "negatives": ("boilerplate_leaks", "system_reports")}


def pin(results: dict[str, dict[str, Any]]) -> None:
    """Raise each folder's floors (and lower its ceilings) in eval-floors.json to today's figures."""
    from eventledger.evaluate.gate import floor_of, realnews_figures

    path = ROOT / "eval-floors.json"
    document = json.loads(path.read_text("utf-8"))
    pinned = document.setdefault("realnews", {})
    for folder, result in results.items():
        measured = realnews_figures(result)
        section = pinned.setdefault(folder, {"floors": {}, "ceilings": {}})
        for name, value in measured.items():
            # F1s, not precision and recall apart: a change may trade one for the other
            pinned_name = name.startswith("fields_end_to_end.") or name.endswith("f1")
            if name.startswith(PINNED_FLOORS) and pinned_name and not (folder == "negatives" and name.startswith("events.")):
                section["floors"][name] = max(section["floors"].get(name, 0.0), floor_of(value))
        for name in PINNED_CEILINGS[folder]:
            section["ceilings"][name] = min(section["ceilings"].get(name, float("inf")), measured[name])
        section["floors"] = dict(sorted(section["floors"].items()))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--details", nargs="*", default=[], choices=FOLDERS, help="print details of these folders")
    parser.add_argument("--only", nargs="*", choices=FOLDERS, help="only these folders")
    parser.add_argument(
        "--pin", action="store_true",
        help="raise the realnews floors in eval-floors.json to today's figures (never lowers one)",
    )
    args = parser.parse_args()
    if not REALNEWS.is_dir():
        raise SystemExit(f"{REALNEWS} is not there: nothing to measure")
    sys.path.insert(0, str(ROOT / "src"))
    from eventledger.evaluate import evaluate

    table: dict[str, dict[str, Any]] = {}
    results = {}
    for folder in args.only or FOLDERS:
        result = evaluate(str(REALNEWS / folder / "gold.yaml"), details=folder in args.details)
        results[folder] = result
        table[folder] = figures(result)
        if folder in args.details:
            print(json.dumps({folder: result["details"]}, indent=1, ensure_ascii=False))
    if args.pin:
        pin(results)
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
