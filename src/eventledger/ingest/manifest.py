"""Where saved pages came from: a manifest of file, address and outlet, or one file's ``--url``.

A page saved to disk (a ``.txt`` dump, an HTML file) has lost its address, and with it the date
many addresses hold (``/2021/05/20/``) and the name of the site. Whoever saved it usually kept
both — a scraper's log, a spreadsheet of what was collected — so ``eventledger ingest
--manifest FILE`` reads them from a CSV or TSV table with a header row::

    file,url,outlet
    pages/kabul-blast.txt,https://example.com/2015/08/10/kabul-blast/,Example News

``file`` (also ``path``, ``filename``) names each page, relative to the manifest's folder;
``url`` (also ``link``, ``source_url``) is the address it was saved from; ``outlet`` (also
``site``, ``site_name``, ``publisher``) the site's name. Either of the last two may be absent
or empty. The page is then read as if fetched from that address: the address is one of the
places a publication date is read from (``pubdate.py``, rank 4, after what the page itself
states), and the outlet is used when the page names none.

Other columns are not read — a date column among them: a publication date is read from the page
and its address, where the article's reader can see it (docs/ingest.md), never taken on trust
from a table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.errors import FetchError, SettingsError
from eventledger.ingest.fetch import check_url
from eventledger.ingest.formats import OUTLET_FIELDS, URL_FIELDS

FILE_FIELDS = ("file", "path", "filename", "file_name")
# "source" names an outlet in records, but a manifest's "source" column is as often the file
MANIFEST_OUTLET_FIELDS = tuple(name for name in OUTLET_FIELDS if name != "source")


class ManifestError(SettingsError):
    """A manifest given on the command line cannot be read: the message says which row and why."""


@dataclass(frozen=True)
class SavedPage:
    """What the user knows about a saved file: the address it was saved from and its outlet."""

    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class SavedPages:
    """Saved pages by resolved file path, and the manifest files themselves (never read as articles)."""

    pages: Mapping[Path, SavedPage] = field(default_factory=dict)
    manifests: frozenset[Path] = frozenset()

    def of(self, location: str) -> SavedPage | None:
        """The saved page a file path (as the source names it) is listed as, if any."""
        if not self.pages:
            return None
        return self.pages.get(Path(location).resolve())

    def is_manifest(self, location: str) -> bool:
        return bool(self.manifests) and Path(location).resolve() in self.manifests

    def merged(self, other: SavedPages) -> SavedPages:
        return SavedPages({**self.pages, **other.pages}, self.manifests | other.manifests)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [cell.strip().casefold() for cell in header]
    for name in names:
        if name.casefold() in folded:
            return folded.index(name.casefold())
    return None


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _url(value: str, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return check_url(value)
    except FetchError as exc:  # a scheme eventledger does not read, a malformed address
        raise ManifestError(f"{where}: {value!r} is not a web address ({exc})") from exc


def saved_page(url: str | None = None, outlet: str | None = None) -> SavedPage:
    """One file's address and outlet as typed (``ingest FILE --url URL --outlet NAME``), checked."""
    return SavedPage(url=_url(url, "--url") if url else None, outlet=(outlet or "").strip() or None)


def read_manifest(path: str | Path) -> SavedPages:
    """The saved pages a CSV/TSV manifest lists; raises ``ManifestError`` when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"manifest {path}: cannot read it ({exc})") from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ManifestError(f"manifest {path}: empty (a header row file,url,outlet was expected)")
    header = rows[0]
    file_column = _column(header, FILE_FIELDS)
    url_column = _column(header, URL_FIELDS)
    outlet_column = _column(header, MANIFEST_OUTLET_FIELDS)
    if file_column is None or (url_column is None and outlet_column is None):
        raise ManifestError(
            f"manifest {path}: its header ({', '.join(header)}) needs a file column "
            f"({' or '.join(FILE_FIELDS)}) and a url or outlet column"
        )
    folder = path.resolve().parent
    pages: dict[Path, SavedPage] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = _cell(row, file_column).strip()
        if not name:
            raise ManifestError(f"manifest {path}, row {number}: no file named")
        page = SavedPage(url=_url(_cell(row, url_column), f"manifest {path}, row {number}"),
                         outlet=_cell(row, outlet_column).strip() or None)
        pages[(folder / name).resolve()] = page
    return SavedPages(pages, frozenset({path.resolve()}))


def saved_pages_for(
    inputs: Sequence[str], manifests: Sequence[str] = (), url: str | None = None, outlet: str | None = None,
) -> SavedPages | None:
    """What the command line says of saved files: its manifests, and ``--url``/``--outlet`` for the
    one file named (refused, with a ``ManifestError``, for a folder, a URL or several inputs)."""
    pages = SavedPages()
    for manifest in manifests:
        pages = pages.merged(read_manifest(manifest))
    if url or outlet:
        files = [item for item in inputs if Path(item).is_file()]
        if len(inputs) != 1 or len(files) != 1:
            raise ManifestError("--url and --outlet describe one saved file: name exactly one file "
                                "(for a folder or several files, list them in a --manifest)")
        pages = pages.merged(SavedPages({Path(files[0]).resolve(): saved_page(url, outlet)}))
    return pages if pages.pages else None
