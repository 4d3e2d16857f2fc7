"""Extraction on ACLED notes: is a violent event found, with ACLED's sub-type and fatalities?

Usage: python bench/extract_acled.py [CSV ...] [--limit N]

Each note becomes an article published on the event date. For events ACLED codes as Battles,
Explosions/Remote violence or Violence against civilians, counts how often extraction reports an
attack (recall), how often its sub-event type and fatalities agree; for the other event types
(protests, riots, strategic developments), how often it wrongly reports an attack.
Reads ../shared/eval/dev; writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

from eventledger import taxonomy
from eventledger.extract import extract_article
from eventledger.models import Article

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
VIOLENT = set(taxonomy.event_types_of_kind("attack"))
# ACLED notes that say the coder set fatalities apart from what the source reported
_POLICY = re.compile(r"fatalities coded as|fatalities were coded|coded as \d+ fatalit", re.I)
_FORMATS = ("%d-%b-%y", "%d %B %Y", "%d-%m-%y", "%Y-%m-%d")


def _date(text: str) -> dt.date | None:
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def main(argv: list[str]) -> None:
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 10**9
    paths = [Path(a) for a in argv if a.endswith(".csv")] or [DEV / "acled_afghanistan_2020.csv"]
    counts: Counter[str] = Counter()
    for path in paths:
        for n, row in enumerate(csv.DictReader(path.open(encoding="utf-8"))):
            if n >= limit:
                break
            notes = re.sub(r"\s+", " ", row["notes"] or "").strip()
            if not notes:
                continue
            article = Article.create(notes, published=_date(row["event_date"]))
            attacks = [r for r in extract_article(article).reports if r.kind == "attack" and not r.historical]
            if row["event_type"] in VIOLENT:
                counts["violent"] += 1
                if attacks:
                    counts["found"] += 1
                    best = max(attacks, key=lambda r: (r.killed or 0, -r.index))
                    counts["sub_type_ok"] += best.sub_event_type == row["sub_event_type"]
                    counts["fatalities_ok"] += (best.killed or 0) == int(row["fatalities"] or 0)
                    if not _POLICY.search(notes):
                        counts["stated"] += 1
                        counts["stated_ok"] += (best.killed or 0) == int(row["fatalities"] or 0)
            else:
                counts["other"] += 1
                counts["false_attack"] += bool(attacks)
    violent, found = counts["violent"], counts["found"] or 1
    print(f"violent notes {violent}: attack found {counts['found'] / violent:.3f}")
    print(f"  of those found: sub_event_type {counts['sub_type_ok'] / found:.3f}, fatalities exact {counts['fatalities_ok'] / found:.3f}")
    stated = counts["stated"] or 1
    print(f"  fatalities exact where ACLED did not override the source's toll: {counts['stated_ok'] / stated:.3f} ({counts['stated']} notes)")
    if counts["other"]:
        print(f"non-violent notes {counts['other']}: wrongly reported as an attack {counts['false_attack'] / counts['other']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
