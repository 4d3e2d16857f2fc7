"""How often the system spells a first-level division as ACLED does, measured on ACLED exports.

``python bench/admin1_spelling.py [ACLED.csv ...]`` (default: ../shared/eval/dev/acled_*.csv)
reads each row's ``country``, ``admin1`` and ``location`` and prints, over the distinct
(country, admin1) pairs:

- ``spelled``: pairs whose admin1 the knowledge base writes exactly as ACLED does: some place of
  that country (a division, or a town in it) carries that exact ``admin1``;
- ``resolved_exact`` / ``resolved_same``: over distinct (country, location) pairs, how often the
  location resolved within its country gives ACLED's admin1 exactly, or a name the evaluator takes
  for the same division (``same_admin1``);
- the pairs spelled otherwise, with the spellings the KB has for that country's divisions.

It reads evaluation data and keeps none of it: the KB's spellings come from
``kb/data/admin1_acled.yaml`` and the gazetteer, never from these files.

Last measured (the three dev files: 805 (country, admin1) pairs, 3,907 locations): spelled 0.852
-> 0.914, resolved_exact 0.361 -> 0.386 with the table of ACLED's spellings (kb/admin1.py). Most
pairs still spelled otherwise are divisions ACLED redrew or renamed since (Uganda's districts,
Nepal's former development regions) or spellings it changed over time (Odessa/Odesa).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's package

from eventledger.evaluate.normalize import same_admin1  # noqa: E402
from eventledger.kb import load_kb  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"


def spellings_by_country() -> dict[str, set[str]]:
    """Every admin1 the KB writes, per country: its divisions' and its towns' admin1."""
    kb = load_kb()
    towns = kb.world_towns()
    found: dict[str, set[str]] = defaultdict(set)
    for place in list(dict.values(kb.places)):
        if place.admin1:
            found[place.country or ""].add(place.admin1)
    if towns is not None:
        for entry in towns.big(0):  # every town of the table, its admin1 in ACLED's spelling
            if entry.place.admin1:
                found[entry.place.country or ""].add(entry.place.admin1)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the pairs spelled otherwise")
    args = parser.parse_args(argv)
    files = args.files or sorted(DEV.glob("acled_*.csv"))
    pairs: set[tuple[str, str]] = set()
    locations: set[tuple[str, str, str]] = set()
    for path in files:
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            for row in csv.DictReader(handle):
                country, admin1, location = (row.get(k, "").strip() for k in ("country", "admin1", "location"))
                if country and admin1:
                    pairs.add((country, admin1))
                    if location:
                        locations.add((country, admin1, location))
    known = spellings_by_country()
    kb = load_kb()
    misses = sorted(p for p in pairs if p[1] not in known.get(p[0], set()))
    exact = same = 0
    for country, admin1, location in locations:
        place = kb.match_place(location, country=country)
        found = kb.admin1_of(place) if place is not None else None
        exact += found == admin1
        same += same_admin1(admin1, found)
    print(f"pairs {len(pairs)}  spelled {1 - len(misses) / max(len(pairs), 1):.3f}")
    print(f"locations {len(locations)}  resolved_exact {exact / max(len(locations), 1):.3f}  "
          f"resolved_same {same / max(len(locations), 1):.3f}")
    if args.misses:
        for country, admin1 in misses:
            print(f"  {country}: {admin1!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
