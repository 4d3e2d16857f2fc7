"""Extraction against GTD's coded province, killed and wounded (Iraq 2012-2014 summaries).

Usage: python bench/extract_gtd.py [PATH_TO_gtd_iraq_2012-2014.csv] [--show N]

Each row's ``summary`` becomes one article published on the row's date; the report compared is
the article's primary report as ``eventledger eval`` picks it (current before background, then
the extractor's confidence, then text order). Prints admin1 accuracy, killed/wounded exact match (strict: no count stated counts as
wrong; ACLED convention: no count stated is 0) and the rows with no attack found.
Reads the data from ../shared; nothing from it is written anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import time
from pathlib import Path

from eventledger.extract import extract_article
from eventledger.kb import load_kb
from eventledger.models import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "gtd_iraq_2012-2014.csv"


def _number(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def measure(path: Path = DEFAULT) -> dict[str, float | list[str]]:
    """Rows, the share with an attack found, admin1 accuracy, killed and wounded exact (strict and
    none-as-0), rows per second, and the rows missed or wrong (``misses``)."""
    kb = load_kb()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    n = found = admin1_ok = admin1_n = 0
    killed_strict = killed_acled = wounded_strict = wounded_acled = 0
    misses: list[str] = []
    start = time.perf_counter()
    for row in rows:
        n += 1
        article = Article.create(row["summary"], published=dt.date.fromisoformat(row["date"]))
        reports = [r for r in extract_article(article).reports if r.kind == "attack" and not r.historical]
        gold_place = kb.match_place(row["state"])
        gold_admin1 = gold_place.admin1 if gold_place else None
        gold_killed, gold_wounded = _number(row["killed"]), _number(row["wounded"])
        if not reports:
            misses.append(f"NO ATTACK | {row['summary'][:160]}")
            continue
        found += 1
        report = min(reports, key=lambda r: (r.historical, -r.confidence, r.index))
        if gold_admin1:
            admin1_n += 1
            admin1_ok += report.admin1 == gold_admin1
            if report.admin1 != gold_admin1:
                misses.append(f"ADMIN1 {report.admin1} != {gold_admin1} | {row['summary'][:160]}")
        killed_strict += report.killed == gold_killed
        killed_acled += (report.killed or 0) == gold_killed
        wounded_strict += report.wounded == gold_wounded
        wounded_acled += (report.wounded or 0) == gold_wounded
        if (report.killed or 0) != gold_killed or (report.wounded or 0) != gold_wounded:
            misses.append(f"COUNT k={report.killed}/{gold_killed} w={report.wounded}/{gold_wounded} | {row['summary'][:200]}")
    return {
        "rows": n,
        "found": found / n,
        "admin1": admin1_ok / admin1_n,
        "admin1_rows": admin1_n,
        "killed_strict": killed_strict / n,
        "killed": killed_acled / n,
        "wounded_strict": wounded_strict / n,
        "wounded": wounded_acled / n,
        "rows_per_s": n / (time.perf_counter() - start),
        "misses": misses,
    }


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv and not argv[0].startswith("--") else DEFAULT
    show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 0
    f = measure(path)
    n, admin1_n = f["rows"], f["admin1_rows"]
    print(f"rows {n}, attack found {round(f['found'] * n)} ({f['found']:.3f}), {f['rows_per_s']:.1f} rows/s")
    print(f"admin1 accuracy {f['admin1']:.3f} ({round(f['admin1'] * admin1_n)}/{admin1_n} rows with a known province)")
    print(f"killed exact: strict {f['killed_strict']:.3f}, none-as-0 {f['killed']:.3f}")
    print(f"wounded exact: strict {f['wounded_strict']:.3f}, none-as-0 {f['wounded']:.3f}")
    for line in f["misses"][:show]:  # type: ignore[index]
        print(line)

if __name__ == "__main__":
    main(sys.argv[1:])
