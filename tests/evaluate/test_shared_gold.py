"""The real gold files in the shared folder read whole (skipped on a clone without /work/shared).

These check the loaders against every row of the third-party files: each date layout parses,
every GTD province lands on a known ACLED spelling, and the seed gold is consistent.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from eventledger.evaluate.gold import load_gold
from eventledger.evaluate.normalize import _admin1_index

SHARED = Path(os.environ.get("EVENTLEDGER_SHARED", "/work/shared"))
DEV = SHARED / "eval" / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="shared evaluation data not present (fresh clone)")


@pytest.mark.parametrize(
    ("name", "layout", "minimum_rows", "id_column"),
    [
        ("acled_2020-05_global_no_iraq.csv", "acled", 4900, "event_id_cnty"),  # 9-May-20
        ("acled_afghanistan_2020.csv", "acled", 490, "event_id_cnty"),  # 21 March 2020
        ("acled_kenya_1997-2019.csv", "acled", 5700, "event_id_cnty"),  # 31-12-19, day first
        ("gtd_iraq_2012-2014.csv", "gtd", 890, None),
    ],
)
def test_every_row_of_a_dev_file_reads_with_the_year_its_row_states(name, layout, minimum_rows, id_column):
    gold = load_gold(DEV / name)
    assert gold.layout == layout
    assert len(gold.rows) >= minimum_rows
    assert all(row.text.strip() for row in gold.rows)
    with (DEV / name).open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    if id_column:
        year_of = {r[id_column] or r["data_id"]: int(r["year"]) for r in raw}
        assert all(row.published.year == year_of[row.id] for row in gold.rows)
    else:  # GTD rows are numbered in file order
        assert all(row.published.year == int(raw[int(row.id) - 1]["year"]) for row in gold.rows)


def test_every_gtd_province_maps_onto_a_known_spelling():
    gold = load_gold(DEV / "gtd_iraq_2012-2014.csv")
    known = set(_admin1_index().values())
    assert {row.admin1 for row in gold.rows} <= known


def test_case_rows_carry_thirty_labels():
    gold = load_gold(DEV / "case2021_task2_odd_ids.tsv")
    assert gold.layout == "case"
    assert len({row.label for row in gold.rows}) == 30
    assert all(row.published is None for row in gold.rows)


def test_seed_gold_reads_and_its_documents_exist():
    gold = load_gold(SHARED / "eval" / "seeds" / "gold.yaml")
    assert len(gold.documents) == 4
    assert all(d.file is not None and d.file.is_file() for d in gold.documents)
    assert gold.tallies["attacks_by_month"] == {"2020-10": 7, "2020-11": 1, "2020-12": 8}
    families = {e.family for e in gold.events if e.kind == "attack"}
    assert families == {"Explosions/Remote violence"}  # implied by the sub-event types
