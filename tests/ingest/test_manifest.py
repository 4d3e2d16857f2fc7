"""Saved pages: a manifest (file, url, outlet) or ``--url`` gives a saved file its address and outlet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.ingest import ManifestError, read_inputs, read_manifest, saved_pages_for
from eventledger.models import Article

from .corpus import CONVOY_BODY, ROCKET_BODY, paragraphs

TITLE = "Rockets land near airbase west of the capital"


def _articles(inputs: list[str], **kwargs: object) -> dict[str, Article]:
    items = list(read_inputs(inputs, None, **kwargs))  # type: ignore[arg-type]
    return {Path(a.source or "").name: a for a in items if isinstance(a, Article)}


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    (folder / "pages").mkdir(parents=True)
    # a text dump that states no date of its own
    (folder / "pages" / "rockets.txt").write_text(f"{TITLE}\n\n{paragraphs(ROCKET_BODY)}\n", "utf-8")
    # one that does: what the page says comes before its address
    (folder / "pages" / "convoy.txt").write_text(
        f"Roadside bomb hits supply convoy\n\nPublished: 3 March 2022\n\n{paragraphs(CONVOY_BODY)}\n", "utf-8")
    return folder


@pytest.mark.parametrize("delimiter", ["\t", ","])
def test_a_manifest_gives_saved_pages_their_address_date_and_outlet(saved: Path, delimiter: str) -> None:
    rows = [
        ["file", "url", "outlet", "published"],
        ["pages/rockets.txt", "https://news.example.org/2021/05/20/rockets-airbase/", "Example Daily", "1999-01-01"],
        ["pages/convoy.txt", "https://news.example.org/2022/03/05/convoy/", "", ""],
    ]
    manifest = saved / ("saved.tsv" if delimiter == "\t" else "saved.csv")
    manifest.write_text("\n".join(delimiter.join(row) for row in rows) + "\n", "utf-8")

    articles = _articles([str(saved)], saved_pages=read_manifest(manifest))

    assert set(articles) == {"rockets.txt", "convoy.txt"}  # the manifest itself is no article
    rockets = articles["rockets.txt"]
    assert rockets.url == "https://news.example.org/2021/05/20/rockets-airbase/"
    # the address's date; the table's own date column is never read
    assert rockets.published == dt.date(2021, 5, 20)
    assert rockets.outlet == "Example Daily"
    assert rockets.fetched_at is None  # saved, not fetched
    convoy = articles["convoy.txt"]
    assert convoy.published == dt.date(2022, 3, 3)  # the page's own label outranks its address
    assert convoy.outlet is None


def test_without_a_manifest_a_saved_dump_stays_undated(saved: Path) -> None:
    rockets = _articles([str(saved / "pages" / "rockets.txt")])["rockets.txt"]
    assert rockets.published is None and rockets.url is None


def test_the_outlet_a_page_names_comes_before_the_manifests(tmp_path: Path) -> None:
    page = tmp_path / "wire.txt"
    page.write_text(f"{TITLE}\n\nRAMADI (Tigris Wire) — {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}\n", "utf-8")
    pages = saved_pages_for([str(page)], url="https://example.net/story", outlet="Aggregator Hub")
    assert _articles([str(page)], saved_pages=pages)["wire.txt"].outlet == "Tigris Wire"


def test_url_and_outlet_for_one_file(saved: Path) -> None:
    page = saved / "pages" / "rockets.txt"
    pages = saved_pages_for([str(page)], url="https://example.com/world/20210520-rockets-hit-base", outlet="Example")
    rockets = _articles([str(page)], saved_pages=pages)["rockets.txt"]
    assert (rockets.published, rockets.outlet) == (dt.date(2021, 5, 20), "Example")


@pytest.mark.parametrize("inputs", [["saved"], ["saved/pages/rockets.txt", "saved/pages/convoy.txt"], ["https://example.com/a"]])
def test_url_is_refused_unless_one_file_is_named(saved: Path, inputs: list[str]) -> None:
    named = [str(saved.parent / item) if not item.startswith("http") else item for item in inputs]
    with pytest.raises(ManifestError, match="exactly one file"):
        saved_pages_for(named, url="https://example.com/2021/05/20/x")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("name,when\nrockets.txt,2021-05-20\n", "needs a file column"),
        ("file,published\nrockets.txt,2021-05-20\n", "needs a file column"),  # a date alone says nothing usable
        ("file,url\nrockets.txt,javascript:alert(1)\n", "row 2: .* is not a web address"),
        ("file,url\n,https://example.com/x\n", "row 2: no file named"),
    ],
)
def test_a_bad_manifest_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "bad.csv"
    manifest.write_text(content, "utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(manifest)


def test_a_missing_manifest_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read"):
        read_manifest(tmp_path / "nowhere.tsv")


def test_manifest_columns_may_use_other_names_and_rows_may_be_short(tmp_path: Path) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text("Path,Link,Publisher\na.txt,https://example.com/2020/01/02/a\nb.txt,,Example Times\n\n", "utf-8")
    pages = read_manifest(manifest)
    assert pages.of(str(tmp_path / "a.txt")).url == "https://example.com/2020/01/02/a"  # type: ignore[union-attr]
    assert pages.of(str(tmp_path / "a.txt")).outlet is None  # type: ignore[union-attr]
    assert pages.of(str(tmp_path / "b.txt")).outlet == "Example Times"  # type: ignore[union-attr]
    assert pages.of(str(tmp_path / "c.txt")) is None
