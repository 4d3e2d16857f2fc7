"""bench/store_copies.py: K copies of a kept store, each with new ids and its own date shift."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = {
    "market.txt": "Blast at a market\n\nMarch 3, 2021\n\nA car bomb exploded at a crowded market in Kirkuk on "
    "Tuesday, killing six people and wounding 20, police said. No group has claimed the attack.\n",
    "protest.txt": "Teachers march\n\nMarch 4, 2021\n\nHundreds of teachers marched through the centre of Basra in "
    "March 2021 demanding unpaid salaries; riot police fired tear gas to disperse them.\n",
}


def _copies_module():
    spec = importlib.util.spec_from_file_location("store_copies", ROOT / "bench" / "store_copies.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_date_moves_by_its_own_precision():
    shifted = _copies_module().shifted
    assert shifted("2021-03-02", "day", 30) == "2021-04-01"
    assert shifted("2021-03", "month", 31) == "2021-04"
    assert shifted("2021", "year", 200) == "2022"
    assert shifted(None, None, 5) is None


@pytest.mark.slow
def test_copies_get_new_ids_and_their_own_dates(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = tmp_path / "one.db"
    subprocess.run(
        [sys.executable, "-m", "eventledger", "ingest", str(folder), "--db", str(store), "--engine", "local"],
        check=True, capture_output=True,
    )
    out = tmp_path / "three.db"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "store_copies.py"), str(store), "3", str(out)],
        check=True, capture_output=True, text=True,
    )
    summary = json.loads(result.stdout)
    with sqlite3.connect(store) as db:
        reports = db.execute("SELECT id, article_id, date, data FROM reports").fetchall()
    with sqlite3.connect(out) as db:
        copied = db.execute("SELECT id, article_id, date, data FROM reports").fetchall()
        articles = db.execute("SELECT id, published FROM articles").fetchall()
        events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert reports, "the articles gave no report"
    assert summary == {"copies": 3, "articles": 2 * 3, "reports": len(reports) * 3}
    assert len({r[0] for r in copied}) == len(copied) and len({a[0] for a in articles}) == len(articles)
    assert events == 0  # cleared: --relink recomputes them
    for report_id, article_id, date, data in copied:
        stored = json.loads(data)
        assert report_id.startswith(article_id) and stored["id"] == report_id
        assert stored["article_id"] == article_id and stored["date"] == date
    # each copy is shifted by its own number of days: the dates of the three copies differ
    day_dates = {r[2] for r in copied if r[2] and len(r[2]) == 10}
    originals = {r[2] for r in reports if r[2] and len(r[2]) == 10}
    assert len(day_dates) == 3 * len(originals)
    published = sorted(dt.date.fromisoformat(a[1]) for a in articles if a[1])
    assert len(set(published)) > 2
