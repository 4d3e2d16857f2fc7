"""Make a bigger store out of a kept one: K copies of its articles and reports, for the link phase.

    python bench/throughput.py --n 1000 --no-spacy --keep DIR          # a 1k store: DIR/store1000/bench.db
    python bench/store_copies.py DIR/store1000/bench.db 100 OUT.db     # 100 copies (~740k reports)
    python bench/throughput.py --no-spacy --relink OUT.db              # the link phase alone on them

Extracting 100k generated articles takes this machine hours; the extract phase's memory is flat
in the number of articles (measured at 1k and 10k, see bench/throughput.py), the link phase's is
not. This script gives the link phase a store of the size a 100k run would leave, without the
extraction: copy 0 is the store as it is, and every further copy gets new article and report ids
and its own random shift of every date (up to 540 days, seeded), so it is new news over the same
years rather than the same events told again. Each report's stored JSON is rewritten with its
copy's ids and date; the articles' text and the extractions (mentions, citations) are copied.
The store's events and stories are cleared: ``--relink`` recomputes them all.

Measured 2026-12-07 afternoon (load 4-7) at 598f9cd, the 1k store made at 49b2ecb in 100 copies:
100,000 articles, 740,800 reports; ``--relink``: 207,914 events, link 1,170.3 s of CPU, peak 1,301
MB (104 MB before linking). The pairs chain the copies' look-alike events: one connected part held
290,822 of the reports (20 copies: 52,006 of 148,160), and merging it is most of the CPU. The same
way in the morning at 28699c6 (an earlier 1k store, nice 19, load 6-12): 206,799 events, 1,344 s,
peak 2,211 MB, when a connected part was merged holding all its reports (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sqlite3
import sys


def shifted(value: str | None, precision: str | None, days: int) -> str | None:
    """A report's date string (YYYY-MM-DD, YYYY-MM or YYYY by its precision) moved by ``days``."""
    if not value:
        return value
    parts = value.split("-")
    start = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1)
    moved = start + dt.timedelta(days=days)
    if len(parts) == 1 or precision == "year":
        return f"{moved.year:04d}"
    if len(parts) == 2 or precision == "month":
        return f"{moved.year:04d}-{moved.month:02d}"
    return moved.isoformat()


def copy_id(article_id: str, k: int) -> str:
    return hashlib.md5(f"{article_id}:{k}".encode()).hexdigest()[: len(article_id)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", help="a kept SQLite store (bench.db)")
    parser.add_argument("copies", type=int, help="how many copies in all (1 = the store as it is)")
    parser.add_argument("out", help="the new store's path")
    parser.add_argument("--max-shift", type=int, default=540, help="largest date shift of a copy, in days")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    shutil.copy(args.store, args.out)
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.out)
    for table in (
        "event_reports",
        "event_actors",
        "report_event_ids",
        "event_aliases",
        "events",
        "stories",
        "event_tallies",
        "place_tallies",
        "actor_tallies",
        "actor_pair_tallies",
    ):
        db.execute(f"DELETE FROM {table}")
    article_cols = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
    report_cols = [r[1] for r in db.execute("PRAGMA table_info(reports)")]
    extraction_cols = [r[1] for r in db.execute("PRAGMA table_info(extractions)")]
    articles = db.execute(f"SELECT {', '.join(article_cols)} FROM articles").fetchall()
    reports = db.execute(f"SELECT {', '.join(report_cols)} FROM reports").fetchall()
    extractions = db.execute(f"SELECT {', '.join(extraction_cols)} FROM extractions").fetchall()
    a_id, a_pub, a_dup = (article_cols.index(c) for c in ("id", "published", "duplicate_of"))
    r_id, r_art, r_date, r_prec, r_data = (
        report_cols.index(c) for c in ("id", "article_id", "date", "date_precision", "data")
    )
    e_art, e_data = extraction_cols.index("article_id"), extraction_cols.index("data")
    for k in range(1, args.copies):
        days = rng.randint(1, args.max_shift)
        rows = []
        for row in articles:
            new = list(row)
            new[a_id] = copy_id(row[a_id], k)
            if row[a_dup]:
                new[a_dup] = copy_id(row[a_dup], k)
            if row[a_pub]:
                new[a_pub] = (dt.date.fromisoformat(row[a_pub]) + dt.timedelta(days=days)).isoformat()
            rows.append(new)
        db.executemany(f"INSERT INTO articles VALUES ({', '.join('?' * len(article_cols))})", rows)
        rows = []
        for row in extractions:
            new = list(row)
            new[e_art] = copy_id(row[e_art], k)
            data = json.loads(row[e_data])
            data["article_id"] = new[e_art]
            new[e_data] = json.dumps(data)
            rows.append(new)
        db.executemany(f"INSERT INTO extractions VALUES ({', '.join('?' * len(extraction_cols))})", rows)
        rows = []
        for row in reports:
            new = list(row)
            article = copy_id(row[r_art], k)
            new[r_art] = article
            new[r_id] = article + row[r_id][len(row[r_art]) :]
            new[r_date] = shifted(row[r_date], row[r_prec], days)
            data = json.loads(row[r_data])
            data.update(id=new[r_id], article_id=article, date=new[r_date])
            new[r_data] = json.dumps(data)
            rows.append(new)
        db.executemany(f"INSERT INTO reports VALUES ({', '.join('?' * len(report_cols))})", rows)
        db.commit()
        if k % 10 == 0:
            print(f"{k} copies written", file=sys.stderr)
    db.commit()
    total = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    articles_n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.execute("VACUUM")
    db.close()
    print(json.dumps({"copies": args.copies, "articles": articles_n, "reports": total}))


if __name__ == "__main__":
    main()
