"""The gazetteer-coverage measurement (bench/gazetteer_coverage.py), on small CSV files written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.fixtures.tools import load_tool

from eventledger.kb import KnowledgeBase, load_kb

measure = load_tool("bench/gazetteer_coverage.py").measure


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_gtd_style_rows_are_scored_with_province_names_mapped(kb: KnowledgeBase, tmp_path: Path) -> None:
    csv_path = _write(
        tmp_path / "gtd.csv",
        "country,state,city",
        [
            "Iraq,Saladin,Tikrit",  # GTD's "Saladin" is ACLED's "Sala al-Din"
            "Iraq,Nineveh,Mosul",
            "Iraq,Al Qadisiyah,Diwaniyah",
            "Iraq,Baghdad,Unknown",  # not a name: left out of the rates
            "Iraq,Diyala,Qwxzt",  # unknown name
            "Iraq,Basra,Ramadi",  # coded province that does not contain the town
        ],
    )
    result = measure(csv_path, kb)
    assert (result.rows, result.named, result.resolved, result.admin1_ok) == (6, 5, 4, 3)
    assert result.unresolved == {"Qwxzt": 1}
    assert ("Ramadi", "Basra", "Iraq/Al-Anbar") in result.wrong_admin1
    assert result.as_dict()["admin1"] == 0.6


def test_acled_style_rows_use_location_and_admin1(kb: KnowledgeBase, tmp_path: Path) -> None:
    csv_path = _write(
        tmp_path / "acled.csv",
        "country,admin1,location",
        ["Kenya,Uasin Gishu,Eldoret", "Afghanistan,Paktia,Gardez", "Kenya,Nairobi,Eastleigh"],
    )
    result = measure(csv_path, kb)
    assert result.named == 3
    assert result.admin1_ok >= 2
    assert result.admin1_with_country >= 2
