"""The gazetteer builder's name filters (scripts/build_gazetteer.py); building needs GeoNames' packages."""

from __future__ import annotations

import pytest
from tests.fixtures.tools import load_tool

build_gazetteer = load_tool("scripts/build_gazetteer.py")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Uasin Gishu County", "Uasin Gishu"), ("South Governorate", "South"), ("Ḩajjah", "Hajjah"), ("Texas", "Texas"),
     (None, "")],
)
def test_clean_admin1(raw: str | None, clean: str) -> None:
    assert build_gazetteer.clean_admin1(raw) == clean


@pytest.mark.parametrize(
    ("alias", "usable"),
    [("Arbil", True), ("Al Mawşil", True), ("BGW", False), ("almwsl", False), ("الموصل", False), ("Mo", False)],
)
def test_geonames_alternate_names_filter(alias: str, usable: bool) -> None:
    assert build_gazetteer.usable_alias(alias) is usable
