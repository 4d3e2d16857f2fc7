"""The gazetteer-coverage measurement, on small CSV files written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.kb import KnowledgeBase
from eventledger.kb.build_gazetteer import _usable_alias, clean_admin1
from eventledger.kb.coverage import measure


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


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Uasin Gishu County", "Uasin Gishu"), ("South Governorate", "South"), ("Ḩajjah", "Hajjah"), ("Texas", "Texas"),
     (None, "")],
)
def test_clean_admin1(raw: str | None, clean: str) -> None:
    assert clean_admin1(raw) == clean


@pytest.mark.parametrize(
    ("alias", "usable"),
    [("Arbil", True), ("Al Mawşil", True), ("BGW", False), ("almwsl", False), ("الموصل", False), ("Mo", False)],
)
def test_geonames_alternate_names_filter(alias: str, usable: bool) -> None:
    assert _usable_alias(alias) is usable
