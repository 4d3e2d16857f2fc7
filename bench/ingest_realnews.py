"""Ingest on real news pages: publication dates, leaked page furniture and article words kept.

    python bench/ingest_realnews.py                 # the three realnews folders of ../shared
    python bench/ingest_realnews.py --dump DIR      # also write each article's stored text to DIR
    python bench/ingest_realnews.py --root PATH     # another folder holding realnews-like folders

Reads ``../shared/eval/dev/realnews/{conflict,protest_politics,negatives}/`` (each with
``articles/*.txt``, ``manifest.tsv`` and ``gold.yaml``, see that folder's README) and skips with a
message when they are absent. Each article is ingested with the project's own readers, exactly as
``eventledger ingest FILE`` reads it, and compared with the gold:

- **dates**: the gold's per-document ``published`` against the article's. A gold date counts as
  *URL-only* when the gold's comment says it came from the URL, or when the text does not write
  that date anywhere and the page URL (manifest) holds it: ingest of a ``.txt`` file cannot see
  the URL, so those are counted apart. ``invented`` counts documents whose gold says there is no
  date but ingest gave one. A second line ("with URL") reads each file again as if it had been
  fetched from its manifest URL, which is what ingest does for fetched pages.
- **leaks**: trap strings (gold ``boilerplate_traps``) found in the document's stored title or
  text, case and spacing aside (as ``eventledger eval`` counts them).
- **words**: words of stored article text (title excluded), summed per folder; documents that
  failed to ingest are listed.

Nothing from ../shared is written anywhere unless ``--dump`` is given (a local folder for diffs).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = ROOT.parent / "shared" / "eval" / "dev" / "realnews"
FOLDERS = ("conflict", "protest_politics", "negatives")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass
class Tally:
    """Counts for one folder."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    gold_dates: int = 0
    url_only: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    url_only_right: int = 0
    invented: list[str] = field(default_factory=list)
    with_url_right: int = 0
    with_url_wrong: list[str] = field(default_factory=list)
    with_url_invented: list[str] = field(default_factory=list)
    traps: int = 0
    leaked: list[str] = field(default_factory=list)
    words: int = 0


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def written_in(text: str, date: dt.date) -> bool:
    """True when ``text`` writes ``date`` in some common form (ISO, numeric, with a month name)."""
    lowered = text.casefold()
    iso = f"{date.year}-{date.month:02d}-{date.day:02d}"
    if iso in lowered or f"{date.year}-{date.month}-{date.day}" in lowered:
        return True
    day, month = str(date.day), MONTHS[date.month - 1]
    for match in re.finditer(rf"\b(?:{date.year}|{date.year % 100:02d})\b", lowered):
        window = lowered[max(0, match.start() - 30): match.end() + 30]
        named = re.search(rf"\b{month}", window) and re.search(rf"\b0?{day}(?:st|nd|rd|th)?\b", window)
        numeric = re.search(rf"\b0?{day}[/.]0?{date.month}[/.]|\b0?{date.month}[/.]0?{day}[/.]", window)
        if named or numeric:
            return True
    return False


def url_writes(url: str, date: dt.date) -> bool:
    """True when ``url`` holds ``date`` (/2021/05/20/, /2019/oct/26/, 20210520, 2021-05-20, a Unix time)."""
    lowered = url.casefold()
    y, m, d, name = date.year, date.month, date.day, MONTHS[date.month - 1]
    shapes = (rf"{y}/0?{m}/0?{d}\b", rf"{y}/{name}/0?{d}\b", rf"{y}{m:02d}{d:02d}", rf"{y}-{m:02d}-{d:02d}")
    if any(re.search(shape, lowered) for shape in shapes):
        return True
    for stamp in re.findall(r"(?<!\d)1[0-9]{9}(?!\d)", lowered):
        if dt.datetime.fromtimestamp(int(stamp), dt.UTC).date() == date:
            return True
    return False


def _gold_comments(gold_path: Path) -> dict[str, str]:
    """The comment on each document's ``published`` line (the gold explains its dates there)."""
    comments: dict[str, str] = {}
    current = None
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        ident = re.search(r"\bid:\s*([\w.-]+)", line)
        if ident:
            current = ident.group(1)
        if current and "published:" in line and "#" in line:
            comments[current] = line.split("#", 1)[1].strip()
    return comments


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def _read(path: Path, url: str | None) -> Any:
    """The one article ingest makes of ``path`` (read as if fetched from ``url`` when given), or None."""
    from eventledger.errors import IngestError
    from eventledger.ingest import read_bytes
    from eventledger.models import Article

    try:
        items = list(read_bytes(path.read_bytes(), source=str(path), fetcher=None, max_bytes=5_000_000,
                                max_text_chars=2_000_000, name=path.name, url=url))
    except IngestError:
        return None
    articles = [item for item in items if isinstance(item, Article)]
    return articles[0] if articles else None


