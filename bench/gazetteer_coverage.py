"""Measure the gazetteer on coded event data: does a row's place name resolve to its coded admin1?

``python bench/gazetteer_coverage.py GTD_OR_ACLED.csv [...]`` reads CSV files with either GTD's
columns (``city``, ``state``, ``country``) or ACLED's (``location``, ``admin1``, ``country``), and
prints per file: rows, how many place names resolve at all, how many resolve to the coded admin1
(the coded admin1 itself mapped through the KB, so GTD's "Saladin" counts as "Sala al-Din"), and
the most frequent misses. It reads evaluation data; nothing of it is kept.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's package

from eventledger.kb import KnowledgeBase, load_kb, normalize_name

UNKNOWN_NAMES = {"unknown", ""}


@dataclass
class Coverage:
    """Counts for one file."""

    rows: int = 0
    named: int = 0  # rows whose place name is not empty/"Unknown"
    resolved: int = 0  # the name resolves to some place
    country_ok: int = 0  # ... in the coded country
    admin1_ok: int = 0  # ... whose admin1 is the coded admin1
    admin1_with_country: int = 0  # ... when match_place is told the coded country
    unresolved: Counter[str] = field(default_factory=Counter)
    wrong_admin1: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, float | int]:
        named = max(self.named, 1)
        return {
            "rows": self.rows,
            "named": self.named,
            "resolved": round(self.resolved / named, 4),
            "country": round(self.country_ok / named, 4),
            "admin1": round(self.admin1_ok / named, 4),
            "admin1_given_country": round(self.admin1_with_country / named, 4),
        }


def _same_admin1(kb: KnowledgeBase, found: str | None, coded: str, country: str) -> bool:
    if found is None:
        return False
    if normalize_name(found) == normalize_name(coded):
        return True
    coded_place = kb.match_place(coded)
    return coded_place is not None and coded_place.country == country and kb.admin1_of(coded_place) == found


def measure(path: Path, kb: KnowledgeBase | None = None) -> Coverage:
    """Coverage of one GTD or ACLED CSV file."""
    kb = kb or load_kb()
    result = Coverage()
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        reader = csv.DictReader(handle)
        fields = set(reader.fieldnames or ())
        name_col, admin1_col = ("city", "state") if "city" in fields else ("location", "admin1")
        for row in reader:
            result.rows += 1
            name = (row.get(name_col) or "").strip()
            coded = (row.get(admin1_col) or "").strip()
            country = (row.get("country") or "").strip()
            if name.lower() in UNKNOWN_NAMES:
                continue
            result.named += 1
            hinted = kb.match_place(name, country=country) if country else None
            if hinted is not None and _same_admin1(kb, kb.admin1_of(hinted), coded, country):
                result.admin1_with_country += 1
            place = kb.match_place(name)
            if place is None:
                result.unresolved[name] += 1
                continue
            result.resolved += 1
            if place.country == country:
                result.country_ok += 1
            found = kb.admin1_of(place)
            if place.country == country and _same_admin1(kb, found, coded, country):
                result.admin1_ok += 1
            else:
                result.wrong_admin1[(name, coded, f"{place.country}/{found}")] += 1
    return result


def main(argv: list[str] | None = None) -> int:
    """Print coverage figures for each file named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python bench/gazetteer_coverage.py FILE.csv [...]", file=sys.stderr)
        return 2
    kb = load_kb()
    for arg in args:
        cov = measure(Path(arg), kb)
        print(arg, cov.as_dict())
        print("  top unresolved:", cov.unresolved.most_common(12))
        print("  top wrong admin1 (name, coded, found):", cov.wrong_admin1.most_common(12))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