def measure(folder: Path, dump: Path | None) -> Tally:
    """Ingest every document of one realnews folder and compare it with the gold."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        urls = {row["file"]: row["url"] for row in csv.DictReader(handle, delimiter="\t")}
    comments = _gold_comments(folder / "gold.yaml")
    traps = gold.get("boilerplate_traps") or {}
    tally = Tally()
    for document in gold["documents"]:
        ident, path = document["id"], folder / document["file"]
        url = urls.get(document["file"])
        tally.documents += 1
        article = _read(path, None)
        if article is None:
            tally.failed.append(ident)
            continue
        if dump is not None:
            (dump / folder.name).mkdir(parents=True, exist_ok=True)
            (dump / folder.name / f"{ident}.txt").write_text(f"TITLE: {article.title}\nDATE: {article.published}\n\n{article.text}\n")
        tally.words += len(article.text.split())
        stored = _squash(f"{article.title or ''}\n{article.text}")
        for trap in traps.get(ident, []):
            tally.traps += 1
            if _squash(trap) in stored:
                tally.leaked.append(f"{ident}: {trap[:50]}")
        _score_date(tally, ident, _as_date(document.get("published")), article.published, path, url, comments.get(ident, ""))
        with_url = _read(path, url) if url else article
        _score_with_url(tally, ident, _as_date(document.get("published")), with_url.published if with_url else None)
    return tally


def _score_date(tally: Tally, ident: str, gold: dt.date | None, found: dt.date | None, path: Path, url: str | None,
                comment: str) -> None:
    if gold is None:
        if found is not None:
            tally.invented.append(f"{ident}: {found}")
        return
    tally.gold_dates += 1
    text = path.read_text(encoding="utf-8", errors="replace")
    url_only = "from the url" in comment.casefold() or (not written_in(text, gold) and url is not None and url_writes(url, gold))
    if url_only:
        tally.url_only += 1
        if found == gold:
            tally.url_only_right += 1
        return
    if found == gold:
        tally.right += 1
    elif found is None:
        tally.missing.append(f"{ident}: gold {gold}")
    else:
        tally.wrong.append(f"{ident}: {found} for {gold}")


def _score_with_url(tally: Tally, ident: str, gold: dt.date | None, found: dt.date | None) -> None:
    if gold is None:
        if found is not None:
            tally.with_url_invented.append(f"{ident}: {found}")
    elif found == gold:
        tally.with_url_right += 1
    elif found is not None:
        tally.with_url_wrong.append(f"{ident}: {found} for {gold}")


def report(name: str, tally: Tally, verbose: bool) -> None:
    in_text = tally.gold_dates - tally.url_only
    print(f"== {name}: {tally.documents} documents, {len(tally.failed)} not ingested {tally.failed or ''}")
    print(f"   dates in text  : {in_text} gold, right {tally.right}, wrong {len(tally.wrong)}, missing {len(tally.missing)}")
    print(f"   dates URL-only : {tally.url_only} gold, right {tally.url_only_right} (a .txt cannot see its URL)")
    print(f"   dates invented : {len(tally.invented)} (gold has no date)")
    print(f"   with the URL   : {tally.gold_dates} gold, right {tally.with_url_right}, wrong {len(tally.with_url_wrong)},"
          f" invented {len(tally.with_url_invented)}")
    print(f"   leaks          : {len(tally.leaked)} of {tally.traps} trap strings")
    print(f"   words kept     : {tally.words}")
    if verbose:
        for label, items in (("wrong", tally.wrong), ("missing", tally.missing), ("invented", tally.invented),
                             ("with URL wrong", tally.with_url_wrong), ("with URL invented", tally.with_url_invented),
                             ("leaked", tally.leaked)):
            for item in items:
                print(f"     {label}: {item}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder holding the realnews folders")
    parser.add_argument("--dump", type=Path, default=None, help="write each stored article here (for diffs)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong, missing, invented date and leak")
    args = parser.parse_args(argv)
    present = [args.root / name for name in FOLDERS if (args.root / name / "gold.yaml").exists()]
    if not present:
        print(f"skipped: no realnews folders under {args.root}")
        return 0
    for folder in present:
        report(folder.name, measure(folder, args.dump), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
